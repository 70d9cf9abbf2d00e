using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GovChannel.Web.Areas.Identity;
using GovChannel.Web.Data;

namespace GovChannel.Web.Areas.OpenData.Ckan;

/// <summary>What an action sees: the decoded data dict, the caller, the database and the request's services.</summary>
public sealed class ActionContext(HttpContext http, GovDb db, User? user, JsonObject data, string actionName)
{
    public HttpContext Http { get; } = http;
    public GovDb Db { get; } = db;
    public User? User { get; } = user;
    public JsonObject Data { get; } = data;
    public string ActionName { get; } = actionName;
    public Dictionary<string, IFormFile> Files { get; } = new(StringComparer.Ordinal);
    public bool IsSysadmin => User?.Sysadmin == true;
    public IServiceProvider Services => Http.RequestServices;
    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();
    public DateTime Now => Clock.Now(Service<TimeProvider>());

    /// <summary>
    /// Set by the API dispatcher, whose caller only serialises the result: an action may then return JSON already in
    /// text form (<see cref="CkanJson.Raw"/>). Pages and other actions calling an action read its result.
    /// </summary>
    public bool ResultIsOnlySerialised { get; init; }

    /// <summary>Datasets this action created, with their index operations (Catalog/Changes.Reindex).</summary>
    public List<(Catalog.IndexOperation Operation, Catalog.Dataset Dataset)> Created { get; } = [];

    /// <summary>Per-request cache of the caller's organisation and group roles (group id → capacity).</summary>
    public Dictionary<string, string>? Capacities { get; set; }

    public bool Has(string key) => Data.ContainsKey(key) && Data[key] is not null;

    /// <summary>A string parameter; numbers and booleans are turned into their text, as CKAN's unicode_safe does.</summary>
    public string? String(string key) => Params.AsString(Data[key]);

    public string Required(string key, string message = "Missing value")
    {
        var value = String(key);
        if (string.IsNullOrEmpty(value))
        {
            throw new ValidationError(key, message);
        }
        return value;
    }

    /// <summary>CKAN's <c>asbool</c>: true/yes/on/y/t/1 in any case are true.</summary>
    public bool Bool(string key, bool fallback = false) => Has(key) ? Params.AsBool(Data[key]) : fallback;

    /// <summary>CKAN's natural-number validator: blank is the default; "a" → "Invalid integer"; -1 → "Must be a natural number".</summary>
    public int Natural(string key, int fallback)
    {
        var node = Data[key];
        if (node is null)
        {
            return fallback;
        }
        var text = Params.AsString(node);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        if (!long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new ValidationError(key, "Invalid integer");
        }
        if (value < 0)
        {
            throw new ValidationError(key, "Must be a natural number");
        }
        return value > int.MaxValue ? int.MaxValue : (int)value;
    }

    /// <summary>A list parameter: a JSON list, a JSON-encoded list in a string, or a comma-separated string.</summary>
    public List<string>? List(string key) => Params.AsList(Data[key]);
}

public static class Params
{
    public static string? AsString(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.True => "True",
        JsonValue v when v.GetValueKind() == JsonValueKind.False => "False",
        JsonValue v when v.GetValueKind() == JsonValueKind.Null => null,
        JsonArray a when a.Count > 0 && a[^1] is JsonValue last && last.GetValueKind() == JsonValueKind.String => last.GetValue<string>(),
        _ => node.ToJsonString(CkanJson.Options),
    };

    /// <summary><see cref="AsString(JsonNode?)"/> for a value read from stored JSON.</summary>
    public static string? AsString(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.Array when value.GetArrayLength() is > 0 and var n && value[n - 1] is { ValueKind: JsonValueKind.String } last => last.GetString(),
        _ => JsonSerializer.Serialize(value, CkanJson.Options),
    };

    public static bool AsBool(JsonNode? node)
    {
        if (node is JsonValue v)
        {
            switch (v.GetValueKind())
            {
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                case JsonValueKind.Number: return v.GetValue<double>() != 0;
            }
        }
        var s = AsString(node)?.Trim().ToLowerInvariant();
        return s is "true" or "yes" or "on" or "y" or "t" or "1";
    }

    public static List<string>? AsList(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonArray a:
                return a.Select(AsString).Where(s => s is not null).Select(s => s!).ToList();
            default:
                var s = AsString(node);
                if (s is null)
                {
                    return null;
                }
                var trimmed = s.Trim();
                if (trimmed.StartsWith('['))
                {
                    try
                    {
                        if (JsonNode.Parse(trimmed) is JsonArray parsed)
                        {
                            return AsList(parsed);
                        }
                    }
                    catch (JsonException)
                    {
                    }
                }
                return trimmed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        }
    }
}

/// <summary>
/// Timestamps are stored in UTC and truncated to microseconds, the precision PostgreSQL keeps, so a value read back
/// equals the value written and CKAN's "no change, no new metadata_modified" comparison holds.
/// </summary>
public static class Clock
{
    public static DateTime Now(TimeProvider time) => Truncate(time.GetUtcNow().UtcDateTime);

    public static DateTime Truncate(DateTime value) =>
        new(value.Ticks - (value.Ticks % 10), DateTimeKind.Utc);

    /// <summary>CKAN's wire format: naive ISO 8601 with microseconds, no zone (<c>2019-05-24T15:52:30.123456</c>).</summary>
    public static string Iso(DateTime value) => string.Create(IsoLength, value, static (chars, v) =>
    {
        Span<byte> text = stackalloc byte[IsoLength];
        FormatIso(v, text);
        for (var i = 0; i < IsoLength; i++)
        {
            chars[i] = (char)text[i];
        }
    });

    public const int IsoLength = 26;

    /// <summary>
    /// <see cref="Iso(DateTime)"/> as ASCII into <paramref name="text"/> (<see cref="IsoLength"/> bytes), digit by digit:
    /// the same as the custom format <c>yyyy-MM-ddTHH:mm:ss.ffffff</c>, whose format-string parsing was most of a
    /// rebuild's date formatting (five dates a dataset).
    /// </summary>
    public static void FormatIso(DateTime value, Span<byte> text)
    {
        Digits(text[..4], value.Year);
        text[4] = (byte)'-';
        Digits(text.Slice(5, 2), value.Month);
        text[7] = (byte)'-';
        Digits(text.Slice(8, 2), value.Day);
        text[10] = (byte)'T';
        Digits(text.Slice(11, 2), value.Hour);
        text[13] = (byte)':';
        Digits(text.Slice(14, 2), value.Minute);
        text[16] = (byte)':';
        Digits(text.Slice(17, 2), value.Second);
        text[19] = (byte)'.';
        // "ffffff" truncates to microseconds, it does not round.
        Digits(text.Slice(20, 6), (int)(value.Ticks % TimeSpan.TicksPerSecond / 10));

        static void Digits(Span<byte> into, int number)
        {
            for (var i = into.Length - 1; i >= 0; i--)
            {
                into[i] = (byte)('0' + number % 10);
                number /= 10;
            }
        }
    }

    public static string? Iso(DateTime? value) => value is { } v ? Iso(v) : null;

    /// <summary>CKAN's <c>isodate</c> validator: ISO 8601 dates and date-times, a trailing Z or offset converted to UTC.</summary>
    public static bool TryParseIso(string? text, out DateTime value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = Truncate(parsed.UtcDateTime);
            return true;
        }
        return false;
    }
}
