using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using GovChannel.Tests;
using GovChannel.Web.Areas.OpenData.Datastore;
using Microsoft.Extensions.DependencyInjection;

namespace GovChannel.Web.Tests.OpenData.Datastore;

/// <summary>The DataStore API over HTTP (reference/ckan.md §5 and §6.2 case 45), on both databases.</summary>
public abstract class DatastoreApiTests(GovChannelApp app)
{
    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<(Ckan Sys, string DatasetId)> DatasetAsync(bool isPrivate = false)
    {
        var token = await app.UserTokenAsync("ds-sysadmin", sysadmin: true);
        var sys = app.Ckan(token);
        var org = await app.AddGroupAsync(Unique("org"), "สำนักงานทดสอบ");
        var d = (await sys.PostAsync("package_create", new { name = Unique("ds"), owner_org = org, @private = isPrivate })).Ok().Result!;
        return (sys, d["id"]!.GetValue<string>());
    }

    /// <summary>A datastore-only resource (created through datastore_create's resource dict) with the given table.</summary>
    private async Task<(Ckan Sys, string ResourceId)> TableAsync(JsonObject create, bool isPrivate = false)
    {
        var (sys, datasetId) = await DatasetAsync(isPrivate);
        create["resource"] = new JsonObject { ["package_id"] = datasetId, ["name"] = "table" };
        var r = (await sys.PostAsync("datastore_create", create)).Ok().Result!;
        return (sys, r["resource_id"]!.GetValue<string>());
    }

    private static JsonArray Records(params object[] records) =>
        new(records.Select(r => JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(r))).ToArray());

    [Fact]
    public async Task DatastoreSearch_Case45_LimitTotalFormatsNextPage()
    {
        var (sys, datasetId) = await DatasetAsync();
        var res = (await sys.PostAsync("resource_create", new { package_id = datasetId, url = "http://example.go.th/years.csv" })).Ok().Result!;
        var rid = res["id"]!.GetValue<string>();
        (await sys.PostAsync("datastore_create", new JsonObject
        {
            ["resource_id"] = rid, ["force"] = true,
            ["records"] = new JsonArray(new JsonObject { ["the year"] = 2014 }, new JsonObject { ["the year"] = 2013 }),
        })).Ok();

        var one = (await sys.PostAsync("datastore_search", new { resource_id = rid, limit = 1 })).Ok().Result!;
        Assert.Equal(2, one["total"]!.GetValue<long>());
        Assert.Equal(1, one["limit"]!.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"_id":1,"the year":2014}]"""), one["records"]));
        Assert.False(one["total_was_estimated"]!.GetValue<bool>());

        var noTotal = (await sys.PostAsync("datastore_search", new { resource_id = rid, include_total = false })).Ok().Result!.AsObject();
        Assert.False(noTotal.ContainsKey("total"));
        Assert.False(noTotal.ContainsKey("total_was_estimated"));

        var bad = await sys.PostAsync("datastore_search", new { resource_id = rid, limit = "bad" });
        Assert.Equal(409, bad.Status);
        Assert.Equal("Invalid integer", bad.Error!["limit"]![0]!.GetValue<string>());
        var negative = await sys.PostAsync("datastore_search", new { resource_id = rid, limit = -1 });
        Assert.Equal("Must be a natural number", negative.Error!["limit"]![0]!.GetValue<string>());

        // GET works too (datastore_search is side-effect free), with id as an alias of resource_id.
        var get = (await sys.GetAsync($"datastore_search?id={rid}&limit=5")).Ok().Result!;
        Assert.Equal(2, get["records"]!.AsArray().Count);
        var shown = (await sys.GetAsync("resource_show?id=" + rid)).Ok().Result!;
        Assert.True(shown["datastore_active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task DatastoreSearch_SortListsCsvAndNextPage_MatchCkan()
    {
        var (sys, rid) = await TableAsync(new JsonObject
        {
            ["fields"] = JsonNode.Parse("""[{"id":"num","type":"int"},{"id":"dt","type":"timestamp"},{"id":"txt","type":"text"}]"""),
            ["records"] = JsonNode.Parse("""[{"num":10,"dt":"2020-01-01","txt":"aaab"},{"num":9,"dt":"2020-01-02","txt":"aaab"},{"num":9,"dt":"2020-01-01","txt":"aaac"}]"""),
        });
        var lists = (await sys.PostAsync("datastore_search", new { resource_id = rid, sort = "num, dt", records_format = "lists" })).Ok().Result!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            [[3,9,"2020-01-01T00:00:00.000","aaac"],[2,9,"2020-01-02T00:00:00.000","aaab"],[1,10,"2020-01-01T00:00:00.000","aaab"]]
            """), lists["records"]), lists["records"]!.ToJsonString());
        var csv = (await sys.PostAsync("datastore_search", new { resource_id = rid, sort = "num, dt", records_format = "csv" })).Ok().Result!;
        Assert.Equal("3,9,2020-01-01T00:00:00.000,aaac\n2,9,2020-01-02T00:00:00.000,aaab\n1,10,2020-01-01T00:00:00.000,aaab\n", csv["records"]!.GetValue<string>());
        var tsv = (await sys.PostAsync("datastore_search", new { resource_id = rid, sort = "num desc", records_format = "tsv", fields = "num,txt" })).Ok().Result!;
        Assert.Equal("10\taaab\n9\taaab\n9\taaac\n", tsv["records"]!.GetValue<string>());
        Assert.Equal(["num", "txt"], tsv["fields"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()));

        var page = (await sys.PostAsync("datastore_search", new { resource_id = rid, include_next_page = true, limit = 2 })).Ok().Result!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"_id":{"gt":2}}"""), page["next_page"]));
        var next = (await sys.PostAsync("datastore_search", new JsonObject { ["resource_id"] = rid, ["filters"] = page["next_page"]!.DeepClone(), ["limit"] = 2 })).Ok().Result!;
        Assert.Equal(3, next["records"]![0]!["_id"]!.GetValue<long>());

        var fields = lists["fields"]!.AsArray().Select(f => f!["id"]!.GetValue<string>() + ":" + f["type"]!.GetValue<string>());
        Assert.Equal(["_id:int", "num:int", "dt:timestamp", "txt:text"], fields);
        var distinct = (await sys.PostAsync("datastore_search", new { resource_id = rid, distinct = true, fields = new[] { "txt" }, sort = "txt" })).Ok().Result!;
        Assert.Equal(2, distinct["total"]!.GetValue<long>());
        Assert.Equal(2, distinct["records"]!.AsArray().Count);
    }

    [Fact]
    public async Task DatastoreSearch_LimitAbove32000_IsClamped()
    {
        var (sys, rid) = await TableAsync(new JsonObject { ["records"] = Records(new { a = 1 }) });
        var r = (await sys.PostAsync("datastore_search", new { resource_id = rid, limit = 50000 })).Ok().Result!;
        Assert.Equal(32000, r["limit"]!.GetValue<int>());
    }

    [Fact]
    public async Task DatastoreSearch_Filters_RangesListsOrAndEscapes()
    {
        var (sys, rid) = await TableAsync(new JsonObject
        {
            ["fields"] = JsonNode.Parse("""[{"id":"year","type":"int"},{"id":"name","type":"text"},{"id":"$price","type":"numeric"}]"""),
            ["records"] = JsonNode.Parse("""
                [{"year":2005,"name":"a","$price":1.5},{"year":2012,"name":"b","$price":2},{"year":2015,"name":"c","$price":3},
                 {"year":2019,"name":"d","$price":4},{"year":2021,"name":"e","$price":5}]
                """),
        });
        async Task<string[]> Names(string filters)
        {
            var r = (await sys.PostAsync("datastore_search", new JsonObject { ["resource_id"] = rid, ["filters"] = JsonNode.Parse(filters), ["sort"] = "name" })).Ok().Result!;
            return r["records"]!.AsArray().Select(x => x!["name"]!.GetValue<string>()).ToArray();
        }
        Assert.Equal(["b", "c", "d"], await Names("""{"year":{"gte":2010,"lte":2019}}"""));
        Assert.Equal(["c", "d"], await Names("""{"year":{"gt":2012,"lt":2021}}"""));
        Assert.Equal(["a", "e"], await Names("""{"year":[2005,2021]}"""));
        Assert.Equal(["a", "c", "d", "e"], await Names("""{"year":[2005,{"gte":2015}]}"""));
        Assert.Equal(["a", "e"], await Names("""[{"name":"a"},{"year":{"gt":2020}}]"""));
        Assert.Equal(["b", "e"], await Names("""{"$or":[{"name":"b"},{"name":"e"}],"year":{"gt":2000}}"""));
        Assert.Equal(["d"], await Names("""{"$$price":4}"""));
        Assert.Equal(["c"], await Names("""{"name":"c","year":"2015"}"""));

        // Filters sent as a JSON string in a GET query string, as DataTables and browsers do.
        var get = (await sys.GetAsync($"datastore_search?resource_id={rid}&filters={Uri.EscapeDataString("""{"year":{"lt":2010}}""")}")).Ok().Result!;
        Assert.Equal(1, get["total"]!.GetValue<long>());
        Assert.Single(get["records"]!.AsArray());

        var unknown = await sys.PostAsync("datastore_search", new JsonObject { ["resource_id"] = rid, ["filters"] = JsonNode.Parse("""{"nope":1}""") });
        Assert.Equal(409, unknown.Status);
        Assert.Equal("field \"nope\" not in table", unknown.Error!["filters"]![0]!.GetValue<string>());
        var injection = await sys.PostAsync("datastore_search", new { resource_id = rid, sort = "name; DROP TABLE x" });
        Assert.Equal(409, injection.Status);
        var badValue = await sys.PostAsync("datastore_search", new JsonObject { ["resource_id"] = rid, ["filters"] = JsonNode.Parse("""{"year":"abc"}""") });
        Assert.Equal("Validation Error", badValue.ErrorType);
    }

    [Fact]
    public async Task DatastoreSearch_ThaiWordInsideSentence_IsFoundByQ()
    {
        var (sys, rid) = await TableAsync(new JsonObject
        {
            ["records"] = JsonNode.Parse("""
                [{"name":"โรงพยาบาลประจำจังหวัดเชียงใหม่","n":1},{"name":"สำนักงานสถิติแห่งชาติ","n":2},{"name":"Bangkok city hall","n":3}]
                """),
        });
        var thai = (await sys.PostAsync("datastore_search", new { resource_id = rid, q = "จังหวัด" })).Ok().Result!;
        Assert.Equal(1, thai["total"]!.GetValue<long>());
        Assert.Equal(1, thai["records"]![0]!["n"]!.GetValue<long>());
        var two = (await sys.PostAsync("datastore_search", new { resource_id = rid, q = "สถิติ แห่งชาติ" })).Ok().Result!;
        Assert.Equal(2, two["records"]![0]!["n"]!.GetValue<long>());
        var english = (await sys.PostAsync("datastore_search", new { resource_id = rid, q = "BANGKOK" })).Ok().Result!;
        Assert.Equal(3, english["records"]![0]!["n"]!.GetValue<long>());
        var none = (await sys.PostAsync("datastore_search", new { resource_id = rid, q = "ภูเก็ต" })).Ok().Result!;
        Assert.Equal(0, none["total"]!.GetValue<long>());
        var perField = (await sys.PostAsync("datastore_search", new JsonObject { ["resource_id"] = rid, ["q"] = new JsonObject { ["name"] = "hall" } })).Ok().Result!;
        Assert.Equal(3, perField["records"]![0]!["n"]!.GetValue<long>());
    }

    [Fact]
    public async Task DatastoreCreate_ResourceAndResourceIdRules_AreCkanErrors()
    {
        var (sys, datasetId) = await DatasetAsync();
        var both = await sys.PostAsync("datastore_create", new { resource_id = "x", resource = new { package_id = datasetId } });
        Assert.Equal(409, both.Status);
        Assert.Equal("resource cannot be used with resource_id", both.Error!["resource"]![0]!.GetValue<string>());
        var neither = await sys.PostAsync("datastore_create", new { records = Array.Empty<object>() });
        Assert.Equal("resource_id or resource required", neither.Error!["resource_id"]![0]!.GetValue<string>());
        var badField = await sys.PostAsync("datastore_create", new { resource = new { package_id = datasetId }, fields = new[] { new { id = "_bad", type = "text" } } });
        Assert.Equal(409, badField.Status);
        Assert.Contains("not a valid field name", badField.Error!["fields"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DatastoreUpsert_InsertUpdateUpsertReadOnlyDryRun()
    {
        var (sys, rid) = await TableAsync(new JsonObject
        {
            ["fields"] = JsonNode.Parse("""[{"id":"code","type":"text"},{"id":"population","type":"int"}]"""),
            ["primary_key"] = "code",
            ["records"] = JsonNode.Parse("""[{"code":"10","population":5000},{"code":"50","population":1200}]"""),
        });
        (await sys.PostAsync("datastore_upsert", new JsonObject
        {
            ["resource_id"] = rid, ["records"] = JsonNode.Parse("""[{"code":"10","population":5100},{"code":"90","population":700}]"""),
        })).Ok();
        var all = (await sys.PostAsync("datastore_search", new { resource_id = rid, sort = "code" })).Ok().Result!;
        Assert.Equal(3, all["total"]!.GetValue<long>());
        Assert.Equal([5100L, 1200L, 700L], all["records"]!.AsArray().Select(r => r!["population"]!.GetValue<long>()));

        var duplicate = await sys.PostAsync("datastore_upsert", new JsonObject { ["resource_id"] = rid, ["method"] = "insert", ["records"] = JsonNode.Parse("""[{"code":"10","population":1}]""") });
        Assert.Equal(409, duplicate.Status);
        Assert.NotNull(duplicate.Error!["constraints"]);
        var missing = await sys.PostAsync("datastore_upsert", new JsonObject { ["resource_id"] = rid, ["method"] = "update", ["records"] = JsonNode.Parse("""[{"code":"77","population":1}]""") });
        Assert.Equal(409, missing.Status);
        Assert.NotNull(missing.Error!["key"]);
        var byId = await sys.PostAsync("datastore_upsert", new JsonObject { ["resource_id"] = rid, ["method"] = "update", ["records"] = JsonNode.Parse("""[{"_id":2,"population":1300}]""") });
        byId.Ok();
        var dry = await sys.PostAsync("datastore_upsert", new JsonObject { ["resource_id"] = rid, ["method"] = "insert", ["dry_run"] = true, ["records"] = JsonNode.Parse("""[{"code":"99","population":1}]""") });
        dry.Ok();
        var after = (await sys.PostAsync("datastore_search", new { resource_id = rid, sort = "code" })).Ok().Result!;
        Assert.Equal(3, after["total"]!.GetValue<long>());
        Assert.Equal(1300, after["records"]![1]!["population"]!.GetValue<long>());
        var wrongType = await sys.PostAsync("datastore_upsert", new JsonObject { ["resource_id"] = rid, ["method"] = "insert", ["records"] = JsonNode.Parse("""[{"code":"98","population":"many"}]""") });
        Assert.Equal(409, wrongType.Status);

        // A resource with a file URL is read-only unless force=true.
        var (sys2, datasetId) = await DatasetAsync();
        var linked = (await sys2.PostAsync("resource_create", new { package_id = datasetId, url = "http://example.go.th/data.csv", format = "PDF" })).Ok().Result!["id"]!.GetValue<string>();
        (await sys2.PostAsync("datastore_create", new { resource_id = linked, force = true, records = new[] { new { a = 1 } } })).Ok();
        var readOnly = await sys2.PostAsync("datastore_upsert", new { resource_id = linked, method = "insert", records = new[] { new { a = 2 } } });
        Assert.Equal(409, readOnly.Status);
        Assert.StartsWith("Cannot edit read-only resource", readOnly.Error!["read-only"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        (await sys2.PostAsync("datastore_upsert", new { resource_id = linked, method = "insert", force = true, records = new[] { new { a = 2 } } })).Ok();
    }

    [Fact]
    public async Task DatastoreDelete_FiltersRecordsDeleteAndDrop()
    {
        var (sys, rid) = await TableAsync(new JsonObject { ["records"] = Records(new { k = "a", v = 1 }, new { k = "b", v = 2 }, new { k = "c", v = 3 }) });
        (await sys.PostAsync("datastore_delete", new JsonObject { ["resource_id"] = rid, ["filters"] = new JsonObject { ["k"] = "a" } })).Ok();
        Assert.Equal(2, (await sys.PostAsync("datastore_search", new { resource_id = rid })).Ok().Result!["total"]!.GetValue<long>());
        var noFilters = await sys.PostAsync("datastore_records_delete", new { resource_id = rid });
        Assert.Equal(409, noFilters.Status);
        Assert.NotNull(noFilters.Error!["filters"]);
        (await sys.PostAsync("datastore_records_delete", new JsonObject { ["resource_id"] = rid, ["filters"] = new JsonObject() })).Ok();
        var empty = (await sys.PostAsync("datastore_search", new { resource_id = rid })).Ok().Result!;
        Assert.Equal(0, empty["total"]!.GetValue<long>());
        Assert.Equal(3, empty["fields"]!.AsArray().Count);
        var info = (await sys.PostAsync("datastore_info", new { resource_id = rid })).Ok().Result!;
        Assert.Equal(0, info["meta"]!["count"]!.GetValue<long>());
        Assert.Equal("text", info["fields"]![0]!["schema"]!["native_type"]!.GetValue<string>());

        (await sys.PostAsync("datastore_delete", new { resource_id = rid })).Ok();
        Assert.Equal(404, (await sys.PostAsync("datastore_search", new { resource_id = rid })).Status);
        Assert.False((await sys.GetAsync("resource_show?id=" + rid)).Ok().Result!["datastore_active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task DatastoreInfo_MetaAndFieldSchema()
    {
        var (sys, rid) = await TableAsync(new JsonObject
        {
            ["fields"] = JsonNode.Parse("""[{"id":"code","type":"text","info":{"label":"รหัส","notes":"DOPA code"}},{"id":"n","type":"int"}]"""),
            ["primary_key"] = "code",
            ["indexes"] = "n",
            ["records"] = Records(new { code = "1", n = 1 }, new { code = "2", n = 2 }),
        });
        var info = (await sys.GetAsync("datastore_info?id=" + rid)).Ok().Result!;
        var meta = info["meta"]!.AsObject();
        Assert.Equal(["aliases", "count", "db_size", "id", "idx_size", "size", "table_type"], meta.Select(kv => kv.Key).Order(StringComparer.Ordinal));
        Assert.Equal(2, meta["count"]!.GetValue<long>());
        var code = info["fields"]![0]!;
        Assert.Equal("รหัส", code["info"]!["label"]!.GetValue<string>());
        Assert.True(code["schema"]!["uniquekey"]!.GetValue<bool>());
        Assert.True(info["fields"]![1]!["schema"]!["is_index"]!.GetValue<bool>());
        Assert.Equal("int4", info["fields"]![1]!["schema"]!["native_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task DatastoreDump_CsvTsvJsonXml_BomAndFormulaNeutralised()
    {
        var (_, rid) = await TableAsync(new JsonObject
        {
            ["fields"] = JsonNode.Parse("""[{"id":"name","type":"text"},{"id":"n","type":"int"},{"id":"the note","type":"text"}]"""),
            ["records"] = JsonNode.Parse("""[{"name":"=SUM(A1:A9)","n":-5,"the note":"ตำบล, \"ก\""},{"name":"@cmd","n":2,"the note":"+1"}]"""),
        });
        var client = app.CreateClient();
        var csvBytes = await client.GetByteArrayAsync($"/datastore/dump/{rid}?bom=true");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csvBytes[..3]);
        var csv = Encoding.UTF8.GetString(csvBytes[3..]);
        Assert.Equal("_id,name,n,the note\n1,'=SUM(A1:A9),-5,\"ตำบล, \"\"ก\"\"\"\n2,'@cmd,2,'+1\n", csv);
        var tsv = await client.GetStringAsync($"/datastore/dump/{rid}?format=tsv&fields=name,n&sort=n%20desc");
        Assert.Equal("name\tn\n'@cmd\t2\n'=SUM(A1:A9)\t-5\n", tsv);
        var json = JsonNode.Parse(await client.GetStringAsync($"/datastore/dump/{rid}?format=json&filters={Uri.EscapeDataString("""{"n":2}""")}"))!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[[2,"@cmd",2,"+1"]]"""), json["records"]));
        Assert.Equal(4, json["fields"]!.AsArray().Count);
        var xml = await client.GetStringAsync($"/datastore/dump/{rid}?format=xml&limit=1");
        Assert.Contains("<row><_id>1</_id><name>=SUM(A1:A9)</name><n>-5</n><value key=\"the note\">ตำบล, \"ก\"</value></row>", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<_id>2</_id>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Datastore_PrivateDataset_AnonymousAndOutsidersRefused()
    {
        var (sys, rid) = await TableAsync(new JsonObject { ["records"] = Records(new { secret = "x" }) }, isPrivate: true);
        (await sys.PostAsync("datastore_search", new { resource_id = rid })).Ok();
        var anonymous = await app.Ckan().PostAsync("datastore_search", new { resource_id = rid });
        Assert.Equal(403, anonymous.Status);
        Assert.False(anonymous.Success);
        var outsider = await app.UserTokenAsync(Unique("outsider"));
        var refused = await app.Ckan(outsider).PostAsync("datastore_search", new { resource_id = rid });
        Assert.Equal(403, refused.Status);
        Assert.Equal("Authorization Error", refused.ErrorType);
        Assert.Equal(403, (await app.Ckan(outsider).GetAsync("datastore_info?id=" + rid)).Status);
        Assert.Equal(403, (await app.Ckan(outsider).PostAsync("datastore_upsert", new { resource_id = rid, records = new[] { new { secret = "y" } } })).Status);
        Assert.Equal(403, (await app.Ckan(outsider).PostAsync("datastore_delete", new { resource_id = rid })).Status);
        var dump = await app.CreateClient().GetAsync($"/datastore/dump/{rid}");
        Assert.Equal(HttpStatusCode.Forbidden, dump.StatusCode);
        Assert.Equal(404, (await sys.PostAsync("datastore_search", new { resource_id = Guid.NewGuid().ToString() })).Status);
    }

    [Fact]
    public async Task DatastoreQuery_FullTextPending_QScansTheColumns()
    {
        var (_, rid) = await TableAsync(new JsonObject { ["records"] = Records(new { name = "สำนักงานสถิติแห่งชาติ", n = 1 }, new { name = "กรมการปกครอง", n = 20 }) });
        var store = app.Services.GetRequiredService<DatastoreDb>();
        await using var conn = await store.OpenAsync(CancellationToken.None);
        var meta = (await store.MetaAsync(conn, null, rid, CancellationToken.None))!;
        // As after a file load, before FullTextStep has filled _full_text and built its index.
        meta.FullTextReady = false;
        foreach (var (q, expected) in new[] { ("สถิติ", "สำนักงานสถิติแห่งชาติ"), ("การปกครอง", "กรมการปกครอง"), ("20", "กรมการปกครอง") })
        {
            var query = new DatastoreQuery(store, meta).Build(new JsonObject { ["q"] = q });
            Assert.DoesNotContain("_full_text", query.Where, StringComparison.Ordinal);
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = query.SelectSql(10, 0);
            query.Bind(cmd);
            var names = new List<string>();
            await using (var reader = await cmd.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    names.Add(reader.GetString(query.Selected.FindIndex(f => f.Id == "name")));
                }
            }
            Assert.Equal([expected], names);
        }
    }

    [Fact]
    public async Task DatastoreCreate_Aliases_ReadLikeTheResourceAndGoWithItsTable()
    {
        var a1 = Unique("provinces");
        var a2 = Unique("ตาราง");
        var (sys, rid) = await TableAsync(new JsonObject
        {
            ["aliases"] = a1 + "," + a2, // a comma-separated string, as CKAN accepts
            ["records"] = Records(new { province = "เชียงใหม่", n = 1 }, new { province = "ขอนแก่น", n = 2 }),
        }, isPrivate: true);

        var search = (await sys.PostAsync("datastore_search", new { resource_id = a1, sort = "n" })).Ok().Result!;
        Assert.Equal(rid, search["resource_id"]!.GetValue<string>());
        Assert.Equal(2, search["total"]!.GetValue<long>());
        Assert.Equal("เชียงใหม่", search["records"]![0]!["province"]!.GetValue<string>());
        var info = (await sys.GetAsync("datastore_info?id=" + Uri.EscapeDataString(a2))).Ok().Result!;
        Assert.Equal(rid, info["meta"]!["id"]!.GetValue<string>());
        Assert.Equal(new[] { a1, a2 }.Order(StringComparer.Ordinal), info["meta"]!["aliases"]!.AsArray().Select(a => a!.GetValue<string>()));
        var dump = await sys.SendAsync(HttpMethod.Get, "/datastore/dump/" + Uri.EscapeDataString(a2) + "?format=csv", null, await app.UserTokenAsync("ds-sysadmin", sysadmin: true));
        Assert.Equal(200, dump.Status);
        Assert.Contains("ขอนแก่น", dump.Body, StringComparison.Ordinal);

        // CKAN's _table_metadata: the table and its aliases, for those who may read the resource.
        var listed = (await sys.PostAsync("datastore_search", new JsonObject
        {
            ["resource_id"] = "_table_metadata", ["filters"] = new JsonObject { ["alias_of"] = rid },
        })).Ok().Result!;
        Assert.Equal(new[] { a1, a2 }.Order(StringComparer.Ordinal), listed["records"]!.AsArray().Select(x => x!["name"]!.GetValue<string>()));
        var table = (await sys.PostAsync("datastore_search", new JsonObject { ["resource_id"] = "_table_metadata", ["filters"] = new JsonObject { ["name"] = rid } })).Ok().Result!;
        Assert.Equal(1, table["total"]!.GetValue<long>());
        Assert.Null(table["records"]![0]!["alias_of"]);
        var hidden = (await app.Ckan().PostAsync("datastore_search", new JsonObject { ["resource_id"] = "_table_metadata", ["filters"] = new JsonObject { ["alias_of"] = rid } })).Ok().Result!;
        Assert.Equal(0, hidden["total"]!.GetValue<long>());

        // Permissions are the aliased resource's (the dataset is private).
        Assert.Equal(403, (await app.Ckan().PostAsync("datastore_search", new { resource_id = a1 })).Status);
        Assert.Equal(403, (await app.Ckan().GetAsync("datastore_info?id=" + a1)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.CreateClient().GetAsync("/datastore/dump/" + a1)).StatusCode);

        // A column added later is there through the alias too.
        (await sys.PostAsync("datastore_create", new JsonObject { ["resource_id"] = rid, ["force"] = true, ["records"] = Records(new { province = "ลำพูน", n = 3, zip = "51000" }) })).Ok();
        var wider = (await sys.PostAsync("datastore_search", new { resource_id = a2, filters = new { zip = "51000" } })).Ok().Result!;
        Assert.Equal("ลำพูน", wider["records"]![0]!["province"]!.GetValue<string>());

        // Taken names: another resource's alias, a resource id, a DataStore table; bad names.
        var (_, other) = await TableAsync(new JsonObject { ["records"] = Records(new { x = 1 }) });
        foreach (var (alias, message) in new[] { (a1, "already exists"), (rid, "already exists"), ("_private", "not a valid alias name"), ("bad\"name", "not a valid alias name") })
        {
            var taken = await sys.PostAsync("datastore_create", new JsonObject { ["resource_id"] = other, ["force"] = true, ["aliases"] = new JsonArray(alias) });
            Assert.Equal(409, taken.Status);
            Assert.Contains(message, taken.Error!["alias"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        }
        var onTable = await sys.PostAsync("datastore_create", new JsonObject { ["resource_id"] = rid, ["force"] = true, ["aliases"] = new JsonArray(other) });
        Assert.Contains("already exists", onTable.Error!["alias"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(new[] { a1, a2 }.Order(StringComparer.Ordinal), (await sys.GetAsync("datastore_info?id=" + rid)).Ok().Result!["meta"]!["aliases"]!.AsArray().Select(a => a!.GetValue<string>()));

        // Given again, aliases replace the old ones; dropping the table removes them, and the names are free again.
        (await sys.PostAsync("datastore_create", new JsonObject { ["resource_id"] = rid, ["force"] = true, ["aliases"] = new JsonArray(a1) })).Ok();
        Assert.Equal(404, (await sys.PostAsync("datastore_search", new { resource_id = a2 })).Status);
        (await sys.PostAsync("datastore_delete", new { resource_id = rid, force = true })).Ok();
        Assert.Equal(404, (await sys.PostAsync("datastore_search", new { resource_id = a1 })).Status);
        (await sys.PostAsync("datastore_create", new JsonObject { ["resource_id"] = other, ["force"] = true, ["aliases"] = new JsonArray(a1) })).Ok();
        Assert.Equal(other, (await sys.PostAsync("datastore_search", new { resource_id = a1 })).Ok().Result!["resource_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task DatastoreSearch_FilteredTotal_CachedPerTableVersionAndKeysetPage()
    {
        var rows = Enumerable.Range(1, 7).Select(i => (object)new { g = i % 2 == 1 ? "odd" : "even", n = i }).ToArray();
        var (sys, rid) = await TableAsync(new JsonObject { ["records"] = Records(rows), ["primary_key"] = "n" });
        async Task<long> Total(object filters) =>
            (await sys.PostAsync("datastore_search", new JsonObject { ["resource_id"] = rid, ["filters"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(filters)) }))
                .Ok().Result!["total"]!.GetValue<long>();
        Assert.Equal(4, await Total(new { g = "odd" }));
        Assert.Equal(4, await Total(new JsonObject { ["g"] = "odd", ["n"] = new JsonObject { ["gte"] = 0 } }));

        // A row written behind the DataStore's back (no new version): the cached total is what is answered, so the
        // repeated query did not count again. The same filters in another order are the same query.
        var store = app.Services.GetRequiredService<DatastoreDb>();
        async Task RawInsertAsync(int n, bool newVersion)
        {
            await using var conn = await store.OpenAsync(CancellationToken.None);
            await using var tx = await conn.BeginTransactionAsync();
            await DatastoreDb.ExecAsync(conn, tx, $"INSERT INTO {store.T(rid)} (g, n, _full_text) VALUES ('odd', {n}, 'odd {n}')", CancellationToken.None);
            if (newVersion)
            {
                await store.AddCountAsync(conn, tx, rid, 1, CancellationToken.None);
            }
            await tx.CommitAsync();
        }
        await RawInsertAsync(101, newVersion: false);
        Assert.Equal(4, await Total(new { g = "odd" }));
        Assert.Equal(4, await Total(new JsonObject { ["n"] = new JsonObject { ["gte"] = 0 }, ["g"] = "odd" }));

        // Every write through the API moves the version: upsert, records_delete, create.
        (await sys.PostAsync("datastore_upsert", new JsonObject { ["resource_id"] = rid, ["force"] = true, ["records"] = Records(new { g = "odd", n = 9 }) })).Ok();
        Assert.Equal(6, await Total(new { g = "odd" }));
        (await sys.PostAsync("datastore_records_delete", new JsonObject { ["resource_id"] = rid, ["force"] = true, ["filters"] = JsonNode.Parse("""{"n":101}""") })).Ok();
        Assert.Equal(5, await Total(new { g = "odd" }));
        (await sys.PostAsync("datastore_create", new JsonObject { ["resource_id"] = rid, ["force"] = true, ["records"] = Records(new { g = "odd", n = 11 }) })).Ok();
        Assert.Equal(6, await Total(new { g = "odd" }));
        // A write by another node (its own DatastoreDb, its own memory) is seen: the version is in the database.
        var otherNode = new DatastoreDb(app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(), app.Services.GetRequiredService<GovChannel.Web.Data.GovChannelSettings>());
        await using (var conn = await otherNode.OpenAsync(CancellationToken.None))
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await DatastoreDb.ExecAsync(conn, tx, $"INSERT INTO {otherNode.T(rid)} (g, n, _full_text) VALUES ('odd', 13, 'odd 13')", CancellationToken.None);
            await otherNode.AddCountAsync(conn, tx, rid, 1, CancellationToken.None);
            await tx.CommitAsync();
        }
        await otherNode.DisposeAsync();
        Assert.Equal(7, await Total(new { g = "odd" }));

        // Keyset paging: each page's total is CKAN's (the rows still ahead), the later ones known from the page before.
        // Odd n now: 1 3 5 7 9 11 13.
        var page = (await sys.PostAsync("datastore_search", new JsonObject
        {
            ["resource_id"] = rid, ["filters"] = JsonNode.Parse("""{"g":"odd"}"""), ["limit"] = 2, ["include_next_page"] = true, ["fields"] = "_id,n",
        })).Ok().Result!;
        Assert.Equal(7, page["total"]!.GetValue<long>());
        await RawInsertAsync(1001, newVersion: false);
        var totals = new List<long>();
        var seen = page["records"]!.AsArray().Select(r => r!["n"]!.GetValue<long>()).ToList();
        while (page["next_page"] is JsonObject next)
        {
            var filters = JsonNode.Parse("""{"g":"odd"}""")!.AsObject();
            filters["_id"] = next["_id"]!.DeepClone();
            page = (await sys.PostAsync("datastore_search", new JsonObject
            {
                ["resource_id"] = rid, ["filters"] = filters, ["limit"] = 2, ["include_next_page"] = true, ["fields"] = "_id,n",
            })).Ok().Result!;
            totals.Add(page["total"]!.GetValue<long>());
            seen.AddRange(page["records"]!.AsArray().Select(r => r!["n"]!.GetValue<long>()));
        }
        // Counted, the pages would include the row 1001 written without a new version; remembered, they do not.
        Assert.Equal([5, 3, 1], totals.Take(3));
        Assert.Equal([1, 3, 5, 7, 9, 11, 13, 1001], seen);
    }

    [Fact]
    public async Task DatastoreSearch_ThaiQueryNeedingNormalisation_SameRowsBeforeAndAfterTheFullTextStep()
    {
        // Stored as typed: ํ + า instead of ำ, เ twice instead of แ, a zero-width space, Thai digits, a doubled tone mark.
        var (sys, rid) = await TableAsync(new JsonObject
        {
            ["records"] = Records(
                new { name = "ท\u0E4D\u0E32งานบ้าน", n = 1 },
                new { name = "\u0E40\u0E40ม่น้ำปิง", n = 2 },
                new { name = "สถิ\u200Bติจังหวัด", n = 3 },
                new { name = "บ้านเลขที่ ๑๒๓", n = 4 },
                new { name = "ผู\u0E49\u0E49ใหญ่บ้าน", n = 5 },
                new { name = "บ้านใหม่ 45", n = 6 }),
        });
        var store = app.Services.GetRequiredService<DatastoreDb>();
        await using var conn = await store.OpenAsync(CancellationToken.None);
        var meta = (await store.MetaAsync(conn, null, rid, CancellationToken.None))!;
        foreach (var (q, expected) in new[] { ("ทำงาน", 1L), ("แม่น้ำ", 2L), ("สถิติ", 3L), ("123", 4L), ("ผู้ใหญ่", 5L) })
        {
            // The full-text path, over HTTP.
            var indexed = (await sys.PostAsync("datastore_search", new { resource_id = rid, q })).Ok().Result!;
            Assert.Equal([expected], indexed["records"]!.AsArray().Select(r => r!["n"]!.GetValue<long>()));

            // The fallback used until the full-text step has finished (as after a file load): same rows.
            meta.FullTextReady = false;
            var query = new DatastoreQuery(store, meta).Build(new JsonObject { ["q"] = q });
            Assert.DoesNotContain("_full_text", query.Where, StringComparison.Ordinal);
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = query.SelectSql(10, 0);
            query.Bind(cmd);
            var found = new List<long>();
            await using (var reader = await cmd.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    found.Add(Convert.ToInt64(reader.GetValue(query.Selected.FindIndex(f => f.Id == "n")), System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            Assert.True(found.SequenceEqual([expected]), $"q={q}: fallback found [{string.Join(",", found)}], expected [{expected}]");
        }
    }

    [Fact]
    public async Task DatastoreSearchSql_DisabledByDefault_IsRefused()
    {
        var (sys, rid) = await TableAsync(new JsonObject { ["records"] = Records(new { a = 1 }) });
        var r = await sys.GetAsync("datastore_search_sql?sql=" + Uri.EscapeDataString($"SELECT * FROM \"{rid}\""));
        Assert.False(r.Success);
        Assert.Equal("Authorization Error", r.ErrorType);
    }
}

public sealed class DatastoreApiTestsSqlite(SqliteApp app) : DatastoreApiTests(app), IClassFixture<SqliteApp>;

public sealed class DatastoreApiTestsPostgres(PostgresApp app) : DatastoreApiTests(app), IClassFixture<PostgresApp>;
