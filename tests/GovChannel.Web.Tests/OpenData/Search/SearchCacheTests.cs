using System.Text.Json.Nodes;
using GovChannel.Tests;
using GovChannel.Web.Areas.OpenData.Ckan;
using static GovChannel.Web.Tests.OpenData.Search.SearchRig;

namespace GovChannel.Web.Tests.OpenData.Search;

/// <summary>
/// package_search responses are cached (Ckan/ResponseCache) by index generation, the caller's permission scope and the
/// parameters. The same query asked again must still see every write at once, and one caller's answer must never reach
/// a caller who may see less. Every test asks the identical query back to back, so a wrong key would serve a stale or
/// another caller's response.
/// </summary>
public abstract class SearchCacheTests(GovChannelApp app)
{
    private readonly SearchRig _rig = new(app);

    private static (string, string)[] Query(string word) => [("q", word), ("facet.field", "[\"organization\",\"tags\"]"), ("rows", "20")];

    [Fact]
    public async Task SameQuery_AfterCreateUpdateDelete_SeesEachWrite()
    {
        var (org, orgName) = await _rig.OrgAsync();
        var word = "zc" + Guid.NewGuid().ToString("N")[..8];
        var first = Unique("first");
        await _rig.CreateAsync(new JsonObject { ["name"] = first, ["title"] = word, ["owner_org"] = org });
        var before = await _rig.SearchAsync(null, Query(word));
        Assert.Equal([first], Names(before));
        Assert.Equal(before.ToJsonString(), (await _rig.SearchAsync(null, Query(word))).ToJsonString());

        var second = Unique("second");
        await _rig.CreateAsync(new JsonObject { ["name"] = second, ["title"] = word + " ใหม่", ["owner_org"] = org });
        var afterCreate = await _rig.SearchAsync(null, Query(word));
        Assert.Equal(2, afterCreate["count"]!.GetValue<int>());
        Assert.Equal([first, second], Names(afterCreate).Order());
        Assert.Equal(2, afterCreate["facets"]!["organization"]![orgName]!.GetValue<int>());

        var sysadmin = await _rig.SysadminAsync();
        (await sysadmin.PostAsync("package_patch", new JsonObject { ["id"] = second, ["title"] = "ชื่อใหม่ไม่มีคำค้น" })).Ok();
        Assert.Equal([first], Names(await _rig.SearchAsync(null, Query(word))));

        (await sysadmin.PostAsync("package_delete", new JsonObject { ["id"] = first })).Ok();
        var afterDelete = await _rig.SearchAsync(null, Query(word));
        Assert.Equal(0, afterDelete["count"]!.GetValue<int>());
        Assert.Empty(afterDelete["facets"]!["organization"]!.AsObject());
    }

    [Fact]
    public async Task SameQuery_PrivateDataset_OnlyItsOrganisationSeesIt()
    {
        var (org, _) = await _rig.OrgAsync();
        var word = "zp" + Guid.NewGuid().ToString("N")[..8];
        var member = Unique("member");
        var memberToken = await app.UserTokenAsync(member);
        await app.AddMemberAsync(org, member, "member");
        var outsiderToken = await app.UserTokenAsync(Unique("outsider"));
        var name = Unique("secret");
        await _rig.CreateAsync(new JsonObject { ["name"] = name, ["title"] = word, ["owner_org"] = org, ["private"] = true });
        (string, string)[] query = [.. Query(word), ("include_private", "true")];

        // Interleaved, twice over, so each caller's cached answer is there to be (wrongly) served to the next.
        for (var round = 0; round < 2; round++)
        {
            Assert.Equal([name], Names(await _rig.SearchAsync(memberToken, query)));
            Assert.Empty(Names(await _rig.SearchAsync(null, query)));
            Assert.Equal(0, (await _rig.SearchAsync(outsiderToken, query))["count"]!.GetValue<int>());
            Assert.Equal([name], Names(await _rig.SearchAsync(memberToken, query)));
            Assert.Empty((await _rig.SearchAsync(null, query))["facets"]!["organization"]!.AsObject());
        }

        // Leaving the organisation changes nothing in the index, yet the same query must stop showing the dataset.
        var admin = await _rig.SysadminAsync();
        (await admin.PostAsync("organization_member_delete", new JsonObject { ["id"] = org, ["username"] = member })).Ok();
        Assert.Empty(Names(await _rig.SearchAsync(memberToken, query)));
    }

    [Fact]
    public async Task SameQuery_PostAndGet_AgreeAndJsonpIsAnonymous()
    {
        var (org, _) = await _rig.OrgAsync();
        var word = "zj" + Guid.NewGuid().ToString("N")[..8];
        var token = await app.UserTokenAsync("search-sysadmin", sysadmin: true);
        var sysadmin = app.Ckan(token);
        await _rig.CreateAsync(new JsonObject { ["name"] = Unique("public"), ["title"] = word, ["owner_org"] = org });
        await _rig.CreateAsync(new JsonObject { ["name"] = Unique("private"), ["title"] = word, ["owner_org"] = org, ["private"] = true });

        var get = await _rig.SearchAsync(token, ("q", word), ("include_private", "true"));
        Assert.Equal(2, get["count"]!.GetValue<int>());
        var post = (await sysadmin.PostAsync("package_search", new JsonObject { ["q"] = word, ["include_private"] = true })).Ok().Result!;
        Assert.Equal(2, post["count"]!.GetValue<int>());

        // A JSONP call carries the token too, but is served as anonymous (a token must never work from a <script> tag).
        var jsonp = await sysadmin.GetAsync("package_search?" + SearchRig.Query(("q", word), ("include_private", "true"), ("callback", "cb")));
        Assert.StartsWith("cb(", jsonp.Body, StringComparison.Ordinal);
        Assert.Contains("\"count\":1,", jsonp.Body, StringComparison.Ordinal);
    }

    /// <summary>
    /// package_search writes the stored dicts' text straight into the response; it must be byte for byte what
    /// package_show serialises for the same dataset (ASCII escapes, short escapes, characters outside the BMP). The
    /// index took the new dataset from package_create's memory, not from the database, so this also checks the two agree.
    /// </summary>
    [Fact]
    public async Task PackageSearch_ResultText_EqualsPackageShowText()
    {
        var (org, _) = await _rig.OrgAsync();
        var group = Unique("group");
        await app.AddGroupAsync(group, "กลุ่ม " + group, organization: false);
        var word = "zt" + Guid.NewGuid().ToString("N")[..8];
        var name = Unique("text");
        var tricky = "ข้อมูล \"quoted\" back\\slash <b>&amp;</b> 'single' tab\there\nline \u007f del \u2028 sep \U0001F600 emoji é/ü";
        await _rig.CreateAsync(new JsonObject
        {
            ["name"] = name, ["title"] = word + " " + tricky, ["notes"] = tricky, ["owner_org"] = org,
            ["tags"] = TagList("ภาษาไทย"), ["groups"] = new JsonArray(new JsonObject { ["name"] = group }), ["extras"] = new JsonArray(new JsonObject { ["key"] = "หมายเหตุ", ["value"] = tricky }),
            ["resources"] = new JsonArray(new JsonObject { ["url"] = "http://example.go.th/ไฟล์.csv", ["name"] = tricky, ["format"] = "CSV" }),
        });
        var show = await app.Ckan().GetAsync("package_show?id=" + name);
        var search = await _rig.GetAsync(null, ("q", word));
        var shown = ResultText(show.Body);
        Assert.Contains("\\ud83d\\ude00", shown, StringComparison.Ordinal);
        Assert.Contains("\\u0e02", shown, StringComparison.Ordinal);
        Assert.Contains("[" + shown + "]", search.Body, StringComparison.Ordinal);
    }

    /// <summary>The result object's text in a CKAN envelope <c>{"help": …, "success": true, "result": {…}}</c>.</summary>
    private static string ResultText(string body)
    {
        var start = body.IndexOf("\"result\":", StringComparison.Ordinal) + "\"result\":".Length;
        return body[start..^1].Trim();
    }
}

public sealed class SearchCacheTestsSqlite(SqliteApp app) : SearchCacheTests(app), IClassFixture<SqliteApp>;

public sealed class SearchCacheTestsPostgres(PostgresApp app) : SearchCacheTests(app), IClassFixture<PostgresApp>;
