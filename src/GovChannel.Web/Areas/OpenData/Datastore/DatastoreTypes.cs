using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GovChannel.Web.Areas.OpenData.Datastore;

/// <summary>A data-dictionary entry: the column name, its DataStore type and the free-form <c>info</c> (label, notes, type_override).</summary>
public sealed record DsField(string Id, string Type, JsonObject? Info)
{
    public JsonObject ToJson(bool withInfo = true)
    {
        var o = new JsonObject { ["id"] = Id, ["type"] = Type };
        if (withInfo && Info is { Count: > 0 })
        {
            o["info"] = Info.DeepClone();
        }
        return o;
    }

    public string? TypeOverride => Info?["type_override"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}

/// <summary>
/// The DataStore's column types and how a value of each crosses the wire, the database and a CSV cell. Anything a
/// machine reads is parsed and written with the invariant culture (a th-TH server would otherwise read 2025 as 1482).
/// </summary>
public static class DsTypes
{
    /// <summary>The canonical names we store and return, with the spellings clients send (CKAN passes Postgres type names through).</summary>
    public static string? Canonical(string? type) => type?.Trim().ToLowerInvariant() switch
    {
        "text" or "varchar" or "string" or "character varying" => "text",
        "int" or "integer" or "int4" => "int",
        "bigint" or "int8" => "bigint",
        "float" or "float8" or "double precision" or "double" or "real" => "float",
        "numeric" or "decimal" or "number" => "numeric",
        "date" => "date",
        "timestamp" or "datetime" or "timestamp without time zone" => "timestamp",
        "bool" or "boolean" => "bool",
        "json" or "jsonb" => "json",
        _ => null,
    };

    public static string Native(string type, bool postgres) => (type, postgres) switch
    {
        ("int", true) => "integer",
        ("bigint", true) => "bigint",
        ("float", true) => "double precision",
        ("numeric", true) => "numeric",
        ("date", true) => "date",
        ("timestamp", true) => "timestamp",
        ("bool", true) => "boolean",
        ("json", true) => "jsonb",
        (_, true) => "text",
        ("int" or "bigint" or "bool", false) => "INTEGER",
        ("float", false) => "REAL",
        ("numeric", false) => "NUMERIC",
        (_, false) => "TEXT",
    };

    /// <summary>The type name <c>datastore_info</c> reports as <c>native_type</c> (Postgres' own spelling on both databases).</summary>
    public static string NativeName(string type) => type switch
    {
        "int" => "int4",
        "bigint" => "int8",
        "float" => "float8",
        "bool" => "bool",
        "json" => "jsonb",
        _ => type,
    };

    public static bool IsNumber(string type) => type is "int" or "bigint" or "float" or "numeric";

    /// <summary>A JSON value (or a string from a query string or a file) as the CLR value the database column takes.</summary>
    public static object? ToDb(string type, JsonNode? node, bool postgres)
    {
        if (node is null || (node is JsonValue nv && nv.GetValueKind() == JsonValueKind.Null))
        {
            return null;
        }
        if (type == "json")
        {
            return node.ToJsonString();
        }
        if (node is not JsonValue v)
        {
            throw new FormatException($"invalid input syntax for type {type}: \"{node.ToJsonString()}\"");
        }
        var kind = v.GetValueKind();
        string text = kind switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => v.ToJsonString(),
        };
        if (kind == JsonValueKind.String && text.Length == 0 && type != "text")
        {
            return null;
        }
        return Parse(type, text, postgres);
    }

    /// <summary>Text (from JSON, a filter or a file cell) as the column's CLR value; <see cref="FormatException"/> when it does not fit.</summary>
    public static object Parse(string type, string text, bool postgres)
    {
        var t = text.Trim();
        switch (type)
        {
            case "int":
            case "bigint":
                if (long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
                {
                    if (type == "int" && (l > int.MaxValue || l < int.MinValue))
                    {
                        throw new FormatException($"value \"{text}\" is out of range for type integer");
                    }
                    return type == "int" && postgres ? (object)(int)l : l;
                }
                // 2014.0 from a JSON float is still a whole number.
                if (decimal.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var whole) && whole == decimal.Truncate(whole)
                    && whole is >= long.MinValue and <= long.MaxValue)
                {
                    return type == "int" && postgres ? (object)(int)whole : (long)whole;
                }
                break;
            case "float":
                if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                {
                    return d;
                }
                break;
            case "numeric":
                if (decimal.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var m))
                {
                    return postgres ? m : (object)(double)m;
                }
                break;
            case "bool":
                switch (t.ToLowerInvariant())
                {
                    case "true" or "t" or "yes" or "y" or "1": return postgres ? true : 1L;
                    case "false" or "f" or "no" or "n" or "0": return postgres ? false : 0L;
                }
                break;
            case "date":
                if (TryDate(t, out var date))
                {
                    return postgres ? date : date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                }
                break;
            case "timestamp":
                if (TryTimestamp(t, out var ts))
                {
                    return postgres ? ts : FormatTimestamp(ts);
                }
                break;
            default:
                return text;
        }
        throw new FormatException($"invalid input syntax for type {type}: \"{text}\"");
    }

    // Day-first and month-first dates are ambiguous (and Thai files write Buddhist years): only year-first forms are read.
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/MM/dd", "yyyy-M-d"];

    public static bool TryDate(string t, out DateOnly date) =>
        DateOnly.TryParseExact(t, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
    ];

    /// <summary>ISO 8601 with or without a zone; a zone is converted to UTC and dropped, as CKAN's timestamp columns are naive.</summary>
    public static bool TryTimestamp(string t, out DateTime value)
    {
        if (DateTime.TryParseExact(t, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            value = DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
            return true;
        }
        if ((t.EndsWith('Z') || t.Contains('+', StringComparison.Ordinal) || t.LastIndexOf('-') > 9)
            && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dto) && t.Length >= 16)
        {
            value = DateTime.SpecifyKind(dto.UtcDateTime, DateTimeKind.Unspecified);
            return true;
        }
        return false;
    }

    /// <summary>CKAN's <c>ms_in_timestamp</c> wire form: <c>2005-03-01T00:00:00.000</c>.</summary>
    public static string FormatTimestamp(DateTime value) => value.ToString("yyyy-MM-ddTHH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary>A column value as read back from either database, as JSON.</summary>
    public static JsonNode? ToJson(string type, object? value)
    {
        if (value is null || value is DBNull)
        {
            return null;
        }
        switch (type)
        {
            case "int" or "bigint":
                return JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture));
            case "float":
                return JsonValue.Create(Convert.ToDouble(value, CultureInfo.InvariantCulture));
            case "numeric":
                return value switch
                {
                    decimal m => JsonValue.Create(m),
                    long l => JsonValue.Create(l),
                    double dd => dd == Math.Floor(dd) && Math.Abs(dd) < 9e15 ? JsonValue.Create((long)dd) : JsonValue.Create(dd),
                    _ => JsonValue.Create(Convert.ToDecimal(value, CultureInfo.InvariantCulture)),
                };
            case "bool":
                return JsonValue.Create(value is bool b ? b : Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0);
            case "date":
                return JsonValue.Create(value switch
                {
                    DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    _ => Convert.ToString(value, CultureInfo.InvariantCulture),
                });
            case "timestamp":
                return JsonValue.Create(value is DateTime ts ? FormatTimestamp(ts) : Convert.ToString(value, CultureInfo.InvariantCulture));
            case "json":
                var s = Convert.ToString(value, CultureInfo.InvariantCulture)!;
                try
                {
                    return JsonNode.Parse(s);
                }
                catch (JsonException)
                {
                    return JsonValue.Create(s);
                }
            default:
                return JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A value as CSV/TSV cell text (numbers invariant, timestamps in the wire form, JSON as JSON).</summary>
    public static string ToText(string type, object? value)
    {
        var node = ToJson(type, value);
        return node switch
        {
            null => "",
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonValue v when v.GetValueKind() == JsonValueKind.True => "true",
            JsonValue v when v.GetValueKind() == JsonValueKind.False => "false",
            _ => node.ToJsonString(),
        };
    }
}
