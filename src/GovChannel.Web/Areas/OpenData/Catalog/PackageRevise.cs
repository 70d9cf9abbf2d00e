using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GovChannel.Web.Areas.OpenData.Ckan;

namespace GovChannel.Web.Areas.OpenData.Catalog;

/// <summary>
/// package_revise: <c>match</c> selects the dataset and guards against concurrent edits, <c>filter</c> removes keys
/// (<c>-key</c>, first match wins, <c>+key</c> protects, <c>*</c> globs), <c>update</c> merges dicts recursively, and
/// <c>update__a__b</c> keys address a path (list indexes, negative from the end, <c>#idprefix</c>, <c>extend</c> to append).
/// </summary>
public static class PackageRevise
{
    public static async Task<JsonNode?> Run(ActionContext ctx)
    {
        var match = ParseDict(ctx.Data["match"], "match") ?? throw new ValidationError("match", "Missing value");
        var id = Params.AsString(match["id"]) ?? Params.AsString(match["name"]) ?? throw new ValidationError("match", "Missing value");
        var d = await PackageDict.FindAsync(ctx.Db, id, ctx.Http.RequestAborted) ?? throw new NotFound("Package was not found.");
        await Authz.RequireUpdateAsync(ctx, d);
        var current = PackageDict.Build(d);
        foreach (var (key, expected) in match)
        {
            if (!JsonNode.DeepEquals(current[key], expected))
            {
                throw new ValidationError(new JsonObject { ["message"] = "There is an error in your revision request: match failed", ["match"] = new JsonArray($"Value for {key} did not match") });
            }
        }

        var revised = (JsonObject)current.DeepClone();
        if (ctx.List("filter") is { } filters)
        {
            ApplyFilters(revised, filters);
        }
        if (ParseDict(ctx.Data["update"], "update") is { } update)
        {
            Merge(revised, update);
        }
        foreach (var (key, value) in ctx.Data.Where(kv => kv.Key.StartsWith("update__", StringComparison.Ordinal)).ToList())
        {
            SetPath(revised, key["update__".Length..].Split("__"), value?.DeepClone());
        }
        var dict = await PackageWriter.UpdateAsync(ctx, revised, d);
        dict = PackageDict.Absolutise(dict, CkanApi.SiteUrl(ctx.Http, ctx.Service<Data.GovChannelSettings>()));
        if (ctx.List("include") is { } include)
        {
            var only = new JsonObject();
            foreach (var key in include)
            {
                only[key] = dict[key]?.DeepClone();
            }
            return new JsonObject { ["package"] = only };
        }
        return new JsonObject { ["package"] = dict };
    }

    private static JsonObject? ParseDict(JsonNode? node, string key) => node switch
    {
        null => null,
        JsonObject o => o,
        _ when Params.AsString(node) is { } s && Parse(s) is JsonObject parsed => parsed,
        _ => throw new ValidationError(key, "Not a dict"),
    };

    private static JsonNode? Parse(string s)
    {
        try
        {
            return JsonNode.Parse(s);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static void Merge(JsonObject target, JsonObject update)
    {
        foreach (var (key, value) in update)
        {
            if (value is JsonObject child && target[key] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    private static void ApplyFilters(JsonObject dict, List<string> filters)
    {
        var rules = filters.Select(f => (Keep: f.StartsWith('+'), Pattern: Glob(f.TrimStart('+', '-')))).ToList();
        Walk(dict, "", rules);
    }

    private static void Walk(JsonNode node, string prefix, List<(bool Keep, Regex Pattern)> rules)
    {
        var children = node switch
        {
            JsonObject o => o.Select(kv => kv.Key).ToList(),
            JsonArray a => Enumerable.Range(0, a.Count).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList(),
            _ => [],
        };
        var removeIndexes = new List<int>();
        foreach (var child in children)
        {
            var path = prefix.Length == 0 ? child : prefix + "/" + child;
            var rule = rules.FirstOrDefault(r => r.Pattern.IsMatch(path));
            if (rule.Pattern is not null && !rule.Keep)
            {
                if (node is JsonObject o)
                {
                    o.Remove(child);
                }
                else
                {
                    removeIndexes.Add(int.Parse(child, CultureInfo.InvariantCulture));
                }
                continue;
            }
            var value = node is JsonObject obj ? obj[child] : ((JsonArray)node)[int.Parse(child, CultureInfo.InvariantCulture)];
            if (value is JsonObject or JsonArray)
            {
                Walk(value, path, rules);
            }
        }
        if (node is JsonArray array)
        {
            foreach (var i in removeIndexes.OrderDescending())
            {
                array.RemoveAt(i);
            }
        }
    }

    private static Regex Glob(string pattern) =>
        new("^" + string.Join("/", pattern.Split('/').Select(seg => Regex.Escape(seg).Replace("\\*", "[^/]*", StringComparison.Ordinal))) + "$",
            RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static void SetPath(JsonObject root, string[] path, JsonNode? value)
    {
        JsonNode current = root;
        for (var i = 0; i < path.Length; i++)
        {
            var last = i == path.Length - 1;
            var seg = path[i];
            if (current is JsonObject o)
            {
                if (last)
                {
                    if (value is JsonObject v && o[seg] is JsonObject existing)
                    {
                        Merge(existing, v);
                    }
                    else
                    {
                        o[seg] = value;
                    }
                    return;
                }
                o[seg] ??= path[i + 1] is "extend" || int.TryParse(path[i + 1], out _) ? new JsonArray() : new JsonObject();
                current = o[seg]!;
            }
            else if (current is JsonArray a)
            {
                if (seg == "extend")
                {
                    foreach (var item in value as JsonArray ?? [])
                    {
                        a.Add(item?.DeepClone());
                    }
                    return;
                }
                var index = seg.StartsWith('#')
                    ? a.Select((n, k) => (n, k)).FirstOrDefault(x => Params.AsString(x.n?["id"])?.StartsWith(seg[1..], StringComparison.Ordinal) == true).k
                    : int.TryParse(seg, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? (n < 0 ? a.Count + n : n) : -1;
                if (index < 0 || index >= a.Count)
                {
                    throw new ValidationError("update", $"Invalid list index {seg}");
                }
                if (last)
                {
                    if (value is JsonObject v && a[index] is JsonObject existing)
                    {
                        Merge(existing, v);
                    }
                    else
                    {
                        a[index] = value;
                    }
                    return;
                }
                current = a[index]!;
            }
            else
            {
                throw new ValidationError("update", "Invalid path " + string.Join("__", path));
            }
        }
    }
}
