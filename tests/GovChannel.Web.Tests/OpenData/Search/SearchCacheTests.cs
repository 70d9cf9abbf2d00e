using System.IO.Compression;
using System.Net;
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

    /// <summary>
    /// A client that accepts gzip gets the same bytes compressed, from the cache too; gzip;q=0 or no Accept-Encoding
    /// gets them as they are; a body small enough for one packet is never compressed.
    /// </summary>
    [Fact]
    public async Task PackageSearch_Gzip_OnlyWhenAccepted_SameTextCachedOrNot()
    {
        var (org, _) = await _rig.OrgAsync();
        var word = "zg" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 3; i++)
        {
            await _rig.CreateAsync(new JsonObject { ["name"] = Unique("gzip"), ["title"] = word + " ข้อมูลประชากรรายจังหวัด", ["notes"] = "สถิติประชากร " + i, ["owner_org"] = org });
        }
        var url = "/api/3/action/package_search?" + SearchRig.Query(Query(word));
        using var http = app.CreateClient();

        async Task<(byte[] Body, string? Encoding, string Vary)> GetAsync(string? acceptEncoding)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (acceptEncoding is not null)
            {
                request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
            }
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(body.Length, response.Content.Headers.ContentLength);
            return (body, response.Content.Headers.ContentEncoding.SingleOrDefault(), string.Join(",", response.Headers.Vary));
        }

        var plain = await GetAsync(null);
        Assert.Null(plain.Encoding);
        Assert.Equal("Accept-Encoding", plain.Vary);
        Assert.Equal(3, JsonNode.Parse(plain.Body)!["result"]!["count"]!.GetValue<int>());
        // Twice each: the first fills the cache (or compresses the cached body), the second is served from it.
        foreach (var accept in new[] { "gzip", "gzip, deflate, br", "GZIP;q=0.5", "*", "gzip", "br;q=1, *;q=0.1" })
        {
            var zipped = await GetAsync(accept);
            Assert.Equal("gzip", zipped.Encoding);
            Assert.True(zipped.Body.Length < plain.Body.Length);
            Assert.Equal(plain.Body, Gunzip(zipped.Body));
        }
        foreach (var accept in new[] { "gzip;q=0", "identity", "br", "*;q=0", "gzip;q=0, *" })
        {
            var refused = await GetAsync(accept);
            Assert.Null(refused.Encoding);
            Assert.Equal(plain.Body, refused.Body);
        }

        using var small = new HttpRequestMessage(HttpMethod.Get, "/api/3/action/status_show");
        small.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        using var status = await http.SendAsync(small);
        Assert.Empty(status.Content.Headers.ContentEncoding);
        Assert.True(JsonNode.Parse(await status.Content.ReadAsStringAsync())!["success"]!.GetValue<bool>());
    }

    private static byte[] Gunzip(byte[] body)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress))
        {
            gzip.CopyTo(output);
        }
        return output.ToArray();
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
