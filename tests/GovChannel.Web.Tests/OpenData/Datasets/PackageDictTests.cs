using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Ckan;

namespace GovChannel.Web.Tests.OpenData.Datasets;

/// <summary>The package dict written straight from the entities (for the index) is the dict the API returns.</summary>
public sealed class PackageDictTests
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static Dataset Rich()
    {
        var created = new DateTime(2024, 2, 29, 23, 59, 58, DateTimeKind.Utc).AddTicks(1_234_567);
        var org = new Group
        {
            Id = "org-1", Name = "dga", Title = "สำนักงานพัฒนารัฐบาลดิจิทัล", Type = "organization", Created = created,
            Description = "หน่วยงาน \"ทดสอบ\"", ImageUrl = null,
        };
        var d = new Dataset
        {
            Id = "ds-1", Name = "budget-2568", Title = "  งบประมาณ 2568 <b>&</b>  ", Author = "กรม", AuthorEmail = null,
            Maintainer = "m", MaintainerEmail = "m@x.go.th", LicenseId = "cc-by", Notes = "บรรทัด\nสอง", Url = null,
            Version = "1.0", State = "active", Type = "", OwnerOrg = org.Id, CreatorUserId = "u-1", Private = true,
            MetadataCreated = created, MetadataModified = created.AddDays(400),
            ExtrasJson = """[{"key":"title_en","value":"Budget \u0e01"},{"key":"n","value":"1"}]""",
            FieldsJson = """{"data_type":"ข้อมูลสถิติ","data_language":["ไทย","English"],"allow_harvest":"True"}""",
            Organization = org,
        };
        var inactive = new Group { Id = "g-0", Name = "a-old", State = "deleted" };
        var health = new Group { Id = "g-2", Name = "health", Title = "" };
        var economy = new Group { Id = "g-1", Name = "economy", Title = "เศรษฐกิจ", Description = "d", ImageUrl = "http://i/1.png" };
        foreach (var g in new[] { health, inactive, economy })
        {
            d.Groups.Add(new DatasetGroup { DatasetId = d.Id, GroupId = g.Id, Group = g });
        }
        foreach (var t in new[] { new Tag { Id = "t-2", Name = "ภาษี" }, new Tag { Id = "t-1", Name = "budget" }, new Tag { Id = "t-3", Name = "v", VocabularyId = "voc" } })
        {
            d.Tags.Add(new DatasetTag { DatasetId = d.Id, TagId = t.Id, Tag = t });
        }
        d.Resources.Add(new Resource
        {
            Id = "r-2", DatasetId = d.Id, Position = 1, Url = "ไฟล์ 1.csv", UrlType = "upload", Format = "CSV", Size = 1234,
            Created = created, LastModified = created.AddHours(1), MetadataModified = null, CacheLastUpdated = new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            ExtrasJson = """{"datastore_active":true,"resource_private":"False","คำ":["ก",2]}""",
        });
        d.Resources.Add(new Resource { Id = "r-1", DatasetId = d.Id, Position = 0, Url = "http://x.go.th/a.xlsx", Name = "ตาราง", Description = null, Created = created });
        d.Resources.Add(new Resource { Id = "r-3", DatasetId = d.Id, Position = 2, Url = "http://x.go.th/gone", State = "deleted", Created = created });
        d.Resources.Add(new Resource { Id = "r-4", DatasetId = d.Id, Position = 3, Url = "http://x.go.th/b", ExtrasJson = """{"datastore_active":false}""", Created = created });
        return d;
    }

    private static string Written(Dataset d)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, PackageDict.Utf8))
        {
            PackageDict.Write(w, d);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    // What PackageDict.Build returned when it built the tree key by key (before 2026-11-25), for the dataset above.
    private const string Expected = """
        {"author":"กรม","author_email":null,"creator_user_id":"u-1","extras":[{"key":"title_en","value":"Budget ก"},{"key":"n","value":"1"}],"groups":[{"description":"d","display_name":"เศรษฐกิจ","id":"g-1","image_display_url":"http://i/1.png","name":"economy","title":"เศรษฐกิจ"},{"description":"","display_name":"health","id":"g-2","image_display_url":"","name":"health","title":""}],"id":"ds-1","isopen":true,"license_id":"cc-by","license_title":"Creative Commons Attribution","license_url":"http://www.opendefinition.org/licenses/cc-by","maintainer":"m","maintainer_email":"m@x.go.th","metadata_created":"2024-02-29T23:59:58.123456","metadata_modified":"2025-04-04T23:59:58.123456","name":"budget-2568","notes":"บรรทัด\nสอง","num_resources":3,"num_tags":2,"organization":{"approval_status":"approved","created":"2024-02-29T23:59:58.123456","description":"หน่วยงาน \"ทดสอบ\"","id":"org-1","image_url":"","is_organization":true,"name":"dga","state":"active","title":"สำนักงานพัฒนารัฐบาลดิจิทัล","type":"organization"},"owner_org":"org-1","private":true,"relationships_as_object":[],"relationships_as_subject":[],"resources":[{"cache_last_updated":null,"cache_url":null,"created":"2024-02-29T23:59:58.123456","description":"","format":"","hash":"","id":"r-1","last_modified":null,"metadata_modified":null,"mimetype":null,"mimetype_inner":null,"name":"ตาราง","package_id":"ds-1","position":0,"resource_type":null,"size":null,"state":"active","url":"http://x.go.th/a.xlsx","url_type":null,"datastore_active":false},{"cache_last_updated":"0001-01-01T00:00:00.000000","cache_url":null,"created":"2024-02-29T23:59:58.123456","description":"","format":"CSV","hash":"","id":"r-2","last_modified":"2024-03-01T00:59:58.123456","metadata_modified":null,"mimetype":null,"mimetype_inner":null,"name":null,"package_id":"ds-1","position":1,"resource_type":null,"size":1234,"state":"active","url":"/dataset/ds-1/resource/r-2/download/%E0%B9%84%E0%B8%9F%E0%B8%A5%E0%B9%8C%201.csv","url_type":"upload","datastore_active":true,"resource_private":"False","คำ":["ก",2]},{"cache_last_updated":null,"cache_url":null,"created":"2024-02-29T23:59:58.123456","description":"","format":"","hash":"","id":"r-4","last_modified":null,"metadata_modified":null,"mimetype":null,"mimetype_inner":null,"name":null,"package_id":"ds-1","position":3,"resource_type":null,"size":null,"state":"active","url":"http://x.go.th/b","url_type":null,"datastore_active":false}],"state":"active","tags":[{"display_name":"budget","id":"t-1","name":"budget","state":"active","vocabulary_id":null},{"display_name":"ภาษี","id":"t-2","name":"ภาษี","state":"active","vocabulary_id":null}],"title":"งบประมาณ 2568 <b>&</b>","type":"dataset","url":null,"version":"1.0","data_type":"ข้อมูลสถิติ","data_language":["ไทย","English"],"allow_harvest":"True"}
        """;

    [Fact]
    public void Build_RichDataset_IsTheCkanDict()
    {
        Assert.Equal(Expected, PackageDict.Build(Rich()).ToJsonString(Relaxed));
    }

    [Fact]
    public void Write_RichDataset_IsTheBytesBuildParses()
    {
        Assert.Equal(Expected, Written(Rich()));
    }

    [Fact]
    public void DatasetKeys_AreTheKeysWriteWrites()
    {
        var d = Rich();
        d.FieldsJson = "{}";
        var dict = JsonNode.Parse(Written(d))!.AsObject();
        Assert.Equal(PackageDict.DatasetKeys.Order(StringComparer.Ordinal), dict.Select(p => p.Key).Order(StringComparer.Ordinal));
        var resource = dict["resources"]![0]!.AsObject();
        Assert.Equal(PackageDict.ResourceKeys.Order(StringComparer.Ordinal), resource.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Write_NoOrganisationNoLicenceEmptyColumns_WritesNullsAndEmptyLists()
    {
        var d = new Dataset { Id = "x", Name = "x", ExtrasJson = "", FieldsJson = "[1]", LicenseId = "unknown-licence" };
        d.Resources.Add(new Resource { Id = "r", DatasetId = "x", ExtrasJson = "[]" });
        var dict = JsonNode.Parse(Written(d))!.AsObject();
        Assert.Equal("[]", dict["extras"]!.ToJsonString());
        Assert.Null(dict["organization"]);
        Assert.True(dict.ContainsKey("organization"));
        Assert.False(dict.ContainsKey("license_url"));
        Assert.Equal("unknown-licence", dict["license_title"]!.GetValue<string>());
        Assert.Equal("x", dict["title"]!.GetValue<string>());
        Assert.Equal("dataset", dict["type"]!.GetValue<string>());
        Assert.False(dict["resources"]![0]!["datastore_active"]!.GetValue<bool>());
        Assert.Null(dict["resources"]![0]!["size"]);
        Assert.Equal(PackageDict.DatasetKeys.Count - 1, dict.Count);
    }

    [Fact]
    public void Write_StoredKeyNamedLikeACoreKey_KeepsTheCoreValue()
    {
        // The API never stores such keys (PackageWriter keeps core keys out of both); data that did must not make a
        // dict with a key twice.
        var d = Rich();
        d.FieldsJson = """{"title":"shadow","data_type":"x"}""";
        d.Resources[3].ExtrasJson = """{"url":"shadow","a":"b"}""";
        var dict = JsonNode.Parse(Written(d))!.AsObject();
        Assert.Equal("งบประมาณ 2568 <b>&</b>", dict["title"]!.GetValue<string>());
        Assert.Equal("x", dict["data_type"]!.GetValue<string>());
        var resource = dict["resources"]![2]!;
        Assert.Equal("http://x.go.th/b", resource["url"]!.GetValue<string>());
        Assert.Equal("b", resource["a"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(637_000_000_000_000_001L)]
    [InlineData(638_765_432_109_876_549L)]
    public void Iso_IsTheCustomFormat(long ticks)
    {
        var random = new Random(7);
        for (var i = 0; i < 1000; i++)
        {
            var value = new DateTime(Math.Min(DateTime.MaxValue.Ticks, ticks + random.NextInt64(0, TimeSpan.TicksPerDay * 3650)), DateTimeKind.Utc);
            Assert.Equal(value.ToString("yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture), Clock.Iso(value));
        }
        Assert.Equal("9999-12-31T23:59:59.999999", Clock.Iso(DateTime.MaxValue));
        Assert.Equal("0001-01-01T00:00:00.000000", Clock.Iso(DateTime.MinValue));
    }
}
