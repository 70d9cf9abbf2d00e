using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GovChannel.Thai;
using GovChannel.Web.Areas.OpenData.Ckan;

namespace GovChannel.Web.Areas.OpenData.Datastore;

/// <summary>
/// datastore_search's parameters turned into one parameterised SELECT (reference/ckan.md §5): filters with 2.12's
/// ranges, IN lists, mixed lists, top-level OR lists and <c>$or</c>; <c>q</c> as Thai-aware full text or per field;
/// <c>fields</c>, <c>sort</c>, <c>distinct</c>. Field names are checked against the data dictionary and quoted.
/// </summary>
public sealed partial class DatastoreQuery
{
    public static readonly DsField IdField = new("_id", "int", null);

    private readonly DatastoreDb _db;
    private readonly TableMeta _meta;
    private readonly List<(string Name, object? Value, string? Type)> _args = [];

    public DatastoreQuery(DatastoreDb db, TableMeta meta)
    {
        _db = db;
        _meta = meta;
    }

    public List<DsField> Selected { get; private set; } = [];
    public string Where { get; private set; } = "";
    public string OrderBy { get; private set; } = "";
    public bool Distinct { get; private set; }
    public bool SortedById { get; private set; } = true;
    public bool SortedByIdDesc { get; private set; }
    public bool HasConditions => Where.Length > 0;
    public IReadOnlyList<(string Name, object? Value, string? Type)> Args => _args;

    private DsField FieldOrError(string key, string name) =>
        name == "_id" ? IdField : _meta.Field(name) ?? throw new ValidationError(key, $"field \"{name}\" not in table");

    private string Arg(object? value, string? type)
    {
        var name = "@a" + _args.Count.ToString(CultureInfo.InvariantCulture);
        _args.Add((name, value, type));
        return name;
    }

    /// <summary>Read the search parameters from a data dict (the action's, or the dump route's query string).</summary>
    public DatastoreQuery Build(JsonObject data)
    {
        var conditions = new List<string>();
        if (data["filters"] is { } filters)
        {
            var parsed = ParseJsonParam(filters, "filters");
            if (parsed is not null)
            {
                var where = FiltersSql(parsed);
                if (where.Length > 0)
                {
                    conditions.Add(where);
                }
            }
        }
        var fullText = new List<string>();
        foreach (var key in new[] { "q", "full_text" })
        {
            var q = data[key];
            if (q is null)
            {
                continue;
            }
            var parsed = q is JsonValue qv && qv.GetValueKind() == JsonValueKind.String && qv.GetValue<string>().TrimStart().StartsWith('{')
                ? ParseJsonParam(q, key) : q;
            if (parsed is JsonObject perField)
            {
                foreach (var (name, value) in perField)
                {
                    var f = FieldOrError(key, name);
                    var text = Params.AsString(value) ?? "";
                    var pattern = "%" + EscapeLike(text.ToLowerInvariant()) + "%";
                    conditions.Add($"lower(CAST({DatastoreDb.Q(f.Id)} AS text)) LIKE {Arg(pattern, "text")} ESCAPE '\\'");
                }
            }
            else if (Params.AsString(parsed) is { Length: > 0 } text)
            {
                if (_meta.FullTextReady)
                {
                    fullText.AddRange(DatastoreDb.QueryTerms(text));
                }
                else
                {
                    conditions.AddRange(SubstringConditions(text));
                }
            }
        }
        if (fullText.Count > 0)
        {
            var words = fullText.Distinct(StringComparer.Ordinal).ToArray();
            if (_db.IsPostgres)
            {
                conditions.Add($"{DatastoreDb.FullTextTerms} @> {Arg(words, "text[]")}");
            }
            else
            {
                foreach (var word in words)
                {
                    conditions.Add($"(' ' || _full_text || ' ') LIKE {Arg("% " + EscapeLike(word) + " %", "text")} ESCAPE '\\'");
                }
            }
        }
        Where = string.Join(" AND ", conditions.Select(c => "(" + c + ")"));

        var fieldNames = Params.AsList(data["fields"]);
        Selected = fieldNames is { Count: > 0 }
            ? fieldNames.Select(n => FieldOrError("fields", n)).ToList()
            : _meta.Fields.Prepend(IdField).ToList();
        Distinct = data["distinct"] is { } d && Params.AsBool(d);

        var sort = Params.AsString(data["sort"]);
        if (data["sort"] is JsonArray sortList)
        {
            sort = string.Join(",", sortList.Select(Params.AsString));
        }
        OrderBy = SortSql(sort);
        return this;
    }

    /// <summary>
    /// <c>q</c> before the full-text step has finished (<see cref="FullTextStep"/>): the same terms as the index
    /// (<see cref="DatastoreDb.QueryTerms"/>: words, a Thai word as its cluster bigrams), each a substring of the row's
    /// text folded as the index folds it (<see cref="DatastoreDb.Fold"/>: Thai normalisation, ASCII digits, lower case).
    /// A scan, not an index lookup; it finds every row the index will (and, for a Latin word, rows where it is part of
    /// a longer word).
    /// </summary>
    private IEnumerable<string> SubstringConditions(string q)
    {
        if (_meta.Fields.Count == 0)
        {
            yield break;
        }
        var row = _db.FoldSql(_db.IsPostgres
            ? "concat_ws(' ', " + string.Join(", ", _meta.Fields.Select(f => DatastoreDb.Q(f.Id))) + ")"
            : string.Join(" || ' ' || ", _meta.Fields.Select(f => "coalesce(" + DatastoreDb.Q(f.Id) + ", '')")));
        foreach (var term in DatastoreDb.QueryTerms(q))
        {
            var text = term.StartsWith('~') ? term[1..] : term;
            yield return $"{row} LIKE {Arg("%" + EscapeLike(text) + "%", "text")} ESCAPE '\\'";
        }
    }

    /// <summary>
    /// The data dict of the next keyset page (CKAN's <c>next_page</c> merged into the filters), or null when the filters
    /// are not a plain dict or already bound <c>_id</c> some other way.
    /// </summary>
    public static JsonObject? NextPageData(JsonObject data, long lastId, bool descending)
    {
        var filters = data["filters"] is { } given ? ParseJsonParam(given, "filters") : null;
        if (filters is not (null or JsonObject))
        {
            return null;
        }
        var op = descending ? "lt" : "gt";
        var next = filters is null ? new JsonObject() : (JsonObject)filters.DeepClone();
        if (next["_id"] is { } bound && !(bound is JsonObject o && o.Count == 1 && o.ContainsKey(op)))
        {
            return null;
        }
        next["_id"] = new JsonObject { [op] = lastId };
        var result = new JsonObject { ["filters"] = next };
        foreach (var key in new[] { "q", "full_text", "fields", "distinct" })
        {
            if (data[key] is { } value)
            {
                result[key] = value.DeepClone();
            }
        }
        return result;
    }

    /// <summary>What a total depends on besides the table's version: the count's SQL and its values.</summary>
    public string TotalKey(string version)
    {
        var key = new StringBuilder(_meta.Id).Append('\0').Append(version).Append('\0').Append(CountSql());
        foreach (var (_, value, type) in _args)
        {
            key.Append('\0').Append(type).Append(':');
            if (value is string[] words)
            {
                key.AppendJoin('\u0001', words);
            }
            else
            {
                key.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
            }
        }
        return key.ToString();
    }

    public static JsonNode? ParseJsonParam(JsonNode node, string key)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            var s = v.GetValue<string>().Trim();
            if (s.Length == 0)
            {
                return null;
            }
            try
            {
                return JsonNode.Parse(s);
            }
            catch (JsonException)
            {
                throw new ValidationError(key, "Cannot parse JSON");
            }
        }
        return node;
    }

    private string FiltersSql(JsonNode filters)
    {
        switch (filters)
        {
            case JsonArray orList:
                // A top-level list is an OR of filter dicts (2.12).
                var parts = orList.Select(item => item is JsonObject o ? FiltersSql(o) : throw new ValidationError("filters", "Not a json object"))
                    .Select(p => p.Length == 0 ? "1=1" : "(" + p + ")").ToList();
                return parts.Count == 0 ? "" : "(" + string.Join(" OR ", parts) + ")";
            case JsonObject obj:
                var and = new List<string>();
                // In name order: the same filters written in another order give the same SQL (and the same cached total).
                foreach (var (key, value) in obj.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    if (key == "$or")
                    {
                        if (value is not JsonArray alternatives)
                        {
                            throw new ValidationError("filters", "$or must be a list");
                        }
                        var sql = FiltersSql(alternatives);
                        if (sql.Length > 0)
                        {
                            and.Add(sql);
                        }
                        continue;
                    }
                    if (key.StartsWith('$') && !key.StartsWith("$$", StringComparison.Ordinal))
                    {
                        throw new ValidationError("filters", $"unknown operator \"{key}\"");
                    }
                    var name = key.StartsWith("$$", StringComparison.Ordinal) ? key[1..] : key;
                    and.Add(FieldCondition(FieldOrError("filters", name), value));
                }
                return string.Join(" AND ", and);
            default:
                throw new ValidationError("filters", "Not a json object");
        }
    }

    private string FieldCondition(DsField f, JsonNode? value)
    {
        var column = DatastoreDb.Q(f.Id);
        switch (value)
        {
            case null:
                return column + " IS NULL";
            case JsonArray list:
                var scalars = new List<string>();
                var ors = new List<string>();
                foreach (var item in list)
                {
                    if (item is JsonObject range)
                    {
                        ors.Add(RangeSql(f, range));
                    }
                    else
                    {
                        scalars.Add(Arg(Value(f, item), f.Type));
                    }
                }
                if (scalars.Count > 0)
                {
                    ors.Insert(0, $"{column} IN ({string.Join(", ", scalars)})");
                }
                return ors.Count == 0 ? "1=0" : "(" + string.Join(" OR ", ors) + ")";
            case JsonObject range:
                return RangeSql(f, range);
            default:
                return $"{column} = {Arg(Value(f, value), f.Type)}";
        }
    }

    private string RangeSql(DsField f, JsonObject range)
    {
        var parts = new List<string>();
        foreach (var (op, bound) in range)
        {
            var sqlOp = op switch
            {
                "gt" => ">",
                "gte" => ">=",
                "lt" => "<",
                "lte" => "<=",
                "eq" => "=",
                _ => throw new ValidationError("filters", $"unknown operator \"{op}\" for field \"{f.Id}\""),
            };
            if (op == "eq" && bound is JsonArray)
            {
                parts.Add(FieldCondition(f, bound));
                continue;
            }
            parts.Add($"{DatastoreDb.Q(f.Id)} {sqlOp} {Arg(Value(f, bound), f.Type)}");
        }
        return parts.Count == 0 ? "1=1" : "(" + string.Join(" AND ", parts) + ")";
    }

    private object? Value(DsField f, JsonNode? node)
    {
        try
        {
            var type = f.Id == "_id" ? "bigint" : f.Type;
            return DsTypes.ToDb(type, node, _db.IsPostgres);
        }
        catch (FormatException e)
        {
            throw new ValidationError("filters", e.Message);
        }
    }

    [GeneratedRegex(@"^(?<name>.+?)(\s+(?<dir>asc|desc))?(\s+nulls\s+(?<nulls>first|last))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SortItem();

    private string SortSql(string? sort)
    {
        if (string.IsNullOrWhiteSpace(sort))
        {
            SortedById = true;
            return "_id";
        }
        var items = new List<string>();
        var first = true;
        foreach (var raw in SplitSort(sort))
        {
            var m = SortItem().Match(raw.Trim());
            if (!m.Success)
            {
                throw new ValidationError("sort", $"field \"{raw}\" not in table");
            }
            var name = m.Groups["name"].Value.Trim();
            if (name.Length > 1 && name.StartsWith('"') && name.EndsWith('"'))
            {
                name = name[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
            }
            var f = FieldOrError("sort", name);
            var desc = m.Groups["dir"].Value.Equals("desc", StringComparison.OrdinalIgnoreCase);
            var nulls = m.Groups["nulls"].Success ? " NULLS " + m.Groups["nulls"].Value.ToUpperInvariant() : "";
            if (first)
            {
                SortedById = f.Id == "_id";
                SortedByIdDesc = SortedById && desc;
                first = false;
            }
            items.Add(DatastoreDb.Q(f.Id) + (desc ? " DESC" : " ASC") + nulls);
        }
        if (items.Count > 1)
        {
            SortedById = false;
        }
        return string.Join(", ", items);
    }

    /// <summary>Split on commas outside double quotes, so a quoted field name may hold a comma.</summary>
    private static IEnumerable<string> SplitSort(string sort)
    {
        var sb = new StringBuilder();
        var quoted = false;
        foreach (var c in sort)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            if (c == ',' && !quoted)
            {
                yield return sb.ToString();
                sb.Clear();
                continue;
            }
            sb.Append(c);
        }
        if (sb.ToString().Trim().Length > 0)
        {
            yield return sb.ToString();
        }
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>The SELECT for the records; <paramref name="extraWhere"/> is the keyset condition a dump or next page adds.</summary>
    public string SelectSql(long? limit, long offset)
    {
        var cols = string.Join(", ", Selected.Select(f => DatastoreDb.Q(f.Id)));
        var sql = new StringBuilder("SELECT ").Append(Distinct ? "DISTINCT " : "").Append(cols).Append(" FROM ").Append(_db.T(_meta.Id));
        if (Where.Length > 0)
        {
            sql.Append(" WHERE ").Append(Where);
        }
        // DISTINCT needs its ORDER BY columns in the select list; order by the selection's own first column then.
        var order = Distinct && !OrderByInSelection() ? DatastoreDb.Q(Selected[0].Id) : OrderBy;
        sql.Append(" ORDER BY ").Append(order);
        if (limit is { } l)
        {
            sql.Append(" LIMIT ").Append(l.ToString(CultureInfo.InvariantCulture));
        }
        else if (offset > 0 && !_db.IsPostgres)
        {
            sql.Append(" LIMIT -1");
        }
        if (offset > 0)
        {
            sql.Append(" OFFSET ").Append(offset.ToString(CultureInfo.InvariantCulture));
        }
        return sql.ToString();
    }

    private bool OrderByInSelection() =>
        OrderBy.Split(", ").All(item => Selected.Any(f => item.StartsWith(DatastoreDb.Q(f.Id) + " ", StringComparison.Ordinal) || item == DatastoreDb.Q(f.Id)));

    public string CountSql()
    {
        if (Distinct)
        {
            var cols = string.Join(", ", Selected.Select(f => DatastoreDb.Q(f.Id)));
            return $"SELECT COUNT(*) FROM (SELECT DISTINCT {cols} FROM {_db.T(_meta.Id)}{(Where.Length > 0 ? " WHERE " + Where : "")}) AS d";
        }
        return $"SELECT COUNT(*) FROM {_db.T(_meta.Id)} WHERE {Where}";
    }

    public void Bind(System.Data.Common.DbCommand cmd)
    {
        foreach (var (name, value, type) in _args)
        {
            var p = DatastoreDb.Param(cmd, name, value, type == "text[]" ? null : type);
            if (type == "text[]" && p is Npgsql.NpgsqlParameter np)
            {
                np.NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text;
            }
        }
    }
}
