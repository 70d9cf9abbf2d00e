using System.Text.Json.Nodes;
using GovChannel.Tests;
using GovChannel.Web.Tests.Services;

namespace GovChannel.Web.Tests.OneSearch;

/// <summary>The one search box over HTTP on both databases: Thai words, grouping, the type filter, permissions.</summary>
public abstract class OneSearchTests(GovChannelApp app) : IAsyncLifetime
{
    private readonly ServicesClient _api = new(app.CreateClient());
    private string _manualId = "";

    public async Task InitializeAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var orgName = "search-org-" + suffix;
        var orgId = await app.AddGroupAsync(orgName, "สำนักงานค้นหา");
        var token = await app.UserTokenAsync("searcher-" + suffix, sysadmin: true);
        var ckan = app.Ckan(token);
        (await ckan.PostAsync("package_create", new JsonObject
        {
            ["name"] = "building-stats-" + suffix, ["title"] = "สถิติอาคารสร้างใหม่รายจังหวัด", ["owner_org"] = orgId,
            ["notes"] = "จำนวนอาคารที่ได้รับอนุญาตก่อสร้าง", ["resources"] = new JsonArray(new JsonObject { ["url"] = "https://example.go.th/a.csv" }),
        })).Ok();
        (await ckan.PostAsync("package_create", new JsonObject
        {
            ["name"] = "secret-buildings-" + suffix, ["title"] = "อาคารลับเฉพาะภายในหน่วยงาน", ["owner_org"] = orgId, ["private"] = true,
            ["resources"] = new JsonArray(new JsonObject { ["url"] = "https://example.go.th/b.csv" }),
        })).Ok();
        var manual = ServicesClient.Manual(orgId, "การขออนุญาตดัดแปลงอาคาร " + suffix);
        var (_, created) = await _api.PostAsync("/api/manuals", manual, token);
        _manualId = created!["id"]!.GetValue<string>();
        await _api.PostAsync($"/api/manuals/{_manualId}/approve", null, token);
        await _api.PostAsync($"/api/manuals/{_manualId}/publish", null, token);
        // A draft manual with the same word must not be found.
        await _api.PostAsync("/api/manuals", ServicesClient.Manual(orgId, "ร่างคู่มืออาคารที่ยังไม่เผยแพร่"), token);
        await _api.PostAsync("/api/eservices", new JsonObject
        {
            ["slug"] = "building-online-" + suffix, ["name"] = "ขออนุญาตก่อสร้างอาคารออนไลน์", ["agency"] = orgId, ["level"] = 3,
            ["category"] = "land-housing", ["channels"] = new JsonArray("web"), ["audiences"] = new JsonArray("citizen"),
            ["link"] = "https://example.go.th/permit", ["launchedOn"] = "2023-01-01",
        }, token);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Search_ThaiWord_FindsManualDatasetAndEServiceGroupedWithCounts()
    {
        var (status, json) = await _api.GetAsync("/api/search?q=" + Uri.EscapeDataString("อาคาร"));
        Assert.Equal(200, status);
        var counts = json!["counts"]!;
        Assert.True(counts["dataset"]!.GetValue<int>() >= 1);
        Assert.True(counts["manual"]!.GetValue<int>() >= 1);
        Assert.True(counts["eservice"]!.GetValue<int>() >= 1);
        var items = json["items"]!.AsArray();
        Assert.Contains(items, i => i!["type"]!.GetValue<string>() == "manual" && i["url"]!.GetValue<string>() == "/manuals/" + _manualId);
        Assert.Contains(items, i => i!["type"]!.GetValue<string>() == "dataset" && i["title"]!.GetValue<string>() == "สถิติอาคารสร้างใหม่รายจังหวัด");
        Assert.All(items, i => Assert.StartsWith("/", i!["url"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Contains("อนุญาต", items.First(i => i!["type"]!.GetValue<string>() == "dataset")!["snippet"]!.GetValue<string>(), StringComparison.Ordinal);
        // Grouped by kind: every dataset item comes before every manual item.
        var kinds = items.Select(i => i!["type"]!.GetValue<string>()).ToList();
        Assert.True(kinds.LastIndexOf("dataset") < kinds.IndexOf("manual"));
    }

    [Fact]
    public async Task Search_TypeFilter_ReturnsOnlyThatKind_ButCountsEveryKind()
    {
        var (_, json) = await _api.GetAsync("/api/search?type=manual&q=" + Uri.EscapeDataString("อาคาร"));
        var items = json!["items"]!.AsArray();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.Equal("manual", i!["type"]!.GetValue<string>()));
        Assert.True(json["counts"]!["dataset"]!.GetValue<int>() >= 1);
        Assert.Equal(400, (await _api.GetAsync("/api/search?type=people&q=x")).Status);
    }

    [Fact]
    public async Task Search_PrivateDatasetAndDraftManual_NeverAppear()
    {
        var (_, json) = await _api.GetAsync("/api/search?type=dataset&rows=100&q=" + Uri.EscapeDataString("อาคาร"));
        Assert.DoesNotContain(json!["items"]!.AsArray(), i => i!["title"]!.GetValue<string>().Contains("ลับเฉพาะ", StringComparison.Ordinal));
        (_, json) = await _api.GetAsync("/api/search?q=" + Uri.EscapeDataString("ลับเฉพาะ"));
        Assert.Equal(0, json!["counts"]!["dataset"]!.GetValue<int>());
        (_, json) = await _api.GetAsync("/api/search?type=manual&q=" + Uri.EscapeDataString("ร่างคู่มือ"));
        Assert.Equal(0, json!["counts"]!["manual"]!.GetValue<int>());
    }

    [Fact]
    public async Task Search_WordInsideCompound_FindsManual()
    {
        // "ดัดแปลง" is inside the manual's title; an English word finds its English name too.
        var (_, json) = await _api.GetAsync("/api/search?type=manual&q=" + Uri.EscapeDataString("ดัดแปลง"));
        Assert.True(json!["counts"]!["manual"]!.GetValue<int>() >= 1);
        (_, json) = await _api.GetAsync("/api/search?type=manual&q=house+number");
        Assert.True(json!["counts"]!["manual"]!.GetValue<int>() >= 1);
    }

    [Fact]
    public async Task Search_SolrSyntaxErrorFromACitizen_StillAnswers()
    {
        var (status, _) = await _api.GetAsync("/api/search?q=" + Uri.EscapeDataString("อาคาร \"ไม่ปิด"));
        Assert.Equal(200, status);
    }
}

public sealed class OneSearchTestsSqlite(SqliteApp app) : OneSearchTests(app), IClassFixture<SqliteApp>;

public sealed class OneSearchTestsPostgres(PostgresApp app) : OneSearchTests(app), IClassFixture<PostgresApp>;

public sealed class SnippetTests
{
    [Fact]
    public void Snippet_NeverStartsWithAThaiMark()
    {
        var text = string.Concat(Enumerable.Repeat("ผู้ยื่นคำขอต้องมาแสดงตน ", 40)) + "คำค้นอยู่ตรงนี้";
        for (var i = 0; i < 30; i++)
        {
            var snippet = GovChannel.Web.Areas.Search.OneSearch.Snippet(text[i..], ["คำค้น"], 120);
            var first = snippet.TrimStart('…')[0];
            Assert.NotEqual(System.Globalization.UnicodeCategory.NonSpacingMark, char.GetUnicodeCategory(first));
        }
    }
}
