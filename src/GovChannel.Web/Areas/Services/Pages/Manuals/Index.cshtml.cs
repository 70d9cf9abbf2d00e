using GovChannel.Thai;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.Search;
using GovChannel.Web.Areas.Services.Manuals;
using GovChannel.Web.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Services.Pages.Manuals;

/// <summary><c>/manuals</c>: published citizen manuals, filtered by agency and category, searched with the one-search index.</summary>
public sealed class IndexModel(OneSearchIndex index) : PortalPage
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Agency { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }

    public sealed record Row(string Id, string Name, string AgencyName, string AgencyTitle, string Category, int Revision, DateTime? PublishedAt, bool Copy);

    public List<Row> Manuals { get; } = [];
    public List<(string Name, string Title, int Count)> Agencies { get; } = [];
    public List<(string Code, int Count)> Categories { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var rows = await Db.CitizenManuals.AsNoTracking().Where(m => m.PublishedRevision != null)
            .Join(Db.Groups, m => m.OwnerOrgId, g => g.Id, (m, g) => new Row(m.Id, m.Name, g.Name, g.Title ?? g.Name, m.Category, m.PublishedRevision!.Value, m.PublishedAt, m.CopiedFromId != null))
            .ToListAsync(ct);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var hits = (await index.SearchAsync(Q, ct)).Where(h => h.Type == "manual").Select(h => h.Id).ToList();
            rows = rows.Where(r => hits.Contains(r.Id)).OrderBy(r => hits.IndexOf(r.Id)).ToList();
        }
        else
        {
            rows = rows.OrderBy(r => r.Name, ThaiOrder.Comparer).ToList();
        }
        Agencies.AddRange(rows.GroupBy(r => (r.AgencyName, r.AgencyTitle)).Select(g => (g.Key.AgencyName, g.Key.AgencyTitle, g.Count())).OrderBy(a => a.AgencyTitle, ThaiOrder.Comparer));
        Categories.AddRange(rows.GroupBy(r => r.Category).Select(g => (g.Key, g.Count())).OrderByDescending(c => c.Item2));
        Manuals.AddRange(rows.Where(r => (string.IsNullOrEmpty(Agency) || r.AgencyName == Agency) && (string.IsNullOrEmpty(Category) || r.Category == Category)));
    }

    public string Link(string? agency, string? category)
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(Q)) { parts.Add("q=" + Uri.EscapeDataString(Q)); }
        if (!string.IsNullOrEmpty(agency)) { parts.Add("agency=" + Uri.EscapeDataString(agency)); }
        if (!string.IsNullOrEmpty(category)) { parts.Add("category=" + Uri.EscapeDataString(category)); }
        return "/manuals" + (parts.Count > 0 ? "?" + string.Join("&", parts) : "");
    }
}
