using GovChannel.Web.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Apps.Pages;

/// <summary><c>/apps</c>: the app centre, by category, platform and agency.</summary>
public sealed class IndexModel : PortalPage
{
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Platform { get; set; }
    [BindProperty(SupportsGet = true)] public string? Agency { get; set; }

    public List<AppDto> Items { get; } = [];
    public Dictionary<string, int> Categories { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> Platforms { get; } = new(StringComparer.Ordinal);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var all = await AppApi.ToDtosAsync(Db, await Db.Apps.AsNoTracking().Where(a => a.State == "published").ToListAsync(ct), ct);
        foreach (var a in all)
        {
            Categories[a.Category] = Categories.GetValueOrDefault(a.Category) + 1;
            a.Platforms.ForEach(p => Platforms[p] = Platforms.GetValueOrDefault(p) + 1);
        }
        Items.AddRange(all.Where(a => (string.IsNullOrEmpty(Category) || a.Category == Category)
            && (string.IsNullOrEmpty(Platform) || a.Platforms.Contains(Platform))
            && (string.IsNullOrEmpty(Agency) || a.Agency.Name == Agency)).OrderBy(a => a.Name, StringComparer.Ordinal));
    }

    public string Link(string? category, string? platform) =>
        "/apps?" + string.Join("&", new[] { ("category", category), ("platform", platform) }.Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => p.Item1 + "=" + Uri.EscapeDataString(p.Item2!)));
}
