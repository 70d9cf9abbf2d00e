using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace GovChannel.Browser.Tests;

/// <summary>What a person does on the portal, in real Chromium: find, understand, download, publish; in Thai and English; on a phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PortalBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Search_ThaiWordThenFacet_FindsTheSubDistrictData()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.FillAsync("#home-q", "ตำบล");
        await page.PressAsync("#home-q", "Enter");
        await page.WaitForURLAsync("**/dataset?q=*");
        var result = page.Locator(".result h3 a", new PageLocatorOptions { HasText = "ตำแหน่งที่ตั้งตำบล" });
        await Assertions.Expect(result).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".result mark").First).ToHaveTextAsync("ตำบล");

        await page.Locator("#facet-res_format + ul a", new PageLocatorOptions { HasText = "CSV" }).ClickAsync();
        await page.WaitForURLAsync("**res_format=CSV*");
        await Assertions.Expect(result).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".chips a").First).ToContainTextAsync("CSV");
        await BrowserFixture.ScreenshotAsync(page, "search-facet");

        await result.ClickAsync();
        await page.WaitForURLAsync("**/dataset/thailand-sub-districts");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("ข้อมูลตำแหน่งที่ตั้งตำบล (LAT/LONG ที่ตั้งตำบล)");
    }

    [Fact]
    public async Task DatasetPage_ShowsMetadataAndDownloadsTheFile()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/dataset/thailand-sub-districts");
        await Assertions.Expect(page.Locator("table.metadata")).ToContainTextAsync("ประเภทชุดข้อมูล");
        await Assertions.Expect(page.Locator(".resources .badge").First).ToHaveTextAsync("CSV");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator(".resources a.button").First.ClickAsync());
        Assert.Equal("thailand-sub-districts.csv", download.SuggestedFilename);
        await BrowserFixture.ScreenshotAsync(page, "dataset");
    }

    [Fact]
    public async Task LanguageSwitch_EnglishAndBack_KeepsThePage()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/dataset/thailand-sub-districts");
        await page.ClickAsync(".lang-switch");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.Locator(".site-nav")).ToContainTextAsync("Datasets");
        await Assertions.Expect(page.Locator("table.metadata")).ToContainTextAsync("Dataset type");
        Assert.Contains("/dataset/thailand-sub-districts", page.Url, StringComparison.Ordinal);
        await page.GotoAsync("/organization");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Agencies");
        await BrowserFixture.ScreenshotAsync(page, "organizations-en");
        await page.ClickAsync(".lang-switch");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "th");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("หน่วยงาน");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/dataset?q=%E0%B8%95%E0%B8%B3%E0%B8%9A%E0%B8%A5")]
    [InlineData("/dataset/thailand-sub-districts")]
    [InlineData("/organization/dopa")]
    [InlineData("/group")]
    [InlineData("/dataset?sort=views_recent&lang=en")]
    [InlineData("/showcase/tambon-finder")]
    [InlineData("/dataset/request")]
    [InlineData("/news")]
    public async Task Phone360_NoHorizontalScroll(string url)
    {
        var page = await fixture.NewPageAsync(360, 740);
        await page.GotoAsync(url);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{url} is {overflow}px wider than a 360px screen");
        if (url.StartsWith("/dataset/", StringComparison.Ordinal))
        {
            await BrowserFixture.ScreenshotAsync(page, "phone-dataset");
        }
    }

    [Fact]
    public async Task DatasetPage_PrintMedia_KeepsMetadataAndFilesWithoutNavigation()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/dataset/thailand-sub-districts");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Assertions.Expect(page.Locator(".site-nav")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".api-panel")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".resources")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("table").First).ToBeVisibleAsync();
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4" });
        Assert.True(pdf.Length > 1000);
        await BrowserFixture.ScreenshotAsync(page, "dataset-print");
    }

    [Fact]
    public async Task Publish_TwoStagesWithUpload_ShowsTheNewDataset()
    {
        var page = await fixture.SignedInPageAsync();
        await page.ClickAsync("a[href='/dataset/new']");
        await page.FillAsync("#title", "Tourist arrivals by month");
        await Assertions.Expect(page.Locator("#name")).ToHaveValueAsync("tourist-arrivals-by-month");
        await page.FillAsync("#notes", "จำนวนนักท่องเที่ยวรายเดือน จำแนกตามจังหวัด");
        await page.SelectOptionAsync("#owner_org", new SelectOptionValue { Label = "สำนักงานสถิติแห่งชาติ" });
        await page.FillAsync("#tag_string", "ท่องเที่ยว, tourism");
        await page.FillAsync("#maintainer", "สมชาย ใจดี");
        await page.SelectOptionAsync("#data_type", "ข้อมูลสถิติ");
        await page.CheckAsync("input[name='Input.DataFormat'][value='CSV']");
        await BrowserFixture.ScreenshotAsync(page, "publish-stage1");
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync("**/dataset/tourist-arrivals-by-month/resource/new");

        var csv = Path.Combine(Path.GetTempPath(), "tourists-" + Guid.NewGuid().ToString("N")[..6] + ".csv");
        await File.WriteAllTextAsync(csv, "month,province,arrivals\n2026-01,เชียงใหม่,120000\n");
        await page.SetInputFilesAsync("#upload", csv);
        await page.FillAsync("#res-name", "ข้อมูลรายเดือน (CSV)");
        await page.ClickAsync("button[value=finish]");
        await page.WaitForURLAsync("**/dataset/tourist-arrivals-by-month");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Tourist arrivals by month");
        await Assertions.Expect(page.Locator(".resources")).ToContainTextAsync("ข้อมูลรายเดือน (CSV)");
        await BrowserFixture.ScreenshotAsync(page, "publish-done");
        File.Delete(csv);

        // Anyone can find it now.
        var visitor = await fixture.NewPageAsync();
        await visitor.GotoAsync("/dataset?q=" + Uri.EscapeDataString("นักท่องเที่ยว"));
        await Assertions.Expect(visitor.Locator(".result h3 a", new PageLocatorOptions { HasText = "Tourist arrivals by month" })).ToBeVisibleAsync();
    }

    public static TheoryData<string, bool> AxePages => new()
    {
        { "/", false }, { "/dataset?q=%E0%B8%95%E0%B8%B3%E0%B8%9A%E0%B8%A5", false }, { "/dataset/thailand-sub-districts", false },
        { "/organization", false }, { "/organization/dopa", false }, { "/group", false }, { "/group/category03-physical", false },
        { "/user/login", false }, { "/dashboard", true }, { "/dataset/new", true }, { "/user/api-tokens", true },
        { "/organization/members/nso", true }, { "/dataset/thailand-sub-districts?lang=en", false }, { "/no-such-page", false },
        { "/dataset/edit/thailand-sub-districts", true }, { "/dataset/thailand-sub-districts/resource/new", true },
        { "/dataset?sort=views_recent&res_format=CSV", false }, { "/group?type=category01", false },
    };

    [Fact]
    public async Task Axe_NewDatasetWithErrors_HasNoViolations()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync("/dataset/new?lang=en");
        await page.ClickAsync("main button[type=submit]");
        await Assertions.Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        AxeResult result = await page.RunAxe();
        Assert.True(result.Violations.Length == 0, string.Join("\n", result.Violations.Select(v => v.Id + ": " + v.Help)));
    }

    [Theory]
    [MemberData(nameof(AxePages))]
    public async Task Axe_PageType_HasNoViolations(string url, bool signedIn)
    {
        var page = signedIn ? await fixture.SignedInPageAsync() : await fixture.NewPageAsync();
        await page.GotoAsync(url);
        AxeResult result = await page.RunAxe();
        var violations = string.Join("\n", result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => string.Join(",", n.Target)))}"));
        Assert.True(result.Violations.Length == 0, $"{url}:\n{violations}");
    }
}
