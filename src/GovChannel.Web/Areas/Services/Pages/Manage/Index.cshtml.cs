using GovChannel.Web.Areas.Apps;
using GovChannel.Web.Areas.Services.Manuals;
using GovChannel.Web.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Services.Pages.Manage;

/// <summary>
/// <c>/services/manage</c>: an editor's starting point: the manuals, e-services and apps of the agencies they edit for
/// (every agency for a sysadmin), drafts included, with links to the edit pages and the rating moderation queue.
/// </summary>
[Authorize]
public sealed class IndexModel : PortalPage
{
    public sealed record Row(string Name, string Url, string EditUrl, string State, string Agency, DateTime Modified);

    public List<Row> Manuals { get; } = [];
    public List<Row> EServices { get; } = [];
    public List<Row> Apps { get; } = [];
    public int PendingRatings { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = await ServiceApi.CallerAsync(HttpContext, Db);
        var orgs = caller.EditableOrgs;
        if (orgs is { Count: 0 })
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        var agencies = await Db.Groups.AsNoTracking().Where(g => g.IsOrganization).ToDictionaryAsync(g => g.Id, g => g.Title ?? g.Name, ct);
        var manuals = await Db.CitizenManuals.AsNoTracking().Where(m => orgs == null || orgs.Contains(m.OwnerOrgId))
            .Join(Db.ManualRevisions, m => new { Id = m.Id, N = m.LatestRevision }, r => new { Id = r.ManualId, N = r.Number }, (m, r) => new { m, r.State })
            .ToListAsync(ct);
        Manuals.AddRange(manuals.Select(x => new Row(x.m.Name, $"/manuals/{x.m.Id}?latest=true", $"/manuals/edit/{x.m.Id}", "state." + (x.m.WithdrawnAt is null ? x.State : ManualStates.Withdrawn),
            agencies.GetValueOrDefault(x.m.OwnerOrgId, ""), x.m.Modified)).OrderByDescending(r => r.Modified));
        var services = await Db.EServices.AsNoTracking().Where(s => s.State != "deleted" && (orgs == null || orgs.Contains(s.OwnerOrgId))).ToListAsync(ct);
        EServices.AddRange(services.Select(s => new Row(s.Name, "/eservices/" + s.Slug, "/eservices/edit/" + s.Slug, "edit.state." + s.State,
            agencies.GetValueOrDefault(s.OwnerOrgId, ""), s.Modified)).OrderByDescending(r => r.Modified));
        var apps = await Db.Apps.AsNoTracking().Where(a => a.State != "deleted" && (orgs == null || orgs.Contains(a.OwnerOrgId))).ToListAsync(ct);
        Apps.AddRange(apps.Select(a => new Row(a.Name, "/apps/" + a.Slug, "/apps/edit/" + a.Slug, "edit.state." + a.State,
            agencies.GetValueOrDefault(a.OwnerOrgId, ""), a.Modified)).OrderByDescending(r => r.Modified));
        PendingRatings = await Db.AppRatings.CountAsync(r => r.State == RatingStates.Pending
            && Db.Apps.Any(a => a.Id == r.AppId && a.State != "deleted" && (orgs == null || orgs.Contains(a.OwnerOrgId))), ct);
        return Page();
    }
}
