using System.Text.Json.Nodes;
using GovChannel.Thai;
using GovChannel.Web.Pages;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.OpenData.Pages.Groups;

/// <summary>
/// <c>/group</c>: topic groups and the Thai GDC category types (category01–07), each type its own list, as
/// <c>group_list?type=…</c> serves them. <c>?type=category03</c> shows one type.
/// </summary>
public sealed class IndexModel : PortalPage
{
    public List<(string Type, List<GroupCard> Groups)> Sections { get; } = [];
    public string? Type { get; private set; }

    public async Task OnGetAsync(string? type)
    {
        var types = await Db.Groups.Where(g => !g.IsOrganization && g.State == "active").Select(g => g.Type).Distinct().ToListAsync(HttpContext.RequestAborted);
        // GDC categories first (category01…07), then the plain topic groups, then any other custom type.
        types = types.OrderBy(t => t.StartsWith("category", StringComparison.Ordinal) ? 0 : t == "group" ? 1 : 2).ThenBy(t => t, StringComparer.Ordinal).ToList();
        Type = type is not null && types.Contains(type) ? type : null;
        foreach (var t in Type is null ? types : [Type])
        {
            var list = await ReadAsync("group_list", new JsonObject { ["type"] = t, ["all_fields"] = true, ["sort"] = "title asc" });
            Sections.Add((t, (list as JsonArray ?? []).Select(d => GroupCard.From(d!, T)).OrderBy(c => c.Title, ThaiOrder.Comparer).ToList()));
        }
    }

    public string TypeTitle(string type) => T["grouptype." + type] is var label && label != "grouptype." + type ? label : type;
}
