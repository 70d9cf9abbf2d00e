using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace GovChannel.Web.Tests.Pages;

/// <summary>The two-stage publishing workflow through the forms, with antiforgery tokens, as a browser without JavaScript does it.</summary>
public sealed class PublishTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private static Dictionary<string, string> Metadata(string name, string token, string org) => new()
    {
        ["Input.Title"] = "จำนวนนักท่องเที่ยว " + name,
        ["Input.Name"] = name,
        ["Input.Notes"] = "สถิตินักท่องเที่ยว **รายเดือน** <script>alert('x')</script>",
        ["Input.OwnerOrg"] = org,
        ["Input.Private"] = "false",
        ["Input.LicenseId"] = "cc-by",
        ["Input.TagString"] = "ท่องเที่ยว, สถิติ",
        ["Input.Maintainer"] = "สมชาย",
        ["Input.MaintainerEmail"] = "somchai@example.go.th",
        ["Input.DataType"] = "ข้อมูลสถิติ",
        ["Input.DataCategory"] = "ข้อมูลสาธารณะ",
        ["Input.UpdateFrequencyUnit"] = "เดือน",
        ["Input.DataFormat"] = "CSV",
        ["__RequestVerificationToken"] = token,
    };

    private Task<string> OrgIdAsync(string name) => fixture.App.WithDbAsync(async (db, _) =>
        await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Groups.Where(g => g.Name == name).Select(g => g.Id)));

    [Fact]
    public async Task Publish_TwoStagesWithUpload_MakesAnActiveDatasetWithTheFile()
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        var form = await client.GetStringAsync("/dataset/new");
        var name = "tourists-" + Guid.NewGuid().ToString("N")[..8];
        using var stage1 = await client.PostAsync("/dataset/new", new FormUrlEncodedContent(Metadata(name, PortalFixture.Token(form), await OrgIdAsync("nso"))));
        Assert.Equal(HttpStatusCode.Redirect, stage1.StatusCode);
        Assert.Equal($"/dataset/{name}/resource/new", stage1.Headers.Location!.ToString());

        // A draft: not visible to the public yet.
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Browser().GetAsync("/dataset/" + name)).StatusCode);

        var stage2 = await client.GetStringAsync($"/dataset/{name}/resource/new");
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(PortalFixture.Token(stage2)), "__RequestVerificationToken" },
            { new StringContent("ข้อมูลเดือนมกราคม"), "ResourceName" },
            { new StringContent("finish"), "Go" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("month,visitors\n2026-01,1000\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        upload.Add(file, "Upload", "tourists.csv");
        using var finish = await client.PostAsync($"/dataset/{name}/resource/new", upload);
        Assert.Equal(HttpStatusCode.Redirect, finish.StatusCode);
        Assert.Equal($"/dataset/{name}", finish.Headers.Location!.ToString());

        var page = await fixture.Browser().GetStringAsync("/dataset/" + name);
        Assert.Contains("ข้อมูลเดือนมกราคม", page, StringComparison.Ordinal);
        Assert.Contains("<strong>รายเดือน</strong>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        var show = (await fixture.App.Ckan().GetAsync("package_show?id=" + name)).Ok().Result!;
        Assert.Equal("active", show["state"]!.GetValue<string>());
        Assert.Equal("ข้อมูลสถิติ", show["data_type"]!.GetValue<string>());
        var download = show["resources"]![0]!["url"]!.GetValue<string>();
        Assert.Equal("month,visitors\n2026-01,1000\n", await fixture.Browser().GetStringAsync(new Uri(download).PathAndQuery));

        // Found by search at once (the page wrote through the action table, which updates the index).
        Assert.Contains(name, await fixture.Browser().GetStringAsync("/dataset?q=" + Uri.EscapeDataString("นักท่องเที่ยว")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_FinishWithoutResource_IsRefused()
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        var name = "no-resource-" + Guid.NewGuid().ToString("N")[..8];
        using var stage1 = await client.PostAsync("/dataset/new", new FormUrlEncodedContent(Metadata(name, PortalFixture.Token(await client.GetStringAsync("/dataset/new")), await OrgIdAsync("nso"))));
        Assert.Equal(HttpStatusCode.Redirect, stage1.StatusCode);
        var stage2 = await client.GetStringAsync($"/dataset/{name}/resource/new");
        using var finish = await client.PostAsync($"/dataset/{name}/resource/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Go"] = "finish", ["__RequestVerificationToken"] = PortalFixture.Token(stage2),
        }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, finish.StatusCode);
        Assert.Contains("ต้องเพิ่มไฟล์หรือลิงก์อย่างน้อยหนึ่งรายการ", await finish.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "กรุณากรอกข้อมูล", "ใช้ได้เฉพาะตัวอักษรภาษาอังกฤษพิมพ์เล็ก")]
    [InlineData("?lang=en", "Missing value", "Must be purely lowercase alphanumeric")]
    public async Task Publish_InvalidMetadata_ShowsMessagesInThePageLanguage(string lang, string missing, string badName)
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        var token = PortalFixture.Token(await client.GetStringAsync("/dataset/new" + lang));
        using var empty = await client.PostAsync("/dataset/new", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Contains(missing, await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var data = Metadata("Bad Name!", token, await OrgIdAsync("nso"));
        using var invalid = await client.PostAsync("/dataset/new", new FormUrlEncodedContent(data));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        var html = await invalid.Content.ReadAsStringAsync();
        Assert.Contains(badName, html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_OrganisationTheEditorCannotUse_IsRefused()
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        var token = PortalFixture.Token(await client.GetStringAsync("/dataset/new"));
        using var response = await client.PostAsync("/dataset/new", new FormUrlEncodedContent(Metadata("not-mine-" + Guid.NewGuid().ToString("N")[..6], token, await OrgIdAsync("bma"))));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("คุณไม่มีสิทธิ์เพิ่มชุดข้อมูลในหน่วยงานนี้", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_ChangesTitleAndKeepsResources()
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        var form = await client.GetStringAsync("/dataset/edit/population-by-province");
        Assert.Contains("value=\"population-by-province\"", form, StringComparison.Ordinal);
        var data = Metadata("population-by-province", PortalFixture.Token(form), await OrgIdAsync("dopa"));
        data["Input.Title"] = "จำนวนประชากร (แก้ไขแล้ว)";
        using var response = await client.PostAsync("/dataset/edit/population-by-province", new FormUrlEncodedContent(data));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var show = (await fixture.App.Ckan().GetAsync("package_show?id=population-by-province")).Ok().Result!;
        Assert.Equal("จำนวนประชากร (แก้ไขแล้ว)", show["title"]!.GetValue<string>());
        Assert.Equal(1, show["num_resources"]!.GetValue<int>());
        // Categories somchai may not manage stay on the dataset.
        Assert.Equal(2, show["groups"]!.AsArray().Count);
    }

    [Fact]
    public async Task Edit_NotMyAgency_Is404()
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        using var response = await client.GetAsync("/dataset/edit/bangkok-budget");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
