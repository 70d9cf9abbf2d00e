using System.Net;
using GovChannel.Web.Areas.Identity;
using GovChannel.Web.Areas.Services.Manuals;
using GovChannel.Web.Tests.Pages;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovChannel.Web.Tests.Services;

/// <summary>
/// The edit and moderation pages over HTTP on the demo content: who may open and post them, and that they refuse
/// what the API refuses, in the page language. somchai edits for กรมการปกครอง (dopa) and administers สำนักงานสถิติแห่งชาติ (nso).
/// </summary>
public sealed partial class ServicesEditPageTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    /// <summary>A user with a password who edits for a new agency of their own (or none).</summary>
    private async Task<HttpClient> OutsiderAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var orgId = await fixture.App.AddGroupAsync("outside-" + suffix, "หน่วยงานภายนอก " + suffix);
        await fixture.App.UserTokenAsync("outsider-" + suffix);
        await fixture.App.AddMemberAsync(orgId, "outsider-" + suffix, "editor");
        await fixture.App.WithDbAsync(async (db, sp) =>
        {
            var user = await db.Users.SingleAsync(u => u.Name == "outsider-" + suffix);
            user.PasswordHash = sp.GetRequiredService<IPasswordHasher<User>>().HashPassword(user, "outsider-password");
            return await db.SaveChangesAsync();
        });
        return await PortalFixture.SignedInAsync(fixture, "outsider-" + suffix, "outsider-password");
    }

    private Task<string> ManualIdAsync(string name) =>
        fixture.App.WithDbAsync(async (db, _) => await db.CitizenManuals.Where(m => m.Name == name).Select(m => m.Id).FirstAsync());

    /// <summary>Posts a form with the antiforgery token of the form that targets <paramref name="postUrl"/> on the page (else the page's first).</summary>
    private static async Task<(HttpStatusCode Status, string Html)> PostFormAsync(HttpClient client, string pageUrl, Dictionary<string, string> fields, string? postUrl = null)
    {
        var page = await client.GetStringAsync(pageUrl);
        var at = postUrl is null ? -1 : page.IndexOf("action=\"" + postUrl + "\"", StringComparison.Ordinal);
        fields["__RequestVerificationToken"] = PortalFixture.Token(at < 0 ? page : page[at..]);
        using var response = await client.PostAsync(postUrl ?? pageUrl, new FormUrlEncodedContent(fields));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A complete manual in the form's field names: two steps of 15 and 30 minutes, total 45 minutes.</summary>
    private static Dictionary<string, string> ManualFields(string name, string total = "45") => new()
    {
        ["Form.Name"] = name, ["Form.ServiceType"] = "single-unit", ["Form.Category"] = "service", ["Form.ImpactLevel"] = "general",
        ["Form.ServiceAreas"] = "central",
        ["Form.Channels[0].Place"] = "สำนักงานสถิติแห่งชาติ", ["Form.Channels[0].FirstDay"] = "mon", ["Form.Channels[0].LastDay"] = "fri",
        ["Form.Channels[0].Opens"] = "08:30", ["Form.Channels[0].Closes"] = "16:30",
        ["Form.Steps[0].Kind"] = "document-check", ["Form.Steps[0].Detail"] = "ตรวจเอกสาร", ["Form.Steps[0].Value"] = "15", ["Form.Steps[0].Unit"] = "minute", ["Form.Steps[0].ResponsibleUnit"] = "กองบริการ",
        ["Form.Steps[1].Kind"] = "consideration", ["Form.Steps[1].Detail"] = "พิจารณา", ["Form.Steps[1].Value"] = "30", ["Form.Steps[1].Unit"] = "minute", ["Form.Steps[1].ResponsibleUnit"] = "กองบริการ",
        ["Form.TotalValue"] = total, ["Form.TotalUnit"] = "minute",
        ["Form.IdentityDocuments[0].Name"] = "บัตรประจำตัวประชาชน", ["Form.IdentityDocuments[0].Originals"] = "1", ["Form.IdentityDocuments[0].Copies"] = "0", ["Form.IdentityDocuments[0].Unit"] = "copy",
        ["Form.FeesMode"] = "none",
    };

    [Theory]
    [InlineData("/manuals/edit")]
    [InlineData("/eservices/edit")]
    [InlineData("/apps/edit")]
    [InlineData("/apps/ratings")]
    [InlineData("/services/manage")]
    public async Task EditPage_Anonymous_RedirectsToSignIn(string url)
    {
        using var response = await fixture.Browser().GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/user/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/manuals/edit/{manual}")]
    [InlineData("/eservices/edit/birth-notice-online")]
    [InlineData("/apps/edit/dopa-queue")]
    public async Task EditPage_EditorOfAnotherAgency_Forbidden(string url)
    {
        var client = await OutsiderAsync();
        url = url.Replace("{manual}", await ManualIdAsync("การแจ้งเกิด"), StringComparison.Ordinal);
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ManualEdit_EditorOfAnotherAgencyPosts_ForbiddenAndUnchanged()
    {
        var client = await OutsiderAsync();
        var id = await ManualIdAsync("การแจ้งตาย");
        // The token comes from a page this user may open; the post targets another agency's manual.
        var (status, _) = await PostFormAsync(client, "/manuals/edit", ManualFields("ถูกแก้โดยคนนอก"), $"/manuals/edit/{id}");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        var revisions = await fixture.App.WithDbAsync(async (db, _) => await db.ManualRevisions.CountAsync(r => r.ManualId == id));
        Assert.Equal(1, revisions);
    }

    [Fact]
    public async Task ManualEdit_DraftOfAnotherAgency_NotFound()
    {
        var client = await OutsiderAsync();
        var id = await ManualIdAsync("การขอใช้ข้อมูลสถิติรายละเอียดระดับย่อย");
        using var response = await client.GetAsync($"/manuals/edit/{id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ManualEdit_WithoutAntiforgeryToken_Refused()
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        using var response = await client.PostAsync("/manuals/edit", new FormUrlEncodedContent(ManualFields("ไม่มีโทเค็น")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await fixture.App.WithDbAsync(async (db, _) => await db.CitizenManuals.AnyAsync(m => m.Name == "ไม่มีโทเค็น")));
    }

    [Theory]
    [InlineData("th", "ไม่ตรงกับผลรวมของขั้นตอน")]
    [InlineData("en", "does not match the sum of the steps (45 minutes)")]
    public async Task ManualEdit_StepsDoNotAddUp_RefusedInThePageLanguage(string lang, string message)
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        var name = "คู่มือผลรวมผิด " + lang;
        var fields = ManualFields(name, total: "90");
        fields["Form.Agency"] = await NsoIdAsync();
        var (status, html) = await PostFormAsync(client, "/manuals/edit?lang=" + lang, fields, "/manuals/edit");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(message, System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("value=\"ตรวจเอกสาร\"", html, StringComparison.Ordinal); // what was typed comes back
        Assert.False(await fixture.App.WithDbAsync(async (db, _) => await db.CitizenManuals.AnyAsync(m => m.Name == name)));
    }

    [Fact]
    public async Task ManualEdit_FeeNoneAndPriced_Refused()
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        var fields = ManualFields("คู่มือค่าธรรมเนียมขัดกัน");
        fields["Form.Agency"] = await NsoIdAsync();
        fields["Form.Fees[0].Description"] = "ค่าคำขอ";
        fields["Form.Fees[0].Amount"] = "100";
        var (status, html) = await PostFormAsync(client, "/manuals/edit", fields);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("ทั้ง &quot;ไม่มีค่าธรรมเนียม&quot; และมีจำนวนเงิน", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManualEdit_NotANumber_ReportedBesideTheStep()
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        var fields = ManualFields("คู่มือตัวเลขผิด");
        fields["Form.Agency"] = await NsoIdAsync();
        fields["Form.Steps[1].Value"] = "สามสิบ";
        var (status, html) = await PostFormAsync(client, "/manuals/edit", fields);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("&quot;สามสิบ&quot; ไม่ใช่ตัวเลข", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManualWorkflow_CreateApprovePublishThenEdit_OpensANewRevision()
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        var fields = ManualFields("การขอหนังสือรับรองข้อมูลสถิติ");
        fields["Form.Agency"] = await NsoIdAsync();
        fields["Form.Fees[0].Description"] = "";
        var (status, _) = await PostFormAsync(client, "/manuals/edit", fields);
        Assert.Equal(HttpStatusCode.Redirect, status);
        var id = await ManualIdAsync("การขอหนังสือรับรองข้อมูลสถิติ");

        // A sample form: the upload form on the edit page carries its own antiforgery token.
        var edit = await client.GetStringAsync($"/manuals/edit/{id}");
        var uploadForm = edit[edit.IndexOf("?handler=form", StringComparison.Ordinal)..];
        using (var upload = new MultipartFormDataContent
        {
            { new StringContent(PortalFixture.Token(uploadForm)), "__RequestVerificationToken" }, { new StringContent("แบบคำขอ"), "FormName" },
            { new ByteArrayContent("%PDF-1.4\n%test\n"u8.ToArray()), "FormFile", "request.pdf" },
        })
        {
            using var uploaded = await client.PostAsync($"/manuals/edit/{id}?handler=form", upload);
            Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        }
        Assert.Contains("แบบคำขอ", await client.GetStringAsync($"/manuals/edit/{id}"), StringComparison.Ordinal);

        var url = $"/manuals/{id}?latest=true";
        (status, _) = await PostFormAsync(client, url, new(), $"/manuals/{id}?handler=approve");
        Assert.Equal(HttpStatusCode.Redirect, status);
        (status, _) = await PostFormAsync(client, url, new(), $"/manuals/{id}?handler=publish");
        Assert.Equal(HttpStatusCode.Redirect, status);
        var somchai = await fixture.App.UserIdAsync("somchai");
        var published = await fixture.App.WithDbAsync(async (db, _) => await db.ManualRevisions.SingleAsync(r => r.ManualId == id && r.Number == 1));
        Assert.Equal(ManualStates.Published, published.State);
        Assert.Equal(somchai, published.ApprovedBy);
        using (var publicPage = await fixture.Browser().GetAsync($"/manuals/{id}"))
        {
            Assert.Equal(HttpStatusCode.OK, publicPage.StatusCode);
        }

        // Saving without choosing a new revision is refused (409); with it, revision 2 is a draft and 1 stays public.
        fields["Form.Name"] = "การขอหนังสือรับรองข้อมูลสถิติ (ปรับปรุง)";
        fields["Form.NewRevision"] = "false";
        (status, var html) = await PostFormAsync(client, $"/manuals/edit/{id}", fields);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("สร้างฉบับปรับปรุงใหม่", html, StringComparison.Ordinal);
        fields["Form.NewRevision"] = "true";
        (status, _) = await PostFormAsync(client, $"/manuals/edit/{id}", fields);
        Assert.Equal(HttpStatusCode.Redirect, status);
        var (latest, publicRevision) = await fixture.App.WithDbAsync(async (db, _) =>
            await db.CitizenManuals.Where(m => m.Id == id).Select(m => ValueTuple.Create(m.LatestRevision, m.PublishedRevision)).SingleAsync());
        Assert.Equal(2, latest);
        Assert.Equal(1, publicRevision);
        var audits = await fixture.App.WithDbAsync(async (db, _) => await db.Activities.CountAsync(a => a.ObjectId == id));
        Assert.Equal(5, audits); // created, form added, approved, published, changed
    }

    [Fact]
    public async Task ManualCopy_ForALocalOffice_DraftOfTheChosenAgencyLinkedToItsSource()
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        var source = await ManualIdAsync("การจดทะเบียนหย่าโดยความยินยอม");
        var (status, _) = await PostFormAsync(client, $"/manuals/{source}", new() { ["CopyAgency"] = await NsoIdAsync(), ["CopyUnits"] = "สำนักงานสถิติจังหวัดเชียงใหม่\n" },
            $"/manuals/{source}?handler=copy");
        Assert.Equal(HttpStatusCode.Redirect, status);
        var copy = await fixture.App.WithDbAsync(async (db, _) => await db.CitizenManuals.SingleAsync(m => m.CopiedFromId == source && m.OwnerOrgId == db.Groups.Single(g => g.Name == "nso").Id));
        Assert.Null(copy.PublishedRevision);
        var content = await fixture.App.WithDbAsync(async (db, _) => ManualContent.FromJson(await db.ManualRevisions.Where(r => r.ManualId == copy.Id).Select(r => r.ContentJson).SingleAsync()));
        Assert.Equal(["สำนักงานสถิติจังหวัดเชียงใหม่"], content.ServingUnits);
        Assert.StartsWith("[สำเนาคู่มือประชาชน]", content.ReferenceName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManualWithdraw_ByTheAgencyAdmin_WithAReason_PublicPageIs410WithTheDateAndReason()
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        var fields = ManualFields("การขอรับรองสำเนาข้อมูลสถิติ");
        fields["Form.Agency"] = await NsoIdAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, "/manuals/edit", fields)).Status);
        var id = await ManualIdAsync("การขอรับรองสำเนาข้อมูลสถิติ");
        var url = $"/manuals/{id}?latest=true";
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, url, new(), $"/manuals/{id}?handler=approve")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, url, new(), $"/manuals/{id}?handler=publish")).Status);

        var (status, html) = await PostFormAsync(client, url, new(), $"/manuals/{id}?handler=withdraw");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("กรุณาระบุเหตุผลที่ยกเลิก", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Browser().GetAsync($"/manuals/{id}")).StatusCode);

        (status, _) = await PostFormAsync(client, url, new() { ["WithdrawReason"] = "ยุบรวมกับกระบวนงานขอข้อมูลสถิติ" }, $"/manuals/{id}?handler=withdraw");
        Assert.Equal(HttpStatusCode.Redirect, status);
        using (var gone = await fixture.Browser().GetAsync($"/manuals/{id}"))
        {
            Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
            var page = await gone.Content.ReadAsStringAsync();
            Assert.Contains("คู่มือนี้ถูกยกเลิกแล้ว", page, StringComparison.Ordinal);
            Assert.Contains("ยุบรวมกับกระบวนงานขอข้อมูลสถิติ", page, StringComparison.Ordinal);
            var withdrawn = await fixture.App.WithDbAsync(async (db, _) => await db.CitizenManuals.Where(m => m.Id == id).Select(m => m.WithdrawnAt).SingleAsync());
            var year = withdrawn!.Value.Year + 543;
            Assert.Contains(year.ToString(System.Globalization.CultureInfo.InvariantCulture), page, StringComparison.Ordinal);
        }
        using (var gone = await fixture.Browser().GetAsync($"/manuals/{id}?lang=en"))
        {
            Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
            Assert.Contains("This manual has been withdrawn", await gone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var editorView = await client.GetStringAsync(url);
        Assert.Contains("ยุบรวมกับกระบวนงานขอข้อมูลสถิติ", editorView, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=withdraw", editorView, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=approve", editorView, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManualWorkflow_EditorWhoIsNotAgencyAdmin_CannotApprove()
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        var fields = ManualFields("คู่มือร่างของกรมการปกครอง");
        fields["Form.Agency"] = await fixture.App.WithDbAsync(async (db, _) => await db.Groups.Where(g => g.Name == "dopa").Select(g => g.Id).SingleAsync());
        await PostFormAsync(client, "/manuals/edit", fields);
        var id = await ManualIdAsync("คู่มือร่างของกรมการปกครอง");
        var (status, html) = await PostFormAsync(client, $"/manuals/{id}?latest=true", new(), $"/manuals/{id}?handler=approve");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(ManualStates.Draft, await fixture.App.WithDbAsync(async (db, _) => await db.ManualRevisions.Where(r => r.ManualId == id).Select(r => r.State).SingleAsync()));
        Assert.Contains("ผู้อนุมัติต้องเป็นผู้ดูแลของหน่วยงาน", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EServiceEdit_LinkNotHttp_RefusedInThai()
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        var (status, html) = await PostFormAsync(client, "/eservices/edit/birth-notice-online", new()
        {
            ["Form.Slug"] = "birth-notice-online", ["Form.Name"] = "แจ้งเกิดออนไลน์จากโรงพยาบาล", ["Form.Level"] = "4", ["Form.Category"] = "civil-registration",
            ["Form.Channels"] = "web", ["Form.Audiences"] = "citizen", ["Form.Link"] = "javascript:alert(1)", ["Form.LaunchedOn"] = "2023-01-16", ["Form.State"] = "published",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("ลิงก์ต้องขึ้นต้นด้วย http:// หรือ https://", html, StringComparison.Ordinal);
        Assert.NotEqual("javascript:alert(1)", await fixture.App.WithDbAsync(async (db, _) => await db.EServices.Where(s => s.Slug == "birth-notice-online").Select(s => s.Url).SingleAsync()));
    }

    [Fact]
    public async Task EServiceEdit_Editor_SavesAndAudits()
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        var (status, _) = await PostFormAsync(client, "/eservices/edit", new()
        {
            ["Form.Agency"] = await NsoIdAsync(), ["Form.Slug"] = "stat-certificate-online", ["Form.Name"] = "ขอหนังสือรับรองข้อมูลสถิติออนไลน์", ["Form.Level"] = "3",
            ["Form.Category"] = "statistics", ["Form.Channels"] = "web", ["Form.Audiences"] = "business", ["Form.Link"] = "https://www.nso.example.go.th/certificate",
            ["Form.LaunchedOn"] = "2025-10-01", ["Form.State"] = "published",
        });
        Assert.Equal(HttpStatusCode.Redirect, status);
        var id = await fixture.App.WithDbAsync(async (db, _) => await db.EServices.Where(s => s.Slug == "stat-certificate-online").Select(s => s.Id).SingleAsync());
        Assert.True(await fixture.App.WithDbAsync(async (db, _) => await db.Activities.AnyAsync(a => a.ObjectId == id && a.ActivityType == "new eservice")));
    }

    [Fact]
    public async Task AppEdit_StoreLinkNotHttp_RefusedInEnglish()
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        var (status, html) = await PostFormAsync(client, "/apps/edit/dopa-queue?lang=en", new()
        {
            ["Form.Slug"] = "dopa-queue", ["Form.Name"] = "คิวทะเบียน", ["Form.Category"] = "civil-registration", ["Form.State"] = "published",
            ["Form.Links[0].Platform"] = "android", ["Form.Links[0].Url"] = "ftp://files.example.go.th/queue.apk",
        }, "/apps/edit/dopa-queue");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("Store links must be http:// or https:// URLs.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppEdit_UploadPng_StoredUnderAGeneratedNameAndShown_NotAnImageRefused()
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        var page = await client.GetStringAsync("/apps/edit/dopa-family");
        async Task<List<string>> ShotsAsync() => System.Text.Json.JsonSerializer.Deserialize<List<string>>(
            await fixture.App.WithDbAsync(async (db, _) => await db.Apps.Where(a => a.Slug == "dopa-family").Select(a => a.ScreenshotsJson).SingleAsync()))!;
        var before = await ShotsAsync();
        async Task<HttpResponseMessage> PostAsync(byte[] bytes, string type, string fileName)
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent(PortalFixture.Token(page)), "__RequestVerificationToken" },
                { new StringContent("dopa-family"), "Form.Slug" }, { new StringContent("ทะเบียนครอบครัวของฉัน"), "Form.Name" },
                { new StringContent("civil-registration"), "Form.Category" }, { new StringContent("1.4.0"), "Form.Version" }, { new StringContent("published"), "Form.State" },
                { new StringContent(before[0]), "Form.Screenshots" }, { new StringContent("android"), "Form.Links[0].Platform" }, { new StringContent("https://play.example.com/store/apps/th.go.dopa.family"), "Form.Links[0].Url" },
            };
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
            form.Add(file, "Uploads", fileName);
            return await client.PostAsync("/apps/edit/dopa-family", form);
        }

        using (var refused = await PostAsync("not really an image"u8.ToArray(), "image/png", "shot.png"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("PNG, JPEG หรือ WebP", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(before, await ShotsAsync());

        using (var saved = await PostAsync(Png, "image/png", "../../etc/passwd.png"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        var after = await ShotsAsync();
        Assert.Equal([before[0]], after.Take(1));
        var url = after.Skip(1).Single();
        Assert.Matches("^/api/apps/screenshots/[0-9a-f]{32}\\.png$", url);
        Assert.Contains($"src=\"{url}\"", await fixture.Browser().GetStringAsync("/apps/dopa-family"), StringComparison.Ordinal);
        using var image = await fixture.Browser().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Png, await image.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AppEdit_ScreenshotUnticked_FileKeptWhenTheSaveRollsBack_DeletedOnceSaved()
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        const string slug = "dopa-queue";
        async Task<List<string>> ShotsAsync() => System.Text.Json.JsonSerializer.Deserialize<List<string>>(
            await fixture.App.WithDbAsync(async (db, _) => await db.Apps.Where(a => a.Slug == slug).Select(a => a.ScreenshotsJson).SingleAsync()))!;
        async Task<bool> StoredAsync(string url)
        {
            await using var stream = await fixture.App.Services.GetRequiredService<Areas.OpenData.Files.IFileStore>()
                .OpenAsync(Areas.Apps.AppApi.KeyOf(url)!, CancellationToken.None);
            return stream is not null;
        }
        async Task<HttpStatusCode> PostAsync(IEnumerable<string> keep, byte[]? upload)
        {
            var page = await client.GetStringAsync("/apps/edit/" + slug);
            var form = new MultipartFormDataContent
            {
                { new StringContent(PortalFixture.Token(page)), "__RequestVerificationToken" },
                { new StringContent(slug), "Form.Slug" }, { new StringContent("จองคิวงานทะเบียน"), "Form.Name" },
                { new StringContent("civil-registration"), "Form.Category" }, { new StringContent("2.0.0"), "Form.Version" }, { new StringContent("published"), "Form.State" },
                { new StringContent("android"), "Form.Links[0].Platform" }, { new StringContent("https://play.example.com/store/apps/th.go.dopa.queue"), "Form.Links[0].Url" },
            };
            foreach (var shot in keep)
            {
                form.Add(new StringContent(shot), "Form.Screenshots");
            }
            if (upload is not null)
            {
                var file = new ByteArrayContent(upload);
                file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
                form.Add(file, "Uploads", "shot.png");
            }
            using var response = await client.PostAsync("/apps/edit/" + slug, form);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Redirect, await PostAsync(await ShotsAsync(), Png));
        var shots = await ShotsAsync();
        var uploaded = shots[^1];
        Assert.True(await StoredAsync(uploaded));

        // Unticked, but the same save brings a file that is not an image: the whole save rolls back, and the row that
        // still lists the screenshot must still find its file.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, await PostAsync(shots[..^1], "not an image"u8.ToArray()));
        Assert.Equal(shots, await ShotsAsync());
        Assert.True(await StoredAsync(uploaded));

        Assert.Equal(HttpStatusCode.Redirect, await PostAsync(shots[..^1], null));
        Assert.Equal(shots[..^1], await ShotsAsync());
        Assert.False(await StoredAsync(uploaded));
    }

    [Fact]
    public async Task EServiceEdit_Delete_OnlyConfirmed_ByTheAgency_ThenGoneForThePublicAndTheSearch()
    {
        const string slug = "house-record-copy";
        Assert.Contains(slug, (await fixture.Browser().GetStringAsync("/api/search?type=eservice&rows=100&q=" + Uri.EscapeDataString("ทะเบียนบ้าน"))), StringComparison.Ordinal);
        var outsider = await OutsiderAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await PostFormAsync(outsider, "/eservices/" + slug, new() { ["confirm"] = "true" }, "/eservices/edit/" + slug + "?handler=Delete")).Status);

        var client = await PortalFixture.SignedInAsync(fixture);
        var (status, _) = await PostFormAsync(client, "/eservices/edit/" + slug, [], "/eservices/edit/" + slug + "?handler=Delete");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Browser().GetAsync("/eservices/" + slug)).StatusCode);

        (status, _) = await PostFormAsync(client, "/eservices/edit/" + slug, new() { ["confirm"] = "true" }, "/eservices/edit/" + slug + "?handler=Delete");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Browser().GetAsync("/eservices/" + slug)).StatusCode);
        Assert.DoesNotContain(slug, await fixture.Browser().GetStringAsync("/api/search?type=eservice&rows=100&q=" + Uri.EscapeDataString("ทะเบียนบ้าน")), StringComparison.Ordinal);
        Assert.Equal(1, await fixture.App.WithDbAsync((db, _) => db.Activities.CountAsync(a => a.ActivityType == "deleted eservice")));
    }

    [Fact]
    public async Task AppEdit_Delete_OnlyConfirmed_ByTheAgency_ThenGoneForThePublicAndTheSearch()
    {
        const string slug = "dopa-digital-id";
        var search = "/api/search?type=app&rows=100&q=" + Uri.EscapeDataString("ดิจิทัลไอดี");
        Assert.Contains(slug, await fixture.Browser().GetStringAsync(search), StringComparison.Ordinal);
        var outsider = await OutsiderAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await PostFormAsync(outsider, "/apps/" + slug, new() { ["confirm"] = "true" }, "/apps/edit/" + slug + "?handler=Delete")).Status);

        var client = await PortalFixture.SignedInAsync(fixture);
        var (status, _) = await PostFormAsync(client, "/apps/edit/" + slug, [], "/apps/edit/" + slug + "?handler=Delete");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Browser().GetAsync("/apps/" + slug)).StatusCode);

        (status, _) = await PostFormAsync(client, "/apps/edit/" + slug, new() { ["confirm"] = "true" }, "/apps/edit/" + slug + "?handler=Delete");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Browser().GetAsync("/apps/" + slug)).StatusCode);
        Assert.DoesNotContain(slug, await fixture.Browser().GetStringAsync(search), StringComparison.Ordinal);
        Assert.Equal(1, await fixture.App.WithDbAsync((db, _) => db.Activities.CountAsync(a => a.ActivityType == "deleted app")));
    }

    [Fact]
    public async Task Ratings_Queue_EditorModerates_OutsiderSeesNothingAndCannot()
    {
        var rater = await OutsiderAsync();
        var page = await rater.GetStringAsync("/apps/nso-stat");
        using (var rated = await rater.PostAsync("/apps/nso-stat", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Stars"] = "5", ["Comment"] = "ใช้ง่ายมาก ทดสอบคิว", ["__RequestVerificationToken"] = PortalFixture.Token(page),
        })))
        {
            Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        }
        var ratingId = await fixture.App.WithDbAsync(async (db, _) => await db.AppRatings.Where(r => r.Comment == "ใช้ง่ายมาก ทดสอบคิว").Select(r => r.Id).SingleAsync());

        // The rater edits for another agency: the queue does not show this rating, and moderating it is refused.
        var queue = await rater.GetStringAsync("/apps/ratings");
        Assert.DoesNotContain("ใช้ง่ายมาก ทดสอบคิว", queue, StringComparison.Ordinal);
        var (status, _) = await PostFormAsync(rater, "/apps/ratings", new() { ["slug"] = "nso-stat", ["ratingId"] = ratingId, ["decision"] = "approve" });
        Assert.Equal(HttpStatusCode.Forbidden, status);

        var editor = await PortalFixture.SignedInAsync(fixture);
        Assert.Contains("ใช้ง่ายมาก ทดสอบคิว", await editor.GetStringAsync("/apps/ratings"), StringComparison.Ordinal);
        (status, _) = await PostFormAsync(editor, "/apps/ratings", new() { ["slug"] = "nso-stat", ["ratingId"] = ratingId, ["decision"] = "approve" });
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("approved", await fixture.App.WithDbAsync(async (db, _) => await db.AppRatings.Where(r => r.Id == ratingId).Select(r => r.State).SingleAsync()));
        Assert.Contains("ใช้ง่ายมาก ทดสอบคิว", await fixture.Browser().GetStringAsync("/apps/nso-stat"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManagePage_Editor_ListsDraftsOfTheirAgencies()
    {
        var html = await (await PortalFixture.SignedInAsync(fixture)).GetStringAsync("/services/manage");
        Assert.Contains("การขอใช้ข้อมูลสถิติรายละเอียดระดับย่อย", html, StringComparison.Ordinal); // nso's draft
        Assert.DoesNotContain("/apps/edit/tmd-weather", html, StringComparison.Ordinal); // another agency's app
    }

    [Theory]
    [InlineData("th")]
    [InlineData("en")]
    public async Task EditPages_ThaiAndEnglish_NoMissingWords(string lang)
    {
        var client = await PortalFixture.SignedInAsync(fixture);
        var draft = await ManualIdAsync("การขอใช้ข้อมูลสถิติรายละเอียดระดับย่อย");
        foreach (var url in new[] { "/services/manage", "/manuals/edit", $"/manuals/edit/{draft}", $"/manuals/{draft}?latest=true", "/eservices/edit", "/eservices/edit/statistics-request", "/apps/edit", "/apps/edit/nso-stat", "/apps/ratings" })
        {
            using var response = await client.GetAsync(url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "lang=" + lang);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            Assert.Contains($"<html lang=\"{lang}\"", html, StringComparison.Ordinal);
            Assert.DoesNotMatch(MissingKey(), html);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("[> ](edit|manage|workflow|ratings|state|sec|doc|fee|fees|step|channel|stats|law|deadline)\\.[a-z.-]+[<\"]")]
    private static partial System.Text.RegularExpressions.Regex MissingKey();

    private Task<string> NsoIdAsync() => fixture.App.WithDbAsync(async (db, _) => await db.Groups.Where(g => g.Name == "nso").Select(g => g.Id).SingleAsync());

    /// <summary>A 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
}
