using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.OpenData.Files;
using GovChannel.Web.Areas.Search;
using GovChannel.Web.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Services.Manuals;

/// <summary>
/// <c>/api/manuals</c>: citizen manuals with the draft → approved → published workflow. Editors and admins of the
/// owning agency draft and publish; only an agency admin (or a sysadmin) approves, and the approver is recorded. The
/// public reads the published revision only.
/// </summary>
public static class ManualApi
{
    public const long MaxFormBytes = 10 * 1024 * 1024;

    public static void MapManualApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/manuals").WithTags("Manuals");
        api.MapGet("/", ListManuals);
        api.MapGet("/{id}", GetManual);
        api.MapGet("/{id}/revisions", ListRevisions);
        api.MapPost("/", CreateManual);
        api.MapPut("/{id}", UpdateManual);
        api.MapPost("/{id}/approve", ApproveManual);
        api.MapPost("/{id}/publish", PublishManual);
        api.MapPost("/{id}/copy", CopyManual);
        api.MapPost("/{id}/forms", UploadForm).DisableAntiforgery();
        api.MapGet("/{id}/forms/{formId}", DownloadForm);
    }

    private static async Task<Ok<ManualList>> ListManuals(
        HttpContext http, GovDb db, string? agency, string? category, bool? includeDrafts, int? offset, int? limit, CancellationToken ct)
    {
        var caller = await ServiceApi.CallerAsync(http, db);
        var query = db.CitizenManuals.AsNoTracking();
        if (includeDrafts == true && caller.SignedIn)
        {
            var orgs = caller.EditableOrgs;
            query = orgs is null ? query : query.Where(m => m.PublishedRevision != null || orgs.Contains(m.OwnerOrgId));
        }
        else
        {
            query = query.Where(m => m.PublishedRevision != null);
        }
        if (await ServiceApi.AgencyAsync(db, agency, ct) is { } org)
        {
            query = query.Where(m => m.OwnerOrgId == org.Id);
        }
        else if (!string.IsNullOrEmpty(agency))
        {
            return TypedResults.Ok(new ManualList(0, []));
        }
        if (!string.IsNullOrEmpty(category))
        {
            query = query.Where(m => m.Category == category);
        }
        var count = await query.CountAsync(ct);
        var rows = await query.OrderBy(m => m.Name).Skip(Math.Max(0, offset ?? 0)).Take(Math.Clamp(limit ?? 100, 1, 1000))
            .Join(db.Groups, m => m.OwnerOrgId, g => g.Id, (m, g) => new { m, g })
            .ToListAsync(ct);
        return TypedResults.Ok(new ManualList(count, rows.Select(r => new ManualSummary(
            r.m.Id, Url(r.m.Id), r.m.Name, new AgencyRef(r.g.Id, r.g.Name, r.g.Title ?? r.g.Name), r.m.Category,
            r.m.PublishedRevision, r.m.LatestRevision, r.m.PublishedAt, r.m.CopiedFromId)).ToList()));
    }

    public static string Url(string id) => "/manuals/" + id;

    /// <summary>The revision a caller may read: the published one, or for the agency's editors the latest (or any by number).</summary>
    public static async Task<(CitizenManual Manual, ManualRevision Revision)?> ReadableAsync(
        GovDb db, Caller caller, string id, int? number, bool latest, CancellationToken ct)
    {
        var manual = await db.CitizenManuals.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (manual is null)
        {
            return null;
        }
        var canEdit = caller.CanEdit(manual.OwnerOrgId);
        var wanted = number ?? (latest && canEdit ? manual.LatestRevision : manual.PublishedRevision ?? (canEdit ? manual.LatestRevision : null));
        if (wanted is null)
        {
            return null;
        }
        var revision = await db.ManualRevisions.FirstOrDefaultAsync(r => r.ManualId == id && r.Number == wanted, ct);
        if (revision is null || (!canEdit && revision.State is not (ManualStates.Published or ManualStates.Superseded)))
        {
            return null;
        }
        return (manual, revision);
    }

    private static async Task<Results<Ok<ManualDto>, ProblemHttpResult>> GetManual(
        HttpContext http, GovDb db, string id, int? revision, bool? latest, CancellationToken ct)
    {
        var caller = await ServiceApi.CallerAsync(http, db);
        return await ReadableAsync(db, caller, id, revision, latest == true, ct) is { } found
            ? TypedResults.Ok(await ToDtoAsync(db, found.Manual, found.Revision, ct))
            : ServiceApi.NotFound(http);
    }

    private static async Task<Results<Ok<List<RevisionDto>>, ProblemHttpResult>> ListRevisions(HttpContext http, GovDb db, string id, CancellationToken ct)
    {
        var caller = await ServiceApi.CallerAsync(http, db);
        var manual = await db.CitizenManuals.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (manual is null || (manual.PublishedRevision is null && !caller.CanEdit(manual.OwnerOrgId)))
        {
            return ServiceApi.NotFound(http);
        }
        var canEdit = caller.CanEdit(manual.OwnerOrgId);
        var revisions = await db.ManualRevisions.AsNoTracking().Where(r => r.ManualId == id)
            .Where(r => canEdit || r.State == ManualStates.Published || r.State == ManualStates.Superseded)
            .OrderBy(r => r.Number).ToListAsync(ct);
        var names = await UserNamesAsync(db, revisions.SelectMany(r => new[] { r.CreatedBy, r.ApprovedBy, r.PublishedBy }), ct);
        return TypedResults.Ok(revisions.Select(r => new RevisionDto(r.Number, r.State, r.Created, Name(names, r.CreatedBy),
            Name(names, r.ApprovedBy), r.ApprovedAt, Name(names, r.PublishedBy), r.PublishedAt)).ToList());
    }

    private static async Task<Results<Created<ManualDto>, ValidationProblem, ProblemHttpResult>> CreateManual(
        HttpContext http, GovDb db, TimeProvider time, OneSearchIndex search, ManualInput input, CancellationToken ct)
    {
        var caller = await ServiceApi.CallerAsync(http, db);
        if (!caller.SignedIn)
        {
            return ServiceApi.Denied(http, caller);
        }
        var agency = await ServiceApi.AgencyAsync(db, input.Agency, ct);
        if (agency is null)
        {
            return ServiceApi.Invalid(http, new() { ["agency"] = [ServiceApi.Say(ServiceApi.Lang(http), "ไม่พบหน่วยงานนี้", "No such agency.")] });
        }
        if (!caller.CanEdit(agency.Id))
        {
            return ServiceApi.Denied(http, caller);
        }
        var content = Content(input);
        var errors = ManualValidation.Validate(content, ServiceApi.Lang(http));
        if (errors.Count > 0)
        {
            return ServiceApi.Invalid(http, errors);
        }
        var now = Clock.Now(time);
        var manual = new CitizenManual
        {
            OwnerOrgId = agency.Id, Name = content.Name, Category = content.Category, Created = now, Modified = now,
            CreatorUserId = caller.User!.Id,
        };
        manual.Revisions.Add(NewRevision(manual.Id, 1, content, caller, now));
        db.CitizenManuals.Add(manual);
        ServiceApi.Audit(db, now, caller, manual.Id, "new citizen manual", new JsonObject { ["name"] = manual.Name, ["revision"] = 1 });
        await db.SaveChangesAsync(ct);
        search.MarkStale();
        var dto = await ToDtoAsync(db, manual, manual.Revisions[0], ct);
        return TypedResults.Created(dto.Url, dto);
    }

    /// <summary>
    /// Edits the latest revision while it is a draft (an approved draft goes back to draft and loses its approval). A
    /// published manual is never edited in place: <c>newRevision: true</c> opens the next revision, else 409.
    /// </summary>
    private static async Task<Results<Ok<ManualDto>, ValidationProblem, ProblemHttpResult>> UpdateManual(
        HttpContext http, GovDb db, TimeProvider time, OneSearchIndex search, string id, ManualInput input, CancellationToken ct)
    {
        var caller = await ServiceApi.CallerAsync(http, db);
        var manual = await db.CitizenManuals.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (manual is null)
        {
            return ServiceApi.NotFound(http);
        }
        if (!caller.CanEdit(manual.OwnerOrgId))
        {
            return manual.PublishedRevision is null && caller.SignedIn ? ServiceApi.NotFound(http) : ServiceApi.Denied(http, caller);
        }
        var latest = await db.ManualRevisions.SingleAsync(r => r.ManualId == id && r.Number == manual.LatestRevision, ct);
        var isPublished = latest.State == ManualStates.Published;
        if (isPublished && !input.NewRevision)
        {
            return ServiceApi.Problem(http, 409,
                $"คู่มือนี้เผยแพร่แล้ว (ฉบับที่ {latest.Number}) แก้ไขโดยตรงไม่ได้ กรุณาสร้างฉบับปรับปรุงใหม่ (ส่ง newRevision: true)",
                $"This manual is published (revision {latest.Number}) and cannot be edited in place; create a new revision (send newRevision: true).");
        }
        if (!isPublished && input.NewRevision)
        {
            return ServiceApi.Problem(http, 409,
                $"ฉบับที่ {latest.Number} ยังไม่เผยแพร่ ให้แก้ไขฉบับนั้นแทนการสร้างฉบับใหม่",
                $"Revision {latest.Number} is not published yet; edit it instead of opening a new one.");
        }
        var content = Content(input);
        var errors = ManualValidation.Validate(content, ServiceApi.Lang(http));
        if (errors.Count > 0)
        {
            return ServiceApi.Invalid(http, errors);
        }
        content.Forms = ManualContent.FromJson(latest.ContentJson).Forms;
        var now = Clock.Now(time);
        ManualRevision target;
        if (isPublished)
        {
            target = NewRevision(id, latest.Number + 1, content, caller, now);
            db.ManualRevisions.Add(target);
            manual.LatestRevision = target.Number;
        }
        else
        {
            target = latest;
            target.ContentJson = content.ToJson();
            target.State = ManualStates.Draft;
            target.ApprovedBy = null;
            target.ApprovedAt = null;
            target.Modified = now;
        }
        manual.Modified = now;
        if (manual.PublishedRevision is null)
        {
            manual.Name = content.Name;
            manual.Category = content.Category;
        }
        ServiceApi.Audit(db, now, caller, id, "changed citizen manual", new JsonObject { ["revision"] = target.Number, ["newRevision"] = isPublished });
        await db.SaveChangesAsync(ct);
        search.MarkStale();
        return TypedResults.Ok(await ToDtoAsync(db, manual, target, ct));
    }

    private static async Task<Results<Ok<ManualDto>, ProblemHttpResult>> ApproveManual(
        HttpContext http, GovDb db, TimeProvider time, string id, CancellationToken ct)
    {
        var caller = await ServiceApi.CallerAsync(http, db);
        var manual = await db.CitizenManuals.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (manual is null)
        {
            return ServiceApi.NotFound(http);
        }
        if (!caller.IsAgencyAdmin(manual.OwnerOrgId))
        {
            return caller.SignedIn && caller.CanEdit(manual.OwnerOrgId)
                ? ServiceApi.Problem(http, 403, "ผู้อนุมัติต้องเป็นผู้ดูแลของหน่วยงานหรือผู้ดูแลระบบ", "Only an agency admin or a system administrator may approve a manual.")
                : ServiceApi.Denied(http, caller);
        }
        var latest = await db.ManualRevisions.SingleAsync(r => r.ManualId == id && r.Number == manual.LatestRevision, ct);
        if (latest.State != ManualStates.Draft)
        {
            return ServiceApi.Problem(http, 409, $"อนุมัติได้เฉพาะฉบับร่าง (ฉบับที่ {latest.Number} อยู่ในสถานะ {latest.State})",
                $"Only a draft can be approved (revision {latest.Number} is {latest.State}).");
        }
        var now = Clock.Now(time);
        latest.State = ManualStates.Approved;
        latest.ApprovedBy = caller.User!.Id;
        latest.ApprovedAt = now;
        manual.Modified = now;
        ServiceApi.Audit(db, now, caller, id, "approved citizen manual", new JsonObject { ["revision"] = latest.Number });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ToDtoAsync(db, manual, latest, ct));
    }

    private static async Task<Results<Ok<ManualDto>, ProblemHttpResult>> PublishManual(
        HttpContext http, GovDb db, TimeProvider time, OneSearchIndex search, string id, CancellationToken ct)
    {
        var caller = await ServiceApi.CallerAsync(http, db);
        var manual = await db.CitizenManuals.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (manual is null)
        {
            return ServiceApi.NotFound(http);
        }
        if (!caller.CanEdit(manual.OwnerOrgId))
        {
            return ServiceApi.Denied(http, caller);
        }
        var latest = await db.ManualRevisions.SingleAsync(r => r.ManualId == id && r.Number == manual.LatestRevision, ct);
        if (latest.State != ManualStates.Approved)
        {
            return ServiceApi.Problem(http, 409, $"เผยแพร่ได้เฉพาะฉบับที่อนุมัติแล้ว (ฉบับที่ {latest.Number} อยู่ในสถานะ {latest.State})",
                $"Only an approved revision can be published (revision {latest.Number} is {latest.State}).");
        }
        var now = Clock.Now(time);
        if (manual.PublishedRevision is { } previous)
        {
            var old = await db.ManualRevisions.SingleAsync(r => r.ManualId == id && r.Number == previous, ct);
            old.State = ManualStates.Superseded;
        }
        latest.State = ManualStates.Published;
        latest.PublishedBy = caller.User!.Id;
        latest.PublishedAt = now;
        var content = ManualContent.FromJson(latest.ContentJson);
        manual.PublishedRevision = latest.Number;
        manual.PublishedAt = now;
        manual.Name = content.Name;
        manual.Category = content.Category;
        manual.Modified = now;
        ServiceApi.Audit(db, now, caller, id, "published citizen manual", new JsonObject { ["revision"] = latest.Number });
        await db.SaveChangesAsync(ct);
        search.MarkStale();
        return TypedResults.Ok(await ToDtoAsync(db, manual, latest, ct));
    }

    /// <summary>"Copy for a local office" (สำเนาคู่มือประชาชน): a new draft manual owned by the target agency, linked to its source.</summary>
    private static async Task<Results<Created<ManualDto>, ValidationProblem, ProblemHttpResult>> CopyManual(
        HttpContext http, GovDb db, TimeProvider time, OneSearchIndex search, string id, CopyInput input, CancellationToken ct)
    {
        var caller = await ServiceApi.CallerAsync(http, db);
        var source = await ReadableAsync(db, caller, id, null, false, ct);
        if (source is null)
        {
            return ServiceApi.NotFound(http);
        }
        var agency = await ServiceApi.AgencyAsync(db, input.Agency, ct);
        if (agency is null)
        {
            return ServiceApi.Invalid(http, new() { ["agency"] = [ServiceApi.Say(ServiceApi.Lang(http), "ไม่พบหน่วยงานนี้", "No such agency.")] });
        }
        if (!caller.CanEdit(agency.Id))
        {
            return ServiceApi.Denied(http, caller);
        }
        var content = ManualContent.FromJson(source.Value.Revision.ContentJson);
        content.ReferenceName = $"[สำเนาคู่มือประชาชน] {content.Name} {agency.Title ?? agency.Name}";
        if (input.ServingUnits is { Count: > 0 } units)
        {
            content.ServingUnits = units;
        }
        var now = Clock.Now(time);
        var copy = new CitizenManual
        {
            OwnerOrgId = agency.Id, CopiedFromId = source.Value.Manual.Id, Name = content.Name, Category = content.Category,
            Created = now, Modified = now, CreatorUserId = caller.User!.Id,
        };
        copy.Revisions.Add(NewRevision(copy.Id, 1, content, caller, now));
        db.CitizenManuals.Add(copy);
        ServiceApi.Audit(db, now, caller, copy.Id, "new citizen manual", new JsonObject { ["copiedFrom"] = source.Value.Manual.Id, ["revision"] = 1 });
        await db.SaveChangesAsync(ct);
        search.MarkStale();
        var dto = await ToDtoAsync(db, copy, copy.Revisions[0], ct);
        return TypedResults.Created(dto.Url, dto);
    }

    /// <summary>A sample form (PDF) for the latest, unpublished revision; stored under a generated key.</summary>
    private static async Task<Results<Created<SampleForm>, ValidationProblem, ProblemHttpResult>> UploadForm(
        HttpContext http, GovDb db, TimeProvider time, IFileStore files, string id, [FromForm] string? name, IFormFile? file, CancellationToken ct)
    {
        var caller = await ServiceApi.CallerAsync(http, db);
        var lang = ServiceApi.Lang(http);
        var manual = await db.CitizenManuals.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (manual is null)
        {
            return ServiceApi.NotFound(http);
        }
        if (!caller.CanEdit(manual.OwnerOrgId))
        {
            return ServiceApi.Denied(http, caller);
        }
        var latest = await db.ManualRevisions.SingleAsync(r => r.ManualId == id && r.Number == manual.LatestRevision, ct);
        if (latest.State == ManualStates.Published)
        {
            return ServiceApi.Problem(http, 409,
                "คู่มือนี้เผยแพร่แล้ว กรุณาสร้างฉบับปรับปรุงใหม่ก่อนเพิ่มแบบฟอร์ม", "This manual is published; open a new revision before adding forms.");
        }
        if (file is null || file.Length == 0)
        {
            return ServiceApi.Invalid(http, new() { ["file"] = [ServiceApi.Say(lang, "กรุณาเลือกไฟล์ PDF", "Choose a PDF file.")] });
        }
        if (file.Length > MaxFormBytes)
        {
            return ServiceApi.Problem(http, 413, "ไฟล์ใหญ่เกิน 10 MB", "The file is larger than 10 MB.");
        }
        var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.GetBuffer();
        if (buffer.Length < 5 || bytes[0] != '%' || bytes[1] != 'P' || bytes[2] != 'D' || bytes[3] != 'F' || bytes[4] != '-')
        {
            return ServiceApi.Invalid(http, new() { ["file"] = [ServiceApi.Say(lang, "แบบฟอร์มต้องเป็นไฟล์ PDF", "Sample forms must be PDF files.")] });
        }
        var key = LocalFileStore.NewKey();
        buffer.Position = 0;
        await files.SaveAsync(key, buffer, ct);
        var fileName = Path.GetFileName(file.FileName);
        var form = new SampleForm
        {
            Id = Guid.NewGuid().ToString("N")[..12],
            Name = string.IsNullOrWhiteSpace(name) ? Path.GetFileNameWithoutExtension(fileName) : name.Trim(),
            FileName = string.IsNullOrWhiteSpace(fileName) ? "form.pdf" : fileName,
            Size = buffer.Length,
            StorageKey = key,
        };
        var content = ManualContent.FromJson(latest.ContentJson);
        content.Forms.Add(form);
        var now = Clock.Now(time);
        latest.ContentJson = content.ToJson();
        latest.State = ManualStates.Draft;
        latest.ApprovedBy = null;
        latest.ApprovedAt = null;
        latest.Modified = now;
        manual.Modified = now;
        ServiceApi.Audit(db, now, caller, id, "changed citizen manual", new JsonObject { ["revision"] = latest.Number, ["form"] = form.Name });
        await db.SaveChangesAsync(ct);
        var shown = form with { StorageKey = null };
        return TypedResults.Created($"/api/manuals/{id}/forms/{form.Id}", shown);
    }

    private static async Task<IResult> DownloadForm(HttpContext http, GovDb db, IFileStore files, string id, string formId, int? revision, CancellationToken ct)
    {
        var caller = await ServiceApi.CallerAsync(http, db);
        if (await ReadableAsync(db, caller, id, revision, revision is null && caller.SignedIn, ct) is not { } found)
        {
            return ServiceApi.NotFound(http);
        }
        var form = ManualContent.FromJson(found.Revision.ContentJson).Forms.FirstOrDefault(f => f.Id == formId);
        if (form?.StorageKey is null || await files.OpenAsync(form.StorageKey, ct) is not { } stream)
        {
            return ServiceApi.NotFound(http);
        }
        return TypedResults.File(stream, "application/pdf", form.FileName);
    }

    private static ManualContent Content(ManualInput input)
    {
        var content = ManualContent.FromJson(input.ToJson());
        content.Forms = [];
        content.Normalise();
        return content;
    }

    private static ManualRevision NewRevision(string manualId, int number, ManualContent content, Caller caller, DateTime now) => new()
    {
        ManualId = manualId, Number = number, ContentJson = content.ToJson(), State = ManualStates.Draft,
        Created = now, Modified = now, CreatedBy = caller.User?.Id,
    };

    public static async Task<ManualDto> ToDtoAsync(GovDb db, CitizenManual manual, ManualRevision revision, CancellationToken ct)
    {
        var org = await db.Groups.AsNoTracking().SingleAsync(g => g.Id == manual.OwnerOrgId, ct);
        var names = await UserNamesAsync(db, [revision.CreatedBy, revision.ApprovedBy, revision.PublishedBy], ct);
        var content = ManualContent.FromJson(revision.ContentJson);
        content.Forms = content.Forms.Select(f => f with { StorageKey = null }).ToList();
        return new ManualDto(manual.Id, Url(manual.Id), new AgencyRef(org.Id, org.Name, org.Title ?? org.Name), manual.CopiedFromId,
            revision.Number, revision.State, manual.LatestRevision, manual.PublishedRevision, Name(names, revision.CreatedBy),
            Name(names, revision.ApprovedBy), revision.ApprovedAt, Name(names, revision.PublishedBy), revision.PublishedAt,
            revision.Modified, content);
    }

    private static async Task<Dictionary<string, string>> UserNamesAsync(GovDb db, IEnumerable<string?> ids, CancellationToken ct)
    {
        var wanted = ids.Where(i => i is not null).Select(i => i!).Distinct().ToList();
        return wanted.Count == 0
            ? new Dictionary<string, string>()
            : await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
    }

    private static string? Name(Dictionary<string, string> names, string? id) => id is null ? null : names.GetValueOrDefault(id, id);
}
