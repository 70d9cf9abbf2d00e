namespace GovChannel.Web.Areas.OpenData.Catalog;

public sealed record License(string Id, string Title, string Url, bool OdConformance, bool OsdConformance, bool IsGeneric = false)
{
    public bool IsOpen => OdConformance || OsdConformance;
}

/// <summary>CKAN's default licence register (ckan/model/license.py), plus the titles Thai GDC stores as licence ids.</summary>
public static class Licenses
{
    public static readonly IReadOnlyList<License> All =
    [
        new("notspecified", "License not specified", "", false, false, true),
        new("odc-pddl", "Open Data Commons Public Domain Dedication and License (PDDL)", "http://www.opendefinition.org/licenses/odc-pddl", true, false),
        new("odc-odbl", "Open Data Commons Open Database License (ODbL)", "http://www.opendefinition.org/licenses/odc-odbl", true, false),
        new("odc-by", "Open Data Commons Attribution License", "http://www.opendefinition.org/licenses/odc-by", true, false),
        new("cc-zero", "Creative Commons CCZero", "http://www.opendefinition.org/licenses/cc-zero", true, false),
        new("cc-by", "Creative Commons Attribution", "http://www.opendefinition.org/licenses/cc-by", true, false),
        new("cc-by-sa", "Creative Commons Attribution Share-Alike", "http://www.opendefinition.org/licenses/cc-by-sa", true, false),
        new("gfdl", "GNU Free Documentation License", "http://www.opendefinition.org/licenses/gfdl", true, false),
        new("other-open", "Other (Open)", "", true, false, true),
        new("other-pd", "Other (Public Domain)", "", true, false, true),
        new("other-at", "Other (Attribution)", "", true, false, true),
        new("uk-ogl", "UK Open Government Licence (OGL)", "http://reference.data.gov.uk/id/open-government-licence", true, false),
        new("cc-nc", "Creative Commons Non-Commercial (Any)", "http://creativecommons.org/licenses/by-nc/2.0/", false, false),
        new("other-nc", "Other (Non-Commercial)", "", false, false, true),
        new("other-closed", "Other (Not Open)", "", false, false, true),
    ];

    private static readonly Dictionary<string, License> ById = All.ToDictionary(l => l.Id, StringComparer.Ordinal);

    public static License? Find(string? id) => id is not null && ById.TryGetValue(id, out var l) ? l : null;
}
