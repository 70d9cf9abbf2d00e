using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Tests.Pages;

/// <summary>The resource page and its DataStore preview over HTTP, on the demo sub-district table (7,451 rows).</summary>
public sealed class ResourcePageTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private async Task<string> SubDistrictPathAsync()
    {
        var id = await fixture.App.WithDbAsync(async (db, _) =>
            await db.Resources.Where(r => r.Dataset!.Name == "thailand-sub-districts").Select(r => r.Id).SingleAsync());
        await PortalFixture.WaitForDatastoreAsync(fixture, id);
        return "/dataset/thailand-sub-districts/resource/" + id;
    }

    [Theory]
    [InlineData("", "แถวที่ 1–25 จากทั้งหมด 7,451 แถว", "แผนที่")]
    [InlineData("?lang=en", "Rows 1–25 of 7,451", "Map")]
    public async Task ResourcePage_Public_ShowsTableAndMapInPageLanguage(string query, string count, string map)
    {
        var html = await fixture.Browser().GetStringAsync(await SubDistrictPathAsync() + query);
        Assert.Contains(count, html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"map-title\">" + map + "</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"map\"", html, StringComparison.Ordinal);
        Assert.Contains("handler=geojson", html, StringComparison.Ordinal);
        Assert.Contains("พระบรมมหาราชวัง", html, StringComparison.Ordinal); // the first row
        // The loader's status is for publishers only.
        Assert.DoesNotContain("loader-status", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResourcePage_FilterAndSortDescending_MapsToDatastoreSearch()
    {
        var path = await SubDistrictPathAsync();
        var html = await fixture.Browser().GetStringAsync(path + "?fcol=province_en&fval=Chiang%20Mai&sort=sub_district_code&desc=1&lang=en");
        Assert.Contains("Rows 1–25 of 205", html, StringComparison.Ordinal);
        Assert.Contains("aria-sort=\"descending\"", html, StringComparison.Ordinal);
        // Descending by code: the last Chiang Mai sub-district code comes before the first.
        Assert.Contains("<td>502404</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>500101</td>", html, StringComparison.Ordinal);
        var page9 = await fixture.Browser().GetStringAsync(path + "?fcol=province_en&fval=Chiang%20Mai&sort=sub_district_code&page=9&lang=en");
        Assert.Contains("Rows 201–205 of 205", page9, StringComparison.Ordinal);
        Assert.Contains("Page 9 of 9", page9, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResourcePage_ThaiSearch_FindsRows()
    {
        var html = await fixture.Browser().GetStringAsync(await SubDistrictPathAsync() + "?q=" + Uri.EscapeDataString("เชียงใหม่"));
        Assert.Contains("เชียงใหม่", html, StringComparison.Ordinal);
        Assert.DoesNotContain("จากทั้งหมด 7,451 แถว", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResourcePage_BadFilterValue_IsFriendly400()
    {
        using var response = await fixture.Browser().GetAsync(await SubDistrictPathAsync() + "?fcol=sub_district_code&fval=abc");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("กรองข้อมูลไม่ได้", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bar", "<rect class=\"bar\"")]
    [InlineData("line", "<path class=\"series\"")]
    public async Task ResourcePage_ChartBuilder_RendersSvgAndDataTable(string chart, string mark)
    {
        var html = await fixture.Browser().GetStringAsync(await SubDistrictPathAsync()
            + $"?fcol=province_en&fval=Chiang%20Mai&sort=lat&chart={chart}&x=sub_district_en&y=lat&lang=en");
        Assert.Contains("<svg class=\"chart\"", html, StringComparison.Ordinal);
        Assert.Contains(mark, html, StringComparison.Ordinal);
        Assert.Contains("role=\"img\" aria-labelledby=\"chart-title chart-desc\"", html, StringComparison.Ordinal);
        Assert.Contains("The chart&#x27;s data (table)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResourcePage_ChartOnTextColumn_SaysChooseANumber()
    {
        var html = await fixture.Browser().GetStringAsync(await SubDistrictPathAsync() + "?chart=bar&x=sub_district_en&y=province_en&lang=en");
        Assert.Contains("Choose a number column", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg class=\"chart\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResourcePage_GeoJson_IsAFeatureCollectionOfTheFilteredRows()
    {
        using var response = await fixture.Browser().GetAsync(await SubDistrictPathAsync() + "?fcol=province_en&fval=Chiang%20Mai&handler=geojson");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var geo = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("FeatureCollection", geo["type"]!.GetValue<string>());
        var features = geo["features"]!.AsArray();
        Assert.InRange(features.Count, 150, 205);
        var point = features[0]!["geometry"]!["coordinates"]!.AsArray();
        Assert.InRange(point[0]!.GetValue<double>(), 97, 100); // longitude first
        Assert.InRange(point[1]!.GetValue<double>(), 17, 21);
        Assert.Equal("Chiang Mai", features[0]!["properties"]!["province_en"]!.GetValue<string>());
    }

    [Fact]
    public async Task ResourcePage_PrivateDataset_Is404ForAnonymousAndShownToItsEditor()
    {
        var id = await fixture.App.WithDbAsync(async (db, _) =>
            await db.Resources.Where(r => r.Dataset!.Name == "dopa-internal-draft-indicators").Select(r => r.Id).SingleAsync());
        var path = "/dataset/dopa-internal-draft-indicators/resource/" + id;
        using (var response = await fixture.Browser().GetAsync(path))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("ตัวชี้วัดภายใน", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var response = await fixture.Browser().GetAsync(path + "?handler=geojson"))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        var editor = await PortalFixture.SignedInAsync(fixture);
        using var ok = await editor.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task ResourcePage_UnknownResource_Is404()
    {
        using var response = await fixture.Browser().GetAsync("/dataset/thailand-sub-districts/resource/" + Guid.NewGuid());
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ResourcePage_Publisher_SeesLoaderStatusWithRowCount()
    {
        var path = await SubDistrictPathAsync();
        var html = await (await PortalFixture.SignedInAsync(fixture)).GetStringAsync(path);
        Assert.Contains("loader-status", html, StringComparison.Ordinal);
        Assert.Contains("นำเข้าเรียบร้อย", html, StringComparison.Ordinal);
        Assert.Contains("7,451 แถว", html, StringComparison.Ordinal);
        // The full-text step follows the load: its state is shown (ready, or waiting/building with the scan fallback).
        Assert.Contains("ดัชนีค้นหาข้อความ:", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DatasetPage_ResourceName_LinksToTheResourcePage()
    {
        var path = await SubDistrictPathAsync();
        var html = await fixture.Browser().GetStringAsync("/dataset/thailand-sub-districts");
        Assert.Contains("href=\"" + path + "\"", html, StringComparison.Ordinal);
    }
}
