using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovChannel.Web.Areas.OpenData.Pages.Datasets;

/// <summary>
/// <c>/dataset/{name}/resource/new</c>, stage 2: upload a file (multipart; progress with a little JavaScript, works
/// without) or give a link, through resource_create. "Finish" needs at least one resource and makes a draft active.
/// </summary>
[Authorize]
public sealed class ResourcesModel : PortalPage
{
    public Dataset Dataset { get; private set; } = null!;
    public JsonObject Errors { get; private set; } = [];
    public bool Saved { get; private set; }

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? LinkUrl { get; set; }
    [BindProperty] public string? ResourceName { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? Format { get; set; }
    [BindProperty] public string? Go { get; set; }

    private async Task<bool> LoadAsync(string name)
    {
        var dataset = await PackageDict.FindAsync(Db, name, HttpContext.RequestAborted);
        if (dataset is null || dataset.State == "deleted" || !await Authz.CanUpdateDatasetAsync(await ContextAsync("resource_create", []), dataset))
        {
            return false;
        }
        Dataset = dataset;
        return true;
    }

    public async Task<IActionResult> OnGetAsync(string name)
    {
        if (await UserAsync() is null)
        {
            return Challenge();
        }
        if (!await LoadAsync(name))
        {
            return NotFound();
        }
        Saved = TempData["resource.saved"] is true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string name)
    {
        if (await UserAsync() is null)
        {
            return Challenge();
        }
        if (!await LoadAsync(name))
        {
            return NotFound();
        }
        var hasFile = Upload is { Length: > 0 };
        var hasLink = !string.IsNullOrWhiteSpace(LinkUrl);
        if (hasFile || hasLink)
        {
            var data = new JsonObject
            {
                ["package_id"] = Dataset.Id,
                ["name"] = string.IsNullOrWhiteSpace(ResourceName) ? (hasFile ? Path.GetFileName(Upload!.FileName) : LinkUrl!.Trim()) : ResourceName.Trim(),
                ["description"] = Description ?? "",
                ["format"] = Format?.Trim() ?? "",
            };
            if (!hasFile)
            {
                data["url"] = LinkUrl!.Trim();
            }
            var (_, errors) = await WriteAsync("resource_create", data, hasFile ? Upload : null);
            if (errors is not null)
            {
                return Failed(errors);
            }
            // The action changed the dataset in its own unit of work; read it afresh.
            Db.ChangeTracker.Clear();
            await LoadAsync(Dataset.Id);
        }
        if (Go == "finish")
        {
            if (!Dataset.Resources.Any(r => r.State == "active"))
            {
                return Failed(new JsonObject { ["url"] = new JsonArray("You must add at least one data resource") });
            }
            if (Dataset.State == "draft")
            {
                var (_, errors) = await WriteAsync("package_patch", new JsonObject { ["id"] = Dataset.Id, ["state"] = "active" });
                if (errors is not null)
                {
                    return Failed(errors);
                }
            }
            return LocalRedirect($"/dataset/{Uri.EscapeDataString(Dataset.Name)}");
        }
        if (!hasFile && !hasLink)
        {
            return Failed(new JsonObject { ["url"] = new JsonArray("Please provide a file or a URL") });
        }
        TempData["resource.saved"] = true;
        return LocalRedirect($"/dataset/{Uri.EscapeDataString(Dataset.Name)}/resource/new");
    }

    private PageResult Failed(JsonObject errors)
    {
        Errors = errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    public string? Error(string field) => ErrorFor(Errors, field);
}
