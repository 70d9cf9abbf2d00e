using GovChannel.Web.Areas.Services.Catalogue;
using GovChannel.Web.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Services.Pages.EServices;

/// <summary><c>/eservices/{slug}</c>: one e-service with its level, channels, audiences, life events, manual and link.</summary>
public sealed class ShowModel : PortalPage
{
    public EServiceDto Service { get; private set; } = null!;
    public string? ManualName { get; private set; }
    /// <summary>The agency's editors (and sysadmins) get a link to the edit page.</summary>
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var caller = await ServiceApi.CallerAsync(HttpContext, Db);
        var row = await EServiceApi.Visible(Db, caller, true).FirstOrDefaultAsync(s => s.Slug == slug, ct);
        if (row is null)
        {
            return NotFound();
        }
        Service = (await EServiceApi.ToDtosAsync(Db, [row], ct))[0];
        CanEdit = caller.CanEdit(row.OwnerOrgId);
        if (row.ManualId is { } id)
        {
            ManualName = await Db.CitizenManuals.Where(m => m.Id == id && m.PublishedRevision != null).Select(m => m.Name).FirstOrDefaultAsync(ct);
        }
        return Page();
    }
}
