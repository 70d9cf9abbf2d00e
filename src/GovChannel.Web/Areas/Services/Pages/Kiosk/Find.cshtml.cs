using GovChannel.Web.Areas.Search;
using GovChannel.Web.Areas.Services.Catalogue;
using GovChannel.Web.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Services.Pages.Kiosk;

/// <summary>
/// <c>/kiosk/find</c>: manuals and e-services for a search or a life event. E-services are described, never linked:
/// a kiosk must not leave GovChannel for an outside site.
/// </summary>
public sealed class FindModel(OneSearchIndex index) : PortalPage
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Event { get; set; }

    public List<(string Id, string Name, string Agency)> Manuals { get; } = [];
    public List<EServiceDto> EServices { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var manualIds = new List<string>();
        var serviceIds = new List<string>();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var hits = await index.SearchAsync(Q, ct);
            manualIds.AddRange(hits.Where(h => h.Type == "manual").Select(h => h.Id));
            serviceIds.AddRange(hits.Where(h => h.Type == "eservice").Select(h => h.Id));
        }
        else if (!string.IsNullOrEmpty(Event) && Codes.LifeEvents.ContainsKey(Event))
        {
            var code = "|" + Event + "|";
            var services = await Db.EServices.AsNoTracking().Where(s => s.State == "published" && s.LifeEvents.Contains(code)).ToListAsync(ct);
            serviceIds.AddRange(services.Select(s => s.Id));
            manualIds.AddRange(services.Where(s => s.ManualId != null).Select(s => s.ManualId!).Distinct());
        }
        var manuals = await Db.CitizenManuals.AsNoTracking().Where(m => m.PublishedRevision != null && manualIds.Contains(m.Id))
            .Join(Db.Groups, m => m.OwnerOrgId, g => g.Id, (m, g) => new { m.Id, m.Name, Agency = g.Title ?? g.Name }).ToListAsync(ct);
        Manuals.AddRange(manuals.OrderBy(m => manualIds.IndexOf(m.Id)).Select(m => (m.Id, m.Name, m.Agency)));
        var rows = await Db.EServices.AsNoTracking().Where(s => s.State == "published" && serviceIds.Contains(s.Id)).ToListAsync(ct);
        EServices.AddRange((await EServiceApi.ToDtosAsync(Db, rows, ct)).OrderByDescending(s => s.Level));
    }
}
