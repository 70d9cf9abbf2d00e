using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Ckan;

namespace GovChannel.Web.Pages.Shared;

/// <summary>What a list shows of a dataset, read from a package dict (package_search results or package_show).</summary>
public sealed record DatasetSummary(string Name, string Title, string Notes, string? OrgName, string? OrgTitle,
    IReadOnlyList<string> Formats, DateTime Modified, bool Private, string State)
{
    public static DatasetSummary From(JsonNode dict)
    {
        var formats = (dict["resources"] as JsonArray ?? [])
            .Select(r => Params.AsString(r?["format"]) ?? "").Where(f => f.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var modified = Clock.TryParseIso(Params.AsString(dict["metadata_modified"]), out var m) ? m : default;
        return new DatasetSummary(
            Params.AsString(dict["name"]) ?? "",
            Params.AsString(dict["title"]) ?? Params.AsString(dict["name"]) ?? "",
            Markdown.ToPlainText(Params.AsString(dict["notes"])),
            Params.AsString(dict["organization"]?["name"]),
            Params.AsString(dict["organization"]?["title"]),
            formats, modified,
            dict["private"] is JsonValue p && p.TryGetValue<bool>(out var isPrivate) && isPrivate,
            Params.AsString(dict["state"]) ?? "active");
    }

    public static DatasetSummary From(Dataset d) => From(PackageDict.Build(d));

    /// <summary>A CSS-safe class for a format badge (<c>fmt-csv</c>).</summary>
    public static string FormatClass(string format) =>
        "fmt-" + new string(format.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
}
