using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Localization;

namespace GovChannel.Web.Areas.OpenData.Pages;

/// <summary>An agency or category as a list shows it, from a group_list / organization_list all_fields dict.</summary>
public sealed record GroupCard(string Name, string Title, string Description, int Count)
{
    public static GroupCard From(JsonNode dict, Text t)
    {
        // Agencies carry their English name in the extra title_en (seed demo, and what GDC sites add by hand).
        var titleEn = (dict["extras"] as JsonArray ?? []).FirstOrDefault(e => Params.AsString(e?["key"]) == "title_en") is { } extra
            ? Params.AsString(extra["value"]) : null;
        var title = Params.AsString(dict["title"]) is { Length: > 0 } th ? th : Params.AsString(dict["name"]) ?? "";
        return new GroupCard(Params.AsString(dict["name"]) ?? "", t.Pick(title, titleEn), Params.AsString(dict["description"]) ?? "",
            (int?)dict["package_count"] ?? 0);
    }
}
