using System.Text.Json.Nodes;
using GovChannel.Thai;
using GovChannel.Web.Areas.OpenData.Showcases;
using GovChannel.Web.Pages;
using GovChannel.Web.Pages.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.OpenData.Pages.Dashboard;

/// <summary><c>/dashboard</c>: my agencies (with my role) and my datasets, drafts and private ones included.</summary>
[Authorize]
public sealed class IndexModel : PortalPage
{
    public List<(string Name, string Title, string Role)> Agencies { get; } = [];
    public List<DatasetSummary> Datasets { get; } = [];
    public bool IsSysadmin { get; private set; }
    public string DisplayName { get; private set; } = "";
    /// <summary>Dataset requests to my agencies (all, for a sysadmin) still marked new; null when I answer none.</summary>
    public int? NewRequests { get; private set; }
    /// <summary>Sysadmins and showcase admins get the link to add a showcase.</summary>
    public bool CanManageShowcases { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await UserAsync() is not { } user)
        {
            return Challenge();
        }
        var ct = HttpContext.RequestAborted;
        IsSysadmin = user.Sysadmin;
        CanManageShowcases = await ShowcaseActions.CanManageAsync(await ContextAsync("ckanext_showcase_create", []));
        DisplayName = user.FullName ?? user.Name;
        var rows = await Db.Memberships.Where(m => m.UserId == user.Id)
            .Join(Db.Groups.Where(g => g.IsOrganization && g.State == "active"), m => m.GroupId, g => g.Id, (m, g) => new { g.Id, g.Name, g.Title, m.Capacity })
            .ToListAsync(ct);
        Agencies.AddRange(rows.Select(r => (r.Name, r.Title ?? r.Name, r.Capacity)).OrderBy(r => r.Item2, ThaiOrder.Comparer));

        var editable = rows.Where(r => r.Capacity is "admin" or "editor").Select(r => r.Id).ToList();
        if (user.Sysadmin || editable.Count > 0)
        {
            NewRequests = await Db.DatasetRequests.CountAsync(r => r.Status == "new" && (user.Sysadmin || (r.OrganizationId != null && editable.Contains(r.OrganizationId))), ct);
        }

        // Mine: what I created, and everything in the agencies I edit for.
        var filter = DatasetSearch.Filter("creator_user_id", user.Id);
        var editorOf = rows.Where(r => r.Capacity is "admin" or "editor").Select(r => DatasetSearch.Filter("owner_org", r.Id)).ToList();
        if (editorOf.Count > 0)
        {
            filter = "(" + filter + " OR " + string.Join(" OR ", editorOf) + ")";
        }
        var result = await ReadAsync("package_search", new JsonObject
        {
            ["fq"] = filter, ["rows"] = 100, ["sort"] = "metadata_modified desc",
            ["include_private"] = true, ["include_drafts"] = true,
        });
        foreach (var dict in result?["results"] as JsonArray ?? [])
        {
            Datasets.Add(DatasetSummary.From(dict!));
        }
        return Page();
    }
}
