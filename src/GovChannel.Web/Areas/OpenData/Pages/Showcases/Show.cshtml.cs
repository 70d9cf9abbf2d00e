using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.OpenData.Showcases;
using GovChannel.Web.Pages;
using GovChannel.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using CkanNotFound = GovChannel.Web.Areas.OpenData.Ckan.NotFound;

namespace GovChannel.Web.Areas.OpenData.Pages.Showcases;

/// <summary><c>/showcase/{name}</c>: one showcase and the datasets it uses (only those the visitor may read).</summary>
public sealed class ShowModel : PortalPage
{
    public JsonObject Showcase { get; private set; } = null!;
    public List<DatasetSummary> Datasets { get; } = [];
    public string NotesHtml { get; private set; } = "";
    public bool CanManage { get; private set; }

    public string Str(string key) => Params.AsString(Showcase[key]) ?? "";

    public async Task<IActionResult> OnGetAsync(string name)
    {
        try
        {
            Showcase = (JsonObject)(await ReadAsync("ckanext_showcase_show", new JsonObject { ["id"] = name }))!;
            foreach (var dict in await ReadAsync("ckanext_showcase_package_list", new JsonObject { ["showcase_id"] = Str("id") }) as JsonArray ?? [])
            {
                Datasets.Add(DatasetSummary.From(dict!));
            }
        }
        catch (CkanNotFound)
        {
            return NotFound();
        }
        NotesHtml = Markdown.ToSafeHtml(Str("notes"));
        CanManage = await ShowcaseActions.CanManageAsync(await ContextAsync("ckanext_showcase_update", []));
        return Page();
    }

    /// <summary>A picture uploaded through the form (site-relative) or an http(s) address.</summary>
    public static bool IsImage(string url) => url.StartsWith("/uploads/showcase/", StringComparison.Ordinal) || IsHttp(url);

    /// <summary>Only http(s) links are shown as links (a stored URL is publisher input).</summary>
    public static bool IsHttp(string url) => Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https";
}
