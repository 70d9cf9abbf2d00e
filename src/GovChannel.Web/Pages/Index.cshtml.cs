using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.OpenData.Tracking;
using GovChannel.Web.Areas.Services.News;
using GovChannel.Web.Pages.Shared;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Pages;

/// <summary>
/// The home page. Every number counts public, active datasets only (DESIGN decision 10): the same figure for every
/// visitor, and never a hint that a private dataset exists.
/// </summary>
public sealed class IndexModel(TimeProvider time) : PortalPage
{
    public sealed record CategoryCard(string Name, string Title, string Type, int Count);

    public int DatasetCount { get; private set; }
    public int AgencyCount { get; private set; }
    public int ResourceCount { get; private set; }
    public List<CategoryCard> Categories { get; } = [];
    public List<DatasetSummary> Newest { get; } = [];
    public List<DatasetSummary> Popular { get; } = [];
    public List<News.IndexModel.Item> News { get; } = [];
    public List<News.IndexModel.Item> Publications { get; } = [];
    public List<JsonObject> Showcases { get; } = [];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var search = (JsonObject)(await ReadAsync("package_search", new JsonObject
        {
            ["rows"] = 6,
            ["sort"] = "metadata_created desc",
            ["facet.field"] = new JsonArray("groups", "organization"),
            ["facet.limit"] = -1,
            ["include_private"] = false,
            ["fq"] = DatasetSearch.DatasetsOnly,
        }))!;
        DatasetCount = (int?)search["count"] ?? 0;
        foreach (var dict in search["results"] as JsonArray ?? [])
        {
            Newest.Add(DatasetSummary.From(dict!));
        }
        var groupCounts = (search["facets"]?["groups"] as JsonObject ?? []).ToDictionary(kv => kv.Key, kv => (int?)kv.Value ?? 0, StringComparer.Ordinal);
        AgencyCount = await Db.Groups.CountAsync(g => g.IsOrganization && g.State == "active", ct);
        ResourceCount = await Db.Resources.CountAsync(r => r.State == "active" && r.Dataset!.State == "active" && !r.Dataset.Private && r.Dataset.Type == "dataset", ct);

        var groups = await Db.Groups.Where(g => !g.IsOrganization && g.State == "active")
            .Select(g => new { g.Name, g.Title, g.Type }).ToListAsync(ct);
        Categories.AddRange(groups
            .Select(g => new CategoryCard(g.Name, string.IsNullOrEmpty(g.Title) ? g.Name : g.Title, g.Type, groupCounts.GetValueOrDefault(g.Name)))
            .OrderBy(g => g.Type == "group" ? 1 : 0).ThenBy(g => g.Type, StringComparer.Ordinal).ThenBy(g => g.Name, StringComparer.Ordinal));

        var now = Clock.Now(time);
        News.AddRange(await GovChannel.Web.Pages.News.IndexModel.ListAsync(Db,
            NewsApi.Published(Db, now).Where(n => n.Kind == "news").OrderByDescending(n => n.PublishedAt).Take(4), ct));
        Publications.AddRange(await GovChannel.Web.Pages.News.IndexModel.ListAsync(Db,
            NewsApi.Published(Db, now).Where(n => n.Kind == "publication").OrderByDescending(n => n.PublishedAt).Take(4), ct));
        Showcases.AddRange((await ReadAsync("ckanext_showcase_list", []) as JsonArray ?? []).OfType<JsonObject>().Take(6));

        // The same index field and order as /dataset?sort=views_recent, so the two always agree.
        var popular = await ReadAsync("package_search", new JsonObject
        {
            ["rows"] = 5,
            ["sort"] = "views_recent desc, metadata_modified desc",
            ["include_private"] = false,
            ["fq"] = DatasetSearch.DatasetsOnly + " +views_recent:[1 TO *]",
        });
        foreach (var dict in popular?["results"] as JsonArray ?? [])
        {
            Popular.Add(DatasetSummary.From(dict!));
        }
    }
}
