using GovChannel.Thai;
using GovChannel.Web.Pages;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Services.Pages.Kiosk;

/// <summary><c>/kiosk</c>: the start page of the touch-screen kiosk: one search box, life events, the most-used manuals.</summary>
public sealed class IndexModel : PortalPage
{
    public List<(string Id, string Name)> Popular { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var rows = await Db.CitizenManuals.AsNoTracking().Where(m => m.PublishedRevision != null).Select(m => new { m.Id, m.Name }).ToListAsync(ct);
        Popular.AddRange(rows.OrderBy(r => r.Name, ThaiOrder.Comparer).Take(8).Select(r => (r.Id, r.Name)));
    }
}
