using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace GovChannel.Browser.Tests;

/// <summary>News, showcases and the request-a-dataset form in real Chromium: a request sent without JavaScript help, and axe on each page type.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task RequestForm_BadEmailThenFixed_IsSent()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/dataset/request");
        await page.FillAsync("#title", "ข้อมูลจุดจอดรถจักรยานสาธารณะ");
        await page.FillAsync("#email", "not-an-email");
        await page.ClickAsync("main button[type=submit]");
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("กรุณากรอกอีเมลที่ถูกต้อง");
        await BrowserFixture.ScreenshotAsync(page, "request-error");
        await page.FillAsync("#email", "rider@example.com");
        await page.SelectOptionAsync("#agency", new SelectOptionValue { Label = "กรุงเทพมหานคร" });
        await page.ClickAsync("main button[type=submit]");
        await Assertions.Expect(page.Locator(".notice.ok")).ToContainTextAsync("ได้รับคำขอแล้ว");
    }

    [Fact]
    public async Task Showcase_FromHomeStrip_ListsItsDatasets()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.ClickAsync(".showcases a[href='/showcase/tambon-finder']");
        await page.WaitForURLAsync("**/showcase/tambon-finder");
        await Assertions.Expect(page.Locator(".results")).ToContainTextAsync("ข้อมูลตำแหน่งที่ตั้งตำบล");
        await BrowserFixture.ScreenshotAsync(page, "showcase");
    }

    public static TheoryData<string, bool> AxePages => new()
    {
        { "/news", false }, { "/publications?lang=en", false }, { "/showcase", false }, { "/showcase/tambon-finder", false },
        { "/dataset/request", false }, { "/dataset/requests", true }, { "/news/edit", true },
    };

    [Theory]
    [MemberData(nameof(AxePages))]
    public async Task Axe_ContentPage_HasNoViolations(string url, bool signedIn)
    {
        var page = signedIn ? await fixture.SignedInPageAsync() : await fixture.NewPageAsync();
        await page.GotoAsync(url);
        AxeResult result = await page.RunAxe();
        var violations = string.Join("\n", result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => string.Join(",", n.Target)))}"));
        Assert.True(result.Violations.Length == 0, $"{url}:\n{violations}");
    }

    [Fact]
    public async Task Axe_NewsItem_HasNoViolations()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/news");
        await page.Locator(".results h3 a").First.ClickAsync();
        await page.WaitForURLAsync("**/news/*");
        AxeResult result = await page.RunAxe();
        Assert.True(result.Violations.Length == 0, string.Join("\n", result.Violations.Select(v => v.Id + ": " + v.Help)));
        await BrowserFixture.ScreenshotAsync(page, "news-item");
    }
}
