namespace GovChannel.Web.Areas.OpenData.Catalog;

/// <summary>
/// CKAN's <c>unified_resource_format</c>: a known format name, MIME type or extension becomes its canonical name
/// (csv, text/csv → CSV); anything unknown is kept as given ("plain text" stays "plain text").
/// </summary>
public static class ResourceFormats
{
    private static readonly (string Name, string Mime, string[] Aliases)[] Known =
    [
        ("CSV", "text/csv", ["csv", "text/csv", "comma separated values"]),
        ("TSV", "text/tab-separated-values", ["tsv", "text/tab-separated-values"]),
        ("JSON", "application/json", ["json", "application/json"]),
        ("GeoJSON", "application/geo+json", ["geojson", "application/geo+json", "application/vnd.geo+json"]),
        ("XML", "application/xml", ["xml", "application/xml", "text/xml"]),
        ("XLS", "application/vnd.ms-excel", ["xls", "application/vnd.ms-excel", "excel"]),
        ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ["xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]),
        ("ODS", "application/vnd.oasis.opendocument.spreadsheet", ["ods", "application/vnd.oasis.opendocument.spreadsheet"]),
        ("PDF", "application/pdf", ["pdf", "application/pdf"]),
        ("HTML", "text/html", ["html", "htm", "text/html"]),
        ("TXT", "text/plain", ["txt", "text/plain"]),
        ("ZIP", "application/zip", ["zip", "application/zip"]),
        ("DOC", "application/msword", ["doc", "application/msword"]),
        ("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ["docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"]),
        ("RDF", "application/rdf+xml", ["rdf", "application/rdf+xml"]),
        ("KML", "application/vnd.google-earth.kml+xml", ["kml", "application/vnd.google-earth.kml+xml"]),
        ("SHP", "application/x-shapefile", ["shp", "shapefile", "esri shapefile"]),
        ("PNG", "image/png", ["png", "image/png"]),
        ("JPEG", "image/jpeg", ["jpeg", "jpg", "image/jpeg"]),
        ("API", "", ["api"]),
    ];

    private static readonly Dictionary<string, (string Name, string Mime)> ByAlias = Known
        .SelectMany(k => k.Aliases.Select(a => (a, k)))
        .ToDictionary(x => x.a, x => (x.k.Name, x.k.Mime), StringComparer.OrdinalIgnoreCase);

    public static string Clean(string format) =>
        ByAlias.TryGetValue(format.Trim(), out var known) ? known.Name : format;

    /// <summary>if_empty_guess_format: the format from the URL's extension, or empty.</summary>
    public static string GuessFromUrl(string url)
    {
        var path = url.Split('?', '#')[0];
        var dot = path.LastIndexOf('.');
        if (dot < 0 || dot < path.LastIndexOf('/'))
        {
            return "";
        }
        return ByAlias.TryGetValue(path[(dot + 1)..], out var known) ? known.Name : "";
    }

    public static string? MimeFor(string fileName)
    {
        var dot = fileName.LastIndexOf('.');
        return dot >= 0 && ByAlias.TryGetValue(fileName[(dot + 1)..], out var known) && known.Mime.Length > 0 ? known.Mime : null;
    }
}
