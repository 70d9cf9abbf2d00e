using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Data;
using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.OpenData.Search;

/// <summary>package_search and the actions built on it (reference/ckan.md §3).</summary>
public static class SearchActions
{
    public static void Register(ActionTable t)
    {
        t.Read("package_search", PackageSearchAsync, CacheScopeAsync);
        t.Read("current_package_list_with_resources", CurrentPackageListAsync);
        t.Read("package_autocomplete", async ctx => await PackageAutocompleteAsync(ctx, ctx.String("q") ?? "", ctx.Natural("limit", 10)));
        t.Read("format_autocomplete", async ctx => await FormatAutocompleteAsync(ctx, ctx.String("q") ?? "", ctx.Natural("limit", 5)));
    }

    /// <summary>CKAN's VALID_SOLR_PARAMETERS plus the keys package_search itself pops.</summary>
    private static readonly HashSet<string> AllowedKeys = new(StringComparer.Ordinal)
    {
        "q", "fl", "fq", "fq_list", "rows", "sort", "start", "facet", "include_private", "include_drafts", "include_deleted",
        "use_default_schema", "qf", "wt", "bf", "boost", "tie", "defType", "mm", "df", "extras",
    };

    /// <summary>Fields `sort` accepts besides `score`: single-valued strings, dates and counts.</summary>
    private static SortField? SortFieldFor(string field, bool descending) => field switch
    {
        "score" => new SortField(null, SortFieldType.SCORE, !descending),
        "title" => new SortField("title_string", SortFieldType.STRING, descending),
        _ when IndexFields.DateFields.Contains(field) || IndexFields.IntFields.Contains(field) => new SortField(field, NumberValues.Sort.Instance, descending),
        _ when IndexFields.IsSortableString(field) => new SortField(field, SortFieldType.STRING, descending),
        _ => null,
    };

    /// <summary>
    /// package_search. Public so that other actions (organization_show, group_show) can list datasets with exactly
    /// the same permission filters: pass the same keys a client would (fq, rows, include_private…).
    /// </summary>
    public static async Task<JsonNode?> PackageSearchAsync(ActionContext ctx) => await SearchAsync(ctx, ctx.Data, rawResults: ctx.ResultIsOnlySerialised);

    /// <summary>
    /// What decides which datasets a caller may see in package_search (<see cref="FilterAsync"/>): nothing for
    /// anonymous callers and sysadmins, else the user, their organisation and group roles and their collaborations.
    /// Callers with equal scopes get equal answers, so ResponseCache may share them and never shows one caller's
    /// private datasets to another; a change of role changes the scope at once.
    /// </summary>
    public static async Task<string?> CacheScopeAsync(ActionContext ctx)
    {
        if (ctx.User is not { } user)
        {
            return "anonymous";
        }
        if (ctx.IsSysadmin)
        {
            return "sysadmin";
        }
        var roles = (await Authz.CapacitiesAsync(ctx)).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value);
        var collaborations = await ctx.Db.Collaborators.Where(c => c.UserId == user.Id).Select(c => c.DatasetId + "=" + c.Capacity)
            .ToListAsync(ctx.Http.RequestAborted);
        collaborations.Sort(StringComparer.Ordinal);
        return "user " + user.Id + " roles " + string.Join(',', roles) + " collaborations " + string.Join(',', collaborations);
    }

    /// <param name="rawResults">
    /// The results as the stored dicts' own JSON text (<see cref="CkanJson.Raw"/>), for writing straight into a response;
    /// otherwise parsed, for callers that read them.
    /// </param>
    public static async Task<JsonObject> SearchAsync(ActionContext ctx, JsonObject data, bool rawResults = false)
    {
        var settings = ctx.Service<GovChannelSettings>();
        var unknown = data.Select(kv => kv.Key)
            .Where(k => !AllowedKeys.Contains(k) && !k.StartsWith("facet.", StringComparison.Ordinal) && !k.StartsWith("ext_", StringComparison.Ordinal))
            .ToList();

        var p = new ActionContext(ctx.Http, ctx.Db, ctx.User, data, ctx.ActionName) { Capacities = ctx.Capacities };
        var rows = Math.Min(p.Natural("rows", 10), settings.SearchRowsMax);
        var start = p.Natural("start", 0);
        var facetFields = FacetFields(data["facet.field"]);
        var facetLimit = FacetLimit(p);
        var facetMinCount = p.Natural("facet.mincount", 1);
        if (unknown.Count > 0)
        {
            throw new SearchQueryError("\"Invalid search parameters: [" + string.Join(", ", unknown.Select(k => "'" + k + "'")) + "]\"");
        }

        var q = p.String("q");
        var fq = p.String("fq") ?? "";
        var fqList = data["fq_list"] is null ? [] : p.List("fq_list") ?? [];
        foreach (var (name, value) in new[] { ("q", q), ("fq", fq) }.Concat(fqList.Select(f => ("fq_list", (string?)f))))
        {
            if (value is not null && value.Contains("{!", StringComparison.Ordinal))
            {
                throw new SearchError($"Local parameters are not supported in param '{name}'.");
            }
        }

        var now = ctx.Now;
        var query = BuildQuery(p, q, now);
        var filter = await FilterAsync(p, fq, fqList, p.Bool("include_private"), p.Bool("include_drafts"), p.Bool("include_deleted"), now);
        var (sort, sortText) = ParseSort(p.String("sort"), settings.DefaultPackageSort);
        if (!p.Bool("facet", true))
        {
            facetFields = [];
        }

        SearchIndex.Hits hits;
        try
        {
            hits = ctx.Service<SearchIndex>().Search(query, filter, sort, start, rows, facetFields);
        }
        catch (BooleanQuery.TooManyClausesException e)
        {
            throw new SearchError(e.Message);
        }

        var siteUrl = CkanApi.SiteUrl(ctx.Http, settings);
        var fl = data["fl"] is null ? null : FieldList(data["fl"]);
        var useDefaultSchema = p.Bool("use_default_schema");
        var results = new JsonArray();
        foreach (var json in hits.Dicts)
        {
            // Uploads' URLs are stored relative and made absolute for the caller's site below.
            if (rawResults && fl is null && !useDefaultSchema && !json.Contains("\"url_type\":\"upload\"", StringComparison.Ordinal))
            {
                results.Add(CkanJson.Raw(json));
                continue;
            }
            var dict = PackageDict.Absolutise((JsonObject)JsonNode.Parse(json)!, siteUrl);
            if (useDefaultSchema)
            {
                PackageDict.FieldsToExtras(dict);
            }
            results.Add(fl is null ? dict : Project(dict, json, fl));
        }

        var (facets, searchFacets) = await FacetsAsync(ctx, hits.Facets, facetFields, facetLimit, facetMinCount);
        return new JsonObject
        {
            ["count"] = hits.Count,
            ["facets"] = facets,
            ["results"] = results,
            ["sort"] = sortText,
            ["search_facets"] = searchFacets,
        };
    }

    private static Query BuildQuery(ActionContext p, string? q, DateTime now)
    {
        if (SolrQuery.IsMatchAll(q))
        {
            return new MatchAllDocsQuery();
        }
        var df = p.String("df") is { Length: > 0 } d ? d : "text";
        // CKAN: a q without a colon is dismax over the boosted fields; with one it is the standard (fielded) syntax.
        if (!q!.Contains(':', StringComparison.Ordinal))
        {
            var tie = float.TryParse(p.String("tie"), NumberStyles.Float, CultureInfo.InvariantCulture, out var t) ? t : 0.1f;
            return SolrQuery.Dismax(q, p.String("qf"), tie);
        }
        return SolrQuery.Standard(q, now, df);
    }

    /// <summary>
    /// The filters CKAN always applies (reference/ckan.md §3.2), so that a dataset the caller may not read never shows
    /// in results, counts or facets, whatever the caller puts in fq.
    /// </summary>
    public static async Task<Query> FilterAsync(ActionContext ctx, string? fq, IEnumerable<string> fqList,
        bool includePrivate, bool includeDrafts, bool includeDeleted, DateTime now)
    {
        var settings = ctx.Service<GovChannelSettings>();
        var filter = new BooleanQuery();
        if (!string.IsNullOrWhiteSpace(fq))
        {
            filter.Add(SolrQuery.Standard(fq, now), Occur.MUST);
        }
        foreach (var f in fqList.Where(f => !string.IsNullOrWhiteSpace(f)))
        {
            filter.Add(SolrQuery.Standard(f, now), Occur.MUST);
        }
        filter.Add(new TermQuery(new Term("site_id", settings.SiteId)), Occur.MUST);
        if (!includePrivate)
        {
            filter.Add(new TermQuery(new Term("capacity", "public")), Occur.MUST);
        }
        if (fq is null || !fq.Contains("+state", StringComparison.Ordinal))
        {
            var states = new List<string> { "active" };
            if (includeDrafts)
            {
                states.Add("draft");
            }
            if (includeDeleted)
            {
                states.Add("deleted");
            }
            filter.Add(Terms("state", states), Occur.MUST);
        }
        if (await Authz.UserLabelsAsync(ctx) is { } labels)
        {
            filter.Add(Terms("permission_labels", labels), Occur.MUST);
            filter.Add(await ReadableStatesAsync(ctx), Occur.MUST);
        }
        return filter;
    }

    /// <summary>
    /// Labels alone would let a plain member of an organisation list its drafts and deleted datasets; package_show
    /// lets only their creator and the organisation's editors read those (Authz.CanReadDatasetAsync), so search does too.
    /// </summary>
    private static async Task<Query> ReadableStatesAsync(ActionContext ctx)
    {
        var readable = new BooleanQuery { { new TermQuery(new Term("state", "active")), Occur.SHOULD } };
        if (ctx.User is { } user)
        {
            readable.Add(new TermQuery(new Term("creator_user_id", user.Id)), Occur.SHOULD);
            var editorOf = (await Authz.CapacitiesAsync(ctx)).Where(kv => kv.Value is "admin" or "editor").Select(kv => kv.Key).ToList();
            if (editorOf.Count > 0)
            {
                readable.Add(Terms("owner_org", editorOf), Occur.SHOULD);
            }
            var editing = await ctx.Db.Collaborators.Where(c => c.UserId == user.Id && (c.Capacity == "admin" || c.Capacity == "editor"))
                .Select(c => c.DatasetId).ToListAsync(ctx.Http.RequestAborted);
            if (editing.Count > 0)
            {
                readable.Add(Terms("id", editing), Occur.SHOULD);
            }
        }
        return readable;
    }

    private static ConstantScoreQuery Terms(string field, IEnumerable<string> values) =>
        new(new TermsFilter(values.Distinct(StringComparer.Ordinal).Select(v => new Term(field, v)).ToList()));

    private static (Sort, string) ParseSort(string? sort, string fallback)
    {
        var text = string.IsNullOrWhiteSpace(sort) || sort.Trim() == "rank" ? fallback : sort.Trim();
        var fields = new List<SortField>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length != 2 || !(words[1].Equals("asc", StringComparison.OrdinalIgnoreCase) || words[1].Equals("desc", StringComparison.OrdinalIgnoreCase)))
            {
                throw new SearchQueryError("Invalid \"sort\" parameter");
            }
            var field = SortFieldFor(words[0], words[1].Equals("desc", StringComparison.OrdinalIgnoreCase))
                ?? throw new SearchQueryError("Invalid \"sort\" parameter");
            fields.Add(field);
        }
        if (fields.Count == 0)
        {
            throw new SearchQueryError("Invalid \"sort\" parameter");
        }
        return (new Sort([.. fields]), text);
    }

    private static List<string> FacetFields(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return [];
            case JsonArray list:
                return StringsOrError(list);
        }
        var text = Params.AsString(node);
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            throw new ValidationError("facet.field", "Could not parse as valid JSON");
        }
        return parsed is JsonArray array ? StringsOrError(array) : throw new ValidationError("facet.field", "Not a list");
    }

    private static List<string> StringsOrError(JsonArray list)
    {
        var result = new List<string>();
        foreach (var item in list)
        {
            if (item is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
            {
                throw new ValidationError("facet.field", "Not a string");
            }
            result.Add(v.GetValue<string>());
        }
        return result.Distinct(StringComparer.Ordinal).ToList();
    }

    private static int FacetLimit(ActionContext p)
    {
        var text = p.String("facet.limit");
        if (string.IsNullOrWhiteSpace(text))
        {
            return 50;
        }
        return int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ValidationError("facet.limit", "Invalid integer");
    }

    private static async Task<(JsonObject, JsonObject)> FacetsAsync(ActionContext ctx, Dictionary<string, Dictionary<string, int>> counts,
        List<string> fields, int limit, int minCount)
    {
        var picked = new Dictionary<string, List<KeyValuePair<string, int>>>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            picked[field] = Top(counts[field], minCount, limit);
        }

        var groupNames = picked.Where(kv => kv.Key is "groups" or "organization").SelectMany(kv => kv.Value.Select(i => i.Key)).Distinct(StringComparer.Ordinal).ToList();
        var titles = await ctx.Service<GroupTitles>().GetAsync(ctx.Db, groupNames, ctx.Http.RequestAborted);

        var facets = new JsonObject();
        var searchFacets = new JsonObject();
        foreach (var (field, items) in picked)
        {
            var plain = new JsonObject();
            foreach (var (value, count) in items)
            {
                plain[value] = count;
            }
            facets[field] = plain;
            var rich = items.Select(i => (Name: i.Key, Display: Display(field, i.Key, titles), Count: i.Value))
                .OrderByDescending(i => i.Display, StringComparer.Ordinal)
                .Select(i => (JsonNode)new JsonObject { ["name"] = i.Name, ["display_name"] = i.Display, ["count"] = i.Count });
            searchFacets[field] = new JsonObject { ["title"] = field, ["items"] = new JsonArray([.. rich]) };
        }
        return (facets, searchFacets);
    }

    /// <summary>
    /// Solr's facet order: count descending, then the value's index order; at most <paramref name="limit"/> values
    /// (all if negative). A broad search counts thousands of organisations, so only the top is sorted.
    /// </summary>
    private static List<KeyValuePair<string, int>> Top(Dictionary<string, int> counts, int minCount, int limit)
    {
        var order = Comparer<KeyValuePair<string, int>>.Create((a, b) =>
            a.Value != b.Value ? b.Value.CompareTo(a.Value) : string.CompareOrdinal(a.Key, b.Key));
        if (limit < 0 || counts.Count <= limit)
        {
            var all = counts.Where(kv => kv.Value >= minCount).ToList();
            all.Sort(order);
            return all;
        }
        // A heap of the best `limit` so far, its worst item on top.
        var heap = new PriorityQueue<KeyValuePair<string, int>, KeyValuePair<string, int>>(limit + 1, Comparer<KeyValuePair<string, int>>.Create((a, b) => order.Compare(b, a)));
        foreach (var kv in counts)
        {
            if (kv.Value < minCount)
            {
                continue;
            }
            if (heap.Count < limit)
            {
                heap.Enqueue(kv, kv);
            }
            else if (limit > 0 && order.Compare(kv, heap.Peek()) < 0)
            {
                heap.DequeueEnqueue(kv, kv);
            }
        }
        var top = new List<KeyValuePair<string, int>>(heap.Count);
        while (heap.Count > 0)
        {
            top.Add(heap.Dequeue());
        }
        top.Reverse();
        return top;
    }

    private static string Display(string field, string value, IReadOnlyDictionary<string, string?> titles) => field switch
    {
        "groups" or "organization" => titles.GetValueOrDefault(value) is { } t && !string.IsNullOrWhiteSpace(t) ? t : value,
        "license_id" => Licenses.Find(value)?.Title ?? value,
        _ => value,
    };

    /// <summary>fl: a list, a JSON-encoded list, or a comma- or space-separated string.</summary>
    private static List<string> FieldList(JsonNode? node) =>
        (Params.AsList(node) ?? []).SelectMany(f => f.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    /// <summary>
    /// <c>fl</c>: each result is a dict of just those fields, as Solr stores them: <c>organization</c> is the name,
    /// <c>tags</c> and <c>groups</c> are lists of names, <c>extras_*</c> are the extras' values.
    /// </summary>
    private static JsonObject Project(JsonObject dict, string json, List<string> fl)
    {
        var result = new JsonObject();
        foreach (var field in fl)
        {
            JsonNode? value = field switch
            {
                "organization" => dict["organization"]?["name"]?.DeepClone(),
                "tags" => Names(dict["tags"]),
                "groups" => Names(dict["groups"]),
                "capacity" => (bool?)dict["private"] == true ? "private" : "public",
                "dataset_type" => dict["type"]?.DeepClone(),
                "entity_type" => "package",
                "res_format" or "res_url" or "res_name" or "res_description" or "res_type" => ResourceValues(dict, field),
                "data_dict" or "validated_data_dict" => json,
                _ when field.StartsWith("extras_", StringComparison.Ordinal) => Extra(dict, field["extras_".Length..]),
                _ => dict.TryGetPropertyValue(field, out var v) ? v?.DeepClone() : null,
            };
            if (value is not null || dict.ContainsKey(field))
            {
                result[field] = value;
            }
        }
        return result;
    }

    private static JsonArray? Names(JsonNode? list) =>
        list is JsonArray a ? new JsonArray([.. a.Select(i => (JsonNode?)JsonValue.Create(Params.AsString(i?["name"])))]) : null;

    private static JsonArray ResourceValues(JsonObject dict, string field)
    {
        var key = field switch { "res_format" => "format", "res_url" => "url", "res_name" => "name", "res_description" => "description", _ => "resource_type" };
        return new JsonArray([.. (dict["resources"] as JsonArray ?? []).Select(r => r?[key]?.DeepClone())]);
    }

    private static JsonNode? Extra(JsonObject dict, string key) =>
        (dict["extras"] as JsonArray ?? []).FirstOrDefault(e => Params.AsString(e?["key"]) == key)?["value"]?.DeepClone();

    /// <summary>current_package_list_with_resources: the newest datasets with resources, via package_search.</summary>
    private static async Task<JsonNode?> CurrentPackageListAsync(ActionContext ctx)
    {
        var limit = ctx.Has("limit") ? ctx.Natural("limit", 10) : (int?)null;
        var offset = ctx.Natural("offset", 0);
        if (!ctx.Has("offset") && ctx.Has("page"))
        {
            var page = ctx.Natural("page", 1);
            if (page < 1)
            {
                throw ValidationError.WithMessage("Must be larger than 0");
            }
            offset = (page - 1) * (limit ?? 10);
        }
        var data = new JsonObject
        {
            ["include_private"] = ctx.IsSysadmin,
            ["start"] = offset,
            ["sort"] = "metadata_modified desc",
        };
        if (limit is { } l)
        {
            data["rows"] = l;
        }
        var result = await SearchAsync(ctx, data);
        return result["results"]!.DeepClone();
    }

    /// <summary>package_autocomplete: public datasets whose name or title contains q; name matches first.</summary>
    public static async Task<JsonArray> PackageAutocompleteAsync(ActionContext ctx, string q, int limit)
    {
        q = q.Trim();
        if (q.Length == 0 || limit == 0)
        {
            return [];
        }
        var folded = TextAnalysis.Fold(q);
        var pattern = "*" + EscapeWildcard(folded) + "*";
        var query = new BooleanQuery
        {
            { new WildcardQuery(new Term("name", pattern)), Occur.SHOULD },
            { IndexFields.OnDocValues(new WildcardQuery(new Term(IndexFields.TitleLower, pattern))), Occur.SHOULD },
        };
        var filter = await FilterAsync(ctx, null, [], false, false, false, ctx.Now);
        var hits = ctx.Service<SearchIndex>().Search(query, filter, new Sort(new SortField("name", SortFieldType.STRING)), 0, 1000, []);
        var matches = hits.Dicts.Select(j => JsonNode.Parse(j)!)
            .Select(d => (Name: Params.AsString(d["name"]) ?? "", Title: Params.AsString(d["title"]) ?? ""))
            .OrderBy(d => d.Name.StartsWith(folded, StringComparison.Ordinal) ? 0 : d.Name.Contains(folded, StringComparison.Ordinal) ? 1 : 2)
            .ThenBy(d => d.Name, StringComparer.Ordinal)
            .Take(limit);
        var result = new JsonArray();
        foreach (var (name, title) in matches)
        {
            var byName = name.Contains(folded, StringComparison.Ordinal);
            result.Add(new JsonObject
            {
                ["name"] = name,
                ["title"] = title,
                ["match_field"] = byName ? "name" : "title",
                ["match_displayed"] = byName ? name : $"{title} ({name})",
            });
        }
        return result;
    }

    /// <summary>format_autocomplete: resource formats of public datasets containing q, most used first.</summary>
    public static async Task<JsonArray> FormatAutocompleteAsync(ActionContext ctx, string q, int limit) =>
        new([.. (await ValuesContainingAsync(ctx, "res_format", q, limit)).Select(f => (JsonNode?)f)]);

    /// <summary>Values of a string field over the datasets the caller may see, containing q (case-insensitive), most used first.</summary>
    public static async Task<List<string>> ValuesContainingAsync(ActionContext ctx, string field, string q, int limit)
    {
        var folded = TextAnalysis.Fold(q.Trim());
        var filter = await FilterAsync(ctx, null, [], false, false, false, ctx.Now);
        var counts = ctx.Service<SearchIndex>().Facets(new MatchAllDocsQuery(), filter, [field])[field];
        return counts.Select(kv => (Value: kv.Key, Folded: TextAnalysis.Fold(kv.Key), Count: kv.Value))
            .Where(v => v.Folded.Contains(folded, StringComparison.Ordinal))
            .OrderBy(v => v.Folded.StartsWith(folded, StringComparison.Ordinal) ? 0 : 1)
            .ThenByDescending(v => v.Count)
            .ThenBy(v => v.Value, StringComparer.Ordinal)
            .Take(limit)
            .Select(v => v.Value)
            .ToList();
    }

    /// <summary>
    /// Dataset counts per value of a string field (<c>organization</c> or <c>groups</c> names) over the datasets the
    /// caller may see: package_count for organization_show, group_list and friends.
    /// </summary>
    public static async Task<Dictionary<string, int>> CountByAsync(ActionContext ctx, string field, bool includePrivate = false)
    {
        var filter = await FilterAsync(ctx, null, [], includePrivate, false, false, ctx.Now);
        return ctx.Service<SearchIndex>().Facets(new MatchAllDocsQuery(), filter, [field])[field];
    }

    private static string EscapeWildcard(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("*", "\\*", StringComparison.Ordinal).Replace("?", "\\?", StringComparison.Ordinal);
}
