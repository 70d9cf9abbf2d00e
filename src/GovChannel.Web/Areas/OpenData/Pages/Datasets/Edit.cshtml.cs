using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Ckan;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GovChannel.Web.Areas.OpenData.Pages.Datasets;

/// <summary><c>/dataset/edit/{name}</c>: the same form; saved with package_patch so resources and other keys stay.</summary>
[Authorize]
public sealed class EditModel : DatasetFormPage
{
    public override bool IsNew => false;
    public string DatasetName { get; private set; } = "";
    private List<string> _lockedGroups = [];

    private async Task<JsonObject?> EditableAsync(string name)
    {
        var dict = await ShowAsync("package_show", name);
        if (dict is null)
        {
            return null;
        }
        var dataset = await PackageDict.FindAsync(Db, Params.AsString(dict["id"])!, HttpContext.RequestAborted);
        if (dataset is null || !await Authz.CanUpdateDatasetAsync(await ContextAsync("package_update", []), dataset))
        {
            return null;
        }
        DatasetName = dataset.Name;
        await LoadChoicesAsync();
        // Categories the editor may not manage stay as they are: the form neither shows nor drops them.
        var assignable = AssignableGroups.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        _lockedGroups = (dict["groups"] as JsonArray ?? []).Select(g => Params.AsString(g?["id"]) ?? "").Where(id => !assignable.Contains(id)).ToList();
        return dict;
    }

    public async Task<IActionResult> OnGetAsync(string name)
    {
        if (await UserAsync() is null)
        {
            return Challenge();
        }
        if (await EditableAsync(name) is not { } dict)
        {
            return NotFound();
        }
        FromDict(dict);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string name)
    {
        if (await UserAsync() is null)
        {
            return Challenge();
        }
        if (await EditableAsync(name) is not { } dict)
        {
            return NotFound();
        }
        if (!CheckRequired())
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var data = ToData(_lockedGroups);
        data["id"] = Params.AsString(dict["id"]);
        var (result, errors) = await WriteAsync("package_patch", data);
        if (errors is not null)
        {
            AddErrors(errors);
            return Page();
        }
        return LocalRedirect($"/dataset/{Uri.EscapeDataString(Params.AsString(result!["name"])!)}");
    }
}
