using System.Net;
using System.Text.RegularExpressions;
using GovChannel.Web.Areas.Services;
using GovChannel.Web.Tests.Pages;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Tests.Services;

/// <summary>The services, apps, search, insights, kiosk and display pages over HTTP, on the demo content, in Thai and English.</summary>
public sealed partial class ServicesPageTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private Task<string> ManualIdAsync(string name) =>
        fixture.App.WithDbAsync(async (db, _) => await db.CitizenManuals.Where(m => m.Name == name).Select(m => m.Id).FirstAsync());

    public static TheoryData<string, string> Urls()
    {
        var data = new TheoryData<string, string>();
        foreach (var lang in new[] { "th", "en" })
        {
            foreach (var url in new[]
            {
                "/manuals", "/manuals?category=registration", "/manuals?q=%E0%B9%81%E0%B8%88%E0%B9%89%E0%B8%87%E0%B9%80%E0%B8%81%E0%B8%B4%E0%B8%94",
                "/manual:การแจ้งเกิด", "/eservices", "/eservices?lifeEvent=birth&level=4", "/eservices/birth-notice-online", "/apps", "/apps?platform=ios",
                "/apps/pcd-air4thai", "/search", "/search?q=%E0%B8%AD%E0%B8%B2%E0%B8%81%E0%B8%B2%E0%B8%A8", "/search?q=pm2.5&type=dataset", "/insights",
                "/insights?osi=0.5&tii=0.4&hci=0.6", "/kiosk", "/kiosk/find?event=birth", "/kiosk/find?q=%E0%B8%AA%E0%B8%A1%E0%B8%A3%E0%B8%AA",
                "/kiosk/manual:การจดทะเบียนสมรส", "/display", "/display?slide=1", "/display?slide=2",
            })
            {
                data.Add(url, lang);
            }
        }
        return data;
    }

    private async Task<string> ResolveAsync(string url)
    {
        foreach (var (prefix, path) in new[] { ("/manual:", "/manuals/"), ("/kiosk/manual:", "/kiosk/manual/") })
        {
            if (url.StartsWith(prefix, StringComparison.Ordinal))
            {
                return path + await ManualIdAsync(url[prefix.Length..]);
            }
        }
        return url;
    }

    [Theory]
    [MemberData(nameof(Urls))]
    public async Task Page_ThaiAndEnglish_Returns200(string url, string lang)
    {
        var path = await ResolveAsync(url);
        using var response = await fixture.Browser().GetAsync(path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "lang=" + lang);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} ({lang}): {(int)response.StatusCode}");
        Assert.Contains($"<html lang=\"{lang}\"", html, StringComparison.Ordinal);
        // A key missing from the string tables would show as itself (e.g. "manuals.title").
        Assert.DoesNotMatch(MissingKey(), html);
    }

    [Fact]
    public async Task ManualPage_SectionsInTheOfficialOrder_WithNoCopyFlagAnd1111()
    {
        var id = await ManualIdAsync("การแจ้งเกิด");
        var html = await fixture.Browser().GetStringAsync($"/manuals/{id}?lang=th");
        string[] headings = ["1. ชื่อกระบวนงาน", "2. หน่วยงานกลางเจ้าของกระบวนงาน", "3. ประเภทของงานบริการ", "4. หมวดหมู่ของงานบริการ", "5. กฎหมายที่ให้อำนาจ",
            "6. ระดับผลกระทบ", "7. พื้นที่ให้บริการ", "8. กฎหมายข้อบังคับ", "9. ข้อมูลสถิติ", "10. ชื่ออ้างอิงของคู่มือประชาชน", "11. ช่องทางการให้บริการ",
            "12. หลักเกณฑ์ วิธีการ", "13. ขั้นตอน ระยะเวลา", "14. ระยะเวลาดำเนินการรวม", "15. งานบริการนี้ผ่านการดำเนินการลดขั้นตอน", "16. รายการเอกสารหลักฐาน",
            "17. ค่าธรรมเนียม", "18. ช่องทางการร้องเรียน", "19. ตัวอย่างแบบฟอร์ม", "20. หมายเหตุ"];
        var at = 0;
        foreach (var h in headings)
        {
            var next = html.IndexOf(h, at, StringComparison.Ordinal);
            Assert.True(next > at, $"'{h}' missing or out of order");
            at = next;
        }
        Assert.Contains("หน่วยงานเรียกดูเอง ไม่ต้องยื่น", html, StringComparison.Ordinal);
        Assert.Contains("1111", html, StringComparison.Ordinal);
        Assert.Contains("ไม่มีค่าธรรมเนียม", html, StringComparison.Ordinal);
        Assert.Contains("30 นาที", html, StringComparison.Ordinal);
        Assert.Contains("services.css", html, StringComparison.Ordinal); // the A4 print rules live there
    }

    [Fact]
    public async Task ManualPage_DraftManual_NotFoundForThePublic()
    {
        var id = await ManualIdAsync("การขอใช้ข้อมูลสถิติรายละเอียดระดับย่อย");
        using var response = await fixture.Browser().GetAsync($"/manuals/{id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ManualPage_LocalCopy_LinksToItsSource()
    {
        var id = await fixture.App.WithDbAsync(async (db, _) => await db.CitizenManuals.Where(m => m.CopiedFromId != null).Select(m => m.Id).FirstAsync());
        var html = await fixture.Browser().GetStringAsync($"/manuals/{id}");
        Assert.Contains("[สำเนาคู่มือประชาชน]", html, StringComparison.Ordinal);
        Assert.Contains("สำเนาจากคู่มือ", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/kiosk")]
    [InlineData("/kiosk/find?event=starting-business")]
    [InlineData("/kiosk/find?q=%E0%B8%9A%E0%B8%A3%E0%B8%B4%E0%B8%A9%E0%B8%B1%E0%B8%97")]
    [InlineData("/kiosk/manual:การจดทะเบียนจัดตั้งบริษัทจำกัด")]
    public async Task Kiosk_HasNoOutsideLinks_AndAnnouncesTheIdleReset(string url)
    {
        var html = await fixture.Browser().GetStringAsync(await ResolveAsync(url));
        var hrefs = Href().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(hrefs);
        Assert.All(hrefs, h => Assert.True(h.StartsWith('/') && !h.StartsWith("//", StringComparison.Ordinal), $"outside link {h} on {url}"));
        Assert.Contains("id=\"idle-notice\"", html, StringComparison.Ordinal);
        Assert.Contains("kiosk.js", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchPage_ThaiWord_GroupsDatasetsAndManuals()
    {
        var html = await fixture.Browser().GetStringAsync("/search?q=" + Uri.EscapeDataString("ทะเบียน"));
        Assert.Contains("id=\"g-dataset\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"g-manual\"", html, StringComparison.Ordinal);
        Assert.Contains("<mark>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("dopa-internal-draft-indicators", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InsightsPage_ShowsEgdi2016AndTables()
    {
        var html = await fixture.Browser().GetStringAsync("/insights?lang=en");
        Assert.Contains("EGDI = 0.55222", html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"chart\"", html, StringComparison.Ordinal);
        Assert.Contains("2003", html, StringComparison.Ordinal);
        Assert.Contains("0.46529", html, StringComparison.Ordinal); // 2010 from the UN data
    }

    [Fact]
    public async Task AppPage_SignedInRating_IsPendingUntilModerated()
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        var page = await client.GetStringAsync("/apps/tmd-weather");
        using var response = await client.PostAsync("/apps/tmd-weather", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Stars"] = "4", ["Comment"] = "พยากรณ์แม่นยำ", ["__RequestVerificationToken"] = PortalFixture.Token(page),
        }));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("รอการตรวจสอบ", html, StringComparison.Ordinal);
        var state = await fixture.App.WithDbAsync(async (db, _) => await db.AppRatings
            .Where(r => r.Comment == "พยากรณ์แม่นยำ").Select(r => r.State).SingleAsync());
        Assert.Equal("pending", state);
    }

    [Fact]
    public void Strings_EveryKeyHasThaiAndEnglish()
    {
        Assert.All(ServicesStrings.Table, kv =>
        {
            Assert.False(string.IsNullOrWhiteSpace(kv.Value.Th), kv.Key);
            Assert.False(string.IsNullOrWhiteSpace(kv.Value.En), kv.Key);
        });
    }

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex Href();

    [GeneratedRegex(">(manuals|manual|sec|eservices|eservice|apps|app|rate|onesearch|kind|insights|egdi|kiosk|display|filter|state|level)\\.[a-z.-]+<")]
    private static partial Regex MissingKey();
}
