using System.Globalization;
using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Ckan;

namespace GovChannel.Web.Pages.Shared;

public sealed record FacetItem(string Name, string Display, int Count);

/// <summary>
/// The dataset search of <c>/dataset</c>, an agency page and a category page: turns the query string into a
/// package_search request (so results, counts and facets pass the same permission filters as the API), and builds the
/// links that add or remove a filter, sort and page.
/// </summary>
public sealed class DatasetSearch
{
    public const int PageSize = 20;

    public static readonly IReadOnlyList<string> FacetFields =
        ["groups", "organization", "tags", "res_format", "license_id", "data_type", "data_category"];

    /// <summary>The sort choices: the query-string key and the package_search sort it means.</summary>
    public static readonly IReadOnlyList<(string Key, string Sort, string Label)> Sorts =
    [
        ("relevance", "score desc, metadata_modified desc", "sort.relevance"),
        ("views_recent", "views_recent desc, metadata_modified desc", "sort.views"),
        ("name", "title_string asc", "sort.name"),
        ("metadata_modified", "metadata_modified desc", "sort.modified"),
        ("metadata_created", "metadata_created desc", "sort.created"),
    ];

    public string? Q { get; private init; }
    public string SortKey { get; private init; } = "relevance";
    public int Page { get; private init; } = 1;
    public IReadOnlyList<(string Field, string Value)> Filters { get; private init; } = [];
    public string BasePath { get; private init; } = "/dataset";
    /// <summary>Fields the page itself fixes (an agency page's organisation): not offered as facets.</summary>
    public IReadOnlySet<string> FixedFields { get; private init; } = new HashSet<string>(StringComparer.Ordinal);

    public int Count { get; private set; }
    public List<DatasetSummary> Results { get; } = [];
    public Dictionary<string, List<FacetItem>> Facets { get; } = new(StringComparer.Ordinal);
    public IReadOnlyList<string> Terms => Highlighter.Terms(Q);
    public int PageCount => Math.Max(1, (Count + PageSize - 1) / PageSize);

    public static DatasetSearch FromQuery(IQueryCollection query, string basePath, IEnumerable<string>? fixedFields = null)
    {
        var skip = new HashSet<string>(fixedFields ?? [], StringComparer.Ordinal);
        var filters = new List<(string, string)>();
        foreach (var field in FacetFields.Where(f => !skip.Contains(f)))
        {
            foreach (var value in query[field].Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.Ordinal))
            {
                filters.Add((field, value!));
            }
        }
        var sort = query["sort"].ToString();
        var page = int.TryParse(query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? Math.Min(p, 10_000) : 1;
        return new DatasetSearch
        {
            Q = string.IsNullOrWhiteSpace(query["q"]) ? null : query["q"].ToString().Trim(),
            SortKey = Sorts.Any(s => s.Key == sort) ? sort : "relevance",
            Page = page,
            Filters = filters,
            BasePath = basePath,
            FixedFields = skip,
        };
    }

    /// <summary>Solr filter syntax for one exact value: <c>field:"value"</c> with quotes and backslashes escaped.</summary>
    public static string Filter(string field, string value) =>
        field + ":\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// The portal's dataset lists show datasets only: showcases (and harvest sources) are packages too, and package_search
    /// returns every type as CKAN's API does, so the filter belongs to the page, not the API.
    /// </summary>
    public const string DatasetsOnly = "+dataset_type:dataset";

    public JsonObject Request(IEnumerable<string>? fixedFilters = null, bool includePrivate = true, bool includeDrafts = false)
    {
        var fq = new JsonArray { DatasetsOnly };
        foreach (var f in (fixedFilters ?? []).Concat(Filters.Select(f => Filter(f.Field, f.Value))))
        {
            fq.Add(f);
        }
        return new JsonObject
        {
            ["q"] = Q ?? "",
            ["fq_list"] = fq,
            ["rows"] = PageSize,
            ["start"] = (Page - 1) * PageSize,
            ["sort"] = Sorts.First(s => s.Key == SortKey).Sort,
            ["facet.field"] = new JsonArray([.. FacetFields.Where(f => !FixedFields.Contains(f)).Select(f => (JsonNode?)f)]),
            ["facet.limit"] = 50,
            ["include_private"] = includePrivate,
            ["include_drafts"] = includeDrafts,
        };
    }

    public void Read(JsonObject result)
    {
        Count = (int?)result["count"] ?? 0;
        foreach (var dict in result["results"] as JsonArray ?? [])
        {
            Results.Add(DatasetSummary.From(dict!));
        }
        if (result["search_facets"] is JsonObject facets)
        {
            foreach (var (field, node) in facets)
            {
                Facets[field] = (node?["items"] as JsonArray ?? [])
                    .Select(i => new FacetItem(Params.AsString(i?["name"]) ?? "", Params.AsString(i?["display_name"]) ?? "", (int?)i?["count"] ?? 0))
                    .OrderByDescending(i => i.Count).ThenBy(i => i.Display, StringComparer.Ordinal).ToList();
            }
        }
    }

    public bool IsActive(string field, string value) => Filters.Contains((field, value));

    /// <summary>This search's URL with the filters, sort and page given (others kept); always starts on page 1 unless told.</summary>
    public string Url(IEnumerable<(string Field, string Value)>? filters = null, string? sort = null, int page = 1, string? lang = null)
    {
        var parts = new List<string>();
        if (Q is not null)
        {
            parts.Add("q=" + Uri.EscapeDataString(Q));
        }
        foreach (var (field, value) in filters ?? Filters)
        {
            parts.Add(field + "=" + Uri.EscapeDataString(value));
        }
        var sortKey = sort ?? SortKey;
        if (sortKey != "relevance")
        {
            parts.Add("sort=" + sortKey);
        }
        if (page > 1)
        {
            parts.Add("page=" + page.ToString(CultureInfo.InvariantCulture));
        }
        if (lang is not null)
        {
            parts.Add("lang=" + lang);
        }
        return parts.Count == 0 ? BasePath : BasePath + "?" + string.Join("&", parts);
    }

    public string Toggle(string field, string value) =>
        IsActive(field, value) ? Url(Filters.Where(f => f != (field, value))) : Url(Filters.Append((field, value)));

    public string PageUrl(int page) => Url(page: page);
}
