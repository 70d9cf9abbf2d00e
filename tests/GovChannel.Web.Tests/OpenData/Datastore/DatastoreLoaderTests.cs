using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using GovChannel.Tests;
using GovChannel.Thai;

namespace GovChannel.Web.Tests.OpenData.Datastore;

/// <summary>The background loader (XLoader's job): uploads become DataStore tables; each bad input gives a clear message.</summary>
public abstract class DatastoreLoaderTests(GovChannelApp app)
{
    static DatastoreLoaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<(Ckan Sys, string Token, string DatasetId)> DatasetAsync()
    {
        var token = await app.UserTokenAsync("loader-sysadmin", sysadmin: true);
        var sys = app.Ckan(token);
        var org = await app.AddGroupAsync(Unique("org"));
        var d = (await sys.PostAsync("package_create", new { name = Unique("load"), owner_org = org })).Ok().Result!;
        return (sys, token, d["id"]!.GetValue<string>());
    }

    private async Task<JsonNode> SendFileAsync(string token, string action, string idField, string id, byte[] content, string fileName)
    {
        using var form = new MultipartFormDataContent { { new StringContent(id), idField } };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "upload", fileName);
        return (await app.Ckan().SendAsync(HttpMethod.Post, "/api/3/action/" + action, null, token, form)).Ok().Result!;
    }

    private async Task<(Ckan Sys, string ResourceId, JsonNode Status)> LoadAsync(byte[] content, string fileName)
    {
        var (sys, token, datasetId) = await DatasetAsync();
        var r = await SendFileAsync(token, "resource_create", "package_id", datasetId, content, fileName);
        var id = r["id"]!.GetValue<string>();
        return (sys, id, await WaitAsync(sys, id));
    }

    /// <summary>Poll xloader_status until the job ends (no fixed sleep beyond a short poll interval).</summary>
    private static async Task<JsonNode> WaitAsync(Ckan sys, string resourceId, string? previousJob = null)
    {
        var deadline = Environment.TickCount64 + 120_000;
        while (Environment.TickCount64 < deadline)
        {
            var r = await sys.PostAsync("xloader_status", new { resource_id = resourceId });
            if (r.Success && r.Result!["status"]!.GetValue<string>() is "complete" or "error" && r.Result["job_id"]!.GetValue<string>() != previousJob)
            {
                return r.Result;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("the load did not finish in time");
    }

    private static async Task<JsonNode> SearchAsync(Ckan sys, string rid, object? extra = null)
    {
        var body = new JsonObject { ["resource_id"] = rid, ["sort"] = "_id" };
        if (extra is not null)
        {
            foreach (var (k, v) in JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(extra))!.AsObject())
            {
                body[k] = v?.DeepClone();
            }
        }
        return (await sys.PostAsync("datastore_search", body)).Ok().Result!;
    }

    private static string[] Notes(JsonNode status) => status["notes"]!.AsArray().Select(n => n!.GetValue<string>()).ToArray();

    [Fact]
    public async Task Loader_Utf8BomCsv_LoadsWithGuessedTypes()
    {
        var csv = "\uFEFFรหัส,ชื่อ,ประชากร,พื้นที่,วันที่,รหัสไปรษณีย์\n1,พระนคร,1000,5.5,2024-01-31,10200\n2,ดุสิต,2000,10.25,2024-02-29,10300\n";
        var (sys, rid, status) = await LoadAsync(Encoding.UTF8.GetBytes(csv), "areas.csv");
        Assert.Equal("complete", status["status"]!.GetValue<string>());
        Assert.Equal(2, status["rows"]!.GetValue<long>());
        Assert.Contains("encoding: UTF-8 with BOM", Notes(status));
        var result = await SearchAsync(sys, rid);
        Assert.Equal(["_id:int", "รหัส:bigint", "ชื่อ:text", "ประชากร:bigint", "พื้นที่:numeric", "วันที่:date", "รหัสไปรษณีย์:bigint"],
            result["fields"]!.AsArray().Select(f => f!["id"]!.GetValue<string>() + ":" + f["type"]!.GetValue<string>()));
        Assert.Equal("ดุสิต", result["records"]![1]!["ชื่อ"]!.GetValue<string>());
        Assert.Equal(10.25m, result["records"]![1]!["พื้นที่"]!.GetValue<decimal>());
        Assert.True((await sys.GetAsync("resource_show?id=" + rid)).Ok().Result!["datastore_active"]!.GetValue<bool>());
        var thai = await SearchAsync(sys, rid, new { q = "ดุสิต" });
        Assert.Equal(1, thai["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task Loader_Tis620Semicolon_DetectsEncodingAndDelimiter()
    {
        var text = "จังหวัด;อำเภอ;จำนวน\r\nเชียงใหม่;เมืองเชียงใหม่;12\r\nขอนแก่น;\"เมือง; ขอนแก่น\";7\r\n";
        var bytes = Encoding.GetEncoding(874).GetBytes(text);
        Assert.ThrowsAny<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(bytes));
        var (sys, rid, status) = await LoadAsync(bytes, "tis.csv");
        Assert.Equal("complete", status["status"]!.GetValue<string>());
        Assert.Contains("encoding: Windows-874 (TIS-620)", Notes(status));
        Assert.Contains("delimiter: semicolon", Notes(status));
        var result = await SearchAsync(sys, rid);
        Assert.Equal("เมือง; ขอนแก่น", result["records"]![1]!["อำเภอ"]!.GetValue<string>());
        Assert.Equal(12, result["records"]![0]!["จำนวน"]!.GetValue<long>());
    }

    [Fact]
    public async Task Loader_Utf16AndTsv_AreRead()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("a\tb\nx\t1\n")).ToArray();
        var (sys, rid, status) = await LoadAsync(bytes, "wide.tsv");
        Assert.Equal("complete", status["status"]!.GetValue<string>());
        Assert.Contains("encoding: UTF-16 LE", Notes(status));
        Assert.Equal("x", (await SearchAsync(sys, rid))["records"]![0]!["a"]!.GetValue<string>());
    }

    [Fact]
    public async Task Loader_RaggedRows_LongRowsRejectWithRowNumbersShortRowsPadded()
    {
        var (_, rid, status) = await LoadAsync(Encoding.UTF8.GetBytes("a,b\n1,2\n3,4,5\n6,7\n8,9,10\n"), "ragged.csv");
        Assert.Equal("error", status["status"]!.GetValue<string>());
        var rows = status["errors"]!.AsArray().Select(e => e!["row"]!.GetValue<long>()).ToArray();
        Assert.Equal([3L, 5L], rows);
        Assert.Contains("previous table", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False((await app.Ckan().GetAsync("resource_show?id=" + rid)).Ok().Result!["datastore_active"]!.GetValue<bool>());

        var (sys2, rid2, padded) = await LoadAsync(Encoding.UTF8.GetBytes("a,b,c\n1,2,3\n4\n"), "short.csv");
        Assert.Equal("complete", padded["status"]!.GetValue<string>());
        Assert.Contains(Notes(padded), n => n.Contains("fewer cells", StringComparison.Ordinal));
        Assert.Null((await SearchAsync(sys2, rid2))["records"]![1]!["c"]);
    }

    [Fact]
    public async Task Loader_EmptyHeaderOnlyBrokenQuoting_GiveClearMessages()
    {
        var (_, _, empty) = await LoadAsync([], "empty.csv");
        Assert.Equal("error", empty["status"]!.GetValue<string>());
        Assert.Contains("empty", empty["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var (sys, rid, headerOnly) = await LoadAsync(Encoding.UTF8.GetBytes("name,value\n"), "header.csv");
        Assert.Equal("complete", headerOnly["status"]!.GetValue<string>());
        Assert.Contains(Notes(headerOnly), n => n.StartsWith("header only", StringComparison.Ordinal));
        var result = await SearchAsync(sys, rid);
        Assert.Equal(0, result["total"]!.GetValue<long>());
        Assert.Equal(3, result["fields"]!.AsArray().Count);

        var (_, _, broken) = await LoadAsync(Encoding.UTF8.GetBytes("a,b\n1,\"unterminated\n2,3\n"), "broken.csv");
        Assert.Equal("error", broken["status"]!.GetValue<string>());
        Assert.Contains("line 2", broken["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loader_DuplicateAndEmptyHeaders_RenamedWithNotes()
    {
        var (sys, rid, status) = await LoadAsync(Encoding.UTF8.GetBytes("name,name,,_id\nก,ข,ค,ง\n"), "dups.csv");
        Assert.Equal("complete", status["status"]!.GetValue<string>());
        var fields = (await SearchAsync(sys, rid))["fields"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()).ToArray();
        Assert.Equal(["_id", "name", "name_2", "column_3", "id"], fields);
        Assert.Contains(Notes(status), n => n.Contains("duplicate", StringComparison.Ordinal));
        Assert.Contains(Notes(status), n => n.Contains("no name", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Loader_MixedEncodings_RejectedNotMangled()
    {
        // Valid UTF-8 for the first 64 KB (the detection sample), then a Windows-874 line.
        var sb = new StringBuilder("name,n\n");
        while (sb.Length < 70_000)
        {
            sb.Append("ตำบล,1\n");
        }
        var bytes = Encoding.UTF8.GetBytes(sb.ToString()).Concat(Encoding.GetEncoding(874).GetBytes("อำเภอ,2\n")).ToArray();
        var (_, _, status) = await LoadAsync(bytes, "mixed.csv");
        Assert.Equal("error", status["status"]!.GetValue<string>());
        Assert.Contains("Mixed encodings", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loader_Xlsx_FirstSheetMergedCellsAndOtherSheetsNoted()
    {
        var (sys, rid, status) = await LoadAsync(Xlsx.Build(), "book.xlsx");
        Assert.Equal("complete", status["status"]!.GetValue<string>());
        Assert.Contains(Notes(status), n => n.Contains("only the first (\"ข้อมูล\")", StringComparison.Ordinal) && n.Contains("\"Notes\"", StringComparison.Ordinal));
        Assert.Contains(Notes(status), n => n.Contains("merged", StringComparison.Ordinal));
        var result = await SearchAsync(sys, rid);
        Assert.Equal(2, result["total"]!.GetValue<long>());
        Assert.Equal("ภาคเหนือ", result["records"]![0]!["ภาค"]!.GetValue<string>());
        Assert.Null(result["records"]![1]!["ภาค"]);
        Assert.Equal(42, result["records"]![1]!["จำนวน"]!.GetValue<long>());
    }

    [Fact]
    public async Task Loader_BrokenReload_KeepsPreviousTable()
    {
        var (sys, token, datasetId) = await DatasetAsync();
        var r = await SendFileAsync(token, "resource_create", "package_id", datasetId, Encoding.UTF8.GetBytes("a,b\n1,x\n2,y\n"), "good.csv");
        var rid = r["id"]!.GetValue<string>();
        var first = await WaitAsync(sys, rid);
        Assert.Equal("complete", first["status"]!.GetValue<string>());

        await SendFileAsync(token, "resource_update", "id", rid, Encoding.UTF8.GetBytes("a,b\n3,\"oops\n"), "bad.csv");
        var second = await WaitAsync(sys, rid, first["job_id"]!.GetValue<string>());
        Assert.Equal("error", second["status"]!.GetValue<string>());
        var kept = await SearchAsync(sys, rid);
        Assert.Equal(2, kept["total"]!.GetValue<long>());
        Assert.Equal("y", kept["records"]![1]!["b"]!.GetValue<string>());
        Assert.True((await sys.GetAsync("resource_show?id=" + rid)).Ok().Result!["datastore_active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Loader_TypeOverride_BadValueReportedGoodReloadTyped()
    {
        var (sys, rid, status) = await LoadAsync(Encoding.UTF8.GetBytes("code,amount\n001,10\n002,n/a\n"), "override.csv");
        Assert.Equal("complete", status["status"]!.GetValue<string>());
        var fields = (await SearchAsync(sys, rid))["fields"]!.AsArray();
        Assert.Equal("text", fields[1]!["type"]!.GetValue<string>());
        Assert.Equal("text", fields[2]!["type"]!.GetValue<string>());

        // The publisher says amount is an integer: the reload reports the bad cell and keeps the table.
        (await sys.PostAsync("datastore_create", new JsonObject
        {
            ["resource_id"] = rid, ["force"] = true,
            ["fields"] = JsonNode.Parse("""[{"id":"code"},{"id":"amount","info":{"type_override":"int","label":"จำนวนเงิน"}}]"""),
        })).Ok();
        (await sys.PostAsync("xloader_submit", new { resource_id = rid })).Ok();
        var second = await WaitAsync(sys, rid, status["job_id"]!.GetValue<string>());
        Assert.Equal("error", second["status"]!.GetValue<string>());
        var error = second["errors"]![0]!;
        Assert.Equal(3, error["row"]!.GetValue<long>());
        Assert.Equal("amount", error["column"]!.GetValue<string>());
        Assert.Equal("n/a", error["value"]!.GetValue<string>());
        Assert.Equal(2, (await SearchAsync(sys, rid))["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task Loader_GuessedTypeContradictedLater_WidensColumnNoValueLost()
    {
        var sb = new StringBuilder("n,label\n");
        for (var i = 0; i < 1500; i++)
        {
            sb.Append(i.ToString(CultureInfo.InvariantCulture)).Append(",x\n");
        }
        sb.Append("12.5,y\nsee note,z\n");
        var (sys, rid, status) = await LoadAsync(Encoding.UTF8.GetBytes(sb.ToString()), "widen.csv");
        Assert.Equal("complete", status["status"]!.GetValue<string>());
        Assert.Equal(1502, status["rows"]!.GetValue<long>());
        Assert.Contains(Notes(status), n => n.Contains("loaded as text", StringComparison.Ordinal));
        var last = await SearchAsync(sys, rid, new { filters = new { label = "z" } });
        Assert.Equal("see note", last["records"]![0]!["n"]!.GetValue<string>());
    }

    [Fact]
    public async Task Loader_SubDistrictMasterData_LoadsAllRowsWithCoordinates()
    {
        var sb = new StringBuilder("code,name_th,name_en,district_th,province_th,province_en,zip,lat,long\n");
        foreach (var s in AdministrativeAreas.SubDistricts)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{s.Code},{s.NameTh},\"{s.NameEn}\",{s.DistrictTh},{s.ProvinceTh},\"{s.ProvinceEn}\",{s.ZipCode},{s.Latitude?.ToString(CultureInfo.InvariantCulture)},{s.Longitude?.ToString(CultureInfo.InvariantCulture)}\n");
        }
        var (sys, rid, status) = await LoadAsync(Encoding.UTF8.GetBytes(sb.ToString()), "sub_districts.csv");
        Assert.Equal("complete", status["status"]!.GetValue<string>());
        Assert.Equal(AdministrativeAreas.SubDistricts.Count, status["rows"]!.GetValue<long>());
        var chiangMai = await SearchAsync(sys, rid, new { filters = new { province_en = "Chiang Mai" }, limit = 0 });
        Assert.Equal(AdministrativeAreas.SubDistricts.Count(s => s.ProvinceEn == "Chiang Mai"), chiangMai["total"]!.GetValue<long>());
        var north = await SearchAsync(sys, rid, new { filters = new { lat = new { gte = 19.5 } }, limit = 0 });
        Assert.Equal(AdministrativeAreas.SubDistricts.Count(s => s.Latitude >= 19.5), north["total"]!.GetValue<long>());
        var fields = (await sys.PostAsync("datastore_info", new { resource_id = rid })).Ok().Result!["fields"]!.AsArray();
        Assert.Equal("numeric", fields.Single(f => f!["id"]!.GetValue<string>() == "lat")!["type"]!.GetValue<string>());
    }
}

public sealed class DatastoreLoaderTestsSqlite(SqliteApp app) : DatastoreLoaderTests(app), IClassFixture<SqliteApp>;

public sealed class DatastoreLoaderTestsPostgres(PostgresApp app) : DatastoreLoaderTests(app), IClassFixture<PostgresApp>;

/// <summary>A minimal two-sheet XLSX written by hand (OpenXML parts in a zip), with a merged range on the first sheet.</summary>
internal static class Xlsx
{
    public static byte[] Build()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string path, string xml)
            {
                using var w = new StreamWriter(zip.CreateEntry(path).Open(), new UTF8Encoding(false));
                w.Write(xml);
            }
            Part("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                <Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                </Types>
                """);
            Part("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
                </Relationships>
                """);
            Part("xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                <sheets><sheet name="ข้อมูล" sheetId="1" r:id="rId1"/><sheet name="Notes" sheetId="2" r:id="rId2"/></sheets>
                </workbook>
                """);
            Part("xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
                <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>
                </Relationships>
                """);
            Part("xl/worksheets/sheet1.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
                <row r="1"><c r="A1" t="inlineStr"><is><t>ภาค</t></is></c><c r="B1" t="inlineStr"><is><t>จังหวัด</t></is></c><c r="C1" t="inlineStr"><is><t>จำนวน</t></is></c></row>
                <row r="2"><c r="A2" t="inlineStr"><is><t>ภาคเหนือ</t></is></c><c r="B2" t="inlineStr"><is><t>เชียงใหม่</t></is></c><c r="C2"><v>10</v></c></row>
                <row r="3"><c r="A3"/><c r="B3" t="inlineStr"><is><t>ลำพูน</t></is></c><c r="C3"><v>42</v></c></row>
                </sheetData><mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells></worksheet>
                """);
            Part("xl/worksheets/sheet2.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
                <row r="1"><c r="A1" t="inlineStr"><is><t>source: test</t></is></c></row>
                </sheetData></worksheet>
                """);
        }
        return ms.ToArray();
    }
}
