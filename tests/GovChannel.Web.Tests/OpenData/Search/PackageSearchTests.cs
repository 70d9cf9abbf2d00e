using System.Text.Json.Nodes;
using GovChannel.Tests;
using static GovChannel.Web.Tests.OpenData.Search.SearchRig;

namespace GovChannel.Web.Tests.OpenData.Search;

/// <summary>package_search: counts, paging, facets, sort and query syntax (reference/ckan.md §3, §6.2 cases 10–20).</summary>
public abstract class PackageSearchTests(GovChannelApp app)
{
    private readonly SearchRig _rig = new(app);

    private async Task<(string Tag, string Org)> TaggedAsync(params (string Name, string Title)[] datasets)
    {
        var tag = Unique("tag");
        var (org, _) = await _rig.OrgAsync();
        foreach (var (name, title) in datasets)
        {
            await _rig.CreateAsync(new JsonObject { ["name"] = name, ["title"] = title, ["owner_org"] = org, ["tags"] = TagList(tag) });
        }
        return (tag, org);
    }

    [Fact]
    public async Task PackageSearch_WordQuery_FindsOnlyMatchingTitle()
    {
        var (tag, _) = await TaggedAsync((Unique("ri"), "Rivers"), (Unique("la"), "Lakes"));
        var r = await _rig.SearchAsync(null, ("q", "rivers"), ("fq", "tags:" + tag));
        Assert.Equal(1, r["count"]!.GetValue<int>());
        Assert.Equal("Rivers", r["results"]![0]!["title"]!.GetValue<string>());
        var all = await _rig.SearchAsync(null, ("fq", "tags:" + tag));
        Assert.Equal(2, all["count"]!.GetValue<int>());
        Assert.Equal("score desc, metadata_modified desc", all["sort"]!.GetValue<string>());
    }

    [Fact]
    public async Task PackageSearch_Fl_ReturnsOnlyThoseFields()
    {
        var name = Unique("test_ri");
        var (tag, _) = await TaggedAsync((name, "Rivers"));
        foreach (var fl in new[] { "[\"title\",\"name\"]", "title,name", "title name" })
        {
            var r = await _rig.SearchAsync(null, ("fq", "tags:" + tag), ("fl", fl));
            Assert.True(JsonNode.DeepEquals(new JsonArray(new JsonObject { ["title"] = "Rivers", ["name"] = name }), r["results"]), r.ToJsonString());
        }
        var ids = await _rig.SearchAsync(null, ("fq", "tags:" + tag), ("fl", "[\"id\"]"));
        Assert.Equal(["id"], ids["results"]![0]!.AsObject().Select(kv => kv.Key));
    }

    [Fact]
    public async Task PackageSearch_UnknownParameter_IsSearchQueryError()
    {
        var r = await _rig.GetAsync(null, ("q", "x"), ("weird_param", "1"));
        Assert.Equal(400, r.Status);
        Assert.Equal("Search Query Error", r.ErrorType);
        Assert.Equal("Search Query is invalid: \"Invalid search parameters: ['weird_param']\"", r.Error!["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("metadata_modified")]
    [InlineData("no_such_field desc")]
    [InlineData("tags asc")]
    public async Task PackageSearch_BadSort_IsSearchQueryError(string sort)
    {
        var r = await _rig.GetAsync(null, ("sort", sort));
        Assert.Equal(400, r.Status);
        Assert.Equal("Search Query Error", r.ErrorType);
        Assert.Equal("Search Query is invalid: Invalid \"sort\" parameter", r.Error!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task PackageSearch_NoRows_Returns10OfCount()
    {
        var (tag, _) = await TaggedAsync([.. Enumerable.Range(0, 11).Select(i => (Unique("row" + i), "Row " + i))]);
        var r = await _rig.SearchAsync(null, ("fq", "tags:" + tag));
        Assert.Equal(11, r["count"]!.GetValue<int>());
        Assert.Equal(10, r["results"]!.AsArray().Count);
        var page = await _rig.SearchAsync(null, ("fq", "tags:" + tag), ("rows", "5"), ("start", "10"));
        Assert.Single(page["results"]!.AsArray());
        var none = await _rig.SearchAsync(null, ("fq", "tags:" + tag), ("rows", "0"));
        Assert.Equal(11, none["count"]!.GetValue<int>());
        Assert.Empty(none["results"]!.AsArray());
    }

    [Theory]
    [InlineData("start", "-1")]
    [InlineData("rows", "-1")]
    public async Task PackageSearch_NegativePaging_IsValidationError(string key, string value)
    {
        var r = await _rig.GetAsync(null, (key, value));
        Assert.Equal(409, r.Status);
        Assert.Equal("Validation Error", r.ErrorType);
        Assert.Equal("Must be a natural number", r.Error![key]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task PackageSearch_OrganizationFacet_HasTitleAsDisplayName()
    {
        var (org, orgName) = await _rig.OrgAsync("Test Org");
        foreach (var i in new[] { 1, 2 })
        {
            await _rig.CreateAsync(new JsonObject { ["name"] = Unique("facet" + i), ["owner_org"] = org });
        }
        var r = await _rig.SearchAsync(null, ("fq", "organization:" + orgName), ("facet.field", "[\"organization\"]"));
        Assert.Equal(2, r["count"]!.GetValue<int>());
        var expected = JsonNode.Parse($$$"""{"organization":{"title":"organization","items":[{"name":"{{{orgName}}}","display_name":"Test Org","count":2}]}}""");
        Assert.True(JsonNode.DeepEquals(expected, r["search_facets"]), r["search_facets"]!.ToJsonString());
        Assert.Equal(2, r["facets"]!["organization"]![orgName]!.GetValue<int>());
    }

    [Fact]
    public async Task PackageSearch_FacetDisplayName_FollowsRenamedGroups()
    {
        // Facet titles are kept between searches (GroupTitles): a rename must still show on the next search.
        var (org, orgName) = await _rig.OrgAsync("Before");
        var group = Unique("g");
        var groupId = await app.AddGroupAsync(group, "Group before", organization: false);
        await _rig.CreateAsync(new JsonObject
        {
            ["name"] = Unique("renamed"), ["owner_org"] = org, ["groups"] = new JsonArray(new JsonObject { ["id"] = groupId }),
        });
        var facets = ("facet.field", "[\"organization\",\"groups\"]");
        async Task<(string Org, string Group)> DisplayNamesAsync()
        {
            var r = await _rig.SearchAsync(null, ("fq", "organization:" + orgName), facets);
            return (r["search_facets"]!["organization"]!["items"]![0]!["display_name"]!.GetValue<string>(),
                r["search_facets"]!["groups"]!["items"]![0]!["display_name"]!.GetValue<string>());
        }
        Assert.Equal(("Before", "Group before"), await DisplayNamesAsync());

        var sys = await _rig.SysadminAsync();
        (await sys.PostAsync("organization_patch", new JsonObject { ["id"] = org, ["title"] = "หลัง" })).Ok();
        Assert.Equal(("หลัง", "Group before"), await DisplayNamesAsync());
        (await sys.PostAsync("group_patch", new JsonObject { ["id"] = groupId, ["title"] = "" })).Ok();
        Assert.Equal(("หลัง", group), await DisplayNamesAsync());
    }

    [Fact]
    public async Task PackageSearch_FacetLimit_PicksTopByCount()
    {
        var (org, _) = await _rig.OrgAsync();
        var g1 = Unique("g1");
        var g2 = Unique("g2");
        var g1Id = await app.AddGroupAsync(g1, "Test Group 1", organization: false);
        var g2Id = await app.AddGroupAsync(g2, "Test Group 2", organization: false);
        var tag = Unique("tag");
        foreach (var groups in new[] { new[] { g1Id, g2Id }, [g1Id] })
        {
            await _rig.CreateAsync(new JsonObject
            {
                ["name"] = Unique("grp"), ["owner_org"] = org, ["tags"] = TagList(tag),
                ["groups"] = new JsonArray([.. groups.Select(g => (JsonNode)new JsonObject { ["id"] = g })]),
            });
        }
        var one = await _rig.SearchAsync(null, ("fq", "tags:" + tag), ("facet.field", "[\"groups\"]"), ("facet.limit", "1"));
        var expected = JsonNode.Parse($$"""[{"name":"{{g1}}","display_name":"Test Group 1","count":2}]""");
        Assert.True(JsonNode.DeepEquals(expected, one["search_facets"]!["groups"]!["items"]), one.ToJsonString());
        var all = await _rig.SearchAsync(null, ("fq", "tags:" + tag), ("facet.field", "[\"groups\"]"), ("facet.limit", "-1"));
        var items = all["search_facets"]!["groups"]!["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        // search_facets items are sorted by display_name descending; the deprecated facets keep count order.
        Assert.Equal(["Test Group 2", "Test Group 1"], items.Select(i => i!["display_name"]!.GetValue<string>()));
        Assert.Equal([g1, g2], all["facets"]!["groups"]!.AsObject().Select(kv => kv.Key));
    }

    [Theory]
    [InlineData("notjson", "Could not parse as valid JSON")]
    [InlineData("\"organization\"", "Not a list")]
    public async Task PackageSearch_FacetFieldNotJsonList_IsValidationError(string value, string message)
    {
        var r = await _rig.GetAsync(null, ("facet.field", value));
        Assert.Equal(409, r.Status);
        Assert.Equal(message, r.Error!["facet.field"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task PackageSearch_SortMetadataCreated_OrdersByCreation()
    {
        var names = new[] { Unique("test0"), Unique("test1"), Unique("test2") };
        var (tag, _) = await TaggedAsync([.. names.Select(n => (n, n))]);
        var desc = await _rig.SearchAsync(null, ("fq", "tags:" + tag), ("sort", "metadata_created desc"));
        Assert.Equal(names.Reverse(), Names(desc));
        var asc = await _rig.SearchAsync(null, ("fq", "tags:" + tag), ("sort", "metadata_created asc"));
        Assert.Equal(names, Names(asc));
        var byName = await _rig.SearchAsync(null, ("fq", "tags:" + tag), ("sort", "name desc"));
        Assert.Equal(names.Reverse(), Names(byName));
        var byViews = await _rig.SearchAsync(null, ("fq", "tags:" + tag), ("sort", "views_recent desc, name asc"));
        Assert.Equal(names, Names(byViews));
        Assert.Equal("views_recent desc, name asc", byViews["sort"]!.GetValue<string>());
    }

    [Fact]
    public async Task PackageSearch_ResourceName_IsSearchable()
    {
        var (org, _) = await _rig.OrgAsync();
        var tag = Unique("tag");
        var name = Unique("res");
        await _rig.CreateAsync(new JsonObject
        {
            ["name"] = name, ["owner_org"] = org, ["tags"] = TagList(tag),
            ["resources"] = new JsonArray(new JsonObject { ["url"] = "http://example.go.th/a.csv", ["name"] = "resource_abc", ["format"] = "CSV" }),
        });
        var r = await _rig.SearchAsync(null, ("q", "resource_abc"), ("fq", "tags:" + tag));
        Assert.Equal([name], Names(r));
        Assert.Equal(1, (await _rig.SearchAsync(null, ("fq", "tags:" + tag + " res_format:CSV")))["count"]!.GetValue<int>());
        Assert.Equal(0, (await _rig.SearchAsync(null, ("fq", "tags:" + tag + " res_format:csv")))["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task PackageSearch_QuotedPhrase_MatchesWordOrder()
    {
        var first = Unique("ge");
        var (tag, _) = await TaggedAsync((first, "Government Expenditure"), (Unique("gee"), "Government Extra Expenditure"));
        Assert.Equal([first], Names(await _rig.SearchAsync(null, ("q", "\"Government Expenditure\""), ("fq", "tags:" + tag))));
        Assert.Equal(0, (await _rig.SearchAsync(null, ("q", "\"Expenditure Government\""), ("fq", "tags:" + tag)))["count"]!.GetValue<int>());
        Assert.Equal(2, (await _rig.SearchAsync(null, ("q", "government expenditure"), ("fq", "tags:" + tag)))["count"]!.GetValue<int>());
        Assert.Equal(1, (await _rig.SearchAsync(null, ("q", "government -extra"), ("fq", "tags:" + tag)))["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task PackageSearch_FieldedQueries_FollowSolrSyntax()
    {
        var (org, _) = await _rig.OrgAsync();
        var tag = Unique("tag");
        var split = Unique("todo split").Replace('-', ' ');
        async Task<string> Make(string title, params string[] tags)
        {
            var name = Unique("fq");
            await _rig.CreateAsync(new JsonObject { ["name"] = name, ["title"] = title, ["owner_org"] = org, ["tags"] = TagList([tag, .. tags]) });
            return name;
        }
        var first = await Make("first record", split);
        var second = await Make("second record", "capitals");
        var third = await Make("third dataset");

        Assert.Equal(new[] { first, second }.Order(), Names(await _rig.SearchAsync(null, ("q", "title:record"), ("fq", "tags:" + tag), ("sort", "name asc"))).Order());
        Assert.Equal([first], Names(await _rig.SearchAsync(null, ("q", $"tags:\"{split}\""), ("fq", "tags:" + tag))));
        Assert.Equal([second], Names(await _rig.SearchAsync(null, ("q", "CAPITALS"), ("fq", "tags:" + tag))));
        Assert.Equal(0, (await _rig.SearchAsync(null, ("q", "groups:lenny"), ("fq", "tags:" + tag)))["count"]!.GetValue<int>());
        Assert.Equal(3, (await _rig.SearchAsync(null, ("q", ""), ("fq", "tags:" + tag)))["count"]!.GetValue<int>());
        Assert.Equal(3, (await _rig.SearchAsync(null, ("q", "\"\""), ("fq", "tags:" + tag)))["count"]!.GetValue<int>());
        Assert.Equal([third], Names(await _rig.SearchAsync(null, ("q", "-title:record"), ("fq", "tags:" + tag))));
        Assert.Equal(new[] { first, second }.Order(), Names(await _rig.SearchAsync(null, ("q", "title:firs* OR title:seco*"), ("fq", "tags:" + tag))).Order());
        Assert.Equal([third], Names(await _rig.SearchAsync(null, ("q", "title:datset~"), ("fq", "tags:" + tag))));
        Assert.Equal([first], Names(await _rig.SearchAsync(null, ("q", "name:" + first), ("fq", "tags:" + tag))));
        Assert.Equal(3, (await _rig.SearchAsync(null, ("fq", $"+tags:{tag} metadata_modified:[2000-01-01T00:00:00Z TO NOW]")))["count"]!.GetValue<int>());
        Assert.Equal(3, (await _rig.SearchAsync(null, ("fq", $"+tags:{tag} metadata_created:[NOW-1YEAR TO *]")))["count"]!.GetValue<int>());
        Assert.Equal(0, (await _rig.SearchAsync(null, ("fq", $"+tags:{tag} metadata_created:[* TO NOW-1YEAR]")))["count"]!.GetValue<int>());
        Assert.Equal(0, (await _rig.SearchAsync(null, ("fq", $"+tags:{tag} metadata_created:[* TO NOW/DAY-1DAY]")))["count"]!.GetValue<int>());
        Assert.Equal(2, (await _rig.SearchAsync(null, ("fq_list", $"[\"tags:{tag}\", \"-title:dataset\"]")))["count"]!.GetValue<int>());
    }

    /// <summary>
    /// url, res_url, title_string and title_lc are indexed as doc values only (IndexFields.IsDocValuesOnly); they still
    /// answer exact, quoted, wildcard, prefix and range queries in q and fq, facets and sorts, as Solr's string fields do.
    /// </summary>
    [Fact]
    public async Task PackageSearch_DocValuesOnlyFields_AnswerQueriesFacetsAndSorts()
    {
        var (org, _) = await _rig.OrgAsync();
        var tag = Unique("tag");
        var host = "http://" + Unique("dv") + ".example.go.th";
        async Task<string> Make(string title, string url, params string[] resourceUrls)
        {
            var name = Unique("dv");
            await _rig.CreateAsync(new JsonObject
            {
                ["name"] = name, ["title"] = title, ["owner_org"] = org, ["tags"] = TagList(tag), ["url"] = url,
                ["resources"] = new JsonArray([.. resourceUrls.Select(u => (JsonNode)new JsonObject { ["url"] = u, ["name"] = "r" })]),
            });
            return name;
        }
        var first = await Make("สถิติประชากร 2566", host + "/a", host + "/a.csv", host + "/b.csv");
        var second = await Make("Budget 2567", host + "/b", host + "/c.xlsx");

        async Task<List<string>> Find(string key, string value) =>
            [.. Names(key == "fq" ? await _rig.SearchAsync(null, ("fq", $"+tags:{tag} +({value})"))
                : await _rig.SearchAsync(null, (key, value), ("fq", "tags:" + tag))).Order()];
        string[] both = [.. new[] { first, second }.Order()];
        Assert.Equal([first], await Find("fq", $"res_url:\"{host}/b.csv\""));
        Assert.Equal([second], await Find("q", $"res_url:\"{host}/c.xlsx\""));
        Assert.Equal(both, await Find("fq", "res_url:" + host.Replace(":", "\\:", StringComparison.Ordinal).Replace("/", "\\/", StringComparison.Ordinal) + "\\/*"));
        Assert.Empty(await Find("fq", $"res_url:\"{host}/b\""));
        Assert.Equal([first], await Find("q", $"url:\"{host}/a\""));
        Assert.Equal([second], await Find("q", $"url:[\"{host}/b\" TO *]"));
        Assert.Equal([first], await Find("fq", "title_string:\"สถิติประชากร 2566\""));
        Assert.Equal([second], await Find("fq", "title_string:Budget*"));
        Assert.Equal([first], await Find("q", "-title_string:Budget*"));
        Assert.Empty(await Find("fq", "title_string:budget*"));
        Assert.Equal([second], await Find("q", "title_lc:budget*"));

        var faceted = await _rig.SearchAsync(null, ("fq", "tags:" + tag), ("facet.field", "[\"res_url\",\"title_string\"]"), ("sort", "title_string desc"));
        Assert.Equal([first, second], Names(faceted));
        Assert.Equal(1, faceted["facets"]!["res_url"]![host + "/b.csv"]!.GetValue<int>());
        Assert.Equal(1, faceted["facets"]!["title_string"]!["Budget 2567"]!.GetValue<int>());
        var autocomplete = (await app.Ckan().GetAsync("package_autocomplete?q=" + Uri.EscapeDataString("ประชากร 25") + "&limit=100")).Ok().Result!.AsArray();
        Assert.Contains(autocomplete, a => a!["name"]!.GetValue<string>() == first);
    }

    [Theory]
    [InlineData("q", "{!child of=\"content_type:parentDoc\"}")]
    [InlineData("fq", "{!frange l=1}x")]
    public async Task PackageSearch_LocalParameters_IsSearchError(string key, string value)
    {
        var r = await _rig.GetAsync(null, (key, value));
        Assert.Equal(409, r.Status);
        Assert.Equal("Search Error", r.ErrorType);
        Assert.Contains($"Local parameters are not supported in param '{key}'.", r.Error!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PackageSearch_SyntaxError_IsSearchError()
    {
        var r = await _rig.GetAsync(null, ("q", "title:(unbalanced"));
        Assert.Equal(409, r.Status);
        Assert.Equal("Search Error", r.ErrorType);
    }

    [Fact]
    public async Task PackageSearch_ThaiWordInsideTitle_IsFound()
    {
        var name = Unique("thai");
        var (tag, _) = await TaggedAsync((name, "ข้อมูลจำนวนประชากรรายตำบล"), (Unique("thai-other"), "งบประมาณรายจ่ายประจำปี"));
        Assert.Equal([name], Names(await _rig.SearchAsync(null, ("q", "ประชากร"), ("fq", "tags:" + tag))));
        Assert.Equal([name], Names(await _rig.SearchAsync(null, ("q", "title:ตำบล"), ("fq", "tags:" + tag))));
        Assert.Equal(0, (await _rig.SearchAsync(null, ("q", "ประชากร งบประมาณ"), ("fq", "tags:" + tag)))["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task PackageSearch_AfterCreateAndDelete_ReadsOwnWrites()
    {
        var sys = await _rig.SysadminAsync();
        var (org, _) = await _rig.OrgAsync();
        var tag = Unique("tag");
        var name = Unique("ryw");
        (await sys.PostAsync("package_create", new JsonObject { ["name"] = name, ["owner_org"] = org, ["tags"] = TagList(tag), ["title"] = "Before" })).Ok();
        Assert.Equal([name], Names(await _rig.SearchAsync(null, ("fq", "tags:" + tag))));
        (await sys.PostAsync("package_patch", new JsonObject { ["id"] = name, ["title"] = "After" })).Ok();
        Assert.Equal("After", (await _rig.SearchAsync(null, ("fq", "tags:" + tag)))["results"]![0]!["title"]!.GetValue<string>());
        (await sys.PostAsync("package_delete", new JsonObject { ["id"] = name })).Ok();
        Assert.Equal(0, (await _rig.SearchAsync(null, ("fq", "tags:" + tag)))["count"]!.GetValue<int>());
        Assert.Equal(1, (await _rig.SearchAsync(await app.UserTokenAsync("search-sysadmin", sysadmin: true), ("fq", "tags:" + tag), ("include_deleted", "true")))["count"]!.GetValue<int>());
        (await sys.PostAsync("dataset_purge", new JsonObject { ["id"] = name })).Ok();
        Assert.Equal(0, (await _rig.SearchAsync(await app.UserTokenAsync("search-sysadmin", sysadmin: true), ("fq", "tags:" + tag), ("include_deleted", "true")))["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task PackageSearch_Results_AreFullPackageDictsWithAbsoluteUploadUrls()
    {
        var sys = await _rig.SysadminAsync();
        var (org, _) = await _rig.OrgAsync();
        var tag = Unique("tag");
        var name = Unique("dict");
        await _rig.CreateAsync(new JsonObject
        {
            ["name"] = name, ["owner_org"] = org, ["tags"] = TagList(tag), ["license_id"] = "cc-by",
            ["resources"] = new JsonArray(new JsonObject { ["url"] = "http://example.go.th/a.csv", ["name"] = "a" }),
        });
        var shown = (await sys.GetAsync("package_show?id=" + name)).Ok().Result;
        var found = (await _rig.SearchAsync(null, ("fq", "tags:" + tag)))["results"]![0];
        Assert.True(JsonNode.DeepEquals(shown, found), found!.ToJsonString());
        var licence = await _rig.SearchAsync(null, ("fq", "tags:" + tag), ("facet.field", "[\"license_id\"]"));
        Assert.Equal("Creative Commons Attribution", licence["search_facets"]!["license_id"]!["items"]![0]!["display_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task PackageSearch_GdcFields_AreExactFacetableStrings()
    {
        var (org, _) = await _rig.OrgAsync();
        var tag = Unique("tag");
        var name = Unique("gdc");
        await _rig.CreateAsync(new JsonObject
        {
            ["name"] = name, ["owner_org"] = org, ["tags"] = TagList(tag), ["data_type"] = "ข้อมูลสถิติ", ["data_category"] = "ข้อมูลสาธารณะ",
        });
        var r = await _rig.SearchAsync(null, ("fq", $"tags:{tag} data_type:\"ข้อมูลสถิติ\""), ("facet.field", "[\"data_category\",\"data_type\"]"));
        Assert.Equal([name], Names(r));
        Assert.Equal(1, r["facets"]!["data_category"]!["ข้อมูลสาธารณะ"]!.GetValue<int>());
    }

    [Fact]
    public async Task CurrentPackageListWithResources_NewestFirst()
    {
        var (tag, _) = await TaggedAsync((Unique("cur0"), "c0"), (Unique("cur1"), "c1"));
        var r = (await app.Ckan().GetAsync("current_package_list_with_resources?limit=2")).Ok().Result!.AsArray();
        Assert.Equal(2, r.Count);
        Assert.True(string.CompareOrdinal(r[0]!["metadata_modified"]!.GetValue<string>(), r[1]!["metadata_modified"]!.GetValue<string>()) >= 0);
        Assert.NotNull(r[0]!["resources"]);
        Assert.NotEmpty(tag);
    }
}

public sealed class PackageSearchTestsSqlite(SqliteApp app) : PackageSearchTests(app), IClassFixture<SqliteApp>;

public sealed class PackageSearchTestsPostgres(PostgresApp app) : PackageSearchTests(app), IClassFixture<PostgresApp>;
