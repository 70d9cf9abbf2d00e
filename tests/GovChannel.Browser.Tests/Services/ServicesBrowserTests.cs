using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace GovChannel.Browser.Tests.Services;

/// <summary>The kiosk and the one search box in real Chromium, on the demo content.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ServicesBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Kiosk_LifeEventThenManual_LargeTargets_ReturnsToStartAfterIdle()
    {
        var page = await fixture.NewPageAsync(1080, 1920);
        await page.GotoAsync("/kiosk?idle=6");
        await Assertions.Expect(page.Locator("#idle-notice")).ToContainTextAsync("6");

        // Touch targets: every tile, button and link in the kiosk is at least 64 px high.
        var heights = await page.EvaluateAsync<double[]>("() => Array.from(document.querySelectorAll('a.tile, .kiosk-bar a, .big-search button')).map(e => e.getBoundingClientRect().height)");
        Assert.NotEmpty(heights);
        Assert.All(heights, h => Assert.True(h >= 64, $"a touch target is {h}px high"));
        await BrowserFixture.ScreenshotAsync(page, "kiosk-start");

        await page.Locator("a.tile", new PageLocatorOptions { HasText = "การเกิด" }).ClickAsync();
        await page.WaitForURLAsync("**/kiosk/find?event=birth*");
        var manual = page.Locator("a.tile", new PageLocatorOptions { HasText = "การแจ้งเกิด" });
        await Assertions.Expect(manual).ToBeVisibleAsync();
        await manual.ClickAsync();
        await page.WaitForURLAsync("**/kiosk/manual/**");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("การแจ้งเกิด");
        await Assertions.Expect(page.Locator(".badge-linked").First).ToBeVisibleAsync();
        var outside = await page.EvaluateAsync<int>("() => Array.from(document.querySelectorAll('a[href]')).filter(a => new URL(a.href).origin !== location.origin).length");
        Assert.Equal(0, outside);
        await BrowserFixture.ScreenshotAsync(page, "kiosk-manual");

        // Nobody touches the screen: a visible countdown, then back to the start page.
        await Assertions.Expect(page.Locator("#idle-warning")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 10_000 });
        await page.WaitForURLAsync("**/kiosk?idle=6", new PageWaitForURLOptions { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("ต้องการติดต่อเรื่องอะไร");
    }

    [Fact]
    public async Task Kiosk_TouchDuringWarning_StaysOnThePage()
    {
        var page = await fixture.NewPageAsync(1080, 1920);
        await page.GotoAsync("/kiosk/find?event=marriage&idle=6");
        await Assertions.Expect(page.Locator("#idle-warning")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 10_000 });
        await page.ClickAsync("#idle-stay");
        await Assertions.Expect(page.Locator("#idle-warning")).ToBeHiddenAsync();
        Assert.Contains("/kiosk/find", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneSearch_ThaiWordFromTheNav_GroupsByKind_TypeTabFilters()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.ClickAsync(".site-nav a[href='/search']");
        await page.FillAsync("#one-q", "ทะเบียน");
        await page.PressAsync("#one-q", "Enter");
        await page.WaitForURLAsync("**/search?q=*");
        await Assertions.Expect(page.Locator("#g-dataset")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#g-manual")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#g-eservice")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".result mark").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "one-search");

        await page.Locator(".tabs a", new PageLocatorOptions { HasText = "คู่มือประชาชน" }).ClickAsync();
        await page.WaitForURLAsync("**type=manual*");
        await Assertions.Expect(page.Locator("#g-dataset")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#g-manual")).ToBeVisibleAsync();
        await page.Locator("#g-manual + ul a").First.ClickAsync();
        await page.WaitForURLAsync("**/manuals/**");
        await Assertions.Expect(page.Locator(".manual-head")).ToContainTextAsync("คู่มือสำหรับประชาชน");
    }

    [Fact]
    public async Task ManualPage_PrintMedia_HidesNavigationKeepsSections()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/manuals");
        await page.Locator(".items a", new PageLocatorOptions { HasText = "การจดทะเบียนสมรส" }).ClickAsync();
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Assertions.Expect(page.Locator(".site-nav")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".manual-section")).ToHaveCountAsync(20);
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4" });
        Assert.True(pdf.Length > 1000);
        await BrowserFixture.ScreenshotAsync(page, "manual-print");
    }

    public static TheoryData<string> AxePages => new()
    {
        "/manuals", "/eservices?lifeEvent=birth", "/eservices/company-registration-online", "/apps", "/apps/moph-health-id",
        "/search?q=%E0%B8%97%E0%B8%B0%E0%B9%80%E0%B8%9A%E0%B8%B5%E0%B8%A2%E0%B8%99", "/insights", "/kiosk", "/kiosk/find?event=birth", "/display",
    };

    [Theory]
    [MemberData(nameof(AxePages))]
    public async Task Axe_ServicesPages_HaveNoViolations(string url)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(url);
        AxeResult result = await page.RunAxe();
        var violations = string.Join("\n", result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => string.Join(",", n.Target)))}"));
        Assert.True(result.Violations.Length == 0, $"{url}:\n{violations}");
    }

    [Fact]
    public async Task Axe_ManualPage_HasNoViolations()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/manuals");
        await page.Locator(".items a", new PageLocatorOptions { HasText = "การแจ้งเกิด" }).ClickAsync();
        await page.WaitForURLAsync("**/manuals/**");
        AxeResult result = await page.RunAxe();
        Assert.True(result.Violations.Length == 0, string.Join("\n", result.Violations.Select(v => v.Id + ": " + v.Help)));
        await BrowserFixture.ScreenshotAsync(page, "manual");
    }
}
