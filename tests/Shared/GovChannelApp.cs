using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using GovChannel.Web.Areas.Identity;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovChannel.Tests;

/// <summary>
/// The whole application in-process on a fresh database of one provider, configured through settings only (the same
/// names an operator uses). Each fixture has its own database and data directory.
/// </summary>
public abstract class GovChannelApp : WebApplicationFactory<Program>
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "govchannel-test-" + Guid.NewGuid().ToString("N")[..10]);

    public abstract string Provider { get; }
    protected abstract string ConnectionString();
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings() => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("ConnectionStrings:GovChannel", ConnectionString());
        builder.UseSetting("GovChannel:DataDirectory", _dataDir);
        builder.UseSetting("GovChannel:SiteUrl", "http://test.local");
        builder.UseSetting("GovChannel:TokenSecret", "test-secret-" + _dataDir);
        foreach (var (key, value) in Settings())
        {
            builder.UseSetting(key, value);
        }
    }

    public async Task<T> WithDbAsync<T>(Func<GovDb, IServiceProvider, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<GovDb>(), scope.ServiceProvider);
    }

    /// <summary>Create (or fetch) a user directly in the database and return an API token for it.</summary>
    public Task<string> UserTokenAsync(string name, bool sysadmin = false) => WithDbAsync(async (db, sp) =>
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Name == name);
        if (user is null)
        {
            user = new User { Name = name, Email = name + "@example.go.th", Sysadmin = sysadmin, Created = DateTime.SpecifyKind(new DateTime(2026, 1, 1), DateTimeKind.Utc) };
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }
        var (_, token) = await sp.GetRequiredService<ApiTokens>().CreateAsync(db, user, "test", null, CancellationToken.None);
        return token;
    });

    public Task<string> UserIdAsync(string name) => WithDbAsync(async (db, _) => (await db.Users.SingleAsync(u => u.Name == name)).Id);

    /// <summary>Give a user a role in an organisation or group directly (independent of the membership actions).</summary>
    public Task AddMemberAsync(string groupId, string userName, string capacity) => WithDbAsync(async (db, _) =>
    {
        var user = await db.Users.SingleAsync(u => u.Name == userName);
        db.Memberships.Add(new Membership { GroupId = groupId, UserId = user.Id, Capacity = capacity, Created = DateTime.SpecifyKind(new DateTime(2026, 1, 1), DateTimeKind.Utc) });
        await db.SaveChangesAsync();
        return 0;
    });

    /// <summary>Create an organisation or group directly in the database; returns its id.</summary>
    public Task<string> AddGroupAsync(string name, string? title = null, bool organization = true, string? type = null) => WithDbAsync(async (db, _) =>
    {
        var g = new Group
        {
            Name = name, Title = title ?? name, IsOrganization = organization, Type = type ?? (organization ? "organization" : "group"),
            Created = DateTime.SpecifyKind(new DateTime(2026, 1, 1), DateTimeKind.Utc),
        };
        db.Groups.Add(g);
        await db.SaveChangesAsync();
        return g.Id;
    });

    public Ckan Ckan(string? token = null) => new(CreateClient(), token);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteApp : GovChannelApp
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "govchannel-" + Guid.NewGuid().ToString("N")[..10] + ".db");
    public override string Provider => "Sqlite";
    protected override string ConnectionString() => $"Data Source={_file}";
}

public sealed class PostgresApp : GovChannelApp
{
    private readonly Lazy<string> _connection = new(PostgresServer.CreateDatabase);
    public override string Provider => "Postgres";
    protected override string ConnectionString() => _connection.Value;
}

/// <summary>A CKAN API client over the in-process server.</summary>
public sealed class Ckan(HttpClient http, string? token)
{
    public HttpClient Http { get; } = http;

    public Task<CkanResponse> PostAsync(string action, object? body = null, string? asToken = null) =>
        SendAsync(HttpMethod.Post, "/api/3/action/" + action, body is null ? "{}" : (body as JsonNode)?.ToJsonString() ?? System.Text.Json.JsonSerializer.Serialize(body), asToken ?? token);

    public Task<CkanResponse> GetAsync(string actionAndQuery, string? asToken = null) =>
        SendAsync(HttpMethod.Get, "/api/3/action/" + actionAndQuery, null, asToken ?? token);

    public async Task<CkanResponse> SendAsync(HttpMethod method, string url, string? json, string? asToken, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        if (content is not null)
        {
            request.Content = content;
        }
        if (asToken is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", asToken);
        }
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new CkanResponse((int)response.StatusCode, text, response.Content.Headers.ContentType);
    }
}

public sealed record CkanResponse(int Status, string Body, MediaTypeHeaderValue? ContentType)
{
    public JsonNode? Json => JsonNode.Parse(Body);
    public bool Success => Json?["success"]?.GetValue<bool>() == true;
    public JsonNode? Result => Json?["result"];
    public JsonNode? Error => Json?["error"];
    public string? ErrorType => Error?["__type"]?.GetValue<string>();

    public CkanResponse Ok()
    {
        Assert.True(Status == 200 && Success, $"expected success, got {Status}: {Body}");
        return this;
    }
}
