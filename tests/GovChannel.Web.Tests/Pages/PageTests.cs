using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GovChannel.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Tests.Pages;

/// <summary>The public pages over HTTP: every page type in Thai and English, permissions, highlighting, JSON-LD, view counts.</summary>
public sealed class PageTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    public static TheoryData<string> PageUrls => new()
    {
        "/", "/dataset", "/dataset?q=%E0%B8%95%E0%B8%B3%E0%B8%9A%E0%B8%A5", "/dataset?res_format=CSV&sort=name&page=1",
        "/dataset/thailand-sub-districts", "/organization", "/organization/dopa", "/group", "/group?type=category03",
        "/group/category03-physical", "/group/environment", "/user/login",
    };

    [Theory]
    [MemberData(nameof(PageUrls))]
    public async Task Page_ThaiByDefault_Returns200InThai(string url)
    {
        using var response = await fixture.Browser().GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"th\">", html, StringComparison.Ordinal);
        Assert.Contains("ศูนย์กลางข้อมูลเปิดภาครัฐ", html, StringComparison.Ordinal);
        Assert.Contains("<main id=\"main\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PageUrls))]
    public async Task Page_LangEn_Returns200InEnglishAndRemembersIt(string url)
    {
        var client = fixture.Browser();
        using var response = await client.GetAsync(url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "lang=en");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("Government Open Data Centre", html, StringComparison.Ordinal);
        // The cookie keeps English on the next page without the parameter.
        Assert.Contains("<html lang=\"en\">", await client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public void Strings_EveryKey_HasThaiAndEnglish()
    {
        foreach (var (key, (th, en)) in Strings.Table)
        {
            Assert.False(string.IsNullOrWhiteSpace(th), key);
            Assert.False(string.IsNullOrWhiteSpace(en), key);
        }
    }

    [Fact]
    public async Task DatasetPage_Private_Is404ForAnonymousAndNotCounted()
    {
        var client = fixture.Browser();
        using var response = await client.GetAsync("/dataset/dopa-internal-draft-indicators");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("ตัวชี้วัดภายใน", body, StringComparison.Ordinal);
        var search = await client.GetStringAsync("/dataset?q=" + Uri.EscapeDataString("ตัวชี้วัดภายใน"));
        Assert.DoesNotContain("dopa-internal-draft-indicators", search, StringComparison.Ordinal);
        var home = await client.GetStringAsync("/");
        Assert.Contains("<strong>22</strong>", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DatasetPage_Private_Is200ForAgencyEditor()
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        using var response = await client.GetAsync("/dataset/dopa-internal-draft-indicators");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task DatasetPage_Unknown_Is404Page()
    {
        using var response = await fixture.Browser().GetAsync("/dataset/no-such-dataset");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("ไม่พบหน้าที่ต้องการ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_ThaiWord_HighlightsItInTitleAndSnippet()
    {
        var html = await fixture.Browser().GetStringAsync("/dataset?q=" + Uri.EscapeDataString("ตำบล"));
        Assert.Contains("thailand-sub-districts", html, StringComparison.Ordinal);
        Assert.Contains("<mark>ตำบล</mark>", html, StringComparison.Ordinal);
        Assert.Contains("พ.ย.", html, StringComparison.Ordinal); // Buddhist-era date with a Thai month
    }

    [Fact]
    public async Task Search_FacetLink_FiltersByOrganization()
    {
        var html = await fixture.Browser().GetStringAsync("/dataset?organization=bma");
        Assert.Contains("bangkok-bus-stops", html, StringComparison.Ordinal);
        Assert.DoesNotContain("thailand-sub-districts", html, StringComparison.Ordinal);
        Assert.Contains("พบ 3 ชุดข้อมูล", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_BadQuery_IsFriendly400()
    {
        using var response = await fixture.Browser().GetAsync("/dataset?q=" + Uri.EscapeDataString("title:\"unclosed"));
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.OK, response.StatusCode.ToString());
    }

    [Fact]
    public async Task DatasetPage_HasJsonLdAndApiPanel()
    {
        var html = await fixture.Browser().GetStringAsync("/dataset/thailand-sub-districts");
        var json = Regex.Match(html, "<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        var ld = JsonNode.Parse(json)!;
        Assert.Equal("Dataset", ld["@type"]!.GetValue<string>());
        Assert.Equal("http://test.local/dataset/thailand-sub-districts", ld["url"]!.GetValue<string>());
        Assert.Equal("CSV", ld["distribution"]![0]!["encodingFormat"]!.GetValue<string>());
        Assert.StartsWith("http://test.local/dataset/", ld["distribution"]![0]!["contentUrl"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("api/3/action/package_show?id=thailand-sub-districts", html, StringComparison.Ordinal);
        Assert.Contains("ประเภทชุดข้อมูล", html, StringComparison.Ordinal); // a GDC label
    }

    [Fact]
    public async Task DatasetPage_ApiPanel_SearchLinkMatchesCurlAndShowsDatastoreRows()
    {
        var resourceId = (await fixture.App.Ckan().GetAsync("package_show?id=thailand-sub-districts")).Result!["resources"]![0]!["id"]!.GetValue<string>();
        await PortalFixture.WaitForDatastoreAsync(fixture, resourceId);
        var html = await fixture.Browser().GetStringAsync("/dataset/thailand-sub-districts");
        Assert.Contains("href=\"http://test.local/api/3/action/package_search?fq=name:thailand-sub-districts\"", html, StringComparison.Ordinal);
        Assert.Contains($"curl \"http://test.local/api/3/action/datastore_search?resource_id={resourceId}&amp;limit=5\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/organization/dopa", "organization")]
    [InlineData("/group/environment", "groups")]
    public async Task AgencyAndCategoryPages_DoNotOfferTheirOwnFieldAsAFacet(string url, string field)
    {
        var html = await fixture.Browser().GetStringAsync(url);
        Assert.DoesNotContain($"id=\"facet-{field}\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"facet-tags\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"facet-res_format\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DatasetPage_SameVisitorTwice_CountsOneView()
    {
        var client = fixture.Browser();
        client.DefaultRequestHeaders.UserAgent.ParseAdd("PageTests/1.0 (views)");
        await client.GetStringAsync("/dataset/rainfall-monthly");
        await client.GetStringAsync("/dataset/rainfall-monthly");
        var count = await fixture.App.WithDbAsync(async (db, _) =>
        {
            var id = await db.Datasets.Where(d => d.Name == "rainfall-monthly").Select(d => d.Id).SingleAsync();
            return await db.ViewCounts.Where(v => v.DatasetId == id && v.ResourceId == "").SumAsync(v => v.Count);
        });
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task Login_PostWithoutAntiforgeryToken_IsRefused()
    {
        using var response = await fixture.Browser().PostAsync("/user/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = "somchai", ["Password"] = "govchannel-demo",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Login_WrongPassword_ShowsErrorAndStaysAnonymous()
    {
        var client = fixture.Browser();
        var token = PortalFixture.Token(await client.GetStringAsync("/user/login"));
        using var response = await client.PostAsync("/user/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = "admin", ["Password"] = "wrong", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var dashboard = await client.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
        Assert.Contains("/user/login", dashboard.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_Correct_OpensDashboardWithMyAgencies()
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        var html = await client.GetStringAsync("/dashboard");
        Assert.Contains("สมชาย ใจดี", html, StringComparison.Ordinal);
        Assert.Contains("/organization/nso", html, StringComparison.Ordinal);
        Assert.Contains("dopa-internal-draft-indicators", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_Post_SignsOut()
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        var token = PortalFixture.Token(await client.GetStringAsync("/dashboard"));
        using var response = await client.PostAsync("/user/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var dashboard = await client.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
    }

    [Fact]
    public async Task ApiTokens_Create_ShownOnceAndWorksOnTheApi()
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        var page = await client.GetStringAsync("/user/api-tokens");
        using var response = await client.PostAsync("/user/api-tokens?handler=create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Name"] = "script", ["__RequestVerificationToken"] = PortalFixture.Token(page),
        }));
        var html = await response.Content.ReadAsStringAsync();
        var token = Regex.Match(html, "<p class=\"token\" id=\"new-token\">([^<]+)</p>").Groups[1].Value;
        Assert.NotEmpty(token);
        var api = await fixture.App.Ckan(token).GetAsync("package_show?id=dopa-internal-draft-indicators");
        api.Ok();
        Assert.DoesNotContain(token, await client.GetStringAsync("/user/api-tokens"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_EditorOfAgency_IsNotAnAdmin404()
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        using var dopa = await client.GetAsync("/organization/members/dopa");
        Assert.Equal(HttpStatusCode.NotFound, dopa.StatusCode);
        using var nso = await client.GetAsync("/organization/members/nso");
        Assert.Equal(HttpStatusCode.OK, nso.StatusCode);
    }

    [Fact]
    public async Task Members_AdminAddsAndRemovesMember()
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        var page = await client.GetStringAsync("/organization/members/nso");
        using var add = await client.PostAsync("/organization/members/nso?handler=add", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = "admin", ["Role"] = "member", ["__RequestVerificationToken"] = PortalFixture.Token(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        page = await client.GetStringAsync("/organization/members/nso");
        Assert.Contains("(admin)", page, StringComparison.Ordinal);
        using var remove = await client.PostAsync("/organization/members/nso?handler=remove", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = "admin", ["__RequestVerificationToken"] = PortalFixture.Token(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, remove.StatusCode);
        Assert.DoesNotContain("(admin)", await client.GetStringAsync("/organization/members/nso"), StringComparison.Ordinal);
    }
}
