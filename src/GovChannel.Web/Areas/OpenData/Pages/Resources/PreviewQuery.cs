using System.Globalization;
using System.Text.Json.Nodes;

namespace GovChannel.Web.Areas.OpenData.Pages.Resources;

/// <summary>
/// The resource preview's state as query parameters, so that paging, sorting, filtering and the chart all work as plain
/// links and GET forms (no JavaScript): <c>?q=…&amp;fcol=…&amp;fval=…&amp;sort=…&amp;desc=1&amp;page=2&amp;chart=bar&amp;x=…&amp;y=…</c>.
/// Each maps to one datastore_search parameter, so the API panel can show the same request.
/// </summary>
public sealed record PreviewQuery(string? Q, string? FilterColumn, string? FilterValue, string? Sort, bool Descending, int Page,
    string? Chart, string? X, string? Y)
{
    public const int PageSize = 25;

    public static PreviewQuery From(IQueryCollection query)
    {
        static string? Get(IQueryCollection q, string key) => string.IsNullOrWhiteSpace(q[key]) ? null : q[key].ToString().Trim();
        var page = int.TryParse(query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? Math.Min(p, 100_000) : 1;
        return new PreviewQuery(Get(query, "q"), Get(query, "fcol"), Get(query, "fval"), Get(query, "sort"), query["desc"] == "1", page,
            Get(query, "chart") is "bar" or "line" ? query["chart"].ToString() : null, Get(query, "x"), Get(query, "y"));
    }

    public bool HasFilter => FilterColumn is not null && FilterValue is not null;

    /// <summary>datastore_search's data dict for this view (the caller adds limit and offset).</summary>
    public JsonObject Search(string resourceId, IReadOnlyCollection<string> columns)
    {
        var data = new JsonObject { ["resource_id"] = resourceId };
        if (Q is not null)
        {
            data["q"] = Q;
        }
        if (HasFilter && columns.Contains(FilterColumn!))
        {
            data["filters"] = new JsonObject { [FilterColumn!] = FilterValue };
        }
        if (Sort is not null && columns.Contains(Sort))
        {
            data["sort"] = "\"" + Sort.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" + (Descending ? " desc" : " asc") + " nulls last";
        }
        return data;
    }

    /// <summary>This view's URL with some parameters changed; <c>null</c> in <paramref name="changes"/> removes one.</summary>
    public string Url(string path, params (string Key, string? Value)[] changes)
    {
        var values = new List<(string Key, string? Value)>
        {
            ("q", Q), ("fcol", HasFilter ? FilterColumn : null), ("fval", HasFilter ? FilterValue : null), ("sort", Sort),
            ("desc", Descending ? "1" : null), ("page", Page > 1 ? Page.ToString(CultureInfo.InvariantCulture) : null),
            ("chart", Chart), ("x", X), ("y", Y),
        };
        foreach (var (key, value) in changes)
        {
            var i = values.FindIndex(v => v.Key == key);
            values[i] = (key, value);
        }
        var parts = values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => v.Key + "=" + Uri.EscapeDataString(v.Value!)).ToList();
        return parts.Count == 0 ? path : path + "?" + string.Join("&", parts);
    }
}
