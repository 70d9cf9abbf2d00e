using System.Text.Json.Nodes;
using GovChannel.Tests;

namespace GovChannel.Web.Tests.OpenData.Tags;

/// <summary>Tags and vocabularies (reference/ckan.md §4.4, acceptance cases 7 and 43).</summary>
public abstract class TagTests(GovChannelApp app)
{
    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<Ckan> SysAsync() => app.Ckan(await app.UserTokenAsync("tag-sysadmin", sysadmin: true));

    private async Task<string> DatasetWithTagsAsync(Ckan sys, bool isPrivate, params string[] tags)
    {
        var org = await app.AddGroupAsync(Unique("tag-org"));
        var name = Unique("tagged");
        (await sys.PostAsync("package_create", new JsonObject
        {
            ["name"] = name, ["owner_org"] = org, ["private"] = isPrivate,
            ["tags"] = new JsonArray(tags.Select(t => (JsonNode?)new JsonObject { ["name"] = t }).ToArray()),
        })).Ok();
        return name;
    }

    [Fact]
    public async Task TagDelete_UnknownNonAscii_Is404WithEscapedBody()
    {
        var r = await app.Ckan().PostAsync("tag_delete", new JsonObject { ["id"] = "Delta symbol: Δ" });
        Assert.Equal(404, r.Status);
        Assert.Equal("Not Found Error", r.ErrorType);
        Assert.Contains("Delta symbol: \\u0394", r.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TagList_FreeTagsInUse_NamesAndDicts()
    {
        var sys = await SysAsync();
        var flexible = "Flexible. ァ " + Guid.NewGuid().ToString("N")[..4];
        await DatasetWithTagsAsync(sys, false, flexible, "ข้อมูล");
        var names = (await app.Ckan().GetAsync("tag_list")).Ok().Result!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Contains(flexible, names);
        Assert.Contains("ข้อมูล", names);
        var dicts = (await app.Ckan().GetAsync("tag_list?all_fields=true")).Ok().Result!.AsArray();
        var thai = dicts.Single(d => d!["name"]!.GetValue<string>() == "ข้อมูล")!;
        Assert.Equal("ข้อมูล", thai["display_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task TagList_Query_IsCaseInsensitiveContainsIncludingThai()
    {
        var sys = await SysAsync();
        var marker = Guid.NewGuid().ToString("N")[..6];
        await DatasetWithTagsAsync(sys, false, "Economy" + marker, "สถิติประชากร" + marker);
        var latin = (await app.Ckan().GetAsync("tag_list?query=ECONOMY" + marker)).Ok().Result!.AsArray().Select(n => n!.GetValue<string>());
        Assert.Equal(["Economy" + marker], latin);
        var thai = (await app.Ckan().GetAsync("tag_list?q=" + Uri.EscapeDataString("ประชากร" + marker))).Ok().Result!.AsArray().Select(n => n!.GetValue<string>());
        Assert.Equal(["สถิติประชากร" + marker], thai);
        var search = (await app.Ckan().GetAsync("tag_search?query=economy" + marker)).Ok().Result!;
        Assert.Equal(1, search["count"]!.GetValue<int>());
        Assert.Equal(["Economy" + marker], (await app.Ckan().GetAsync("tag_autocomplete?query=conomy" + marker)).Ok().Result!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task TagList_PrivateDatasetTags_HiddenFromAnonymous()
    {
        var sys = await SysAsync();
        var secret = "secret" + Guid.NewGuid().ToString("N")[..6];
        await DatasetWithTagsAsync(sys, true, secret);
        Assert.DoesNotContain((await app.Ckan().GetAsync("tag_list")).Ok().Result!.AsArray(), n => n!.GetValue<string>() == secret);
        Assert.Contains((await sys.GetAsync("tag_list")).Ok().Result!.AsArray(), n => n!.GetValue<string>() == secret);
    }

    [Fact]
    public async Task TagShow_ThaiName_DictAndDatasetsOnRequest()
    {
        var sys = await SysAsync();
        var ds = await DatasetWithTagsAsync(sys, false, "ข้อมูล");
        var tag = (await app.Ckan().GetAsync("tag_show?id=" + Uri.EscapeDataString("ข้อมูล"))).Ok().Result!.AsObject();
        Assert.Equal(["display_name", "id", "name", "vocabulary_id"], tag.Select(kv => kv.Key).Order(StringComparer.Ordinal));
        Assert.Null(tag["vocabulary_id"]);
        Assert.Equal("ข้อมูล", tag["name"]!.GetValue<string>());
        var withDatasets = (await app.Ckan().GetAsync("tag_show?include_datasets=true&id=" + tag["id"]!.GetValue<string>())).Ok().Result!;
        Assert.Contains(withDatasets["packages"]!.AsArray(), p => p!["name"]!.GetValue<string>() == ds);
        Assert.Equal(404, (await app.Ckan().GetAsync("tag_show?id=no-such-tag-" + Guid.NewGuid().ToString("N"))).Status);
    }

    [Fact]
    public async Task Vocabulary_CreateTagsAndList_UnknownIsNotFound()
    {
        var sys = await SysAsync();
        var name = Unique("vocab");
        var v = (await sys.PostAsync("vocabulary_create", new JsonObject
        {
            ["name"] = name, ["tags"] = new JsonArray(new JsonObject { ["name"] = "สีแดง" }, new JsonObject { ["name"] = "blue" }),
        })).Ok().Result!;
        Assert.Equal(2, v["tags"]!.AsArray().Count);
        (await sys.PostAsync("tag_create", new JsonObject { ["name"] = "green", ["vocabulary_id"] = name })).Ok();
        var tags = (await app.Ckan().GetAsync("tag_list?vocabulary_id=" + name)).Ok().Result!.AsArray().Select(n => n!.GetValue<string>());
        Assert.Equal(["blue", "green", "สีแดง"], tags);
        Assert.Equal(404, (await app.Ckan().GetAsync("tag_list?vocabulary_id=" + Unique("none"))).Status);
        var noVocab = await sys.PostAsync("tag_create", new JsonObject { ["name"] = "free" });
        Assert.Equal("Missing value", noVocab.Error!["vocabulary_id"]![0]!.GetValue<string>());
        Assert.Equal(403, (await app.Ckan(await app.UserTokenAsync(Unique("plain"))).PostAsync("vocabulary_create", new JsonObject { ["name"] = Unique("v") })).Status);
        (await sys.PostAsync("tag_delete", new JsonObject { ["id"] = "green", ["vocabulary_id"] = name })).Ok();
        (await sys.PostAsync("vocabulary_delete", new JsonObject { ["id"] = name })).Ok();
        Assert.Equal(404, (await app.Ckan().GetAsync("vocabulary_show?id=" + name)).Status);
    }
}

public sealed class TagTestsSqlite(SqliteApp app) : TagTests(app), IClassFixture<SqliteApp>;

public sealed class TagTestsPostgres(PostgresApp app) : TagTests(app), IClassFixture<PostgresApp>;
