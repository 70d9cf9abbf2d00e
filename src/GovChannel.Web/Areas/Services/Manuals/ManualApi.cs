using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.OpenData.Files;
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
        api.MapPost("/{id}/withdraw", WithdrawManual);
        api.MapPost("/{id}/copy", CopyManual);
        api.MapPost("/{id}/forms", UploadForm).DisableAntiforgery();
        api.MapGet("/{id}/forms/{formId}", DownloadForm);
        api.MapDelete("/{id}/forms/{formId}", RemoveForm);
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
            r.m.PublishedRevision, r.m.LatestRevision, r.m.PublishedAt, r.m.CopiedFromId, r.m.WithdrawnAt)).ToList()));
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
        if (await ReadableAsync(db, caller, id, revision, latest == true, ct) is { } found)
        {
            return TypedResults.Ok(await ToDtoAsync(db, found.Manual, found.Revision, ct));
        }
        return await WithdrawnAsync(db, id, ct) is { } gone
            ? TypedResults.Problem(
                detail: ServiceApi.Say(ServiceApi.Lang(http), "คู่มือนี้ถูกยกเลิกแล้ว: " + gone.Reason, "This manual has been withdrawn: " + gone.Reason),
                statusCode: StatusCodes.Status410Gone, title: ServiceApi.Say(ServiceApi.Lang(http), "ยกเลิกแล้ว", "Withdrawn"),
                extensions: new Dictionary<string, object?> { ["withdrawnAt"] = gone.At, ["withdrawnReason"] = gone.Reason })
            : ServiceApi.NotFound(http);
    }

    /// <summary>When and why a manual was withdrawn (null for one that was not): what the public is told instead of the text.</summary>
    public static async Task<(DateTime At, string Reason)?> WithdrawnAsync(GovDb db, string id, CancellationToken ct)
    {
        var row = await db.CitizenManuals.AsNoTracking().Where(m => m.Id == id && m.WithdrawnAt != null)
            .Select(m => new { m.WithdrawnAt, m.WithdrawnReason }).FirstOrDefaultAsync(ct);
        return row is null ? null : (row.WithdrawnAt!.Value, row.WithdrawnReason ?? "");
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

    private static Task<Results<Created<ManualDto>, ValidationProblem, ProblemHttpResult>> CreateManual(
        HttpContext http, GovDb db, TimeProvider time, ManualInput input, CancellationToken ct) =>
        ServiceApi.WriteAsync(http, db, time, async change =>
        {
            var (manual, revision) = await ManualWorkflow.CreateAsync(change, input.Agency, input, ct);
            var dto = await ToDtoAsync(db, manual, revision, ct);
            return TypedResults.Created(dto.Url, dto);
        });

    /// <summary>Edits the latest draft; a published manual only with <c>newRevision: true</c> (else 409). See <see cref="ManualWorkflow.UpdateAsync"/>.</summary>
    private static Task<Results<Ok<ManualDto>, ValidationProblem, ProblemHttpResult>> UpdateManual(
        HttpContext http, GovDb db, TimeProvider time, string id, ManualInput input, CancellationToken ct) =>
        ServiceApi.WriteAsync(http, db, time, async change =>
        {
            var (manual, revision) = await ManualWorkflow.UpdateAsync(change, id, input, input.NewRevision, ct);
            return TypedResults.Ok(await ToDtoAsync(db, manual, revision, ct));
        });

    private static Task<Results<Ok<ManualDto>, ProblemHttpResult>> ApproveManual(HttpContext http, GovDb db, TimeProvider time, string id, CancellationToken ct) =>
        ServiceApi.StepAsync(http, db, time, async change =>
        {
            var (manual, revision) = await ManualWorkflow.ApproveAsync(change, id, ct);
            return TypedResults.Ok(await ToDtoAsync(db, manual, revision, ct));
        });

    private static Task<Results<Ok<ManualDto>, ProblemHttpResult>> PublishManual(HttpContext http, GovDb db, TimeProvider time, string id, CancellationToken ct) =>
        ServiceApi.StepAsync(http, db, time, async change =>
        {
            var (manual, revision) = await ManualWorkflow.PublishAsync(change, id, ct);
            return TypedResults.Ok(await ToDtoAsync(db, manual, revision, ct));
        });

    /// <summary>Withdraws the manual (agency admin); the answer is its latest revision. See <see cref="ManualWorkflow.WithdrawAsync"/>.</summary>
    private static Task<Results<Ok<ManualDto>, ValidationProblem, ProblemHttpResult>> WithdrawManual(
        HttpContext http, GovDb db, TimeProvider time, string id, WithdrawInput input, CancellationToken ct) =>
        ServiceApi.WriteAsync(http, db, time, async change =>
        {
            var manual = await ManualWorkflow.WithdrawAsync(change, id, input.Reason, ct);
            var latest = await db.ManualRevisions.SingleAsync(r => r.ManualId == id && r.Number == manual.LatestRevision, ct);
            return TypedResults.Ok(await ToDtoAsync(db, manual, latest, ct));
        });

    /// <summary>"Copy for a local office" (สำเนาคู่มือประชาชน): a new draft manual owned by the target agency, linked to its source.</summary>
    private static Task<Results<Created<ManualDto>, ValidationProblem, ProblemHttpResult>> CopyManual(
        HttpContext http, GovDb db, TimeProvider time, string id, CopyInput input, CancellationToken ct) =>
        ServiceApi.WriteAsync(http, db, time, async change =>
        {
            var (copy, revision) = await ManualWorkflow.CopyAsync(change, id, input.Agency, input.ServingUnits, ct);
            var dto = await ToDtoAsync(db, copy, revision, ct);
            return TypedResults.Created(dto.Url, dto);
        });

    /// <summary>A sample form (PDF) for the latest, unpublished revision; stored under a generated key.</summary>
    private static Task<Results<Created<SampleForm>, ValidationProblem, ProblemHttpResult>> UploadForm(
        HttpContext http, GovDb db, TimeProvider time, IFileStore files, string id, [FromForm] string? name, IFormFile? file, CancellationToken ct) =>
        ServiceApi.WriteAsync(http, db, time, async change =>
        {
            var form = await ManualWorkflow.AddFormAsync(change, files, id, name, file, ct);
            return TypedResults.Created($"/api/manuals/{id}/forms/{form.Id}", form with { StorageKey = null });
        });

    /// <summary>Removes a sample form from the latest, unpublished revision.</summary>
    private static Task<Results<NoContent, ProblemHttpResult>> RemoveForm(HttpContext http, GovDb db, TimeProvider time, string id, string formId, CancellationToken ct) =>
        ServiceApi.StepAsync(http, db, time, async change =>
        {
            await ManualWorkflow.RemoveFormAsync(change, id, formId, ct);
            return TypedResults.NoContent();
        });

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

    public static async Task<ManualDto> ToDtoAsync(GovDb db, CitizenManual manual, ManualRevision revision, CancellationToken ct)
    {
        var org = await db.Groups.AsNoTracking().SingleAsync(g => g.Id == manual.OwnerOrgId, ct);
        var names = await UserNamesAsync(db, [revision.CreatedBy, revision.ApprovedBy, revision.PublishedBy], ct);
        var content = ManualContent.FromJson(revision.ContentJson);
        content.Forms = content.Forms.Select(f => f with { StorageKey = null }).ToList();
        return new ManualDto(manual.Id, Url(manual.Id), new AgencyRef(org.Id, org.Name, org.Title ?? org.Name), manual.CopiedFromId,
            revision.Number, revision.State, manual.LatestRevision, manual.PublishedRevision, Name(names, revision.CreatedBy),
            Name(names, revision.ApprovedBy), revision.ApprovedAt, Name(names, revision.PublishedBy), revision.PublishedAt,
            revision.Modified, content, manual.WithdrawnAt, manual.WithdrawnReason);
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
