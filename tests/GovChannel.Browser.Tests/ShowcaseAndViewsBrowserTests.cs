using System.Text.Json.Nodes;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using GovChannel.Web.Areas.OpenData.Tracking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GovChannel.Browser.Tests;

/// <summary>The showcase form as a showcase admin uses it, and the "most viewed" sort on /dataset and the home page, in real Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ShowcaseAndViewsBrowserTests(BrowserFixture fixture)
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static async Task<AxeResult> AxeAsync(IPage page) => await page.RunAxe();

    private static string Describe(AxeResult result) => string.Join("\n", result.Violations.Select(v =>
        $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => string.Join(",", n.Target)))}"));

    [Fact]
    public async Task ShowcaseForm_ShowcaseAdmin_AddsShowcaseWithPictureAndDataset()
    {
        var admin = fixture.App.Ckan(await fixture.App.UserTokenAsync("admin"));
        await admin.PostAsync("ckanext_showcase_admin_add", new JsonObject { ["username"] = "somchai" });
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync("/showcase");
        await page.ClickAsync("main a[href='/showcase/edit']");
        await page.WaitForURLAsync("**/showcase/edit");

        // Nothing filled in: the errors come back in Thai, the form is axe clean with them.
        await page.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("กรุณากรอกข้อมูล");
        var withErrors = await AxeAsync(page);
        Assert.True(withErrors.Violations.Length == 0, Describe(withErrors));

        await page.FillAsync("#title", "Rain map for farmers");
        await Assertions.Expect(page.Locator("#name")).ToHaveValueAsync("rain-map-for-farmers");
        await page.FillAsync("#notes", "Monthly **rainfall** on a map");
        await page.FillAsync("#url", "https://example.org/rain-map");
        await page.FillAsync("#tags", "ฝน, แผนที่");
        await page.FillAsync("#datasets", "rainfall-monthly");
        await page.SetInputFilesAsync("#image", new FilePayload { Name = "rain.png", MimeType = "image/png", Buffer = Png });
        await BrowserFixture.ScreenshotAsync(page, "showcase-form");
        await page.ClickAsync("main form button[type=submit]");
        // The page's script fills the URL name from the title, as on the dataset form.
        await page.WaitForURLAsync("**/showcase/rain-map-for-farmers");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Rain map for farmers");
        await Assertions.Expect(page.Locator(".notes strong")).ToHaveTextAsync("rainfall");
        await Assertions.Expect(page.Locator("img.showcase-image")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('img.showcase-image').naturalWidth === 1"));
        await Assertions.Expect(page.Locator(".results .result")).ToHaveCountAsync(1);
        var shown = await AxeAsync(page);
        Assert.True(shown.Violations.Length == 0, Describe(shown));
        await BrowserFixture.ScreenshotAsync(page, "showcase-created");

        // The edit page in English, and the list has it.
        await page.ClickAsync("main a[href^='/showcase/edit/']");
        await page.GotoAsync(page.Url + "?lang=en");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Edit showcase");
        await Assertions.Expect(page.Locator("#datasets")).ToHaveValueAsync("rainfall-monthly");
        var edit = await AxeAsync(page);
        Assert.True(edit.Violations.Length == 0, Describe(edit));
        await page.GotoAsync("/showcase");
        await Assertions.Expect(page.Locator(".showcases")).ToContainTextAsync("Rain map for farmers");
    }

    [Fact]
    public async Task Axe_ShowcaseAdminsPage_HasNoViolations()
    {
        var page = await fixture.SignedInPageAsync("admin");
        await page.GotoAsync("/showcase/admins?lang=en");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Showcase admins");
        var result = await AxeAsync(page);
        Assert.True(result.Violations.Length == 0, Describe(result));
    }

    [Fact]
    public async Task DatasetSearch_SortByViews_PutsTheMostViewedFirstAsOnTheHomePage()
    {
        // Many views on one dataset, fewer on another (more than the other browser tests' own visits), then the job.
        var titles = await fixture.App.WithDbAsync(async (db, sp) =>
        {
            var today = sp.GetRequiredService<ViewTracker>().Today;
            var sets = db.Datasets.Where(d => d.Name == "thailand-sub-districts" || d.Name == "rainfall-monthly").ToList();
            foreach (var (d, views) in sets.Select(d => (d, d.Name == "rainfall-monthly" ? 900 : 400)))
            {
                db.ViewCounts.Add(new ViewCount { DatasetId = d.Id, Day = today.AddDays(-1), Count = views });
            }
            await db.SaveChangesAsync();
            return sets.OrderBy(d => d.Name == "rainfall-monthly" ? 0 : 1).Select(d => d.Title).ToList();
        });
        await fixture.App.Services.GetRequiredService<ViewIndexing>().QueueChangedAsync(CancellationToken.None);

        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/dataset");
        await page.SelectOptionAsync("#sort", "views_recent");
        await page.ClickAsync(".sort-form button[type=submit]");
        await page.WaitForURLAsync("**/dataset?sort=views_recent");
        var results = page.Locator(".result h3 a");
        await Assertions.Expect(results.Nth(0)).ToHaveTextAsync(titles[0]!);
        await Assertions.Expect(results.Nth(1)).ToHaveTextAsync(titles[1]!);

        await page.GotoAsync("/");
        var popular = page.Locator("section[aria-labelledby='popular-title'] h3 a");
        await Assertions.Expect(popular.Nth(0)).ToHaveTextAsync(titles[0]!);
        await Assertions.Expect(popular.Nth(1)).ToHaveTextAsync(titles[1]!);
        var home = await AxeAsync(page);
        Assert.True(home.Violations.Length == 0, Describe(home));
    }
}
