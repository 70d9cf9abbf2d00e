using System.Text.Json.Nodes;
using GovChannel.Thai;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.Services;
using GovChannel.Web.Data;
using GovChannel.Web.Pages.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GovChannel.Web.Areas.Search;

public sealed record SearchItem(string Type, string Title, string Url, string Snippet, string? Agency);

public sealed record SearchResult(string Query, string? Type, int Total, Dictionary<string, int> Counts, List<SearchItem> Items);

/// <summary>
/// The one search box: datasets through the catalogue's own <c>package_search</c> (called in-process, so its
/// permission filter applies: a private dataset never appears), and manuals, e-services, apps and news from
/// <see cref="OneSearchIndex"/>. Results are grouped by kind, with a count for every kind.
/// </summary>
public static class OneSearch
{
    public static readonly string[] Kinds = ["dataset", "manual", "eservice", "app", "news"];

    public static void MapOneSearch(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/search", SearchApi).WithTags("Search");

    private static async Task<Results<Ok<SearchResult>, ProblemHttpResult>> SearchApi(
        HttpContext http, GovDb db, OneSearchIndex index, string? q, string? type, int? start, int? rows, CancellationToken ct)
    {
        if (type is not null && !Kinds.Contains(type))
        {
            return ServiceApi.Problem(http, 400, "type ต้องเป็น " + string.Join(", ", Kinds), "type must be one of " + string.Join(", ", Kinds));
        }
        return TypedResults.Ok(await RunAsync(http, db, index, q ?? "", type, start ?? 0, rows ?? (type is null ? 5 : 20), ct));
    }

    /// <param name="rows">Items per kind without a type; items of that kind with one.</param>
    public static async Task<SearchResult> RunAsync(HttpContext http, GovDb db, OneSearchIndex index, string q, string? type, int start, int rows, CancellationToken ct)
    {
        q = ThaiNormalizer.Normalize(q).Trim();
        rows = Math.Clamp(rows, 1, 100);
        start = Math.Max(0, start);
        var counts = Kinds.ToDictionary(k => k, _ => 0, StringComparer.Ordinal);
        var items = new List<SearchItem>();
        if (q.Length == 0)
        {
            return new SearchResult(q, type, 0, counts, items);
        }
        var terms = Highlighter.Terms(q);

        var datasets = await DatasetsAsync(http, db, q, type is null or "dataset" ? (type is null ? 0 : start) : 0, type is null or "dataset" ? rows : 1);
        counts["dataset"] = datasets.Count;
        if (type is null or "dataset")
        {
            items.AddRange(datasets.Items.Select(d => d with { Snippet = Snippet(d.Snippet, terms) }));
        }

        var hits = await index.SearchAsync(q, ct);
        foreach (var group in hits.GroupBy(h => h.Type))
        {
            counts[group.Key] = group.Count();
        }
        foreach (var kind in Kinds.Skip(1).Where(k => type is null || type == k))
        {
            items.AddRange(hits.Where(h => h.Type == kind).Skip(type is null ? 0 : start).Take(rows)
                .Select(h => new SearchItem(h.Type, h.Title, h.Url, Snippet(h.Text, terms), h.Agency)));
        }
        return new SearchResult(q, type, counts.Values.Sum(), counts, items);
    }

    private static async Task<(int Count, List<SearchItem> Items)> DatasetsAsync(HttpContext http, GovDb db, string q, int start, int rows)
    {
        var user = await CkanApi.CurrentUserAsync(http, db);
        var data = new JsonObject { ["q"] = q, ["rows"] = rows, ["start"] = start, ["fl"] = "name,title,notes,organization" };
        JsonNode? result;
        try
        {
            result = await CkanApi.Actions.Find("package_search")!.Handler(new ActionContext(http, db, user, data, "package_search"));
        }
        catch (CkanException)
        {
            // Solr syntax a citizen did not mean (an unbalanced quote, a stray colon): search the plain words instead.
            var plain = string.Join(' ', q.Split([' ', '"', ':', '(', ')', '[', ']', '{', '}', '^', '~', '*', '?', '\\', '/', '+', '-', '!'],
                StringSplitOptions.RemoveEmptyEntries));
            if (plain.Length == 0 || plain == q)
            {
                return (0, []);
            }
            data["q"] = plain;
            try
            {
                result = await CkanApi.Actions.Find("package_search")!.Handler(new ActionContext(http, db, user, data, "package_search"));
            }
            catch (CkanException)
            {
                return (0, []);
            }
        }
        var count = result?["count"]?.GetValue<int>() ?? 0;
        var items = (result?["results"] as JsonArray ?? []).Where(r => r is not null).Select(r => new SearchItem(
            "dataset",
            Params.AsString(r!["title"]) is { Length: > 0 } title ? title : Params.AsString(r["name"]) ?? "",
            "/dataset/" + Params.AsString(r["name"]),
            Params.AsString(r["notes"]) ?? "",
            r["organization"] is JsonObject org ? Params.AsString(org["title"]) : null)).ToList();
        return (count, items);
    }

    private static bool IsMark(char c) =>
        char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark
        || char.IsLowSurrogate(c);

    /// <summary>Plain text around the first query word (no markup: pages mark words themselves, the API returns text).</summary>
    public static string Snippet(string text, IReadOnlyList<string> terms, int length = 200)
    {
        text = string.Join(' ', text.Split(['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries)).Replace("#", "", StringComparison.Ordinal).Replace("**", "", StringComparison.Ordinal);
        if (text.Length <= length)
        {
            return text;
        }
        var at = terms.Select(t => text.IndexOf(t, StringComparison.OrdinalIgnoreCase)).Where(i => i >= 0).DefaultIfEmpty(0).Min();
        var begin = Math.Max(0, Math.Min(at - (length / 4), text.Length - length));
        var end = begin + length;
        // Never cut a Thai character cluster: a vowel or tone mark must stay with its consonant.
        while (begin > 0 && IsMark(text[begin]))
        {
            begin--;
        }
        while (end < text.Length && IsMark(text[end]))
        {
            end++;
        }
        length = end - begin;
        var piece = text.Substring(begin, length);
        return (begin > 0 ? "…" : "") + piece + (begin + length < text.Length ? "…" : "");
    }
}
