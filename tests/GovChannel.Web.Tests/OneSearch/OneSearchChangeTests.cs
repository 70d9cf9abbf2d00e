using System.Text.Json.Nodes;
using GovChannel.Tests;
using GovChannel.Web.Areas.Search;
using GovChannel.Web.Areas.Services.News;
using GovChannel.Web.Tests.Services;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Tests.OneSearch;

/// <summary>
/// The one search follows every change of a manual, e-service, app or news item through the index-operations log, on
/// both databases: the next search after a write sees it, and a change another node wrote appears without a write here.
/// </summary>
public abstract class OneSearchChangeTests(GovChannelApp app) : IAsyncLifetime
{
    private readonly ServicesClient _api = new(app.CreateClient());
    private string _orgId = "";
    private string _token = "";

    public async Task InitializeAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        _orgId = await app.AddGroupAsync("change-org-" + suffix, "สำนักงานทดสอบการค้นหา");
        _token = await app.UserTokenAsync("changer-" + suffix, sysadmin: true);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A made-up Latin word no other test uses: its hits are exactly the items that carry it.</summary>
    private static string Word() => "zq" + string.Concat(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('g' + (c % 16))));

    private async Task<List<string>> FoundAsync(string type, string word)
    {
        var (status, json) = await _api.GetAsync($"/api/search?type={type}&rows=100&q={word}");
        Assert.Equal(200, status);
        return json!["items"]!.AsArray().Select(i => i!["url"]!.GetValue<string>()).ToList();
    }

    private static JsonObject EService(string org, string slug, string name, string state = "published") => new()
    {
        ["slug"] = slug, ["name"] = name, ["agency"] = org, ["level"] = 2, ["category"] = "health", ["channels"] = new JsonArray("web"),
        ["audiences"] = new JsonArray("citizen"), ["link"] = "https://example.go.th/s", ["launchedOn"] = "2024-01-01", ["state"] = state,
    };

    private static JsonObject App(string org, string slug, string name, string state = "published") => new()
    {
        ["slug"] = slug, ["name"] = name, ["agency"] = org, ["category"] = "health", ["state"] = state,
        ["storeLinks"] = new JsonArray(new JsonObject { ["platform"] = "android", ["url"] = "https://play.example.com/store/apps/x" }),
    };

    [Theory]
    [InlineData("eservice", "/api/eservices", "/eservices/")]
    [InlineData("app", "/api/apps", "/apps/")]
    public async Task Search_CreateUpdateUnpublishDelete_EachReflected(string type, string api, string urlPrefix)
    {
        var (first, second) = (Word(), Word());
        var slug = type + "-" + first;
        JsonObject Body(string name, string state = "published") =>
            type == "app" ? App(_orgId, slug, name, state) : EService(_orgId, slug, name, state);

        Assert.Equal(201, (await _api.PostAsync(api, Body("บริการ " + first), _token)).Status);
        Assert.Equal([urlPrefix + slug], await FoundAsync(type, first));

        Assert.Equal(200, (await _api.PutAsync($"{api}/{slug}", Body("บริการ " + second), _token)).Status);
        Assert.Empty(await FoundAsync(type, first));
        Assert.Equal([urlPrefix + slug], await FoundAsync(type, second));

        Assert.Equal(200, (await _api.PutAsync($"{api}/{slug}", Body("บริการ " + second, "draft"), _token)).Status);
        Assert.Empty(await FoundAsync(type, second));
        Assert.Equal(200, (await _api.PutAsync($"{api}/{slug}", Body("บริการ " + second), _token)).Status);
        Assert.Equal([urlPrefix + slug], await FoundAsync(type, second));

        Assert.Equal(204, (await _api.SendAsync(HttpMethod.Delete, $"{api}/{slug}", null, _token)).Status);
        Assert.Empty(await FoundAsync(type, second));
    }

    [Fact]
    public async Task Search_Manual_DraftHidden_PublishedRevisionShown_NewRevisionOnlyOncePublished()
    {
        var (first, second) = (Word(), Word());
        var manual = ServicesClient.Manual(_orgId, "คู่มือ " + first);
        var (status, created) = await _api.PostAsync("/api/manuals", manual, _token);
        Assert.Equal(201, status);
        var id = created!["id"]!.GetValue<string>();
        Assert.Empty(await FoundAsync("manual", first));

        await _api.PostAsync($"/api/manuals/{id}/approve", null, _token);
        Assert.Equal(200, (await _api.PostAsync($"/api/manuals/{id}/publish", null, _token)).Status);
        Assert.Equal(["/manuals/" + id], await FoundAsync("manual", first));

        // A new revision is a draft: the public keeps finding the published text until it is published.
        manual["name"] = "คู่มือ " + second;
        manual["newRevision"] = true;
        Assert.Equal(200, (await _api.PutAsync($"/api/manuals/{id}", manual, _token)).Status);
        Assert.Equal(["/manuals/" + id], await FoundAsync("manual", first));
        Assert.Empty(await FoundAsync("manual", second));
        await _api.PostAsync($"/api/manuals/{id}/approve", null, _token);
        await _api.PostAsync($"/api/manuals/{id}/publish", null, _token);
        Assert.Empty(await FoundAsync("manual", first));
        Assert.Equal(["/manuals/" + id], await FoundAsync("manual", second));
    }

    [Fact]
    public async Task Search_News_CreatedFound_ChangedByAnotherNodeFollowed_FutureAndDraftHidden()
    {
        var (first, second) = (Word(), Word());
        var (status, created) = await _api.PostAsync("/api/news", new JsonObject { ["title"] = "ข่าว " + first, ["agency"] = _orgId }, _token);
        Assert.Equal(201, status);
        var id = created!["id"]!.GetValue<string>();
        Assert.Equal(["/news/" + id], await FoundAsync("news", first));

        // What another node leaves in the shared database: the rows and their index operations, no write on this node.
        var future = Word();
        await app.WithDbAsync(async (db, _) =>
        {
            var row = await db.News.SingleAsync(n => n.Id == id);
            row.Title = "ข่าว " + second;
            var now = DateTime.SpecifyKind(new DateTime(2026, 1, 1), DateTimeKind.Utc);
            var later = new NewsItem { Title = "ข่าวล่วงหน้า " + future, PublishedAt = DateTime.SpecifyKind(new DateTime(2999, 1, 1), DateTimeKind.Utc), Created = now };
            var draft = new NewsItem { Title = "ร่างข่าว " + future, State = "draft", PublishedAt = now, Created = now };
            db.News.AddRange(later, draft);
            OneSearchIndex.Reindex(db, OneSearchIndex.News, id, now);
            OneSearchIndex.Reindex(db, OneSearchIndex.News, later.Id, now);
            OneSearchIndex.Reindex(db, OneSearchIndex.News, draft.Id, now);
            return await db.SaveChangesAsync();
        });
        // The catalogue's poller applies other nodes' operations about twice a second.
        for (var i = 0; i < 50 && (await FoundAsync("news", second)).Count == 0; i++)
        {
            await Task.Delay(100);
        }
        Assert.Equal(["/news/" + id], await FoundAsync("news", second));
        Assert.Empty(await FoundAsync("news", first));
        Assert.Empty(await FoundAsync("news", future));

        await app.WithDbAsync(async (db, _) =>
        {
            db.News.Remove(await db.News.SingleAsync(n => n.Id == id));
            OneSearchIndex.Reindex(db, OneSearchIndex.News, id, DateTime.SpecifyKind(new DateTime(2026, 1, 1), DateTimeKind.Utc));
            return await db.SaveChangesAsync();
        });
        for (var i = 0; i < 50 && (await FoundAsync("news", second)).Count > 0; i++)
        {
            await Task.Delay(100);
        }
        Assert.Empty(await FoundAsync("news", second));
    }
}

public sealed class OneSearchChangeTestsSqlite(SqliteApp app) : OneSearchChangeTests(app), IClassFixture<SqliteApp>;

public sealed class OneSearchChangeTestsPostgres(PostgresApp app) : OneSearchChangeTests(app), IClassFixture<PostgresApp>;
