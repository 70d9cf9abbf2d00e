using System.Text.Json.Nodes;
using GovChannel.Thai;
using GovChannel.Web.Pages;

namespace GovChannel.Web.Areas.OpenData.Pages.Organizations;

/// <summary><c>/organization</c>: every agency with its dataset count (organization_list, permission-filtered counts).</summary>
public sealed class IndexModel : PortalPage
{
    public List<GroupCard> Agencies { get; } = [];

    public async Task OnGetAsync()
    {
        var list = await ReadAsync("organization_list", new JsonObject { ["all_fields"] = true, ["include_extras"] = true, ["sort"] = "title asc" });
        Agencies.AddRange((list as JsonArray ?? []).Select(d => GroupCard.From(d!, T)).OrderBy(c => c.Title, ThaiOrder.Comparer));
    }
}
