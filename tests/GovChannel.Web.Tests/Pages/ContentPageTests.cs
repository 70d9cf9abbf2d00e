using System.Net;
using System.Net.Http.Headers;
using GovChannel.Tests;
using GovChannel.Web.Areas.Identity;
using GovChannel.Web.Areas.Services.News;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovChannel.Web.Tests.Pages;

/// <summary>News and publications, showcases and the request-a-dataset form over HTTP: Thai and English, permissions, CSRF.</summary>
public sealed class ContentPageTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    public static TheoryData<string, string, string> Pages => new()
    {
        { "/news", "ข่าวและประกาศ", "News and announcements" },
        { "/publications", "เอกสารเผยแพร่", "Publications" },
        { "/showcase", "แอปพลิเคชันและผลงาน", "Showcases" },
        { "/showcase/tambon-finder", "ชุดข้อมูลที่ใช้", "Datasets used" },
        { "/dataset/request", "ขอชุดข้อมูล", "Request a dataset" },
        { "/", "ข่าวและประกาศ", "Apps and uses of the data" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task ContentPage_ThaiAndEnglish_Returns200WithItsWords(string url, string thai, string english)
    {
        using var th = await fixture.Browser().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, th.StatusCode);
        Assert.Contains(thai, await th.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var en = await fixture.Browser().GetAsync(url + "?lang=en");
        Assert.Equal(HttpStatusCode.OK, en.StatusCode);
        var html = await en.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains(english, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewsItem_ShowsSanitisedMarkdownAndBuddhistDate()
    {
        var id = await fixture.App.WithDbAsync(async (db, _) => await db.News.Where(n => n.Title.StartsWith("เปิดให้บริการข้อมูลพิกัดตำบล")).Select(n => n.Id).SingleAsync());
        var html = await fixture.Browser().GetStringAsync("/news/" + id);
        Assert.Contains("<strong>ตำแหน่งที่ตั้งตำบล</strong>", html, StringComparison.Ordinal);
        Assert.Matches("25[0-9]{2}", html); // Buddhist-era year
    }

    [Fact]
    public async Task HomeAndDatasetPage_ShowShowcaseAndTheDatasetSearchLeavesItOut()
    {
        var home = await fixture.Browser().GetStringAsync("/");
        Assert.Contains("/showcase/tambon-finder", home, StringComparison.Ordinal);
        Assert.Contains("/publications", home, StringComparison.Ordinal);
        var dataset = await fixture.Browser().GetStringAsync("/dataset/thailand-sub-districts");
        Assert.Contains("ผลงานที่ใช้ชุดข้อมูลนี้", dataset, StringComparison.Ordinal);
        Assert.Contains("/showcase/tambon-finder", dataset, StringComparison.Ordinal);
        var search = await fixture.Browser().GetStringAsync("/dataset?q=" + Uri.EscapeDataString("ตำบล"));
        Assert.DoesNotContain("tambon-finder", search, StringComparison.Ordinal);
        Assert.Contains("<strong>22</strong>", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewsAdmin_AgencyEditorCreatesWithAttachment_AndPublicDownloadsIt()
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        var form = await client.GetStringAsync("/news/edit?kind=publication");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(PortalFixture.Token(form)), "__RequestVerificationToken" },
            { new StringContent("publication"), "Input.Kind" },
            { new StringContent("รายงานประจำปี 2569"), "Input.Title" },
            { new StringContent("สรุปผลการดำเนินงาน"), "Input.Summary" },
            { new StringContent("เนื้อหา <script>alert(1)</script> **สำคัญ**"), "Input.Body" },
            { new StringContent(await DopaIdAsync()), "Input.Agency" },
            { new StringContent("true"), "Input.Published" },
        };
        var pdf = new ByteArrayContent("%PDF-1.4 demo"u8.ToArray());
        pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(pdf, "Attachment", "annual-report.pdf");
        using var response = await client.PostAsync("/news/edit", content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var path = response.Headers.Location!.OriginalString;

        var html = await fixture.Browser().GetStringAsync(path);
        Assert.Contains("รายงานประจำปี 2569", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("<strong>สำคัญ</strong>", html, StringComparison.Ordinal);
        using var file = await fixture.Browser().GetAsync(path + "?handler=attachment");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("annual-report.pdf", file.Content.Headers.ContentDisposition?.FileNameStar ?? file.Content.Headers.ContentDisposition?.FileName);
        Assert.Contains("รายงานประจำปี 2569", await fixture.Browser().GetStringAsync("/publications"), StringComparison.Ordinal);
        var audited = await fixture.App.WithDbAsync(async (db, _) => await db.Activities.AnyAsync(a => a.ObjectId == path.Substring(6) && a.ActivityType == "new news"));
        Assert.True(audited);
    }

    [Fact]
    public async Task NewsAdmin_Delete_OnlyConfirmed_ByAnEditor_ThenGoneWithItsAttachment()
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        var form = await client.GetStringAsync("/news/edit");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(PortalFixture.Token(form)), "__RequestVerificationToken" },
            { new StringContent("news"), "Input.Kind" },
            { new StringContent("ประกาศที่จะลบทดสอบ"), "Input.Title" },
            { new StringContent(await DopaIdAsync()), "Input.Agency" },
            { new StringContent("true"), "Input.Published" },
        };
        content.Add(new ByteArrayContent("%PDF-1.4 to delete"u8.ToArray()), "Attachment", "notice.pdf");
        using var created = await client.PostAsync("/news/edit", content);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var path = created.Headers.Location!.OriginalString;
        var id = path["/news/".Length..];
        var key = await fixture.App.WithDbAsync(async (db, _) => await db.News.Where(n => n.Id == id).Select(n => n.AttachmentKey).SingleAsync());
        async Task<bool> StoredAsync()
        {
            await using var stream = await fixture.App.Services.GetRequiredService<GovChannel.Web.Areas.OpenData.Files.IFileStore>().OpenAsync(key!, CancellationToken.None);
            return stream is not null;
        }
        Assert.True(await StoredAsync());

        async Task<HttpStatusCode> DeleteAsync(HttpClient who, bool confirm)
        {
            var page = await who.GetStringAsync("/news");
            var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = PortalFixture.Token(page) };
            if (confirm)
            {
                fields["confirm"] = "true";
            }
            using var response = await who.PostAsync($"/news/edit/{id}?handler=Delete", new FormUrlEncodedContent(fields));
            return response.StatusCode;
        }
        await AddUserAsync("citizen-news-delete");
        Assert.Equal(HttpStatusCode.Forbidden, await DeleteAsync(await PortalFixture.SignedInAsync(fixture, "citizen-news-delete"), confirm: true));
        Assert.Equal(HttpStatusCode.Redirect, await DeleteAsync(client, confirm: false));
        Assert.Equal(HttpStatusCode.OK, (await fixture.Browser().GetAsync(path)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, await DeleteAsync(client, confirm: true));
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Browser().GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/news/edit/" + id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
        Assert.DoesNotContain("ประกาศที่จะลบทดสอบ", await fixture.Browser().GetStringAsync("/news"), StringComparison.Ordinal);
        Assert.DoesNotContain(id, await fixture.Browser().GetStringAsync("/api/search?type=news&rows=100&q=" + Uri.EscapeDataString("ประกาศที่จะลบทดสอบ")), StringComparison.Ordinal);
        Assert.False(await StoredAsync());
        Assert.Equal(1, await fixture.App.WithDbAsync((db, _) => db.Activities.CountAsync(a => a.ObjectId == id && a.ActivityType == "deleted news")));
    }

    [Fact]
    public async Task NewsAdmin_Draft_Is404ForThePublic()
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        var form = await client.GetStringAsync("/news/edit");
        using var response = await client.PostAsync("/news/edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalFixture.Token(form), ["Input.Kind"] = "news", ["Input.Title"] = "ร่างข่าวลับ",
            ["Input.Agency"] = await DopaIdAsync(),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var path = response.Headers.Location!.OriginalString;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Browser().GetAsync(path)).StatusCode);
        Assert.DoesNotContain("ร่างข่าวลับ", await fixture.Browser().GetStringAsync("/news"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewsAdmin_NotAnEditor_IsRefused()
    {
        await AddUserAsync("citizen-news");
        var client = await PortalFixture.SignedInAsync(fixture, "citizen-news");
        using var get = await client.GetAsync("/news/edit");
        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Contains("ไม่มีสิทธิ์", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var english = await client.GetAsync("/news/edit?lang=en");
        Assert.Equal(HttpStatusCode.Forbidden, english.StatusCode);
        Assert.Contains("Access denied", await english.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await client.GetAsync("/?lang=th");
        var published = await fixture.App.WithDbAsync(async (db, _) => await db.News.Where(n => n.State == "published").Select(n => n.Id).FirstAsync());
        using var item = await client.GetAsync("/news/edit/" + published);
        Assert.Equal(HttpStatusCode.Forbidden, item.StatusCode);
        var token = PortalFixture.Token(await client.GetStringAsync("/news"));
        using var post = await client.PostAsync("/news/edit/" + published, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Title"] = "แก้โดยผู้ไม่มีสิทธิ์",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        using var anonymous = await fixture.Browser().GetAsync("/news/edit");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/user/login", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewsAdmin_EditorOfAnotherAgency_CannotPublishForDga()
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        var form = await client.GetStringAsync("/news/edit");
        var dga = await fixture.App.WithDbAsync(async (db, _) => await db.Groups.Where(g => g.Name == "dga").Select(g => g.Id).SingleAsync());
        using var response = await client.PostAsync("/news/edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalFixture.Token(form), ["Input.Title"] = "ในนาม DGA", ["Input.Agency"] = dga, ["Input.Published"] = "true",
        }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("คุณไม่สามารถเผยแพร่ในนามหน่วยงานนี้", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewsAdmin_PostWithoutAntiforgeryToken_IsRefused()
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        using var response = await client.PostAsync("/news/edit", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Title"] = "no token" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task RequestForm_ValidRequest_IsStoredAuditedAndListedForTheAgencyEditorsOnly()
    {
        var anonymous = fixture.Browser();
        var form = await anonymous.GetStringAsync("/dataset/request");
        using var response = await anonymous.PostAsync("/dataset/request", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalFixture.Token(form), ["Input.Title"] = "สถิติทะเบียนสมรสรายอำเภอ",
            ["Input.Reason"] = "ใช้ทำวิทยานิพนธ์", ["Input.Email"] = "nid@example.com", ["Input.Agency"] = await DopaIdAsync(),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("ได้รับคำขอแล้ว", await anonymous.GetStringAsync(response.Headers.Location!.OriginalString), StringComparison.Ordinal);

        // somchai edits for DOPA: he sees it and can answer it; the change is audited.
        var editor = await PortalFixture.SignedInAsync(fixture);
        var list = await editor.GetStringAsync("/dataset/requests");
        Assert.Contains("สถิติทะเบียนสมรสรายอำเภอ", list, StringComparison.Ordinal);
        Assert.Contains("คำขอชุดข้อมูลใหม่ที่รอตอบ", await editor.GetStringAsync("/dashboard"), StringComparison.Ordinal);
        var id = await fixture.App.WithDbAsync(async (db, _) => await db.DatasetRequests.Where(r => r.Title == "สถิติทะเบียนสมรสรายอำเภอ").Select(r => r.Id).SingleAsync());
        using var answer = await editor.PostAsync("/dataset/requests", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalFixture.Token(list), ["id"] = id, ["newStatus"] = "answered", ["reply"] = "ส่งอีเมลแล้ว",
        }));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var (status, activities) = await fixture.App.WithDbAsync(async (db, _) =>
            ((await db.DatasetRequests.SingleAsync(r => r.Id == id)).Status, await db.Activities.Where(a => a.ObjectId == id).Select(a => a.ActivityType).ToListAsync()));
        Assert.Equal("answered", status);
        Assert.Contains("new dataset request", activities);
        Assert.Contains("changed dataset request", activities);

        // An editor of no agency is refused; an anonymous visitor is sent to sign in.
        await AddUserAsync("citizen-requests");
        var citizen = await PortalFixture.SignedInAsync(fixture, "citizen-requests");
        using var refused = await citizen.GetAsync("/dataset/requests");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var anon = await fixture.Browser().GetAsync("/dataset/requests");
        Assert.Contains("/user/login", anon.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestList_EditorOfOtherAgency_DoesNotSeeIt()
    {
        var id = await fixture.App.WithDbAsync(async (db, _) =>
        {
            var pcd = await db.Groups.Where(g => g.Name == "pcd").Select(g => g.Id).SingleAsync();
            var r = new Areas.OpenData.Requests.DatasetRequest { Title = "คำขอถึงกรมควบคุมมลพิษ", Email = "a@example.com", OrganizationId = pcd };
            db.DatasetRequests.Add(r);
            await db.SaveChangesAsync();
            return r.Id;
        });
        var editor = await PortalFixture.SignedInAsync(fixture);
        var list = await editor.GetStringAsync("/dataset/requests");
        Assert.DoesNotContain("คำขอถึงกรมควบคุมมลพิษ", list, StringComparison.Ordinal);
        using var post = await editor.PostAsync("/dataset/requests", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalFixture.Token(list), ["id"] = id, ["newStatus"] = "closed",
        }));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        var admin = await PortalFixture.SignedInAsync(fixture, "admin");
        Assert.Contains("คำขอถึงกรมควบคุมมลพิษ", await admin.GetStringAsync("/dataset/requests"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("th", "กรุณากรอกอีเมลที่ถูกต้อง")]
    [InlineData("en", "Enter a valid email address")]
    public async Task RequestForm_BadEmailAndNoTitle_ShowsMessagesInPageLanguage(string lang, string message)
    {
        var client = fixture.Browser();
        var form = await client.GetStringAsync("/dataset/request?lang=" + lang);
        using var response = await client.PostAsync("/dataset/request", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalFixture.Token(form), ["Input.Title"] = "", ["Input.Email"] = "not-an-email",
        }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Contains(lang == "th" ? "กรุณาระบุข้อมูลที่ต้องการ" : "Say what data you need", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestForm_PostWithoutAntiforgeryToken_IsRefused()
    {
        using var response = await fixture.Browser().PostAsync("/dataset/request", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Title"] = "x", ["Input.Email"] = "a@example.com",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private Task<string> DopaIdAsync() => fixture.App.WithDbAsync(async (db, _) => await db.Groups.Where(g => g.Name == "dopa").Select(g => g.Id).SingleAsync());

    private Task AddUserAsync(string name) => fixture.App.WithDbAsync(async (db, sp) =>
    {
        if (!await db.Users.AnyAsync(u => u.Name == name))
        {
            var user = new User { Name = name, Email = name + "@example.com", Created = DateTime.SpecifyKind(new DateTime(2026, 1, 1), DateTimeKind.Utc) };
            user.PasswordHash = sp.GetRequiredService<IPasswordHasher<User>>().HashPassword(user, DemoSeed.AdminPassword);
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }
        return 0;
    });
}

/// <summary>The app with a small request budget (3 POSTs a window), on its own database, for the rate-limit test.</summary>
public sealed class RateLimitedApp : GovChannelApp
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "govchannel-" + Guid.NewGuid().ToString("N")[..10] + ".db");
    public override string Provider => "Sqlite";
    protected override string ConnectionString() => $"Data Source={_file}";
    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
        [new("GovChannel:DatasetRequestsPerWindow", "3"), new("GovChannel:DatasetRequestWindowSeconds", "3600")];
}

public sealed class RequestRateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task RequestForm_FourthPostInTheWindow_Gets429WithAFriendlyPage()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        var token = PortalFixture.Token(await client.GetStringAsync("/dataset/request"));
        HttpResponseMessage Post(int i) => client.PostAsync("/dataset/request", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Title"] = "ข้อมูลที่ " + i, ["Input.Email"] = "a@example.com",
        })).GetAwaiter().GetResult();
        for (var i = 0; i < 3; i++)
        {
            using var ok = Post(i);
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        }
        using var limited = Post(4);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("ส่งคำขอถี่เกินไป", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(limited.Headers.RetryAfter is not null);
        // Reading the form is never limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dataset/request")).StatusCode);
        Assert.Equal(3, await app.WithDbAsync(async (db, _) => await db.DatasetRequests.CountAsync()));
    }
}
