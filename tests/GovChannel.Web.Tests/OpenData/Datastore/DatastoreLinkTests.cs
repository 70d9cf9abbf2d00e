using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using GovChannel.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GovChannel.Web.Tests.OpenData.Datastore;

/// <summary>
/// A resource that links to a file (not an upload): the loader fetches it over real HTTP from a small server started
/// by the test. Failures (404, a web page, binary data, too large) give a clear status and keep the previous table.
/// </summary>
public abstract class DatastoreLinkTests(GovChannelApp app) : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, (int Status, string Type, byte[] Body)> _files = new(StringComparer.Ordinal);
    // A held file: the server says it was asked for, then answers only when the test lets it.
    private readonly ConcurrentDictionary<string, (TaskCompletionSource Asked, TaskCompletionSource Release)> _held = new(StringComparer.Ordinal);
    private WebApplication? _server;
    private string _base = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.MapGet("/{name}", async (string name, HttpContext http) =>
        {
            if (_held.TryGetValue(name, out var held))
            {
                held.Asked.TrySetResult();
                await held.Release.Task;
            }
            if (!_files.TryGetValue(name, out var f))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            http.Response.StatusCode = f.Status;
            http.Response.ContentType = f.Type;
            http.Response.ContentLength = f.Body.Length;
            await http.Response.Body.WriteAsync(f.Body);
        });
        await _server.StartAsync();
        _base = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private string Serve(string name, string type, byte[] body, int status = 200)
    {
        _files[name] = (status, type, body);
        return _base + "/" + name;
    }

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private static async Task<JsonNode> WaitAsync(Ckan sys, string resourceId, string? previousJob = null)
    {
        var deadline = Environment.TickCount64 + 120_000;
        while (Environment.TickCount64 < deadline)
        {
            var r = await sys.PostAsync("xloader_status", new { resource_id = resourceId });
            if (r.Success && r.Result!["status"]!.GetValue<string>() is "complete" or "error" or "superseded" && r.Result["job_id"]!.GetValue<string>() != previousJob)
            {
                return r.Result;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("the load did not finish in time");
    }

    private static async Task<long> TotalAsync(Ckan sys, string rid) =>
        (await sys.PostAsync("datastore_search", new { resource_id = rid })).Ok().Result!["total"]!.GetValue<long>();

    [Fact]
    public async Task Link_Csv_LoadedOverHttpAndReloadedWhenTheLinkChanges()
    {
        var sys = app.Ckan(await app.UserTokenAsync("link-sysadmin", sysadmin: true));
        var org = await app.AddGroupAsync(Unique("org"));
        var d = (await sys.PostAsync("package_create", new { name = Unique("link"), owner_org = org })).Ok().Result!;
        var url = Serve(Unique("areas") + ".csv", "text/csv", Encoding.UTF8.GetBytes("จังหวัด,จำนวน\nเชียงใหม่,12\nขอนแก่น,7\n"));
        var r = (await sys.PostAsync("resource_create", new { package_id = d["id"]!.GetValue<string>(), url, format = "CSV" })).Ok().Result!;
        var rid = r["id"]!.GetValue<string>();
        var first = await WaitAsync(sys, rid);
        Assert.Equal("complete", first["status"]!.GetValue<string>());
        Assert.Equal(2, await TotalAsync(sys, rid));
        Assert.True((await sys.GetAsync("resource_show?id=" + rid)).Ok().Result!["datastore_active"]!.GetValue<bool>());

        var second = Serve(Unique("more") + ".csv", "text/csv", Encoding.UTF8.GetBytes("จังหวัด,จำนวน\nลำพูน,1\nลำปาง,2\nแพร่,3\n"));
        (await sys.PostAsync("resource_patch", new { id = rid, url = second })).Ok();
        var reload = await WaitAsync(sys, rid, first["job_id"]!.GetValue<string>());
        Assert.Equal("complete", reload["status"]!.GetValue<string>());
        Assert.Equal(3, await TotalAsync(sys, rid));
    }

    [Fact]
    public async Task Link_ApiWriteDuringLoad_LoadGivesWayAndSaysSo()
    {
        var sys = app.Ckan(await app.UserTokenAsync("link-sysadmin", sysadmin: true));
        var org = await app.AddGroupAsync(Unique("org"));
        var d = (await sys.PostAsync("package_create", new { name = Unique("link"), owner_org = org })).Ok().Result!;
        var url = Serve(Unique("first") + ".csv", "text/csv", Encoding.UTF8.GetBytes("province,n\nเชียงใหม่,1\nขอนแก่น,2\n"));
        var rid = (await sys.PostAsync("resource_create", new { package_id = d["id"]!.GetValue<string>(), url, format = "CSV" })).Ok().Result!["id"]!.GetValue<string>();
        var first = await WaitAsync(sys, rid);
        Assert.Equal("complete", first["status"]!.GetValue<string>());
        // An alias, and a label in the data dictionary: neither changes rows, so neither makes a load give way.
        var alias = Unique("provinces");
        (await sys.PostAsync("datastore_create", new JsonObject { ["resource_id"] = rid, ["force"] = true, ["aliases"] = new JsonArray(alias) })).Ok();

        // The second file is held at the server: the load was queued (noting the table's version) and has started when it is asked for.
        var secondName = Unique("second") + ".csv";
        var held = (Asked: new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), Release: new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _held[secondName] = held;
        var second = Serve(secondName, "text/csv", Encoding.UTF8.GetBytes("province,n\nลำพูน,10\nลำปาง,20\nแพร่,30\n"));
        (await sys.PostAsync("resource_patch", new { id = rid, url = second })).Ok();
        await held.Asked.Task.WaitAsync(TimeSpan.FromSeconds(60));
        (await sys.PostAsync("datastore_create", new JsonObject
        {
            ["resource_id"] = rid, ["force"] = true,
            ["fields"] = JsonNode.Parse("""[{"id":"province","info":{"label":"จังหวัด"}}]"""),
        })).Ok();
        (await sys.PostAsync("datastore_upsert", new JsonObject
        {
            ["resource_id"] = rid, ["force"] = true, ["method"] = "insert", ["records"] = JsonNode.Parse("""[{"province":"น่าน","n":3}]"""),
        })).Ok();
        held.Release.SetResult();

        var superseded = await WaitAsync(sys, rid, first["job_id"]!.GetValue<string>());
        Assert.Equal("superseded", superseded["status"]!.GetValue<string>());
        Assert.Contains("changed through the DataStore API", superseded["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var kept = (await sys.PostAsync("datastore_search", new { resource_id = alias, sort = "n" })).Ok().Result!;
        Assert.Equal(["เชียงใหม่", "ขอนแก่น", "น่าน"], kept["records"]!.AsArray().Select(r => r!["province"]!.GetValue<string>()));

        // Submitted again, the file replaces the table; the alias and the label stay.
        _held.TryRemove(secondName, out _);
        (await sys.PostAsync("xloader_submit", new { resource_id = rid })).Ok();
        var reload = await WaitAsync(sys, rid, superseded["job_id"]!.GetValue<string>());
        Assert.Equal("complete", reload["status"]!.GetValue<string>());
        var replaced = (await sys.PostAsync("datastore_search", new { resource_id = alias, sort = "n" })).Ok().Result!;
        Assert.Equal(["ลำพูน", "ลำปาง", "แพร่"], replaced["records"]!.AsArray().Select(r => r!["province"]!.GetValue<string>()));
        Assert.Equal("จังหวัด", replaced["fields"]!.AsArray().Single(f => f!["id"]!.GetValue<string>() == "province")!["info"]!["label"]!.GetValue<string>());
        Assert.Equal([alias], (await sys.GetAsync("datastore_info?id=" + rid)).Ok().Result!["meta"]!["aliases"]!.AsArray().Select(a => a!.GetValue<string>()));
    }

    [Fact]
    public async Task Link_Failures_ClearMessageAndPreviousTableKept()
    {
        var sys = app.Ckan(await app.UserTokenAsync("link-sysadmin", sysadmin: true));
        var org = await app.AddGroupAsync(Unique("org"));
        var d = (await sys.PostAsync("package_create", new { name = Unique("link"), owner_org = org })).Ok().Result!;
        var good = Serve(Unique("good") + ".csv", "text/csv", Encoding.UTF8.GetBytes("a,b\n1,x\n2,y\n"));
        var rid = (await sys.PostAsync("resource_create", new { package_id = d["id"]!.GetValue<string>(), url = good, format = "CSV" })).Ok().Result!["id"]!.GetValue<string>();
        var job = (await WaitAsync(sys, rid))["job_id"]!.GetValue<string>();

        var big = new StringBuilder("a,b\n");
        while (big.Length < 300_000)
        {
            big.Append("123456,abcdefgh\n");
        }
        var cases = new (string Url, string Message)[]
        {
            (_base + "/" + Unique("missing") + ".csv", "HTTP 404"),
            (Serve(Unique("server") + ".csv", "text/plain", Encoding.UTF8.GetBytes("oops"), 500), "HTTP 500"),
            (Serve(Unique("page") + ".csv", "text/html", Encoding.UTF8.GetBytes("<!DOCTYPE html>\n<html><body><table><tr><td>a</td></tr></table></body></html>")), "web page (HTML)"),
            (Serve(Unique("image") + ".csv", "image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]), "binary data"),
            (Serve(Unique("big") + ".csv", "text/csv", Encoding.UTF8.GetBytes(big.ToString())), "larger than"),
            ("http://127.0.0.1:1/" + Unique("refused") + ".csv", "failed"),
        };
        foreach (var (url, message) in cases)
        {
            (await sys.PostAsync("resource_patch", new { id = rid, url })).Ok();
            var status = await WaitAsync(sys, rid, job);
            job = status["job_id"]!.GetValue<string>();
            Assert.Equal("error", status["status"]!.GetValue<string>());
            var text = status["message"]!.GetValue<string>();
            Assert.Contains(message, text, StringComparison.Ordinal);
            Assert.Contains("previous table", text, StringComparison.Ordinal);
            Assert.Equal(2, await TotalAsync(sys, rid));
            Assert.True((await sys.GetAsync("resource_show?id=" + rid)).Ok().Result!["datastore_active"]!.GetValue<bool>());
        }
    }
}

public sealed class LinkSqliteApp : GovChannelApp
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "govchannel-" + Guid.NewGuid().ToString("N")[..10] + ".db");
    public override string Provider => "Sqlite";
    protected override string ConnectionString() => $"Data Source={_file}";
    protected override IEnumerable<KeyValuePair<string, string>> Settings() => [new("GovChannel:DatastoreMaxLoadBytes", "200000"), new("GovChannel:DatastoreLoadPrivateAddresses", "true")];
}

public sealed class LinkPostgresApp : GovChannelApp
{
    private readonly Lazy<string> _connection = new(PostgresServer.CreateDatabase);
    public override string Provider => "Postgres";
    protected override string ConnectionString() => _connection.Value;
    protected override IEnumerable<KeyValuePair<string, string>> Settings() => [new("GovChannel:DatastoreMaxLoadBytes", "200000"), new("GovChannel:DatastoreLoadPrivateAddresses", "true")];
}

public sealed class DatastoreLinkTestsSqlite(LinkSqliteApp app) : DatastoreLinkTests(app), IClassFixture<LinkSqliteApp>;

public sealed class DatastoreLinkTestsPostgres(LinkPostgresApp app) : DatastoreLinkTests(app), IClassFixture<LinkPostgresApp>;
