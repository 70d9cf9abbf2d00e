using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.OpenData.Tracking;
using GovChannel.Web.Data;
using GovChannel.Web.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.OpenData.Pages.Datasets;

/// <summary>
/// <c>/dataset/{name}</c>. Read through package_show, so a dataset the visitor may not read is a plain 404: the page
/// never says that a private dataset exists.
/// </summary>
public sealed class ShowModel(ViewTracker tracker, GovChannelSettings settings) : PortalPage
{
    public sealed record ResourceView(string Id, string Name, string Description, string Format, string Href, string? LinkUrl, long? Size, bool IsUpload);
    public sealed record ActivityView(DateTime At, string Type, string? User);
    public sealed record MetadataRow(string Label, string Value, bool IsLink = false);

    public JsonObject Dict { get; private set; } = null!;
    public Dataset Dataset { get; private set; } = null!;
    public List<ResourceView> Resources { get; } = [];
    public List<ActivityView> Activity { get; } = [];
    public List<MetadataRow> Metadata { get; } = [];
    public string NotesHtml { get; private set; } = "";
    public bool CanEdit { get; private set; }
    public int RecentViews { get; private set; }
    public string SiteUrl { get; private set; } = "";
    public string JsonLd { get; private set; } = "";
    public List<JsonObject> Showcases { get; } = [];

    public string Str(string key) => Params.AsString(Dict[key]) ?? "";

    public async Task<IActionResult> OnGetAsync(string name)
    {
        var ct = HttpContext.RequestAborted;
        var dict = await ShowAsync("package_show", name);
        var dataset = dict is null ? null : await PackageDict.FindAsync(Db, Params.AsString(dict["id"])!, ct);
        if (dict is null || dataset is null)
        {
            return NotFound();
        }
        Dict = dict;
        Dataset = dataset;
        SiteUrl = CkanApi.SiteUrl(HttpContext, settings);
        CanEdit = await Authz.CanUpdateDatasetAsync(await ContextAsync("package_update", []), dataset);
        NotesHtml = Markdown.ToSafeHtml(dataset.Notes);

        // Resources as package_show returned them (per-resource privacy already applied there).
        var visible = (dict["resources"] as JsonArray ?? []).Select(r => Params.AsString(r?["id"])).ToHashSet(StringComparer.Ordinal);
        foreach (var r in dataset.Resources.Where(r => r.State == "active" && visible.Contains(r.Id)).OrderBy(r => r.Position))
        {
            var isUpload = r.UrlType == "upload";
            var href = isUpload
                ? $"/dataset/{dataset.Id}/resource/{r.Id}/download/{Uri.EscapeDataString(r.Url)}"
                : $"/dataset/{Uri.EscapeDataString(dataset.Name)}/resource/{r.Id}/go";
            Resources.Add(new ResourceView(r.Id, string.IsNullOrWhiteSpace(r.Name) ? r.Url : r.Name!, r.Description ?? "", r.Format, href,
                isUpload ? null : r.Url, r.Size, isUpload));
        }

        BuildMetadata();

        var activities = await Db.Activities.Where(a => a.ObjectId == dataset.Id).OrderByDescending(a => a.Timestamp).Take(10)
            .Select(a => new { a.Timestamp, a.ActivityType, a.UserId }).ToListAsync(ct);
        var userIds = activities.Select(a => a.UserId).Where(u => u != null).Distinct().ToList();
        var users = await Db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName ?? u.Name, StringComparer.Ordinal, ct);
        Activity.AddRange(activities.Select(a => new ActivityView(a.Timestamp, a.ActivityType, a.UserId is null ? null : users.GetValueOrDefault(a.UserId))));

        Showcases.AddRange((await ReadAsync("ckanext_package_showcase_list", new JsonObject { ["package_id"] = dataset.Id }) as JsonArray ?? []).OfType<JsonObject>());
        await tracker.CountAsync(HttpContext, dataset.Id);
        RecentViews = await tracker.RecentViewsAsync(Db, dataset.Id, ct);
        JsonLd = BuildJsonLd();
        return Page();
    }

    private void BuildMetadata()
    {
        void Add(string label, string? value, bool isLink = false)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                Metadata.Add(new MetadataRow(label, value, isLink));
            }
        }
        Add(T["dataset.agency"], Params.AsString(Dict["organization"]?["title"]));
        Add(T["dataset.maintainer"], Str("maintainer"));
        Add(T["dataset.maintainer_email"], Str("maintainer_email"));
        Add(T["dataset.license"], Str("license_title"));
        Add(T["dataset.source"], Str("url"), isLink: Uri.TryCreate(Str("url"), UriKind.Absolute, out var u) && u.Scheme is "http" or "https");
        foreach (var field in GdcFields.All)
        {
            var node = Dict[field];
            if (node is null)
            {
                continue;
            }
            var label = GdcFields.Labels.TryGetValue(field, out var l) ? (T.IsThai ? l.Th : l.En) : T["gdc." + field];
            var values = node is JsonArray list ? list.Select(Params.AsString).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!) : [Params.AsString(node) ?? ""];
            Add(label, string.Join(", ", values.Select(DisplayValue)), isLink: field == "reference_url_catalog");
        }
        if (Clock.TryParseIso(Str("metadata_created"), out var created))
        {
            Add(T["dataset.created"], T.Date(created));
        }
        if (Clock.TryParseIso(Str("metadata_modified"), out var modified))
        {
            Add(T["dataset.modified"], T.Date(modified));
        }
    }

    /// <summary>Dates (GDC date fields hold ISO dates) in the page's calendar; choices in the page's language.</summary>
    private string DisplayValue(string value) =>
        value.Length is >= 10 and <= 26 && char.IsAsciiDigit(value[0]) && value[4] == '-' && Clock.TryParseIso(value, out var date)
            ? T.Date(date)
            : T.Value(value);

    /// <summary>schema.org Dataset for search engines (Google Dataset Search reads it).</summary>
    private string BuildJsonLd()
    {
        var url = SiteUrl + "/dataset/" + Uri.EscapeDataString(Dataset.Name);
        var ld = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Dataset",
            ["@id"] = url,
            ["name"] = Str("title"),
            ["description"] = Markdown.ToPlainText(Dataset.Notes) is { Length: > 0 } plain ? plain : Str("title"),
            ["url"] = url,
            ["identifier"] = Dataset.Id,
            ["keywords"] = new JsonArray([.. (Dict["tags"] as JsonArray ?? []).Select(t => (JsonNode?)Params.AsString(t?["name"]))]),
            ["dateCreated"] = Str("metadata_created"),
            ["dateModified"] = Str("metadata_modified"),
            ["isAccessibleForFree"] = true,
        };
        if (!string.IsNullOrEmpty(Str("license_url")))
        {
            ld["license"] = Str("license_url");
        }
        else if (!string.IsNullOrEmpty(Str("license_title")))
        {
            ld["license"] = Str("license_title");
        }
        if (Dict["organization"] is JsonObject org)
        {
            ld["creator"] = new JsonObject
            {
                ["@type"] = "GovernmentOrganization",
                ["name"] = Params.AsString(org["title"]),
                ["url"] = SiteUrl + "/organization/" + Uri.EscapeDataString(Params.AsString(org["name"]) ?? ""),
            };
        }
        ld["distribution"] = new JsonArray([.. Resources.Select(r => (JsonNode?)new JsonObject
        {
            ["@type"] = "DataDownload",
            ["name"] = r.Name,
            ["contentUrl"] = r.IsUpload ? SiteUrl + r.Href : r.LinkUrl,
            ["encodingFormat"] = r.Format,
        })]);
        // Relaxed escaping keeps Thai readable; '<' is still escaped so the data can never close the script element.
        var json = ld.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true });
        return json.Replace("<", "\\u003c", StringComparison.Ordinal);
    }

    public static string Size(long? bytes) => bytes switch
    {
        null => "",
        < 1024 => GovChannel.Web.Localization.Text.Number(bytes.Value) + " B",
        < 1024 * 1024 => GovChannel.Web.Localization.Text.Number(bytes.Value / 1024) + " KB",
        _ => (bytes.Value / 1024.0 / 1024.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " MB",
    };
}
