using System.Text.Json.Nodes;
using GovChannel.Tests;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Search;
using Microsoft.Extensions.DependencyInjection;
using static GovChannel.Web.Tests.OpenData.Search.SearchRig;

namespace GovChannel.Web.Tests.OpenData.Search;

/// <summary>The index as a derivative of the database: rebuild, catch-up from other nodes, autocomplete.</summary>
public abstract class SearchIndexTests(GovChannelApp app)
{
    private readonly SearchRig _rig = new(app);

    [Fact]
    public async Task SearchRebuild_AfterWrites_GivesSameResults()
    {
        var (org, _) = await _rig.OrgAsync("หน่วยงานทดสอบ");
        var tag = Unique("tag");
        for (var i = 0; i < 5; i++)
        {
            await _rig.CreateAsync(new JsonObject
            {
                ["name"] = Unique("rb" + i), ["title"] = "ข้อมูลจำนวนประชากร " + i, ["owner_org"] = org, ["tags"] = TagList(tag), ["private"] = i == 4,
                ["resources"] = new JsonArray(new JsonObject { ["url"] = "http://example.go.th/" + i, ["format"] = i % 2 == 0 ? "CSV" : "XLSX" }),
            });
        }
        var sys = await app.UserTokenAsync("search-sysadmin", sysadmin: true);
        (string, string)[] query = [("q", "ประชากร"), ("fq", "tags:" + tag), ("facet.field", "[\"res_format\",\"organization\"]"), ("sort", "name asc"), ("include_private", "true")];
        var before = await _rig.SearchAsync(sys, query);
        Assert.Equal(5, before["count"]!.GetValue<int>());

        var progress = new StringWriter();
        await app.Services.GetRequiredService<SearchIndex>().RebuildAsync(app.Services, progress, CancellationToken.None);
        Assert.Contains("Indexed", progress.ToString(), StringComparison.Ordinal);

        var after = await _rig.SearchAsync(sys, query);
        Assert.True(JsonNode.DeepEquals(before, after), after.ToJsonString());
        // Writes after the rebuild still reach the new index.
        var late = Unique("late");
        await _rig.CreateAsync(new JsonObject { ["name"] = late, ["owner_org"] = org, ["tags"] = TagList(tag) });
        Assert.Contains(late, Names(await _rig.SearchAsync(null, ("fq", "tags:" + tag), ("rows", "100"))));
    }

    [Fact]
    public async Task CatchUp_DatasetWrittenByAnotherNode_AppearsThenGoes()
    {
        var (org, orgName) = await _rig.OrgAsync();
        var name = Unique("elsewhere");
        var id = await app.WithDbAsync(async (db, _) =>
        {
            // What another node's package_create leaves in the shared database: the row and its index operation.
            var d = new Dataset
            {
                Name = name, Title = "Written elsewhere", OwnerOrg = org, CreatorUserId = null,
                MetadataCreated = DateTime.SpecifyKind(new DateTime(2026, 2, 1), DateTimeKind.Utc),
                MetadataModified = DateTime.SpecifyKind(new DateTime(2026, 2, 1), DateTimeKind.Utc),
            };
            db.Datasets.Add(d);
            db.IndexOperations.Add(new IndexOperation { ItemId = d.Id, At = d.MetadataModified });
            await db.SaveChangesAsync();
            return d.Id;
        });
        var index = app.Services.GetRequiredService<SearchIndex>();
        await index.CatchUpAsync(CancellationToken.None);
        var found = await _rig.SearchAsync(null, ("fq", "organization:" + orgName));
        Assert.Equal([name], Names(found));
        Assert.Equal(orgName, found["results"]![0]!["organization"]!["name"]!.GetValue<string>());

        await app.WithDbAsync(async (db, _) =>
        {
            db.Datasets.Remove(db.Datasets.Single(d => d.Id == id));
            db.IndexOperations.Add(new IndexOperation { ItemId = id, At = DateTime.SpecifyKind(new DateTime(2026, 2, 2), DateTimeKind.Utc) });
            await db.SaveChangesAsync();
            return 0;
        });
        // The poller applies other nodes' operations within about a second, without a write on this node.
        for (var i = 0; i < 40 && (await _rig.SearchAsync(null, ("fq", "organization:" + orgName)))["count"]!.GetValue<int>() > 0; i++)
        {
            await Task.Delay(100);
        }
        Assert.Equal(0, (await _rig.SearchAsync(null, ("fq", "organization:" + orgName)))["count"]!.GetValue<int>());
        Assert.True(index.AppliedSeq > 0);
    }

    [Fact]
    public async Task CountBy_Organization_CountsOnlyWhatCallerMaySee()
    {
        var (org, orgName) = await _rig.OrgAsync();
        await _rig.CreateAsync(new JsonObject { ["name"] = Unique("cnt"), ["owner_org"] = org });
        await _rig.CreateAsync(new JsonObject { ["name"] = Unique("cnt"), ["owner_org"] = org, ["private"] = true });
        var counts = await app.WithDbAsync(async (db, sp) =>
        {
            var http = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = sp };
            var ctx = new Areas.OpenData.Ckan.ActionContext(http, db, null, [], "organization_show");
            var index = sp.GetRequiredService<SearchIndex>();
            return (Public: await index.CountByAsync(ctx, "organization"), WithPrivate: await index.CountByAsync(ctx, "organization", includePrivate: true));
        });
        Assert.Equal(1, counts.Public[orgName]);
        // Anonymous callers hold no member label, so include_private adds nothing.
        Assert.Equal(1, counts.WithPrivate[orgName]);
    }

    [Fact]
    public async Task Autocomplete_DatasetTagFormat_MatchPrefixAndInfix()
    {
        var (org, orgName) = await _rig.OrgAsync("สำนักงานสถิติแห่งชาติ");
        var word = "ac" + Guid.NewGuid().ToString("N")[..6];
        var thaiTag = "ประชากร" + word;
        await _rig.CreateAsync(new JsonObject
        {
            ["name"] = word + "-population", ["title"] = "Population by " + word.ToUpperInvariant(), ["owner_org"] = org,
            ["tags"] = TagList(thaiTag, word + "-census"),
            ["resources"] = new JsonArray(new JsonObject { ["url"] = "http://example.go.th/x", ["format"] = word.ToUpperInvariant() + "JSON" }),
        });
        await _rig.CreateAsync(new JsonObject { ["name"] = Unique("other"), ["title"] = "Annual " + word + " report", ["owner_org"] = org });
        var client = app.CreateClient();

        var datasets = JsonNode.Parse(await client.GetStringAsync("/api/2/util/dataset/autocomplete?incomplete=" + word))!["ResultSet"]!["Result"]!.AsArray();
        Assert.Equal(2, datasets.Count);
        Assert.Equal("name", datasets[0]!["match_field"]!.GetValue<string>());
        Assert.Equal(word + "-population", datasets[0]!["match_displayed"]!.GetValue<string>());
        Assert.Equal("title", datasets[1]!["match_field"]!.GetValue<string>());
        Assert.EndsWith(")", datasets[1]!["match_displayed"]!.GetValue<string>(), StringComparison.Ordinal);

        var action = (await app.Ckan().GetAsync("package_autocomplete?q=" + word.ToUpperInvariant() + "&limit=1")).Ok().Result!.AsArray();
        Assert.Single(action);

        var tags = JsonNode.Parse(await client.GetStringAsync("/api/util/tag/autocomplete?incomplete=" + Uri.EscapeDataString("ประชากร" + word)))!;
        Assert.Equal(thaiTag, tags["ResultSet"]!["Result"]![0]!["Name"]!.GetValue<string>());
        var tagsByLatin = JsonNode.Parse(await client.GetStringAsync("/api/2/util/tag/autocomplete?incomplete=" + word))!["ResultSet"]!["Result"]!.AsArray();
        Assert.Equal(2, tagsByLatin.Count);

        var formats = JsonNode.Parse(await client.GetStringAsync("/api/2/util/resource/format_autocomplete?incomplete=" + word))!;
        Assert.Equal(word.ToUpperInvariant() + "JSON", formats["ResultSet"]!["Result"]![0]!["Format"]!.GetValue<string>());
        var formatAction = (await app.Ckan().GetAsync("format_autocomplete?q=" + word)).Ok().Result!.AsArray();
        Assert.Equal(word.ToUpperInvariant() + "JSON", formatAction[0]!.GetValue<string>());

        var orgs = JsonNode.Parse(await client.GetStringAsync("/api/2/util/organization/autocomplete?q=" + Uri.EscapeDataString("สถิติแห่ง")))!.AsArray();
        Assert.Contains(orgs, o => o!["name"]!.GetValue<string>() == orgName);
        await app.UserTokenAsync(word + "-user");
        var users = JsonNode.Parse(await client.GetStringAsync("/api/2/util/user/autocomplete?q=" + word))!.AsArray();
        Assert.Equal(word + "-user", users.Single()!["name"]!.GetValue<string>());
    }
}

public sealed class SearchIndexTestsSqlite(SqliteApp app) : SearchIndexTests(app), IClassFixture<SqliteApp>;

public sealed class SearchIndexTestsPostgres(PostgresApp app) : SearchIndexTests(app), IClassFixture<PostgresApp>;

/// <summary>Settings operators change: ckan.search.rows_max and ckan.search.default_package_sort (cases 13 and 16).</summary>
public abstract class SearchSettingsTests(GovChannelApp app)
{
    private readonly SearchRig _rig = new(app);

    [Fact]
    public async Task PackageSearch_RowsAboveConfiguredMax_ClampsWithoutError()
    {
        var (org, _) = await _rig.OrgAsync();
        var tag = Unique("tag");
        var names = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            names.Add(Unique("test" + i));
            await _rig.CreateAsync(new JsonObject { ["name"] = names[^1], ["owner_org"] = org, ["tags"] = TagList(tag) });
        }
        var r = await _rig.SearchAsync(null, ("fq", "tags:" + tag), ("rows", "15"));
        Assert.Equal(3, r["results"]!.AsArray().Count);
        Assert.Equal(4, r["count"]!.GetValue<int>());
        // default_package_sort = metadata_created asc
        Assert.Equal(names.Take(3), Names(r));
        Assert.Equal("metadata_created asc", r["sort"]!.GetValue<string>());
    }
}

public sealed class SmallSearchSqliteApp : GovChannelApp
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "govchannel-" + Guid.NewGuid().ToString("N")[..10] + ".db");
    public override string Provider => "Sqlite";
    protected override string ConnectionString() => $"Data Source={_file}";
    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
        [new("GovChannel:SearchRowsMax", "3"), new("GovChannel:DefaultPackageSort", "metadata_created asc")];
}

public sealed class SmallSearchPostgresApp : GovChannelApp
{
    private readonly Lazy<string> _connection = new(PostgresServer.CreateDatabase);
    public override string Provider => "Postgres";
    protected override string ConnectionString() => _connection.Value;
    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
        [new("GovChannel:SearchRowsMax", "3"), new("GovChannel:DefaultPackageSort", "metadata_created asc")];
}

public sealed class SearchSettingsTestsSqlite(SmallSearchSqliteApp app) : SearchSettingsTests(app), IClassFixture<SmallSearchSqliteApp>;

public sealed class SearchSettingsTestsPostgres(SmallSearchPostgresApp app) : SearchSettingsTests(app), IClassFixture<SmallSearchPostgresApp>;
