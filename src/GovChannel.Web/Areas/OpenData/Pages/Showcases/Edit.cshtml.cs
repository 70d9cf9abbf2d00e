using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.OpenData.Files;
using GovChannel.Web.Areas.OpenData.Showcases;
using GovChannel.Web.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using CkanNotFound = GovChannel.Web.Areas.OpenData.Ckan.NotFound;

namespace GovChannel.Web.Areas.OpenData.Pages.Showcases;

/// <summary>
/// <c>/showcase/edit</c> (new) and <c>/showcase/edit/{name}</c>: sysadmins and showcase admins write a showcase and
/// the datasets it uses. Everything goes through the ckanext_showcase_* actions in one transaction (the showcase and
/// its links are saved together or not at all); the picture is stored under a generated name (ShowcaseImages).
/// </summary>
[Authorize]
public sealed class EditModel(IFileStore files) : PortalPage
{
    public sealed class ShowcaseInput
    {
        public string? Title { get; set; }
        public string? Name { get; set; }
        public string? Notes { get; set; }
        public string? Url { get; set; }
        public string? Tags { get; set; }
        /// <summary>One dataset per line: its name, id or page address.</summary>
        public string? Datasets { get; set; }
        public bool RemoveImage { get; set; }
    }

    [BindProperty] public ShowcaseInput Input { get; set; } = new();
    [BindProperty] public IFormFile? Image { get; set; }

    /// <summary>The showcase being edited (null when new), as ckanext_showcase_show returns it.</summary>
    public JsonObject? Showcase { get; private set; }
    public JsonObject Errors { get; private set; } = [];
    private List<(string Id, string Name)> _linked = [];

    public string? Error(string field) => ErrorFor(Errors, field);
    public string? CurrentImage => Params.AsString(Showcase?["image_url"]) is { Length: > 0 } url ? url : null;

    /// <summary>The showcase and the datasets it uses that this user can see; false when it does not exist.</summary>
    private async Task<bool> LoadAsync(string? name)
    {
        if (name is null)
        {
            return true;
        }
        try
        {
            Showcase = (JsonObject)(await ReadAsync("ckanext_showcase_show", new JsonObject { ["id"] = name }))!;
            var linked = await ReadAsync("ckanext_showcase_package_list", new JsonObject { ["showcase_id"] = Params.AsString(Showcase["id"]) });
            _linked = [.. (linked as JsonArray ?? []).Select(d => (Params.AsString(d!["id"])!, Params.AsString(d["name"])!))];
            return true;
        }
        catch (CkanNotFound)
        {
            return false;
        }
    }

    private async Task<bool> CanManageAsync() => await ShowcaseActions.CanManageAsync(await ContextAsync("ckanext_showcase_update", []));

    public async Task<IActionResult> OnGetAsync(string? name)
    {
        if (!await CanManageAsync())
        {
            return Forbid();
        }
        if (!await LoadAsync(name))
        {
            return NotFound();
        }
        if (Showcase is { } s)
        {
            Input = new ShowcaseInput
            {
                Title = Params.AsString(s["title"]), Name = Params.AsString(s["name"]), Notes = Params.AsString(s["notes"]),
                Url = Params.AsString(s["url"]),
                Tags = string.Join(", ", (s["tags"] as JsonArray ?? []).Select(t => Params.AsString(t?["name"]))),
                Datasets = string.Join("\n", _linked.Select(d => d.Name)),
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? name)
    {
        if (!await CanManageAsync())
        {
            return Forbid();
        }
        if (!await LoadAsync(name))
        {
            return NotFound();
        }
        var ct = HttpContext.RequestAborted;
        if (string.IsNullOrWhiteSpace(Input.Title))
        {
            Errors["title"] = new JsonArray("Missing value");
        }
        var url = Input.Url?.Trim() ?? "";
        if (url.Length > 0 && !ShowModel.IsHttp(url))
        {
            Errors["url"] = new JsonArray(T["showcase.error.url"]);
        }
        if (Image is { Length: > ShowcaseImages.MaxBytes })
        {
            Errors["image"] = new JsonArray(T["showcase.error.image.size"]);
        }
        var wanted = await DatasetsAsync(ct);
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var oldImage = CurrentImage;
        string? newImage = null;
        if (Image is { Length: > 0 })
        {
            newImage = await ShowcaseImages.SaveAsync(files, Image, ct);
            if (newImage is null)
            {
                Errors["image"] = new JsonArray(T["showcase.error.image.type"]);
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return Page();
            }
        }
        var image = newImage ?? (Input.RemoveImage ? "" : oldImage ?? "");

        // Edit starts from the stored showcase so that what the form does not show (extras, author) is kept.
        var data = Showcase is null ? new JsonObject() : (JsonObject)Showcase.DeepClone();
        foreach (var computed in new[] { "num_datasets", "image_display_url", "metadata_modified" })
        {
            data.Remove(computed);
        }
        data["title"] = Input.Title!.Trim();
        data["notes"] = Input.Notes?.Trim() ?? "";
        data["url"] = url;
        data["image_url"] = image;
        data["tags"] = new JsonArray([.. (Input.Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).Select(t => (JsonNode)new JsonObject { ["name"] = t })]);
        var slug = Input.Name?.Trim();
        data["name"] = string.IsNullOrEmpty(slug) ? Showcase is null ? NewName(Input.Title) : Params.AsString(Showcase["name"]) : slug;

        var (result, errors) = await WriteAllAsync(async () =>
        {
            var saved = await CallAsync(Showcase is null ? "ckanext_showcase_create" : "ckanext_showcase_update", data);
            var id = Params.AsString(saved!["id"])!;
            foreach (var d in wanted.Where(w => _linked.All(l => l.Id != w.Id)))
            {
                await CallAsync("ckanext_showcase_package_association_create", new JsonObject { ["showcase_id"] = id, ["package_id"] = d.Id });
            }
            // Only links this user could see are removed: a private dataset linked by someone else stays linked.
            foreach (var d in _linked.Where(l => wanted.All(w => w.Id != l.Id)))
            {
                await CallAsync("ckanext_showcase_package_association_delete", new JsonObject { ["showcase_id"] = id, ["package_id"] = d.Id });
            }
            return saved;
        });
        if (errors is not null)
        {
            await ShowcaseImages.DeleteAsync(files, newImage, ct);
            Errors = errors;
            return Page();
        }
        if (newImage is not null || Input.RemoveImage)
        {
            await ShowcaseImages.DeleteAsync(files, oldImage, ct);
        }
        return Redirect("/showcase/" + Uri.EscapeDataString(Params.AsString(result!["name"])!));
    }

    public async Task<IActionResult> OnPostDeleteAsync(string? name)
    {
        if (!await CanManageAsync())
        {
            return Forbid();
        }
        if (name is null || !await LoadAsync(name))
        {
            return NotFound();
        }
        var (_, errors) = await WriteAsync("ckanext_showcase_delete", new JsonObject { ["id"] = Params.AsString(Showcase!["id"]) });
        if (errors is not null)
        {
            Errors = errors;
            return Page();
        }
        return Redirect("/showcase");
    }

    /// <summary>The datasets named in the form, each checked with package_show (so only those this user may read).</summary>
    private async Task<List<(string Id, string Name)>> DatasetsAsync(CancellationToken ct)
    {
        var found = new List<(string, string)>();
        var missing = new List<string>();
        foreach (var line in (Input.Datasets ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            ct.ThrowIfCancellationRequested();
            // A pasted page address: the dataset's name is the segment after /dataset/.
            var key = line;
            if (Uri.TryCreate(line, UriKind.Absolute, out var u) && u.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) is ["dataset", var seg, ..])
            {
                key = Uri.UnescapeDataString(seg);
            }
            var dict = await ShowAsync("package_show", key);
            if (dict is null || Params.AsString(dict["type"]) != "dataset")
            {
                missing.Add(line);
                continue;
            }
            var id = Params.AsString(dict["id"])!;
            if (found.All(f => f.Item1 != id))
            {
                found.Add((id, Params.AsString(dict["name"])!));
            }
        }
        if (missing.Count > 0)
        {
            Errors["datasets"] = new JsonArray(T.Format("showcase.error.datasets", string.Join(", ", missing)));
        }
        return found;
    }

    /// <summary>A URL name from the title's ASCII words, or a generated one for a Thai title.</summary>
    private static string NewName(string? title)
    {
        var ascii = new string([.. (title ?? "").ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
        var words = string.Join('-', ascii.Split('-', StringSplitOptions.RemoveEmptyEntries));
        var suffix = Guid.NewGuid().ToString("N")[..6];
        return words.Length >= 2 ? (words.Length > 60 ? words[..60].TrimEnd('-') : words) + "-" + suffix : "showcase-" + suffix;
    }
}
