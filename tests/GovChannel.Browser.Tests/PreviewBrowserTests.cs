using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace GovChannel.Browser.Tests;

/// <summary>The resource page's DataStore preview in real Chromium: page through and sort the table, draw a chart, see the map.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PreviewBrowserTests(BrowserFixture fixture)
{
    private async Task<string> SubDistrictPathAsync()
    {
        var id = await fixture.App.WithDbAsync(async (db, _) =>
            await db.Resources.Where(r => r.Dataset!.Name == "thailand-sub-districts").Select(r => r.Id).SingleAsync());
        var ckan = fixture.App.Ckan();
        for (var i = 0; i < 600; i++)
        {
            if ((await ckan.GetAsync("xloader_status?resource_id=" + id)).Result?["status"]?.GetValue<string>() == "complete")
            {
                break;
            }
            await Task.Delay(100);
        }
        return "/dataset/thailand-sub-districts/resource/" + id;
    }

    [Fact]
    public async Task Preview_PageSortFilterChartAndMap_Work()
    {
        var path = await SubDistrictPathAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/dataset/thailand-sub-districts");
        await page.Locator(".resources a.res-name").First.ClickAsync();
        await page.WaitForURLAsync("**" + path);
        await Assertions.Expect(page.Locator("#table-count")).ToHaveTextAsync("แถวที่ 1–25 จากทั้งหมด 7,451 แถว");

        // Next page, then sort by the English name descending (two clicks on its header).
        await page.ClickAsync(".pager a[rel=next]");
        await Assertions.Expect(page.Locator("#table-count")).ToHaveTextAsync("แถวที่ 26–50 จากทั้งหมด 7,451 แถว");
        await page.ClickAsync("th a:text-is('sub_district_en')");
        await Assertions.Expect(page.Locator("th[aria-sort=ascending]")).ToContainTextAsync("sub_district_en");
        await page.ClickAsync("th[aria-sort=ascending] a");
        await Assertions.Expect(page.Locator("th[aria-sort=descending]")).ToContainTextAsync("sub_district_en");
        Assert.Contains("desc=1", page.Url, StringComparison.Ordinal);

        // Filter to one province: the table and the map follow.
        await page.SelectOptionAsync("#fcol", "province_en");
        await page.FillAsync("#fval", "Chiang Mai");
        await page.ClickAsync(".preview-filter button[type=submit]");
        await Assertions.Expect(page.Locator("#table-count")).ToHaveTextAsync("แถวที่ 1–25 จากทั้งหมด 205 แถว");
        await Assertions.Expect(page.Locator("svg.map path.points")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".map-figure figcaption")).ToContainTextAsync("จุด");

        // A line chart of latitude by sub-district, with its data table.
        await page.SelectOptionAsync("#chart", "line");
        await page.SelectOptionAsync("#x", "sub_district_en");
        await page.SelectOptionAsync("#y", "lat");
        await page.ClickAsync("form[aria-label='สร้างแผนภูมิ'] button[type=submit]");
        await Assertions.Expect(page.Locator("svg.chart path.series")).ToBeVisibleAsync();
        await page.ClickAsync("details summary");
        await Assertions.Expect(page.Locator("details table tbody tr").First).ToBeVisibleAsync();
        Assert.InRange(await page.Locator("details table tbody tr").CountAsync(), 50, 60); // rows without a latitude are left out
        Assert.Contains("fval=Chiang+Mai", page.Url, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "resource-preview");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a[href*='handler=geojson']"));
        Assert.EndsWith(".geojson", download.SuggestedFilename, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_WholeCountryMap_Renders7000Points()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(await SubDistrictPathAsync() + "?lang=en");
        var box = await page.Locator("svg.map").BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Height > 300, "the map should be drawn at a readable size");
        var segments = await page.EvaluateAsync<int>("() => document.querySelector('svg.map path.points').getAttribute('d').split('M').length - 1");
        Assert.InRange(segments, 7000, 7451);
        await BrowserFixture.ScreenshotAsync(page, "resource-map-en");
    }

    [Theory]
    [InlineData("")]
    [InlineData("?chart=bar&x=sub_district_en&y=lat&fcol=province_en&fval=Chiang%20Mai&lang=en")]
    public async Task Axe_ResourcePage_HasNoViolations(string query)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(await SubDistrictPathAsync() + query);
        AxeResult result = await page.RunAxe();
        var violations = string.Join("\n", result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => string.Join(",", n.Target)))}"));
        Assert.True(result.Violations.Length == 0, violations);
    }
}
