using System.Text.Json.Nodes;
using GovChannel.Tests;

namespace GovChannel.Web.Tests.Services;

/// <summary>The e-service catalogue API on both databases: permissions, validation, browsing filters.</summary>
public abstract class EServiceApiTests(GovChannelApp app)
{
    private readonly ServicesClient _api = new(app.CreateClient());

    private static JsonObject EService(string agency, string slug, int level = 3, string lifeEvent = "birth") => new()
    {
        ["slug"] = slug, ["name"] = "แจ้งเกิดออนไลน์ " + slug, ["description"] = "แจ้งการเกิดของบุตรผ่านระบบออนไลน์",
        ["agency"] = agency, ["level"] = level, ["category"] = "civil-registration", ["channels"] = new JsonArray("web", "app"),
        ["audiences"] = new JsonArray("citizen"), ["lifeEvents"] = new JsonArray(lifeEvent), ["link"] = "https://example.go.th/birth",
        ["launchedOn"] = "2024-11-05",
    };

    private async Task<(string OrgId, string Editor)> AgencyAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var orgId = await app.AddGroupAsync("es-" + suffix);
        var editor = await app.UserTokenAsync("es-editor-" + suffix);
        await app.AddMemberAsync(orgId, "es-editor-" + suffix, "editor");
        return (orgId, editor);
    }

    [Fact]
    public async Task Create_Editor_ReturnsFiscalYearAndIsBrowsableByLifeEvent()
    {
        var (orgId, editor) = await AgencyAsync();
        var slug = "birth-" + Guid.NewGuid().ToString("N")[..8];
        var (status, json) = await _api.PostAsync("/api/eservices", EService(orgId, slug, lifeEvent: "retirement"), editor);
        Assert.Equal(201, status);
        Assert.Equal(2568, json!["fiscalYear"]!.GetValue<int>()); // 5 Nov 2024 is in FY 2568 (Oct 2024 – Sep 2025)
        var (_, list) = await _api.GetAsync($"/api/eservices?lifeEvent=retirement&agency={orgId}");
        Assert.Equal(1, list!["count"]!.GetValue<int>());
        Assert.Equal(slug, list["items"]![0]!["slug"]!.GetValue<string>());
        var (_, none) = await _api.GetAsync($"/api/eservices?lifeEvent=marriage&agency={orgId}");
        Assert.Equal(0, none!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Create_BadLevelChannelAndLink_RefusedWithEveryField()
    {
        var (orgId, editor) = await AgencyAsync();
        var body = EService(orgId, "bad-" + Guid.NewGuid().ToString("N")[..8], level: 7);
        body["channels"] = new JsonArray("fax");
        body["link"] = "javascript:alert(1)";
        var (status, json) = await _api.PostAsync("/api/eservices", body, editor, lang: "en");
        Assert.Equal(400, status);
        var errors = json!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("level"));
        Assert.True(errors.ContainsKey("channels"));
        Assert.Contains("http", errors["link"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_OtherAgencyEditor_Forbidden_Anonymous401()
    {
        var (orgId, editor) = await AgencyAsync();
        var (_, other) = await AgencyAsync();
        var slug = "perm-" + Guid.NewGuid().ToString("N")[..8];
        await _api.PostAsync("/api/eservices", EService(orgId, slug), editor);
        Assert.Equal(403, (await _api.PutAsync("/api/eservices/" + slug, EService(orgId, slug, level: 4), other)).Status);
        Assert.Equal(401, (await _api.PutAsync("/api/eservices/" + slug, EService(orgId, slug, level: 4))).Status);
        var (status, json) = await _api.PutAsync("/api/eservices/" + slug, EService(orgId, slug, level: 4), editor);
        Assert.Equal(200, status);
        Assert.Equal(4, json!["level"]!.GetValue<int>());
    }

    [Fact]
    public async Task Draft_HiddenFromPublic_VisibleToEditor()
    {
        var (orgId, editor) = await AgencyAsync();
        var slug = "draft-" + Guid.NewGuid().ToString("N")[..8];
        var body = EService(orgId, slug);
        body["state"] = "draft";
        await _api.PostAsync("/api/eservices", body, editor);
        Assert.Equal(404, (await _api.GetAsync("/api/eservices/" + slug)).Status);
        Assert.Equal(200, (await _api.GetAsync("/api/eservices/" + slug, editor)).Status);
        var (_, list) = await _api.GetAsync("/api/eservices?agency=" + orgId);
        Assert.Equal(0, list!["count"]!.GetValue<int>());
    }
}

public sealed class EServiceApiTestsSqlite(SqliteApp app) : EServiceApiTests(app), IClassFixture<SqliteApp>;

public sealed class EServiceApiTestsPostgres(PostgresApp app) : EServiceApiTests(app), IClassFixture<PostgresApp>;
