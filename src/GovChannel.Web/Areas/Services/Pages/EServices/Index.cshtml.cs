using GovChannel.Thai;
using GovChannel.Web.Areas.Services.Catalogue;
using GovChannel.Web.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Services.Pages.EServices;

/// <summary><c>/eservices</c>: browse published e-services by life event, agency, category, level and channel.</summary>
public sealed class IndexModel : PortalPage
{
    [BindProperty(SupportsGet = true)] public string? LifeEvent { get; set; }
    [BindProperty(SupportsGet = true)] public string? Agency { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public int? Level { get; set; }
    [BindProperty(SupportsGet = true)] public string? Channel { get; set; }

    public List<EServiceDto> Items { get; } = [];
    public Dictionary<string, int> LifeEventCounts { get; } = new(StringComparer.Ordinal);
    public List<(string Name, string Title, int Count)> Agencies { get; } = [];
    public Dictionary<string, int> CategoryCounts { get; } = new(StringComparer.Ordinal);
    public Dictionary<int, int> LevelCounts { get; } = [];
    public Dictionary<string, int> ChannelCounts { get; } = new(StringComparer.Ordinal);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // The catalogue is small (hundreds to a few thousand rows): load the published rows once, count facets in memory.
        var all = await EServiceDtos(ct);
        foreach (var s in all)
        {
            s.LifeEvents.ForEach(e => LifeEventCounts[e] = LifeEventCounts.GetValueOrDefault(e) + 1);
        }
        var filtered = all.Where(s =>
            (string.IsNullOrEmpty(LifeEvent) || s.LifeEvents.Contains(LifeEvent)) &&
            (string.IsNullOrEmpty(Agency) || s.Agency.Name == Agency) &&
            (string.IsNullOrEmpty(Category) || s.Category == Category) &&
            (Level is null || s.Level == Level) &&
            (string.IsNullOrEmpty(Channel) || s.Channels.Contains(Channel))).ToList();
        Agencies.AddRange(filtered.GroupBy(s => (s.Agency.Name, s.Agency.Title)).Select(g => (g.Key.Name, g.Key.Title, g.Count())).OrderBy(a => a.Title, ThaiOrder.Comparer));
        foreach (var s in filtered)
        {
            CategoryCounts[s.Category] = CategoryCounts.GetValueOrDefault(s.Category) + 1;
            LevelCounts[s.Level] = LevelCounts.GetValueOrDefault(s.Level) + 1;
            s.Channels.ForEach(c => ChannelCounts[c] = ChannelCounts.GetValueOrDefault(c) + 1);
        }
        Items.AddRange(filtered.OrderBy(s => s.Name, StringComparer.Ordinal));
    }

    private async Task<List<EServiceDto>> EServiceDtos(CancellationToken ct) =>
        await EServiceApi.ToDtosAsync(Db, await Db.EServices.AsNoTracking().Where(s => s.State == "published").ToListAsync(ct), ct);

    public string Link(string key, string? value)
    {
        var current = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["lifeEvent"] = LifeEvent, ["agency"] = Agency, ["category"] = Category,
            ["level"] = Level?.ToString(System.Globalization.CultureInfo.InvariantCulture), ["channel"] = Channel,
        };
        current[key] = current[key] == value ? null : value;
        var query = string.Join("&", current.Where(kv => !string.IsNullOrEmpty(kv.Value)).Select(kv => kv.Key + "=" + Uri.EscapeDataString(kv.Value!)));
        return "/eservices" + (query.Length > 0 ? "?" + query : "");
    }
}
