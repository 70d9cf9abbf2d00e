using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Pages;
using GovChannel.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.OpenData.Pages.Organizations;

/// <summary><c>/organization/{name}</c>: an agency and a search over its datasets (private ones for its members).</summary>
public sealed class ShowModel : PortalPage
{
    public GroupCard Agency { get; private set; } = null!;
    public (string Name, string Title)? Parent { get; private set; }
    public DatasetSearch Search { get; private set; } = null!;
    public bool CanManage { get; private set; }
    public bool CanPublish { get; private set; }

    public async Task<IActionResult> OnGetAsync(string name)
    {
        var dict = await ShowAsync("organization_show", name);
        if (dict is null)
        {
            return NotFound();
        }
        dict["extras"] ??= (await ReadAsync("organization_list", new JsonObject
        {
            ["all_fields"] = true, ["include_extras"] = true, ["organizations"] = new JsonArray(Params.AsString(dict["name"])),
        }) as JsonArray)?.FirstOrDefault()?["extras"]?.DeepClone();
        Agency = GroupCard.From(dict, T);
        var id = Params.AsString(dict["id"])!;
        var parentId = await Db.Groups.Where(g => g.Id == id).Select(g => g.ParentId).SingleOrDefaultAsync(HttpContext.RequestAborted);
        if (parentId is not null && await Db.Groups.Where(g => g.Id == parentId && g.State == "active").Select(g => new { g.Name, g.Title }).SingleOrDefaultAsync() is { } parent)
        {
            Parent = (parent.Name, parent.Title ?? parent.Name);
        }
        var ctx = await ContextAsync("organization_show", []);
        CanManage = await Authz.IsGroupAdminAsync(ctx, id);
        CanPublish = await Authz.CanCreateInOrgAsync(ctx, id);

        Search = DatasetSearch.FromQuery(Request.Query, "/organization/" + Uri.EscapeDataString(Agency.Name), ["organization"]);
        try
        {
            Search.Read((JsonObject)(await ReadAsync("package_search", Search.Request([DatasetSearch.Filter("owner_org", id)], includeDrafts: CanPublish)))!);
        }
        catch (CkanException e) when (e is SearchQueryError or SearchError)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }
}
