using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.OpenData.Pages.Organizations;

/// <summary>
/// <c>/organization/members/{name}</c>: an agency's admins add, remove and change the role of members, through the
/// organization_member_create / _delete actions (their authorisation, audit and messages).
/// </summary>
[Authorize]
public sealed class MembersModel : PortalPage
{
    public string OrgId { get; private set; } = "";
    public string OrgName { get; private set; } = "";
    public string OrgTitle { get; private set; } = "";
    public List<(string UserName, string Display, string Role)> Members { get; } = [];
    public JsonObject Errors { get; private set; } = [];
    [BindProperty] public string? Username { get; set; }
    [BindProperty] public string? Role { get; set; }

    public static readonly IReadOnlyList<string> Roles = ["admin", "editor", "member"];

    private async Task<bool> LoadAsync(string name)
    {
        var org = await Db.Groups.SingleOrDefaultAsync(g => g.IsOrganization && g.State == "active" && (g.Name == name || g.Id == name), HttpContext.RequestAborted);
        if (org is null || !await Authz.IsGroupAdminAsync(await ContextAsync("organization_member_create", []), org.Id))
        {
            return false;
        }
        (OrgId, OrgName, OrgTitle) = (org.Id, org.Name, org.Title ?? org.Name);
        var rows = await Db.Memberships.Where(m => m.GroupId == org.Id)
            .Join(Db.Users.Where(u => u.State != "deleted"), m => m.UserId, u => u.Id, (m, u) => new { u.Name, u.FullName, m.Capacity })
            .ToListAsync(HttpContext.RequestAborted);
        Members.Clear();
        Members.AddRange(rows.Select(r => (r.Name, r.FullName ?? r.Name, r.Capacity)).OrderBy(r => r.Name, StringComparer.Ordinal));
        return true;
    }

    public async Task<IActionResult> OnGetAsync(string name) =>
        await UserAsync() is null ? Challenge() : await LoadAsync(name) ? Page() : NotFound();

    public Task<IActionResult> OnPostAddAsync(string name) => ChangeAsync(name, "organization_member_create", withRole: true);

    public Task<IActionResult> OnPostRemoveAsync(string name) => ChangeAsync(name, "organization_member_delete", withRole: false);

    private async Task<IActionResult> ChangeAsync(string name, string action, bool withRole)
    {
        if (await UserAsync() is null)
        {
            return Challenge();
        }
        if (!await LoadAsync(name))
        {
            return NotFound();
        }
        var data = new JsonObject { ["id"] = OrgId, ["username"] = Username?.Trim() ?? "" };
        if (withRole)
        {
            data["role"] = Roles.Contains(Role ?? "") ? Role : "member";
        }
        var (_, errors) = await WriteAsync(action, data);
        if (errors is not null)
        {
            Errors = errors;
            await LoadAsync(name);
            return Page();
        }
        return LocalRedirect($"/organization/members/{Uri.EscapeDataString(OrgName)}");
    }

    public IEnumerable<string> ErrorMessages() =>
        Errors.Where(e => e.Key != "__type").Select(e => ErrorFor(Errors, e.Key)).Where(m => m is not null).Select(m => m!);
}
