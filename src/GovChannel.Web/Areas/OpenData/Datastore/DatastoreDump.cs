using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Data;

namespace GovChannel.Web.Areas.OpenData.Datastore;

/// <summary>
/// <c>GET /datastore/dump/{resource_id}?format=csv|tsv|json|xml&amp;bom=true</c> plus the search parameters. Rows are
/// streamed from the database reader to the response (a dump never sits in memory: ckan/ckan#3523). CSV and TSV
/// neutralise spreadsheet formulas in text cells.
/// </summary>
public static class DatastoreDump
{
    public static void Map(WebApplication app) => app.MapGet("/datastore/dump/{resourceId}", DumpAsync);

    private static async Task DumpAsync(HttpContext http, string resourceId, GovDb db, DatastoreDb store)
    {
        var data = new JsonObject();
        foreach (var key in new[] { "filters", "q", "full_text", "distinct", "fields", "sort", "plain", "language" })
        {
            if (http.Request.Query.TryGetValue(key, out var v))
            {
                data[key] = v.ToString();
            }
        }
        var format = (http.Request.Query["format"].ToString() is { Length: > 0 } f ? f : "csv").ToLowerInvariant();
        if (format is not ("csv" or "tsv" or "json" or "xml"))
        {
            http.Response.StatusCode = 400;
            await http.Response.WriteAsync("format must be one of csv, tsv, json, xml", http.RequestAborted);
            return;
        }
        var ctx = new ActionContext(http, db, await CkanApi.CurrentUserAsync(http, db), data, "datastore_dump");
        DatastoreQuery query;
        long? limit;
        long offset;
        try
        {
            var (_, meta) = await DatastoreActions.ReadableTableAsync(ctx, resourceId);
            query = new DatastoreQuery(store, meta).Build(data);
            limit = http.Request.Query.ContainsKey("limit") ? ParseNatural(http, "limit") : null;
            offset = http.Request.Query.ContainsKey("offset") ? ParseNatural(http, "offset") : 0;
        }
        catch (CkanException e)
        {
            http.Response.StatusCode = e.Status;
            await http.Response.WriteAsync(e.Message, http.RequestAborted);
            return;
        }

        var bom = Params.AsBool(JsonValue.Create(http.Request.Query["bom"].ToString()));
        var (contentType, extension) = format switch
        {
            "tsv" => ("text/tab-separated-values; charset=utf-8", "tsv"),
            "json" => ("application/json; charset=utf-8", "json"),
            "xml" => ("text/xml; charset=utf-8", "xml"),
            _ => ("text/csv; charset=utf-8", "csv"),
        };
        http.Response.ContentType = contentType;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{resourceId}.{extension}\"";
        var body = http.Response.Body;
        if (bom)
        {
            await body.WriteAsync(Encoding.UTF8.GetPreamble(), http.RequestAborted);
        }

        await using var conn = await store.OpenAsync(http.RequestAborted);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = query.SelectSql(limit, offset);
        query.Bind(cmd);
        await using var reader = await cmd.ExecuteReaderAsync(http.RequestAborted);
        var fields = query.Selected;
        var raw = new object?[fields.Count];

        switch (format)
        {
            case "csv" or "tsv":
            {
                var sep = format == "csv" ? ',' : '\t';
                await using var writer = new StreamWriter(body, new UTF8Encoding(false), 65536, leaveOpen: true);
                var sb = new StringBuilder();
                DelimitedWriter.AppendRow(sb, fields.Select(x => x.Id), sep, neutralise: true);
                while (await reader.ReadAsync(http.RequestAborted))
                {
                    Read(reader, raw);
                    DelimitedWriter.AppendRow(sb, raw.Select((v, i) => fields[i].Type is "text" or "json"
                        ? DelimitedWriter.Neutralise(DsTypes.ToText(fields[i].Type, v)) : DsTypes.ToText(fields[i].Type, v)), sep, neutralise: false);
                    if (sb.Length > 32768)
                    {
                        await writer.WriteAsync(sb, http.RequestAborted);
                        sb.Clear();
                    }
                }
                await writer.WriteAsync(sb, http.RequestAborted);
                break;
            }
            case "json":
            {
                await using var json = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
                json.WriteStartObject();
                json.WritePropertyName("fields");
                new JsonArray(fields.Select(x => (JsonNode)x.ToJson()).ToArray()).WriteTo(json);
                json.WriteStartArray("records");
                while (await reader.ReadAsync(http.RequestAborted))
                {
                    Read(reader, raw);
                    json.WriteStartArray();
                    for (var i = 0; i < raw.Length; i++)
                    {
                        if (DsTypes.ToJson(fields[i].Type, raw[i]) is { } node)
                        {
                            node.WriteTo(json);
                        }
                        else
                        {
                            json.WriteNullValue();
                        }
                    }
                    json.WriteEndArray();
                    if (json.BytesPending > 32768)
                    {
                        await json.FlushAsync(http.RequestAborted);
                    }
                }
                json.WriteEndArray();
                json.WriteEndObject();
                await json.FlushAsync(http.RequestAborted);
                break;
            }
            default:
            {
                await using var xml = XmlWriter.Create(body, new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false });
                await xml.WriteStartElementAsync(null, "data", null);
                while (await reader.ReadAsync(http.RequestAborted))
                {
                    Read(reader, raw);
                    await xml.WriteStartElementAsync(null, "row", null);
                    for (var i = 0; i < raw.Length; i++)
                    {
                        // CKAN's XML dump: the field name as the element when it is a valid XML name, else <value key="...">.
                        var name = fields[i].Id;
                        var valid = IsXmlName(name);
                        await xml.WriteStartElementAsync(null, valid ? name : "value", null);
                        if (!valid)
                        {
                            await xml.WriteAttributeStringAsync(null, "key", null, name);
                        }
                        if (raw[i] is null)
                        {
                            await xml.WriteAttributeStringAsync("xsi", "nil", "http://www.w3.org/2001/XMLSchema-instance", "true");
                        }
                        else
                        {
                            await xml.WriteStringAsync(DsTypes.ToText(fields[i].Type, raw[i]));
                        }
                        await xml.WriteEndElementAsync();
                    }
                    await xml.WriteEndElementAsync();
                }
                await xml.WriteEndElementAsync();
                await xml.FlushAsync();
                break;
            }
        }
    }

    private static bool IsXmlName(string name)
    {
        try
        {
            XmlConvert.VerifyName(name);
            return !name.StartsWith("xml", StringComparison.OrdinalIgnoreCase);
        }
        catch (XmlException)
        {
            return false;
        }
    }

    private static long ParseNatural(HttpContext http, string key)
    {
        if (!long.TryParse(http.Request.Query[key].ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            throw new ValidationError(key, "Invalid integer");
        }
        return n;
    }

    private static void Read(System.Data.Common.DbDataReader reader, object?[] raw)
    {
        for (var i = 0; i < raw.Length; i++)
        {
            raw[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        }
    }
}
