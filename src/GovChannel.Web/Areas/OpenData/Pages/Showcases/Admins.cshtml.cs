using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GovChannel.Web.Areas.OpenData.Pages.Showcases;

/// <summary><c>/showcase/admins</c>: sysadmins name the users who may write showcases (ckanext_showcase_admin_add/remove/list).</summary>
[Authorize]
public sealed class AdminsModel : PortalPage
{
    [BindProperty] public string? Username { get; set; }

    public List<string> Admins { get; } = [];
    public JsonObject? Errors { get; private set; }

    private async Task<bool> LoadAsync()
    {
        if (await UserAsync() is not { Sysadmin: true })
        {
            return false;
        }
        Admins.AddRange((await ReadAsync("ckanext_showcase_admin_list", []) as JsonArray ?? []).Select(a => Params.AsString(a?["name"])!));
        return true;
    }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : Forbid();

    public Task<IActionResult> OnPostAddAsync() => ChangeAsync("ckanext_showcase_admin_add");

    public Task<IActionResult> OnPostRemoveAsync() => ChangeAsync("ckanext_showcase_admin_remove");

    private async Task<IActionResult> ChangeAsync(string action)
    {
        if (await UserAsync() is not { Sysadmin: true })
        {
            return Forbid();
        }
        var (_, errors) = await WriteAsync(action, new JsonObject { ["username"] = Username?.Trim() ?? "" });
        if (errors is not null)
        {
            Errors = errors;
            await LoadAsync();
            return Page();
        }
        return Redirect("/showcase/admins");
    }

    /// <summary>The error messages in the page language.</summary>
    public IEnumerable<string> ErrorMessages() =>
        (Errors ?? []).Select(e => ErrorFor(Errors, e.Key)).OfType<string>()
            .Select(m => m.StartsWith("ShowcaseAdmin with user_id", StringComparison.Ordinal) ? T["showcase.admins.exists"] : m);
}
