using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Files;
using GovChannel.Web.Areas.Search;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Services.Manuals;

/// <summary>
/// Every change to a citizen manual, shared by <c>/api/manuals</c> and the edit pages: create, edit (a published
/// manual only through a new revision), approve (agency admins and sysadmins; the approver is recorded), publish, copy
/// for a local office, and sample forms. Refusals are <see cref="Refused"/> in the change's language; every change is
/// audited in the same SaveChanges.
/// </summary>
public static class ManualWorkflow
{
    public const long MaxFormBytes = 10 * 1024 * 1024;

    /// <summary>What a client sent, made ready to store: numbered steps, the national complaint channels, no forms (those are uploaded).</summary>
    public static ManualContent Prepare(ManualContent input)
    {
        var content = ManualContent.FromJson(input.ToJson());
        content.Forms = [];
        content.Normalise();
        return content;
    }

    public static async Task<(CitizenManual Manual, ManualRevision Revision)> CreateAsync(
        ServiceChange change, string? agencyNameOrId, ManualContent input, CancellationToken ct)
    {
        var agency = await change.AgencyAsync(agencyNameOrId, ct);
        var content = Prepare(input);
        change.Check(ManualValidation.Validate(content, change.Lang));
        var manual = new CitizenManual
        {
            OwnerOrgId = agency.Id, Name = content.Name, Category = content.Category, Created = change.Now, Modified = change.Now,
            CreatorUserId = change.Caller.User!.Id,
        };
        manual.Revisions.Add(NewRevision(change, manual.Id, 1, content));
        change.Db.CitizenManuals.Add(manual);
        change.Audit(manual.Id, "new citizen manual", new JsonObject { ["name"] = manual.Name, ["revision"] = 1 });
        change.Reindex(OneSearchIndex.Manual, manual.Id);
        await change.SaveAsync(ct);
        return (manual, manual.Revisions[0]);
    }

    /// <summary>
    /// Edits the latest revision while it is a draft (an approved draft goes back to draft and loses its approval). A
    /// published manual is never edited in place: <paramref name="newRevision"/> opens the next revision, else 409.
    /// </summary>
    public static async Task<(CitizenManual Manual, ManualRevision Revision)> UpdateAsync(
        ServiceChange change, string id, ManualContent input, bool newRevision, CancellationToken ct)
    {
        var manual = await OpenAsync(change, id, ct);
        var latest = await LatestAsync(change, manual, ct);
        var isPublished = latest.State == ManualStates.Published;
        if (isPublished && !newRevision)
        {
            throw change.Fail(409,
                $"คู่มือนี้เผยแพร่แล้ว (ฉบับที่ {latest.Number}) แก้ไขโดยตรงไม่ได้ กรุณาสร้างฉบับปรับปรุงใหม่ (ส่ง newRevision: true)",
                $"This manual is published (revision {latest.Number}) and cannot be edited in place; create a new revision (send newRevision: true).");
        }
        if (!isPublished && newRevision)
        {
            throw change.Fail(409,
                $"ฉบับที่ {latest.Number} ยังไม่เผยแพร่ ให้แก้ไขฉบับนั้นแทนการสร้างฉบับใหม่",
                $"Revision {latest.Number} is not published yet; edit it instead of opening a new one.");
        }
        var content = Prepare(input);
        change.Check(ManualValidation.Validate(content, change.Lang));
        content.Forms = ManualContent.FromJson(latest.ContentJson).Forms;
        ManualRevision target;
        if (isPublished)
        {
            target = NewRevision(change, id, latest.Number + 1, content);
            change.Db.ManualRevisions.Add(target);
            manual.LatestRevision = target.Number;
        }
        else
        {
            target = latest;
            target.ContentJson = content.ToJson();
            BackToDraft(change, target);
        }
        manual.Modified = change.Now;
        if (manual.PublishedRevision is null)
        {
            manual.Name = content.Name;
            manual.Category = content.Category;
        }
        change.Audit(id, "changed citizen manual", new JsonObject { ["revision"] = target.Number, ["newRevision"] = isPublished });
        change.Reindex(OneSearchIndex.Manual, id);
        await change.SaveAsync(ct);
        return (manual, target);
    }

    public static async Task<(CitizenManual Manual, ManualRevision Revision)> ApproveAsync(ServiceChange change, string id, CancellationToken ct)
    {
        var manual = await OpenAsync(change, id, ct);
        if (!change.Caller.IsAgencyAdmin(manual.OwnerOrgId))
        {
            throw change.Fail(403, "ผู้อนุมัติต้องเป็นผู้ดูแลของหน่วยงานหรือผู้ดูแลระบบ", "Only an agency admin or a system administrator may approve a manual.");
        }
        var latest = await LatestAsync(change, manual, ct);
        if (latest.State != ManualStates.Draft)
        {
            throw change.Fail(409, $"อนุมัติได้เฉพาะฉบับร่าง (ฉบับที่ {latest.Number} อยู่ในสถานะ {latest.State})",
                $"Only a draft can be approved (revision {latest.Number} is {latest.State}).");
        }
        latest.State = ManualStates.Approved;
        latest.ApprovedBy = change.Caller.User!.Id;
        latest.ApprovedAt = change.Now;
        manual.Modified = change.Now;
        change.Audit(id, "approved citizen manual", new JsonObject { ["revision"] = latest.Number });
        await change.SaveAsync(ct);
        return (manual, latest);
    }

    public static async Task<(CitizenManual Manual, ManualRevision Revision)> PublishAsync(ServiceChange change, string id, CancellationToken ct)
    {
        var manual = await OpenAsync(change, id, ct);
        var latest = await LatestAsync(change, manual, ct);
        if (latest.State != ManualStates.Approved)
        {
            throw change.Fail(409, $"เผยแพร่ได้เฉพาะฉบับที่อนุมัติแล้ว (ฉบับที่ {latest.Number} อยู่ในสถานะ {latest.State})",
                $"Only an approved revision can be published (revision {latest.Number} is {latest.State}).");
        }
        if (manual.PublishedRevision is { } previous)
        {
            var old = await change.Db.ManualRevisions.SingleAsync(r => r.ManualId == id && r.Number == previous, ct);
            old.State = ManualStates.Superseded;
        }
        latest.State = ManualStates.Published;
        latest.PublishedBy = change.Caller.User!.Id;
        latest.PublishedAt = change.Now;
        var content = ManualContent.FromJson(latest.ContentJson);
        manual.PublishedRevision = latest.Number;
        manual.PublishedAt = change.Now;
        manual.Name = content.Name;
        manual.Category = content.Category;
        manual.Modified = change.Now;
        change.Audit(id, "published citizen manual", new JsonObject { ["revision"] = latest.Number });
        change.Reindex(OneSearchIndex.Manual, id);
        await change.SaveAsync(ct);
        return (manual, latest);
    }

    /// <summary>
    /// Withdraws a manual (ยกเลิกคู่มือ), for an agency admin: the public revision becomes "withdrawn", the public, the
    /// search and the feeds stop showing it, and its page answers 410 with the date and the reason given here.
    /// </summary>
    public static async Task<CitizenManual> WithdrawAsync(ServiceChange change, string id, string? reason, CancellationToken ct)
    {
        var manual = await OpenAsync(change, id, ct);
        if (!change.Caller.IsAgencyAdmin(manual.OwnerOrgId))
        {
            throw change.Fail(403, "ผู้ยกเลิกคู่มือต้องเป็นผู้ดูแลของหน่วยงานหรือผู้ดูแลระบบ", "Only an agency admin or a system administrator may withdraw a manual.");
        }
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReasonLength)
        {
            change.Check(new Dictionary<string, string[]>
            {
                ["reason"] = [change.Say($"กรุณาระบุเหตุผลที่ยกเลิก (ไม่เกิน {MaxReasonLength} ตัวอักษร)", $"Give the reason for the withdrawal (at most {MaxReasonLength} characters).")],
            });
        }
        var published = manual.PublishedRevision;
        if (published is not null)
        {
            var revision = await change.Db.ManualRevisions.SingleAsync(r => r.ManualId == id && r.Number == published, ct);
            revision.State = ManualStates.Withdrawn;
            revision.Modified = change.Now;
        }
        manual.PublishedRevision = null;
        manual.WithdrawnAt = change.Now;
        manual.WithdrawnReason = reason;
        manual.Modified = change.Now;
        change.Audit(id, "withdrew citizen manual", new JsonObject { ["revision"] = published, ["reason"] = reason });
        change.Reindex(OneSearchIndex.Manual, id);
        await change.SaveAsync(ct);
        return manual;
    }

    public const int MaxReasonLength = 1000;

    /// <summary>"Copy for a local office" (สำเนาคู่มือประชาชน): a new draft manual owned by the target agency, linked to its source.</summary>
    public static async Task<(CitizenManual Manual, ManualRevision Revision)> CopyAsync(
        ServiceChange change, string id, string? agencyNameOrId, List<string>? servingUnits, CancellationToken ct)
    {
        var source = await ManualApi.ReadableAsync(change.Db, change.Caller, id, null, false, ct) ?? throw change.NotFound();
        if (source.Manual.WithdrawnAt is not null)
        {
            throw Withdrawn(change);
        }
        var agency = await change.AgencyAsync(agencyNameOrId, ct);
        var content = ManualContent.FromJson(source.Revision.ContentJson);
        content.ReferenceName = $"[สำเนาคู่มือประชาชน] {content.Name} {agency.Title ?? agency.Name}";
        if (servingUnits?.Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => u.Trim()).ToList() is { Count: > 0 } units)
        {
            content.ServingUnits = units;
        }
        var copy = new CitizenManual
        {
            OwnerOrgId = agency.Id, CopiedFromId = source.Manual.Id, Name = content.Name, Category = content.Category,
            Created = change.Now, Modified = change.Now, CreatorUserId = change.Caller.User!.Id,
        };
        copy.Revisions.Add(NewRevision(change, copy.Id, 1, content));
        change.Db.CitizenManuals.Add(copy);
        change.Audit(copy.Id, "new citizen manual", new JsonObject { ["copiedFrom"] = source.Manual.Id, ["revision"] = 1 });
        change.Reindex(OneSearchIndex.Manual, copy.Id);
        await change.SaveAsync(ct);
        return (copy, copy.Revisions[0]);
    }

    /// <summary>A sample form (PDF, at most 10 MB) for the latest, unpublished revision, stored under a generated key.</summary>
    public static async Task<SampleForm> AddFormAsync(
        ServiceChange change, IFileStore files, string id, string? name, IFormFile? file, CancellationToken ct)
    {
        var manual = await OpenAsync(change, id, ct);
        var latest = await LatestAsync(change, manual, ct);
        if (latest.State == ManualStates.Published)
        {
            throw change.Fail(409, "คู่มือนี้เผยแพร่แล้ว กรุณาสร้างฉบับปรับปรุงใหม่ก่อนเพิ่มแบบฟอร์ม", "This manual is published; open a new revision before adding forms.");
        }
        if (file is null || file.Length == 0)
        {
            change.Check(new() { ["file"] = [change.Say("กรุณาเลือกไฟล์ PDF", "Choose a PDF file.")] });
        }
        if (file!.Length > MaxFormBytes)
        {
            throw change.Fail(413, "ไฟล์ใหญ่เกิน 10 MB", "The file is larger than 10 MB.");
        }
        var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.GetBuffer();
        if (buffer.Length < 5 || bytes[0] != '%' || bytes[1] != 'P' || bytes[2] != 'D' || bytes[3] != 'F' || bytes[4] != '-')
        {
            change.Check(new() { ["file"] = [change.Say("แบบฟอร์มต้องเป็นไฟล์ PDF", "Sample forms must be PDF files.")] });
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
        latest.ContentJson = content.ToJson();
        BackToDraft(change, latest);
        manual.Modified = change.Now;
        change.Audit(id, "changed citizen manual", new JsonObject { ["revision"] = latest.Number, ["form"] = form.Name });
        try
        {
            await change.SaveAsync(ct);
        }
        catch
        {
            await files.DeleteAsync(key, CancellationToken.None);
            throw;
        }
        return form;
    }

    /// <summary>Removes a sample form from the latest, unpublished revision (the file stays for the revisions that list it).</summary>
    public static async Task RemoveFormAsync(ServiceChange change, string id, string formId, CancellationToken ct)
    {
        var manual = await OpenAsync(change, id, ct);
        var latest = await LatestAsync(change, manual, ct);
        if (latest.State == ManualStates.Published)
        {
            throw change.Fail(409, "คู่มือนี้เผยแพร่แล้ว กรุณาสร้างฉบับปรับปรุงใหม่ก่อนแก้ไขแบบฟอร์ม", "This manual is published; open a new revision before changing forms.");
        }
        var content = ManualContent.FromJson(latest.ContentJson);
        if (content.Forms.RemoveAll(f => f.Id == formId) == 0)
        {
            throw change.NotFound();
        }
        latest.ContentJson = content.ToJson();
        BackToDraft(change, latest);
        manual.Modified = change.Now;
        change.Audit(id, "changed citizen manual", new JsonObject { ["revision"] = latest.Number, ["removedForm"] = formId });
        await change.SaveAsync(ct);
    }

    /// <summary>A manual the caller edits and that has not been withdrawn (a withdrawn manual no longer changes).</summary>
    private static async Task<CitizenManual> OpenAsync(ServiceChange change, string id, CancellationToken ct)
    {
        var manual = await change.EditableAsync(change.Db.CitizenManuals.Where(m => m.Id == id), ct);
        return manual.WithdrawnAt is null ? manual : throw Withdrawn(change);
    }

    private static Refused Withdrawn(ServiceChange change) =>
        change.Fail(409, "คู่มือนี้ถูกยกเลิกแล้ว แก้ไขหรือทำสำเนาไม่ได้", "This manual has been withdrawn; it can no longer be changed or copied.");

    private static Task<ManualRevision> LatestAsync(ServiceChange change, CitizenManual manual, CancellationToken ct) =>
        change.Db.ManualRevisions.SingleAsync(r => r.ManualId == manual.Id && r.Number == manual.LatestRevision, ct);

    /// <summary>A changed revision needs approving again.</summary>
    private static void BackToDraft(ServiceChange change, ManualRevision revision)
    {
        revision.State = ManualStates.Draft;
        revision.ApprovedBy = null;
        revision.ApprovedAt = null;
        revision.Modified = change.Now;
    }

    private static ManualRevision NewRevision(ServiceChange change, string manualId, int number, ManualContent content) => new()
    {
        ManualId = manualId, Number = number, ContentJson = content.ToJson(), State = ManualStates.Draft,
        Created = change.Now, Modified = change.Now, CreatedBy = change.Caller.User?.Id,
    };
}
