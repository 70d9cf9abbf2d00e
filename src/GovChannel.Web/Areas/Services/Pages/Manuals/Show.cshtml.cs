using GovChannel.Thai;
using GovChannel.Web.Areas.Services.Catalogue;
using GovChannel.Web.Areas.Services.Manuals;
using GovChannel.Web.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Services.Pages.Manuals;

/// <summary>
/// <c>/manuals/{id}</c>: a citizen manual in the official order of sections (thai-egov.md §1.2), printable on A4.
/// The public sees the published revision; the agency's editors also see the latest draft (<c>?latest=true</c>).
/// </summary>
public sealed class ShowModel(TimeProvider time) : PortalPage
{
    /// <summary>For the agency's editors: the latest revision's number and state, and what they may do with it.</summary>
    public bool CanEdit { get; private set; }
    public bool CanApprove { get; private set; }
    public int LatestRevision { get; private set; }
    public string LatestState { get; private set; } = "";
    public List<(string Id, string Title)> CopyTargets { get; } = [];
    /// <summary>A refused workflow step, shown in the editors' panel.</summary>
    public string? Message { get; private set; }
    [BindProperty] public string? CopyAgency { get; set; }
    [BindProperty] public string? CopyUnits { get; set; }
    [BindProperty] public string? WithdrawReason { get; set; }
    /// <summary>For the public: when and why the manual was withdrawn (the page answers 410 with only this).</summary>
    public (DateTime At, string Reason)? Gone { get; private set; }

    public ManualDto Manual { get; private set; } = null!;
    public ManualContent C => Manual.Content;
    public string? CopiedFromName { get; private set; }
    public List<EService> EServices { get; } = [];
    public DateTime Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, int? revision, bool? latest, CancellationToken ct)
    {
        var caller = await ServiceApi.CallerAsync(HttpContext, Db);
        if (await LoadAsync(caller, id, revision, latest == true, ct))
        {
            return Page();
        }
        Gone = await ManualApi.WithdrawnAsync(Db, id, ct);
        if (Gone is null)
        {
            return NotFound();
        }
        Response.StatusCode = StatusCodes.Status410Gone;
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(string id, CancellationToken ct) =>
        StepAsync(id, async change => (await ManualWorkflow.ApproveAsync(change, id, ct)).Manual, ct);

    public Task<IActionResult> OnPostPublishAsync(string id, CancellationToken ct) =>
        StepAsync(id, async change => (await ManualWorkflow.PublishAsync(change, id, ct)).Manual, ct);

    /// <summary>Withdraws the manual (agency admin), with the reason the public will read.</summary>
    public Task<IActionResult> OnPostWithdrawAsync(string id, CancellationToken ct) =>
        StepAsync(id, change => ManualWorkflow.WithdrawAsync(change, id, WithdrawReason, ct), ct);

    /// <summary>"Copy for a local office": a draft owned by the chosen agency, linked to this manual.</summary>
    public Task<IActionResult> OnPostCopyAsync(string id, CancellationToken ct) =>
        StepAsync(id, async change => (await ManualWorkflow.CopyAsync(change, id, CopyAgency, (CopyUnits ?? "").Split('\n').ToList(), ct)).Manual, ct);

    /// <summary>One workflow step through the code the API uses; afterwards the manual's latest revision (or the copy), or the page with the refusal.</summary>
    private async Task<IActionResult> StepAsync(string id, Func<ServiceChange, Task<CitizenManual>> step, CancellationToken ct)
    {
        var caller = await ServiceApi.CallerAsync(HttpContext, Db);
        if (!caller.SignedIn)
        {
            return Challenge();
        }
        try
        {
            var manual = await step(ServiceApi.Change(HttpContext, Db, caller, T.Lang, time));
            return Redirect($"/manuals/{manual.Id}?latest=true");
        }
        catch (Refused r) when (r.Status is 401)
        {
            return Challenge();
        }
        catch (Refused r)
        {
            Db.ChangeTracker.Clear();
            Message = r.Errors?.Values.SelectMany(v => v).FirstOrDefault() ?? r.Message;
            Response.StatusCode = r.Errors is null ? r.Status : StatusCodes.Status422UnprocessableEntity;
            return await LoadAsync(caller, id, null, true, ct) ? Page() : NotFound();
        }
    }

    private async Task<bool> LoadAsync(Caller caller, string id, int? revision, bool latest, CancellationToken ct)
    {
        if (await ManualApi.ReadableAsync(Db, caller, id, revision, latest, ct) is not { } found)
        {
            return false;
        }
        Manual = await ManualApi.ToDtoAsync(Db, found.Manual, found.Revision, ct);
        CanEdit = caller.CanEdit(found.Manual.OwnerOrgId);
        if (CanEdit)
        {
            CanApprove = caller.IsAgencyAdmin(found.Manual.OwnerOrgId);
            LatestRevision = found.Manual.LatestRevision;
            LatestState = await Db.ManualRevisions.Where(r => r.ManualId == id && r.Number == LatestRevision).Select(r => r.State).SingleAsync(ct);
        }
        if (caller.SignedIn && found.Manual.WithdrawnAt is null)
        {
            var orgs = caller.EditableOrgs;
            var targets = await Db.Groups.AsNoTracking().Where(g => g.IsOrganization && g.State == "active" && (orgs == null || orgs.Contains(g.Id)))
                .Select(g => new { g.Id, Title = g.Title ?? g.Name }).ToListAsync(ct);
            CopyTargets.AddRange(targets.Select(t => (t.Id, t.Title)).OrderBy(t => t.Title, ThaiOrder.Comparer));
        }
        Now = OpenData.Ckan.Clock.Now(time);
        if (Manual.CopiedFrom is { } source)
        {
            CopiedFromName = await Db.CitizenManuals.Where(m => m.Id == source && m.PublishedRevision != null).Select(m => m.Name).FirstOrDefaultAsync(ct);
        }
        EServices.AddRange(await Db.EServices.AsNoTracking().Where(s => s.ManualId == id && s.State == "published").OrderByDescending(s => s.Level).ToListAsync(ct));
        return true;
    }

    public string Duration(Duration? d) => d is null ? "-" : d.Show(T.IsThai);

    public string Days(ServiceChannel c) =>
        $"{L.Code(Codes.Weekdays, c.FirstDay)} - {L.Code(Codes.Weekdays, c.LastDay)} {c.Opens}-{c.Closes} {(T.IsThai ? "น." : "")}"
        + (c.LunchBreak ? " " + L["channel.lunch"] : "") + (c.ExceptHolidays ? " " + L["channel.holidays"] : "");

    private ServicesText L => HttpContext.RequestServices.GetRequiredService<ServicesText>();

    public static string Money(decimal? amount) => amount is { } a ? a.ToString("#,##0.##", System.Globalization.CultureInfo.InvariantCulture) : "-";
}
