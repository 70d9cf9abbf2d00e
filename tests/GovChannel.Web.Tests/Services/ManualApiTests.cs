using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using GovChannel.Tests;
using GovChannel.Web.Areas.Services.Manuals;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Tests.Services;

/// <summary>Citizen manuals through <c>/api/manuals</c>: permissions, validation, workflow and revisions, on both databases.</summary>
public abstract class ManualApiTests(GovChannelApp app)
{
    private readonly ServicesClient _api = new(app.CreateClient());

    private async Task<(string OrgId, string Editor, string Admin)> AgencyAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var orgId = await app.AddGroupAsync("agency-" + suffix, "สำนักงานทดสอบ " + suffix);
        var editor = await app.UserTokenAsync("editor-" + suffix);
        var admin = await app.UserTokenAsync("admin-" + suffix);
        await app.AddMemberAsync(orgId, "editor-" + suffix, "editor");
        await app.AddMemberAsync(orgId, "admin-" + suffix, "admin");
        return (orgId, editor, admin);
    }

    private async Task<string> CreateAsync(string orgId, string token, JsonObject? body = null)
    {
        var (status, json) = await _api.PostAsync("/api/manuals", body ?? ServicesClient.Manual(orgId), token);
        Assert.True(status == 201, json?.ToJsonString());
        return json!["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task Create_Anonymous_Is401Problem()
    {
        var (orgId, _, _) = await AgencyAsync();
        var (status, json) = await _api.PostAsync("/api/manuals", ServicesClient.Manual(orgId));
        Assert.Equal(401, status);
        Assert.Equal(401, json!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task Create_EditorOfAnotherAgency_Is403()
    {
        var (orgId, _, _) = await AgencyAsync();
        var (_, otherEditor, _) = await AgencyAsync();
        var (status, _) = await _api.PostAsync("/api/manuals", ServicesClient.Manual(orgId), otherEditor);
        Assert.Equal(403, status);
    }

    [Fact]
    public async Task Create_Editor_DraftWithNationalComplaintChannelsAndAudit()
    {
        var (orgId, editor, _) = await AgencyAsync();
        var (status, json) = await _api.PostAsync("/api/manuals", ServicesClient.Manual(orgId), editor);
        Assert.Equal(201, status);
        Assert.Equal("draft", json!["state"]!.GetValue<string>());
        Assert.Equal(1, json["revision"]!.GetValue<int>());
        var content = json["content"]!;
        Assert.Contains(content["complaintChannels"]!.AsArray(), c => c!["phone"]!.GetValue<string>() == "1111" && c["national"]!.GetValue<bool>());
        Assert.Equal(3, content["steps"]![2]!["order"]!.GetValue<int>());
        Assert.True(content["identityDocuments"]![1]!["obtainedByAgency"]!.GetValue<bool>());
        Assert.True(content["fees"]!["none"]!.GetValue<bool>());
        var id = json["id"]!.GetValue<string>();
        var audits = await app.WithDbAsync((db, _) => Task.FromResult(db.Activities.Count(a => a.ObjectId == id && a.ActivityType == "new citizen manual")));
        Assert.Equal(1, audits);
    }

    [Fact]
    public async Task Create_StepsDoNotAddUp_Refused422InThaiAndEnglish()
    {
        var (orgId, editor, _) = await AgencyAsync();
        var body = ServicesClient.Manual(orgId);
        body["totalTime"] = new JsonObject { ["value"] = 90, ["unit"] = "minute" };
        var (status, json) = await _api.PostAsync("/api/manuals", body, editor, lang: "th");
        Assert.Equal(400, status);
        var message = json!["errors"]!["totalTime"]![0]!.GetValue<string>();
        Assert.Contains("ไม่ตรงกับผลรวมของขั้นตอน", message, StringComparison.Ordinal);
        Assert.Contains("60 นาที", message, StringComparison.Ordinal);
        (status, json) = await _api.PostAsync("/api/manuals", body, editor, lang: "en");
        Assert.Equal(400, status);
        Assert.Contains("does not match the sum of the steps (60 minutes)", json!["errors"]!["totalTime"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_DaysMixedWithMinutes_Refused()
    {
        var (orgId, editor, _) = await AgencyAsync();
        var body = ServicesClient.Manual(orgId);
        body["steps"]![0]!["duration"] = new JsonObject { ["value"] = 1, ["unit"] = "day" };
        var (status, json) = await _api.PostAsync("/api/manuals", body, editor, lang: "en");
        Assert.Equal(400, status);
        Assert.Contains("cannot be added", json!["errors"]!["totalTime"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_FeeBothNoneAndPriced_Refused()
    {
        var (orgId, editor, _) = await AgencyAsync();
        var body = ServicesClient.Manual(orgId);
        body["fees"] = new JsonObject { ["none"] = true, ["items"] = new JsonArray(new JsonObject { ["description"] = "ค่าธรรมเนียมออกใบแทน", ["amount"] = 20, ["unit"] = "baht" }) };
        var (status, json) = await _api.PostAsync("/api/manuals", body, editor, lang: "th");
        Assert.Equal(400, status);
        Assert.Contains("ไม่มีค่าธรรมเนียม", json!["errors"]!["fees"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_FeesUnknownVersusNone_AreDistinct()
    {
        var (orgId, editor, _) = await AgencyAsync();
        var body = ServicesClient.Manual(orgId);
        body.Remove("fees");
        var (_, unknown) = await _api.PostAsync("/api/manuals", body, editor);
        Assert.Null(unknown!["content"]!["fees"]);
        var (_, none) = await _api.PostAsync("/api/manuals", ServicesClient.Manual(orgId), editor);
        Assert.True(none!["content"]!["fees"]!["none"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Workflow_DraftApprovedPublished_RecordsApproverAndPublicSeesOnlyPublished()
    {
        var (orgId, editor, admin) = await AgencyAsync();
        var id = await CreateAsync(orgId, editor);
        Assert.Equal(404, (await _api.GetAsync("/api/manuals/" + id)).Status);
        Assert.Equal(409, (await _api.PostAsync($"/api/manuals/{id}/publish", null, editor)).Status);
        Assert.Equal(403, (await _api.PostAsync($"/api/manuals/{id}/approve", null, editor)).Status);

        var (status, approved) = await _api.PostAsync($"/api/manuals/{id}/approve", null, admin);
        Assert.Equal(200, status);
        Assert.Equal("approved", approved!["state"]!.GetValue<string>());
        Assert.StartsWith("admin-", approved["approvedBy"]!.GetValue<string>(), StringComparison.Ordinal);

        (status, var published) = await _api.PostAsync($"/api/manuals/{id}/publish", null, editor);
        Assert.Equal(200, status);
        Assert.Equal("published", published!["state"]!.GetValue<string>());
        Assert.NotNull(published["publishedAt"]);

        var (publicStatus, publicJson) = await _api.GetAsync("/api/manuals/" + id);
        Assert.Equal(200, publicStatus);
        Assert.Equal(1, publicJson!["revision"]!.GetValue<int>());
        var list = await _api.GetAsync("/api/manuals?agency=" + orgId);
        Assert.Equal(1, list.Json!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Edit_PublishedWithoutNewRevision_Refused409_WithNewRevisionOpensRevision2()
    {
        var (orgId, editor, admin) = await AgencyAsync();
        var id = await CreateAsync(orgId, editor);
        await _api.PostAsync($"/api/manuals/{id}/approve", null, admin);
        await _api.PostAsync($"/api/manuals/{id}/publish", null, editor);

        var body = ServicesClient.Manual(orgId, "การขอเลขที่บ้านใหม่ (ฉบับปรับปรุง)");
        var (status, json) = await _api.PutAsync("/api/manuals/" + id, body, editor, lang: "en");
        Assert.Equal(409, status);
        Assert.Contains("new revision", json!["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        body["newRevision"] = true;
        (status, json) = await _api.PutAsync("/api/manuals/" + id, body, editor);
        Assert.Equal(200, status);
        Assert.Equal(2, json!["revision"]!.GetValue<int>());
        Assert.Equal("draft", json["state"]!.GetValue<string>());

        // The public still reads revision 1 until revision 2 is approved and published.
        var (_, shown) = await _api.GetAsync("/api/manuals/" + id);
        Assert.Equal(1, shown!["revision"]!.GetValue<int>());
        Assert.Equal("การขอเลขที่บ้านใหม่", shown["content"]!["name"]!.GetValue<string>());

        // Editing the open draft needs no new revision; asking for one again is refused.
        body["newRevision"] = false;
        Assert.Equal(200, (await _api.PutAsync("/api/manuals/" + id, body, editor)).Status);
        body["newRevision"] = true;
        Assert.Equal(409, (await _api.PutAsync("/api/manuals/" + id, body, editor)).Status);

        await _api.PostAsync($"/api/manuals/{id}/approve", null, admin);
        await _api.PostAsync($"/api/manuals/{id}/publish", null, admin);
        (_, shown) = await _api.GetAsync("/api/manuals/" + id);
        Assert.Equal(2, shown!["revision"]!.GetValue<int>());
        var (_, revisions) = await _api.GetAsync($"/api/manuals/{id}/revisions");
        Assert.Equal(["superseded", "published"], revisions!.AsArray().Select(r => r!["state"]!.GetValue<string>()));
        var (_, first) = await _api.GetAsync($"/api/manuals/{id}?revision=1");
        Assert.Equal("การขอเลขที่บ้านใหม่", first!["content"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Edit_ApprovedDraft_GoesBackToDraftAndLosesApproval()
    {
        var (orgId, editor, admin) = await AgencyAsync();
        var id = await CreateAsync(orgId, editor);
        await _api.PostAsync($"/api/manuals/{id}/approve", null, admin);
        var (status, json) = await _api.PutAsync("/api/manuals/" + id, ServicesClient.Manual(orgId), editor);
        Assert.Equal(200, status);
        Assert.Equal("draft", json!["state"]!.GetValue<string>());
        Assert.Null(json["approvedBy"]);
    }

    [Fact]
    public async Task Copy_ForLocalOffice_KeepsLinkToSource()
    {
        var (orgId, editor, admin) = await AgencyAsync();
        var (localOrg, localEditor, _) = await AgencyAsync();
        var id = await CreateAsync(orgId, editor);
        Assert.Equal(404, (await _api.PostAsync($"/api/manuals/{id}/copy", new { agency = localOrg }, localEditor)).Status);
        await _api.PostAsync($"/api/manuals/{id}/approve", null, admin);
        await _api.PostAsync($"/api/manuals/{id}/publish", null, editor);
        Assert.Equal(403, (await _api.PostAsync($"/api/manuals/{id}/copy", new { agency = localOrg }, editor)).Status);

        var (status, copy) = await _api.PostAsync($"/api/manuals/{id}/copy", new { agency = localOrg, servingUnits = new[] { "เทศบาลตำบลทดสอบ" } }, localEditor);
        Assert.Equal(201, status);
        Assert.Equal(id, copy!["copiedFrom"]!.GetValue<string>());
        Assert.Equal(localOrg, copy["agency"]!["id"]!.GetValue<string>());
        Assert.StartsWith("[สำเนาคู่มือประชาชน]", copy["content"]!["referenceName"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("draft", copy["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task FormUpload_PdfStoredUnderGeneratedKey_NonPdfRefused_PublicDownloadsAfterPublish()
    {
        var (orgId, editor, admin) = await AgencyAsync();
        var id = await CreateAsync(orgId, editor);
        using var notPdf = new MultipartFormDataContent
        {
            { new StringContent("แบบคำร้อง"), "name" },
            { new ByteArrayContent("hello"u8.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } }, "file", "../../etc/passwd.pdf" },
        };
        Assert.Equal(400, (await Upload(id, notPdf, editor)).Status);

        var pdf = "%PDF-1.4\n% test form\n%%EOF\n"u8.ToArray();
        using var form = new MultipartFormDataContent
        {
            { new StringContent("แบบคำร้องขอเลขที่บ้าน (ท.ร.9)"), "name" },
            { new ByteArrayContent(pdf) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } }, "file", "../../tr9.pdf" },
        };
        var (status, json) = await Upload(id, form, editor);
        Assert.Equal(201, status);
        Assert.Null(json!["storageKey"]);
        Assert.Equal("tr9.pdf", json["fileName"]!.GetValue<string>());
        var formId = json["id"]!.GetValue<string>();

        Assert.Equal(404, (await _api.GetAsync($"/api/manuals/{id}/forms/{formId}")).Status);
        await _api.PostAsync($"/api/manuals/{id}/approve", null, admin);
        await _api.PostAsync($"/api/manuals/{id}/publish", null, editor);
        using var download = await _api.Http.GetAsync($"/api/manuals/{id}/forms/{formId}");
        Assert.Equal(200, (int)download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Withdraw_ByAnAdminWithAReason_PublicGets410_GoneFromListAndSearch_NoFurtherChange()
    {
        var (orgId, editor, admin) = await AgencyAsync();
        var (_, otherEditor, _) = await AgencyAsync();
        var name = "การขอรับเงินอุดหนุนทดสอบ" + Guid.NewGuid().ToString("N")[..6];
        var id = await CreateAsync(orgId, editor, ServicesClient.Manual(orgId, name));
        await _api.PostAsync($"/api/manuals/{id}/approve", null, admin);
        await _api.PostAsync($"/api/manuals/{id}/publish", null, editor);
        async Task<bool> ListedAsync() => (await _api.GetAsync("/api/manuals?limit=1000")).Json!["items"]!.AsArray().Any(m => m!["id"]!.GetValue<string>() == id);
        async Task<bool> FoundAsync() => (await _api.Http.GetStringAsync("/api/search?type=manual&rows=100&q=" + Uri.EscapeDataString(name))).Contains(id, StringComparison.Ordinal);
        Assert.True(await ListedAsync());
        Assert.True(await FoundAsync());

        Assert.Equal(403, (await _api.PostAsync($"/api/manuals/{id}/withdraw", new { reason = "ยุบรวม" }, editor)).Status);
        Assert.Equal(403, (await _api.PostAsync($"/api/manuals/{id}/withdraw", new { reason = "ยุบรวม" }, otherEditor)).Status);
        var (status, json) = await _api.PostAsync($"/api/manuals/{id}/withdraw", new { reason = "   " }, admin);
        Assert.Equal(400, status);
        Assert.NotNull(json!["errors"]!["reason"]);
        Assert.Equal(400, (await _api.PostAsync($"/api/manuals/{id}/withdraw", new { reason = new string('ก', ManualWorkflow.MaxReasonLength + 1) }, admin)).Status);
        Assert.True(await ListedAsync());

        const string reason = "ยุบรวมกับกระบวนงานขอรับเงินอุดหนุนรายเดือน";
        (status, json) = await _api.PostAsync($"/api/manuals/{id}/withdraw", new { reason }, admin);
        Assert.Equal(200, status);
        Assert.Null(json!["publishedRevision"]);
        Assert.Equal(reason, json["withdrawnReason"]!.GetValue<string>());

        (status, json) = await _api.GetAsync("/api/manuals/" + id);
        Assert.Equal(410, status);
        Assert.Equal(reason, json!["withdrawnReason"]!.GetValue<string>());
        Assert.Contains(reason, json["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(await ListedAsync());
        Assert.False(await FoundAsync());
        Assert.Equal(410, (await _api.GetAsync("/api/manuals/" + id, otherEditor)).Status);

        // The agency keeps the record: the revision that was public is now "withdrawn".
        var (_, revisions) = await _api.GetAsync($"/api/manuals/{id}/revisions", editor);
        Assert.Equal(["withdrawn"], revisions!.AsArray().Select(r => r!["state"]!.GetValue<string>()));
        var edit = ServicesClient.Manual(orgId, name);
        edit["newRevision"] = true;
        Assert.Equal(409, (await _api.PutAsync("/api/manuals/" + id, edit, editor)).Status);
        Assert.Equal(409, (await _api.PostAsync($"/api/manuals/{id}/copy", new { agency = orgId }, editor)).Status);
        Assert.Equal(409, (await _api.PostAsync($"/api/manuals/{id}/withdraw", new { reason }, admin)).Status);
        Assert.Equal(1, await app.WithDbAsync((db, _) => db.Activities.CountAsync(a => a.ObjectId == id && a.ActivityType == "withdrew citizen manual")));
    }

    private async Task<(int Status, JsonNode? Json)> Upload(string id, HttpContent content, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/manuals/{id}/forms") { Content = content };
        request.Headers.TryAddWithoutValidation("Authorization", token);
        using var response = await _api.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    [Fact]
    public async Task Sysadmin_ManagesEveryAgency()
    {
        var (orgId, _, _) = await AgencyAsync();
        var sysadmin = await app.UserTokenAsync("root-" + Guid.NewGuid().ToString("N")[..6], sysadmin: true);
        var id = await CreateAsync(orgId, sysadmin);
        Assert.Equal(200, (await _api.PostAsync($"/api/manuals/{id}/approve", null, sysadmin)).Status);
        Assert.Equal(200, (await _api.PostAsync($"/api/manuals/{id}/publish", null, sysadmin)).Status);
    }
}

public sealed class ManualApiTestsSqlite(SqliteApp app) : ManualApiTests(app), IClassFixture<SqliteApp>;

public sealed class ManualApiTestsPostgres(PostgresApp app) : ManualApiTests(app), IClassFixture<PostgresApp>;
