using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Pages;
using GovChannel.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace GovChannel.Web.Areas.OpenData.Pages.Groups;

/// <summary><c>/group/{name}</c>: a category or topic group (any group type) and a search over its datasets.</summary>
public sealed class ShowModel : PortalPage
{
    public GroupCard Group { get; private set; } = null!;
    public string Type { get; private set; } = "group";
    public DatasetSearch Search { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string name)
    {
        var dict = await ShowAsync("group_show", name);
        if (dict is null)
        {
            return NotFound();
        }
        Group = GroupCard.From(dict, T);
        Type = Params.AsString(dict["type"]) ?? "group";
        Search = DatasetSearch.FromQuery(Request.Query, "/group/" + Uri.EscapeDataString(Group.Name), ["groups"]);
        try
        {
            Search.Read((JsonObject)(await ReadAsync("package_search", Search.Request([DatasetSearch.Filter("groups", Group.Name)])))!);
        }
        catch (CkanException e) when (e is SearchQueryError or SearchError)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }
}
