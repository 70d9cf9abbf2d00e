using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace GovChannel.Web.Tests.Pages;

/// <summary>The showcase form (/showcase/edit): showcase admins only, antiforgery, picture under a generated name, linked datasets, one transaction.</summary>
public sealed partial class ShowcaseFormTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    // A PNG signature is all the upload check reads.
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 1, 2, 3];

    private async Task MakeShowcaseAdminAsync(string user)
    {
        var admin = fixture.App.Ckan(await fixture.App.UserTokenAsync("admin"));
        var list = (await admin.GetAsync("ckanext_showcase_admin_list")).Result!.AsArray();
        if (list.All(a => a!["name"]!.GetValue<string>() != user))
        {
            Assert.True((await admin.PostAsync("ckanext_showcase_admin_add", new JsonObject { ["username"] = user })).Success);
        }
    }

    private static MultipartFormDataContent Form(string token, Dictionary<string, string> fields, byte[]? image = null, string imageName = "app.png")
    {
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (key, value) in fields)
        {
            form.Add(new StringContent(value), key);
        }
        if (image is not null)
        {
            var file = new ByteArrayContent(image);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, "Image", imageName);
        }
        return form;
    }

    private Task<int> ShowcaseCountAsync() => fixture.App.WithDbAsync((db, _) => Task.FromResult(db.Datasets.Count(d => d.Type == "showcase" && d.State == "active")));

    [Fact]
    public async Task ShowcaseForm_NotShowcaseAdmin_IsForbiddenAndHasNoAddLink()
    {
        // The other tests of this class (run one after another) make somchai a showcase admin.
        await fixture.App.Ckan(await fixture.App.UserTokenAsync("admin")).PostAsync("ckanext_showcase_admin_remove", new JsonObject { ["username"] = "somchai" });
        var client = await PortalFixture.SignedInAsync(fixture, "somchai");
        using var get = await client.GetAsync("/showcase/edit");
        Assert.NotEqual(HttpStatusCode.OK, get.StatusCode);
        Assert.DoesNotContain("/showcase/edit", await client.GetStringAsync("/showcase"), StringComparison.Ordinal);
        // Anonymous: sent to sign in.
        using var anonymous = await fixture.Browser().GetAsync("/showcase/edit");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/user/login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowcaseForm_ShowcaseAdmin_CreatesWithPictureAndDatasetsThenEdits()
    {
        await MakeShowcaseAdminAsync("somchai");
        var client = await PortalFixture.SignedInAsync(fixture, "somchai");
        Assert.Contains("href=\"/showcase/edit\"", await client.GetStringAsync("/showcase"), StringComparison.Ordinal);
        var page = await client.GetStringAsync("/showcase/edit");
        using var created = await client.PostAsync("/showcase/edit", Form(PortalFixture.Token(page), new()
        {
            ["Input.Title"] = "แผนที่ตำบลออนไลน์",
            ["Input.Notes"] = "แอปแสดง **ขอบเขตตำบล** <script>alert('x')</script>",
            ["Input.Url"] = "https://example.org/map",
            ["Input.Tags"] = "แผนที่, ตำบล",
            ["Input.Datasets"] = "thailand-sub-districts\nhttp://test.local/dataset/rainfall-monthly\n",
        }, Png));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var location = created.Headers.Location!.ToString();
        Assert.Matches("^/showcase/showcase-[0-9a-f]{6}$", location);
        var name = location["/showcase/".Length..];

        var shown = await fixture.Browser().GetStringAsync(location);
        Assert.Contains("<strong>ขอบเขตตำบล</strong>", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", shown, StringComparison.Ordinal);
        Assert.Contains("/dataset/thailand-sub-districts", shown, StringComparison.Ordinal);
        Assert.Contains("/dataset/rainfall-monthly", shown, StringComparison.Ordinal);
        var image = ImageSrc().Match(shown).Groups[1].Value;
        Assert.Matches("^/uploads/showcase/[0-9a-f]{32}\\.png$", image);
        using (var picture = await fixture.Browser().GetAsync(image))
        {
            Assert.Equal(HttpStatusCode.OK, picture.StatusCode);
            Assert.Equal("image/png", picture.Content.Headers.ContentType!.MediaType);
            Assert.Equal("nosniff", picture.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal(Png, await picture.Content.ReadAsByteArrayAsync());
        }
        // The same file under another type is not served.
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Browser().GetAsync(image.Replace(".png", ".gif", StringComparison.Ordinal))).StatusCode);
        var api = (await fixture.App.Ckan().GetAsync("ckanext_showcase_show?id=" + name)).Result!;
        Assert.Equal(2, api["num_datasets"]!.GetValue<int>());
        Assert.Equal("http://test.local" + image, api["image_display_url"]!.GetValue<string>());

        // Edit: the form shows the links; keep one, drop the picture.
        var edit = await client.GetStringAsync("/showcase/edit/" + name);
        Assert.Contains("rainfall-monthly", edit, StringComparison.Ordinal);
        var tags = Regex.Match(edit, "name=\"Input.Tags\" value=\"([^\"]*)\"").Groups[1].Value;
        Assert.Equal(["ตำบล", "แผนที่"], tags.Split(", ").Order(StringComparer.Ordinal));
        using var edited = await client.PostAsync("/showcase/edit/" + name, Form(PortalFixture.Token(edit), new()
        {
            ["Input.Title"] = "แผนที่ตำบลออนไลน์ (ฉบับใหม่)", ["Input.Name"] = name, ["Input.Url"] = "https://example.org/map",
            ["Input.Tags"] = "แผนที่, ตำบล", ["Input.Datasets"] = "thailand-sub-districts", ["Input.RemoveImage"] = "true",
        }));
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        api = (await fixture.App.Ckan().GetAsync("ckanext_showcase_show?id=" + name)).Result!;
        Assert.Equal(1, api["num_datasets"]!.GetValue<int>());
        Assert.Equal("", api["image_url"]!.GetValue<string>());
        Assert.Equal(2, api["tags"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Browser().GetAsync(image)).StatusCode);

        // Every change is in the activity record.
        var showcaseId = api["id"]!.GetValue<string>();
        var activities = await fixture.App.WithDbAsync((db, _) => Task.FromResult(db.Activities.Count(a => a.ObjectId == showcaseId)));
        Assert.True(activities >= 4);

        // Delete from the edit page.
        edit = await client.GetStringAsync("/showcase/edit/" + name);
        using var deleted = await client.PostAsync($"/showcase/edit/{name}?handler=Delete",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = PortalFixture.Token(edit) }));
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Browser().GetAsync(location)).StatusCode);
    }

    [Fact]
    public async Task ShowcaseForm_BadInput_ShowsErrorsInThaiAndSavesNothing()
    {
        await MakeShowcaseAdminAsync("somchai");
        var client = await PortalFixture.SignedInAsync(fixture, "somchai");
        var before = await ShowcaseCountAsync();
        var folder = Path.Combine(fixture.App.Services.GetRequiredService<GovChannel.Web.Data.GovChannelSettings>().DataDirectory, "files", "showcase");
        int Stored() => Directory.Exists(folder) ? Directory.GetFiles(folder).Length : 0;
        var storedBefore = Stored();
        var page = await client.GetStringAsync("/showcase/edit");
        using var bad = await client.PostAsync("/showcase/edit", Form(PortalFixture.Token(page), new()
        {
            ["Input.Title"] = "", ["Input.Url"] = "javascript:alert(1)", ["Input.Datasets"] = "no-such-dataset",
        }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("กรุณากรอกข้อมูล", html, StringComparison.Ordinal);
        Assert.Contains("ลิงก์ต้องขึ้นต้นด้วย http:// หรือ https://", html, StringComparison.Ordinal);
        Assert.Contains("ไม่พบชุดข้อมูล: no-such-dataset", html, StringComparison.Ordinal);

        // Not a picture (an HTML file named .png), and a name already taken: nothing is stored.
        page = await client.GetStringAsync("/showcase/edit");
        using var notImage = await client.PostAsync("/showcase/edit", Form(PortalFixture.Token(page), new() { ["Input.Title"] = "x" },
            Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notImage.StatusCode);
        Assert.Contains("รองรับเฉพาะรูปภาพ PNG, JPEG, GIF หรือ WebP", await notImage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var taken = await client.PostAsync("/showcase/edit", Form(PortalFixture.Token(page), new()
        {
            ["Input.Title"] = "Taken", ["Input.Name"] = "thailand-sub-districts", ["Input.Datasets"] = "rainfall-monthly",
        }, Png));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken.StatusCode);
        Assert.Contains("URL นี้ถูกใช้แล้ว", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await ShowcaseCountAsync());
        Assert.Equal(storedBefore, Stored());
    }

    [Fact]
    public async Task ShowcaseAdminsPage_Sysadmin_AddsAndRemovesOthersAreRefused()
    {
        Assert.NotEqual(HttpStatusCode.OK, (await (await PortalFixture.SignedInAsync(fixture, "somchai")).GetAsync("/showcase/admins")).StatusCode);
        var client = await PortalFixture.SignedInAsync(fixture, "admin");
        Assert.Contains("href=\"/showcase/admins\"", await client.GetStringAsync("/showcase"), StringComparison.Ordinal);
        await fixture.App.Ckan(await fixture.App.UserTokenAsync("admin")).PostAsync("ckanext_showcase_admin_remove", new JsonObject { ["username"] = "somchai" });

        async Task<HttpResponseMessage> PostAsync(string handler, string user)
        {
            var page = await client.GetStringAsync("/showcase/admins");
            return await client.PostAsync("/showcase/admins?handler=" + handler, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Username"] = user, ["__RequestVerificationToken"] = PortalFixture.Token(page),
            }));
        }

        using (var added = await PostAsync("Add", "somchai"))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }
        Assert.Contains("somchai", await client.GetStringAsync("/showcase/admins"), StringComparison.Ordinal);
        using (var again = await PostAsync("Add", "somchai"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
            Assert.Contains("ผู้ใช้นี้เป็นผู้ดูแลผลงานอยู่แล้ว", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var unknown = await PostAsync("Add", "nobody-here"))
        {
            Assert.Contains("ไม่พบผู้ใช้", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var removed = await PostAsync("Remove", "somchai"))
        {
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        }
        var list = (await fixture.App.Ckan(await fixture.App.UserTokenAsync("admin")).GetAsync("ckanext_showcase_admin_list")).Result!.AsArray();
        Assert.DoesNotContain(list, a => a!["name"]!.GetValue<string>() == "somchai");
    }

    [Fact]
    public async Task ShowcaseForm_PostWithoutAntiforgeryToken_IsRefused()
    {
        await MakeShowcaseAdminAsync("somchai");
        var client = await PortalFixture.SignedInAsync(fixture, "somchai");
        using var response = await client.PostAsync("/showcase/edit", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Title"] = "x" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [GeneratedRegex("<img src=\"([^\"]+)\" alt=\"\" class=\"showcase-image\">")]
    private static partial Regex ImageSrc();
}
