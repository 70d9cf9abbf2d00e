using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.OpenData.Datastore;
using GovChannel.Web.Data;
using GovChannel.Web.Localization;
using GovChannel.Web.Pages;
using Microsoft.AspNetCore.Mvc;
using CkanNotFound = GovChannel.Web.Areas.OpenData.Ckan.NotFound;

namespace GovChannel.Web.Areas.OpenData.Pages.Resources;

/// <summary>
/// <c>/dataset/{name}/resource/{id}</c>: one resource, and when it is in the DataStore a preview (issue 6 item 4): a paged
/// table with sort and filter, a bar or line chart from two chosen columns, and a point map with a GeoJSON download when
/// the table has latitude and longitude columns. Everything is read through package_show and datastore_search in-process,
/// so a private dataset or resource is a plain 404 and the preview sees exactly what the API would return.
/// </summary>
public sealed class ShowModel(DatastoreSettings settings, GovChannelSettings site) : PortalPage
{
    public const int ChartRows = 60;
    public const int MapRows = 10_000;

    public sealed record Column(string Id, string Type, string Label)
    {
        public bool IsNumeric => Type is "int" or "bigint" or "float" or "numeric";
    }

    public JsonObject Dataset { get; private set; } = null!;
    public JsonObject Resource { get; private set; } = null!;
    public string DatasetName { get; private set; } = "";
    public string ResourceId { get; private set; } = "";
    public string Path { get; private set; } = "";
    public string SiteUrl { get; private set; } = "";
    public string DownloadHref { get; private set; } = "";
    public bool IsUpload { get; private set; }
    public bool CanEdit { get; private set; }
    public bool DatastoreActive { get; private set; }
    public JsonObject? LoadStatus { get; private set; }
    public PreviewQuery Query { get; private set; } = null!;
    public List<Column> Columns { get; } = [];
    public List<string?[]> Rows { get; } = [];
    public long Total { get; private set; }
    public string? PreviewError { get; private set; }
    public string? ChartSvg { get; private set; }
    public List<(string Label, double Value)> ChartPoints { get; } = [];
    public string? ChartError { get; private set; }
    public Column? LatColumn { get; private set; }
    public Column? LonColumn { get; private set; }
    public string? MapSvg { get; private set; }
    public int MapPoints { get; private set; }
    public long MapCandidates { get; private set; }

    public int PageCount => (int)Math.Max(1, (Total + PreviewQuery.PageSize - 1) / PreviewQuery.PageSize);
    public string Str(JsonObject o, string key) => Params.AsString(o[key]) ?? "";

    private static readonly string[] LatNames = ["lat", "latitude", "ละติจูด", "y_lat", "lat_y"];
    private static readonly string[] LonNames = ["long", "lon", "lng", "longitude", "ลองจิจูด", "x_long", "lon_x", "long_x"];

    public async Task<IActionResult> OnGetAsync(string name, string id)
    {
        if (!await LoadAsync(name, id))
        {
            return NotFound();
        }
        if (CanEdit)
        {
            try
            {
                LoadStatus = await ReadAsync("xloader_status", new JsonObject { ["resource_id"] = ResourceId }) as JsonObject;
            }
            catch (CkanNotFound)
            {
                LoadStatus = null;
            }
        }
        if (DatastoreActive)
        {
            await PreviewAsync();
        }
        return Page();
    }

    /// <summary><c>?handler=geojson</c>: the rows with coordinates (of the current search and filter) as a GeoJSON FeatureCollection.</summary>
    public async Task<IActionResult> OnGetGeoJsonAsync(string name, string id)
    {
        if (!await LoadAsync(name, id) || !DatastoreActive || !await ColumnsAsync() || LatColumn is null || LonColumn is null)
        {
            return NotFound();
        }
        var data = Query.Search(ResourceId, Columns.Select(c => c.Id).ToList());
        data.Remove("sort");
        data["limit"] = settings.DatastoreSearchRowsMax;
        data["include_total"] = false;
        var result = (JsonObject)(await ReadAsync("datastore_search", data))!;
        var features = new JsonArray();
        foreach (var record in result["records"] as JsonArray ?? [])
        {
            if (record is not JsonObject row || !TryCoordinate(row[LatColumn.Id], 90, out var lat) || !TryCoordinate(row[LonColumn.Id], 180, out var lon))
            {
                continue;
            }
            var properties = new JsonObject();
            foreach (var (key, value) in row)
            {
                if (key != LatColumn.Id && key != LonColumn.Id)
                {
                    properties[key] = value?.DeepClone();
                }
            }
            features.Add(new JsonObject
            {
                ["type"] = "Feature",
                ["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(lon, lat) },
                ["properties"] = properties,
            });
        }
        var collection = new JsonObject { ["type"] = "FeatureCollection", ["features"] = features };
        var bytes = Encoding.UTF8.GetBytes(collection.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        return File(bytes, "application/geo+json", DatasetName + "-" + ResourceId[..Math.Min(8, ResourceId.Length)] + ".geojson");
    }

    private async Task<bool> LoadAsync(string name, string id)
    {
        Query = PreviewQuery.From(Request.Query);
        var dict = await ShowAsync("package_show", name);
        // Per-resource privacy is already applied by package_show: a hidden resource is simply not in the list.
        var resource = (dict?["resources"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(r => Params.AsString(r["id"]) == id);
        if (dict is null || resource is null)
        {
            return false;
        }
        Dataset = dict;
        Resource = resource;
        DatasetName = Str(dict, "name");
        ResourceId = id;
        SiteUrl = CkanApi.SiteUrl(HttpContext, site);
        Path = "/dataset/" + Uri.EscapeDataString(DatasetName) + "/resource/" + Uri.EscapeDataString(id);
        IsUpload = Str(resource, "url_type") == "upload";
        DownloadHref = IsUpload
            ? "/dataset/" + Str(dict, "id") + "/resource/" + id + "/download/" + Uri.EscapeDataString(Str(resource, "url").Split('/')[^1])
            : Path + "/go";
        DatastoreActive = Params.AsBool(resource["datastore_active"]);
        var entity = await PackageDict.FindAsync(Db, Str(dict, "id"), HttpContext.RequestAborted);
        CanEdit = entity is not null && await Authz.CanUpdateDatasetAsync(await ContextAsync("package_update", []), entity);
        return true;
    }

    /// <summary>The table's columns from a zero-row datastore_search (its data dictionary, with any labels).</summary>
    private async Task<bool> ColumnsAsync()
    {
        JsonObject info;
        try
        {
            info = (JsonObject)(await ReadAsync("datastore_search", new JsonObject { ["resource_id"] = ResourceId, ["limit"] = 0, ["include_total"] = false }))!;
        }
        catch (CkanException e) when (e is CkanNotFound or NotAuthorized)
        {
            return false;
        }
        foreach (var f in info["fields"] as JsonArray ?? [])
        {
            var fid = Params.AsString(f?["id"]) ?? "";
            if (fid == "_id")
            {
                continue;
            }
            var label = Params.AsString(f?["info"]?["label"]);
            Columns.Add(new Column(fid, Params.AsString(f?["type"]) ?? "text", string.IsNullOrWhiteSpace(label) ? fid : label));
        }
        LatColumn = Columns.FirstOrDefault(c => LatNames.Contains(c.Id.Trim().ToLowerInvariant(), StringComparer.Ordinal));
        LonColumn = Columns.FirstOrDefault(c => LonNames.Contains(c.Id.Trim().ToLowerInvariant(), StringComparer.Ordinal));
        return true;
    }

    private async Task PreviewAsync()
    {
        if (!await ColumnsAsync())
        {
            DatastoreActive = false;
            return;
        }
        var names = Columns.Select(c => c.Id).ToList();
        try
        {
            var data = Query.Search(ResourceId, names);
            data["limit"] = PreviewQuery.PageSize;
            data["offset"] = (Query.Page - 1) * PreviewQuery.PageSize;
            data["fields"] = new JsonArray([.. names.Select(n => (JsonNode?)n)]);
            var result = (JsonObject)(await ReadAsync("datastore_search", data))!;
            Total = (long?)result["total"] ?? 0;
            foreach (var record in result["records"] as JsonArray ?? [])
            {
                Rows.Add([.. names.Select(n => Display(record?[n]))]);
            }
        }
        catch (CkanException e) when (e is ValidationError or SearchQueryError)
        {
            // A filter value of the wrong type (text in a number column) is the visitor's typo: say so, keep the page.
            PreviewError = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        await ChartAsync(names);
        await MapAsync(names);
    }

    private async Task ChartAsync(List<string> names)
    {
        if (Query.Chart is null || Query.X is null || Query.Y is null)
        {
            return;
        }
        var x = Columns.FirstOrDefault(c => c.Id == Query.X);
        var y = Columns.FirstOrDefault(c => c.Id == Query.Y);
        if (x is null || y is null || !y.IsNumeric)
        {
            ChartError = T["preview.chart.numeric"];
            return;
        }
        var data = Query.Search(ResourceId, names);
        data["limit"] = ChartRows;
        data["fields"] = new JsonArray(x.Id, y.Id);
        data["include_total"] = false;
        var result = (JsonObject)(await ReadAsync("datastore_search", data))!;
        foreach (var record in result["records"] as JsonArray ?? [])
        {
            if (double.TryParse(Params.AsString(record?[y.Id]), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            {
                ChartPoints.Add((Display(record?[x.Id]) ?? "", value));
            }
        }
        if (ChartPoints.Count == 0)
        {
            ChartError = T["preview.chart.empty"];
            return;
        }
        var title = T.Format("preview.chart.title", y.Label, x.Label);
        ChartSvg = PreviewSvg.Chart(ChartPoints, Query.Chart == "line", title, T.Format("preview.chart.desc", Text.Number(ChartPoints.Count)), "chart");
    }

    private async Task MapAsync(List<string> names)
    {
        if (LatColumn is null || LonColumn is null)
        {
            return;
        }
        var data = Query.Search(ResourceId, names);
        data.Remove("sort");
        data["limit"] = MapRows;
        data["fields"] = new JsonArray(LatColumn.Id, LonColumn.Id);
        data["records_format"] = "lists";
        var result = (JsonObject)(await ReadAsync("datastore_search", data))!;
        MapCandidates = (long?)result["total"] ?? 0;
        var points = new List<(double Lon, double Lat)>();
        foreach (var record in result["records"] as JsonArray ?? [])
        {
            if (record is JsonArray { Count: 2 } pair && TryCoordinate(pair[0], 90, out var lat) && TryCoordinate(pair[1], 180, out var lon))
            {
                points.Add((lon, lat));
            }
        }
        MapPoints = points.Count;
        if (points.Count > 0)
        {
            MapSvg = PreviewSvg.Map(points, T["preview.map.title"], T.Format("preview.map.desc", Text.Number(points.Count)), "map");
        }
    }

    private static bool TryCoordinate(JsonNode? node, double limit, out double value) =>
        double.TryParse(Params.AsString(node), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value) && Math.Abs(value) <= limit && !(value == 0 && limit == 180);

    private static string? Display(JsonNode? node) => node is null ? null : Params.AsString(node);
}
