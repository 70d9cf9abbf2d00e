using System.Text.Json;
using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Ckan;

namespace GovChannel.Web.Areas.OpenData.Catalog;

/// <summary>
/// Legacy extras <c>[{key, value}]</c> on datasets, organisations and groups: a key is required and unique
/// (<c>extras_validation</c>), values become strings as CKAN's unicode_safe makes them (numbers, lists and objects
/// become their JSON text). Errors follow CKAN's layout: one dict per item under <c>extras</c>.
/// </summary>
public static class ExtrasInput
{
    /// <summary>The extras as stored JSON; <paramref name="checkItem"/> adds an owner's own rules for each item.</summary>
    public static string Read(JsonNode? input, JsonObject errors, Action<JsonObject, string?, JsonObject>? checkItem = null)
    {
        var result = new JsonArray();
        if (input is not JsonArray extras)
        {
            return result.ToJsonString();
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var itemErrors = new JsonArray();
        var any = false;
        foreach (var e in extras)
        {
            var itemError = new JsonObject();
            var item = e as JsonObject;
            var key = item is null ? null : Params.AsString(item["key"]);
            if (string.IsNullOrEmpty(key))
            {
                itemError["key"] = new JsonArray("Missing value");
            }
            if (item is not null)
            {
                checkItem?.Invoke(item, key, itemError);
            }
            if (!string.IsNullOrEmpty(key) && !seen.Add(key))
            {
                errors["extras_validation"] = new JsonArray($"Duplicate key \"{key}\"");
            }
            any |= itemError.Count > 0;
            itemErrors.Add(itemError);
            var value = item?["value"] switch
            {
                null => "",
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                var other => other.ToJsonString(),
            };
            result.Add(new JsonObject { ["key"] = key, ["value"] = value });
        }
        if (any)
        {
            errors["extras"] = itemErrors;
        }
        return result.ToJsonString();
    }
}
