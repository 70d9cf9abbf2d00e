using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using GovChannel.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace GovChannel.Web.Tests.OpenData.Datasets;

/// <summary>Datasets and resources: create, show, update, delete (reference/ckan.md §6.2 cases 9, 25–39).</summary>
public abstract class PackageTests(GovChannelApp app)
{
    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<(Ckan Sys, string OrgId)> SetupAsync()
    {
        var token = await app.UserTokenAsync("pkg-sysadmin", sysadmin: true);
        var org = await app.AddGroupAsync(Unique("org"), "หน่วยงานทดสอบ");
        return (app.Ckan(token), org);
    }

    [Fact]
    public async Task PackageShow_FullDataset_HasExactlyCkanKeys()
    {
        var (sys, org) = await SetupAsync();
        var group = await app.AddGroupAsync(Unique("grp"), "Group", organization: false);
        var name = Unique("full");
        (await sys.PostAsync("package_create", new JsonObject
        {
            ["name"] = name, ["owner_org"] = org, ["license_id"] = "cc-by",
            ["resources"] = new JsonArray(new JsonObject { ["url"] = "http://example.go.th/a.csv" }),
            ["tags"] = new JsonArray(new JsonObject { ["name"] = "ข้อมูล" }),
            ["extras"] = new JsonArray(new JsonObject { ["key"] = "original media", ["value"] = "\"book\"" }),
            ["groups"] = new JsonArray(new JsonObject { ["id"] = group }),
        })).Ok();
        var d = (await sys.GetAsync("package_show?id=" + name)).Ok().Result!.AsObject();
        string[] expected = ["author", "author_email", "creator_user_id", "extras", "groups", "id", "isopen", "license_id", "license_title",
            "license_url", "maintainer", "maintainer_email", "metadata_created", "metadata_modified", "name", "notes", "num_resources",
            "num_tags", "organization", "owner_org", "private", "relationships_as_object", "relationships_as_subject", "resources", "state",
            "tags", "title", "type", "url", "version"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), d.Select(kv => kv.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["description", "display_name", "id", "image_display_url", "name", "title"], d["groups"]![0]!.AsObject().Select(kv => kv.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["approval_status", "created", "description", "id", "image_url", "is_organization", "name", "state", "title", "type"],
            d["organization"]!.AsObject().Select(kv => kv.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["display_name", "id", "name", "state", "vocabulary_id"], d["tags"]![0]!.AsObject().Select(kv => kv.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["cache_last_updated", "cache_url", "created", "datastore_active", "description", "format", "hash", "id", "last_modified", "metadata_modified",
            "mimetype", "mimetype_inner", "name", "package_id", "position", "resource_type", "size", "state", "url", "url_type"],
            d["resources"]![0]!.AsObject().Select(kv => kv.Key).Order(StringComparer.Ordinal));
        Assert.Equal("CSV", d["resources"]![0]!["format"]!.GetValue<string>());
        Assert.True(d["isopen"]!.GetValue<bool>());
        Assert.Equal("\"book\"", d["extras"]![0]!["value"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$", d["metadata_created"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("A B", "Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_")]
    [InlineData("new", "That name cannot be used")]
    [InlineData("a", "Must be at least 2 characters long")]
    [InlineData("ชื่อไทย", "Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_")]
    public async Task PackageCreate_BadName_IsValidationErrorOnName(string name, string message)
    {
        var (sys, org) = await SetupAsync();
        var r = await sys.PostAsync("package_create", new { name, owner_org = org });
        Assert.Equal(409, r.Status);
        Assert.Equal("Validation Error", r.ErrorType);
        Assert.Equal(message, r.Error!["name"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task PackageCreate_NameTooLongOrTaken_IsValidationError()
    {
        var (sys, org) = await SetupAsync();
        var tooLong = await sys.PostAsync("package_create", new { name = new string('a', 101), owner_org = org });
        Assert.Equal("Name must be a maximum of 100 characters long", tooLong.Error!["name"]![0]!.GetValue<string>());
        var name = Unique("taken");
        (await sys.PostAsync("package_create", new { name, owner_org = org })).Ok();
        var again = await sys.PostAsync("package_create", new { name, owner_org = org });
        Assert.Equal("That URL is already in use.", again.Error!["name"]![0]!.GetValue<string>());
        foreach (var ok in new[] { "99", "--", "fred_flintstone-9" })
        {
            var r = await sys.PostAsync("package_create", new { name = ok + Guid.NewGuid().ToString("N")[..4], owner_org = org });
            r.Ok();
        }
    }

    [Fact]
    public async Task PackageCreate_NoParameters_MissingName()
    {
        var (sys, _) = await SetupAsync();
        var r = await sys.PostAsync("package_create", new { });
        Assert.Equal(409, r.Status);
        Assert.Equal("Missing value", r.Error!["name"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task PackageCreate_Private_RulesAndDefaults()
    {
        var (sys, org) = await SetupAsync();
        var noOrg = await app.Ckan(await app.UserTokenAsync("pkg-sysadmin", true)).PostAsync("package_create", new { name = Unique("p"), @private = true });
        Assert.Equal(409, noOrg.Status);
        Assert.True(noOrg.Error!.AsObject().ContainsKey("owner_org") || noOrg.Error!.AsObject().ContainsKey("private"));
        var defaulted = (await sys.PostAsync("package_create", new { name = Unique("p"), owner_org = org })).Ok();
        Assert.False(defaulted.Result!["private"]!.GetValue<bool>());
        var priv = (await sys.PostAsync("package_create", new { name = Unique("p"), owner_org = org, @private = "True" })).Ok();
        Assert.True(priv.Result!["private"]!.GetValue<bool>());
    }

    [Fact]
    public async Task PackageCreate_Id_OnlySysadminMaySet()
    {
        var (sys, org) = await SetupAsync();
        var editorToken = await app.UserTokenAsync(Unique("editor"));
        var editorName = (await app.WithDbAsync(async (db, _) => await Task.FromResult(db.Users.OrderByDescending(u => u.Created).First().Name)));
        _ = editorName;
        var id = Guid.NewGuid().ToString();
        var created = (await sys.PostAsync("package_create", new { name = Unique("id"), owner_org = org, id })).Ok();
        Assert.Equal(id, created.Result!["id"]!.GetValue<string>());
        var again = await sys.PostAsync("package_create", new { name = Unique("id"), owner_org = org, id });
        Assert.Equal("Dataset id already exists", again.Error!["id"]![0]!.GetValue<string>());

        var userName = Unique("ed");
        var userToken = await app.UserTokenAsync(userName);
        await app.AddMemberAsync(org, userName, "editor");
        var byEditor = await app.Ckan(userToken).PostAsync("package_create", new { name = Unique("id"), owner_org = org, id = Guid.NewGuid().ToString() });
        Assert.Equal(409, byEditor.Status);
        Assert.Equal("The input field id was not expected.", byEditor.Error!["id"]![0]!.GetValue<string>());
        _ = editorToken;
    }

    [Fact]
    public async Task Resources_ExtraKeysTopLevel_OrderKept_FormatsCleaned()
    {
        var (sys, org) = await SetupAsync();
        var name = Unique("res");
        var r = (await sys.PostAsync("package_create", new JsonObject
        {
            ["name"] = name, ["owner_org"] = org,
            ["resources"] = new JsonArray(
                new JsonObject { ["alt_url"] = "alt123", ["somekey"] = "somevalue", ["extras"] = new JsonObject { ["someotherkey"] = "alt234" }, ["format"] = "plain text", ["hash"] = "abc123", ["url"] = "http://a" },
                new JsonObject { ["format"] = "JSON", ["url"] = "http://b" },
                new JsonObject { ["url"] = "http://c/data.csv" }),
        })).Ok().Result!;
        foreach (var d in new[] { r, (await sys.GetAsync("package_show?id=" + name)).Ok().Result! })
        {
            var res = d["resources"]!.AsArray();
            Assert.Equal("alt123", res[0]!["alt_url"]!.GetValue<string>());
            Assert.Equal("somevalue", res[0]!["somekey"]!.GetValue<string>());
            Assert.False(res[0]!.AsObject().ContainsKey("extras"));
            Assert.False(res[0]!.AsObject().ContainsKey("someotherkey"));
            Assert.Equal("plain text", res[0]!["format"]!.GetValue<string>());
            Assert.Equal("JSON", res[1]!["format"]!.GetValue<string>());
            Assert.Equal("CSV", res[2]!["format"]!.GetValue<string>());
            Assert.Equal([0, 1, 2], res.Select(x => x!["position"]!.GetValue<int>()));
        }
    }

    [Fact]
    public async Task ResourceReorder_MovesListedToFront()
    {
        var (sys, org) = await SetupAsync();
        var d = (await sys.PostAsync("package_create", new JsonObject
        {
            ["name"] = Unique("reorder"), ["owner_org"] = org,
            ["resources"] = new JsonArray(new JsonObject { ["url"] = "http://a" }, new JsonObject { ["url"] = "http://b" }, new JsonObject { ["url"] = "http://c" }),
        })).Ok().Result!;
        var ids = d["resources"]!.AsArray().Select(x => x!["id"]!.GetValue<string>()).ToArray();
        (await sys.PostAsync("package_resource_reorder", new { id = d["id"]!.GetValue<string>(), order = new[] { ids[2] } })).Ok();
        var urls = (await sys.GetAsync("package_show?id=" + d["id"])).Ok().Result!["resources"]!.AsArray().Select(x => x!["url"]!.GetValue<string>());
        Assert.Equal(["http://c", "http://a", "http://b"], urls);
        (await sys.PostAsync("package_resource_reorder", new { id = d["id"]!.GetValue<string>(), order = new[] { ids[1], ids[2], ids[0] } })).Ok();
        urls = (await sys.GetAsync("package_show?id=" + d["id"])).Ok().Result!["resources"]!.AsArray().Select(x => x!["url"]!.GetValue<string>());
        Assert.Equal(["http://b", "http://c", "http://a"], urls);
    }

    [Fact]
    public async Task Extras_RoundTrip_RulesAndRemoval()
    {
        var (sys, org) = await SetupAsync();
        var name = Unique("extras");
        var d = (await sys.PostAsync("package_create", new JsonObject
        {
            ["name"] = name, ["owner_org"] = org,
            ["extras"] = new JsonArray(new JsonObject { ["key"] = "original media", ["value"] = "\"book\"" }, new JsonObject { ["key"] = "n", ["value"] = 1.5 }),
        })).Ok().Result!;
        Assert.Equal("\"book\"", d["extras"]![0]!["value"]!.GetValue<string>());
        Assert.Equal("1.5", d["extras"]![1]!["value"]!.GetValue<string>());

        var dup = await sys.PostAsync("package_create", new JsonObject
        {
            ["name"] = Unique("dup"), ["owner_org"] = org,
            ["extras"] = new JsonArray(new JsonObject { ["key"] = "k", ["value"] = "1" }, new JsonObject { ["key"] = "k", ["value"] = "2" }),
        });
        Assert.Equal("Duplicate key \"k\"", dup.Error!["extras_validation"]![0]!.GetValue<string>());

        var core = await sys.PostAsync("package_create", new JsonObject
        {
            ["name"] = Unique("core"), ["owner_org"] = org, ["extras"] = new JsonArray(new JsonObject { ["key"] = "title", ["value"] = "x" }),
        });
        Assert.Equal(409, core.Status);

        var cleared = (await sys.PostAsync("package_patch", new JsonObject { ["id"] = name, ["extras"] = new JsonArray() })).Ok().Result!;
        Assert.Empty(cleared["extras"]!.AsArray());
        var restored = (await sys.PostAsync("package_patch", new JsonObject { ["id"] = name, ["extras"] = new JsonArray(new JsonObject { ["key"] = "original media", ["value"] = "x" }) })).Ok().Result!;
        Assert.Single(restored["extras"]!.AsArray());
    }

    [Fact]
    public async Task PackageUpdate_FullReplaceSemantics()
    {
        var (sys, org) = await SetupAsync();
        var group = await app.AddGroupAsync(Unique("g"), organization: false);
        var name = Unique("upd");
        var d = (await sys.PostAsync("package_create", new JsonObject
        {
            ["name"] = name, ["owner_org"] = org, ["notes"] = "keep?",
            ["tags"] = new JsonArray(new JsonObject { ["name"] = "economy" }),
            ["resources"] = new JsonArray(new JsonObject { ["url"] = "http://a" }),
            ["groups"] = new JsonArray(new JsonObject { ["id"] = group }),
        })).Ok().Result!;
        var updated = (await sys.PostAsync("package_update", new JsonObject { ["id"] = d["id"]!.GetValue<string>(), ["name"] = name, ["owner_org"] = org, ["type"] = "cabinet" })).Ok().Result!;
        Assert.Empty(updated["tags"]!.AsArray());
        Assert.Single(updated["resources"]!.AsArray());
        Assert.Single(updated["groups"]!.AsArray());
        Assert.Null(updated["notes"]);
        Assert.Equal("dataset", updated["type"]!.GetValue<string>());

        var emptied = (await sys.PostAsync("package_update", new JsonObject { ["id"] = name, ["name"] = name, ["owner_org"] = org, ["resources"] = new JsonArray(), ["groups"] = new JsonArray() })).Ok().Result!;
        Assert.Empty(emptied["resources"]!.AsArray());
        Assert.Empty(emptied["groups"]!.AsArray());
    }

    [Fact]
    public async Task PackageUpdate_NoChange_KeepsMetadataModified_RealChangeBumpsIt()
    {
        var (sys, org) = await SetupAsync();
        var d = (await sys.PostAsync("package_create", new JsonObject
        {
            ["name"] = Unique("mod"), ["owner_org"] = org, ["resources"] = new JsonArray(new JsonObject { ["url"] = "http://a" }),
        })).Ok().Result!.AsObject();
        await Task.Delay(20);
        var same = (await sys.PostAsync("package_update", d)).Ok().Result!;
        Assert.Equal(d["metadata_modified"]!.GetValue<string>(), same["metadata_modified"]!.GetValue<string>());

        var changed = (JsonObject)d.DeepClone();
        changed["notes"] = "changed";
        var after = (await sys.PostAsync("package_update", changed)).Ok().Result!;
        Assert.NotEqual(d["metadata_modified"]!.GetValue<string>(), after["metadata_modified"]!.GetValue<string>());
        Assert.Equal(after["metadata_modified"]!.GetValue<string>(), after["resources"]![0]!["metadata_modified"]!.GetValue<string>());

        var set = (JsonObject)after.DeepClone();
        set["metadata_modified"] = "2020-02-25T12:00:00";
        set["notes"] = "again";
        var bySysadmin = (await sys.PostAsync("package_update", set)).Ok().Result!;
        Assert.Equal("2020-02-25T12:00:00.000000", bySysadmin["metadata_modified"]!.GetValue<string>());
    }

    [Fact]
    public async Task PackagePatch_ChangesOneField_KeepsOthers()
    {
        var (sys, org) = await SetupAsync();
        var name = Unique("patch");
        var d = (await sys.PostAsync("package_create", new { name, owner_org = org, notes = "some notes" })).Ok().Result!;
        var newName = Unique("patched");
        var p = (await sys.PostAsync("package_patch", new { id = d["id"]!.GetValue<string>(), name = newName })).Ok().Result!;
        Assert.Equal(newName, p["name"]!.GetValue<string>());
        Assert.Equal("some notes", p["notes"]!.GetValue<string>());
    }

    [Fact]
    public async Task PackageDelete_NameReuse_RenamesOldRow()
    {
        var (sys, org) = await SetupAsync();
        var name = Unique("reuse");
        var first = (await sys.PostAsync("package_create", new { name, owner_org = org })).Ok().Result!;
        var firstId = first["id"]!.GetValue<string>();
        (await sys.PostAsync("package_delete", new { id = firstId })).Ok();
        var deleted = (await sys.GetAsync("package_show?id=" + firstId)).Ok().Result!;
        Assert.Equal("deleted", deleted["state"]!.GetValue<string>());
        Assert.Equal(name, deleted["name"]!.GetValue<string>());
        Assert.Equal(403, (await app.Ckan().GetAsync("package_show?id=" + firstId)).Status);

        var second = (await sys.PostAsync("package_create", new { name, owner_org = org })).Ok().Result!;
        Assert.NotEqual(firstId, second["id"]!.GetValue<string>());
        Assert.Equal(firstId, (await sys.GetAsync("package_show?id=" + firstId)).Ok().Result!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task PackageDelete_RestoreByPatch_SameIdAndName()
    {
        var (sys, org) = await SetupAsync();
        var name = Unique("restore");
        var d = (await sys.PostAsync("package_create", new { name, owner_org = org })).Ok().Result!;
        (await sys.PostAsync("package_delete", new { id = name })).Ok();
        var restored = (await sys.PostAsync("package_patch", new { id = d["id"]!.GetValue<string>(), state = "active" })).Ok().Result!;
        Assert.Equal("active", restored["state"]!.GetValue<string>());
        Assert.Equal(name, restored["name"]!.GetValue<string>());
        (await app.Ckan().GetAsync("package_show?id=" + name)).Ok();
    }

    [Fact]
    public async Task DatasetPurge_Rules()
    {
        var (sys, org) = await SetupAsync();
        var name = Unique("purge");
        (await sys.PostAsync("package_create", new { name, owner_org = org })).Ok();
        var editorName = Unique("purger");
        var editor = await app.UserTokenAsync(editorName);
        await app.AddMemberAsync(org, editorName, "admin");
        Assert.Equal("Authorization Error", (await app.Ckan(editor).PostAsync("dataset_purge", new { id = name })).ErrorType);
        Assert.Equal("Validation Error", (await sys.PostAsync("dataset_purge", new { })).ErrorType);
        Assert.Equal("Not Found Error", (await sys.PostAsync("dataset_purge", new { id = "no-such-dataset" })).ErrorType);
        (await sys.PostAsync("dataset_purge", new { id = name })).Ok();
        Assert.Equal(404, (await sys.GetAsync("package_show?id=" + name)).Status);
        Assert.DoesNotContain(name, (await app.Ckan().GetAsync("package_list")).Ok().Result!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task ResourceCreate_Rules()
    {
        var (sys, org) = await SetupAsync();
        var d = (await sys.PostAsync("package_create", new { name = Unique("rc"), owner_org = org })).Ok().Result!;
        var pid = d["id"]!.GetValue<string>();
        Assert.Equal("Validation Error", (await sys.PostAsync("resource_create", new { url = "http://x" })).ErrorType);
        Assert.Equal("Validation Error", (await sys.PostAsync("resource_create", new { package_id = pid, id = "../../nope.txt" })).ErrorType);
        var noUrl = (await sys.PostAsync("resource_create", new { package_id = pid, name = "no url" })).Ok().Result!;
        var shown = (await sys.GetAsync("resource_show?id=" + noUrl["id"])).Ok().Result!;
        Assert.Equal("", shown["url"]!.GetValue<string>());

        var other = (await sys.PostAsync("package_create", new { name = Unique("rc2"), owner_org = org })).Ok().Result!;
        var taken = await sys.PostAsync("resource_create", new { package_id = other["id"]!.GetValue<string>(), id = noUrl["id"]!.GetValue<string>() });
        Assert.Equal("Validation Error", taken.ErrorType);

        (await sys.PostAsync("resource_delete", new { id = noUrl["id"]!.GetValue<string>() })).Ok();
        Assert.Equal(404, (await sys.GetAsync("resource_show?id=" + noUrl["id"])).Status);
    }

    [Fact]
    public async Task ResourceCreate_MultipartUpload_StoresFileUnderGeneratedName()
    {
        var (sys, org) = await SetupAsync();
        var d = (await sys.PostAsync("package_create", new { name = Unique("upload"), owner_org = org })).Ok().Result!;
        var token = await app.UserTokenAsync("pkg-sysadmin", true);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(d["id"]!.GetValue<string>()), "package_id" },
            { new StringContent("ข้อมูลตำบล"), "name" },
        };
        var file = new ByteArrayContent("upload-content"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "upload", "../../etc/passwd ตำบล.csv");
        var r = (await app.Ckan().SendAsync(HttpMethod.Post, "/api/3/action/resource_create", null, token, form)).Ok().Result!;
        Assert.Equal("upload", r["url_type"]!.GetValue<string>());
        Assert.Equal(14, r["size"]!.GetValue<long>());
        Assert.Equal("CSV", r["format"]!.GetValue<string>());
        var url = r["url"]!.GetValue<string>();
        Assert.StartsWith("http://test.local/dataset/", url, StringComparison.Ordinal);
        Assert.DoesNotContain("..", url, StringComparison.Ordinal);

        var download = await app.CreateClient().GetAsync(new Uri(url).PathAndQuery);
        Assert.Equal("upload-content", await download.Content.ReadAsStringAsync());

        var files = Directory.GetFiles(Path.Combine(await app.WithDbAsync((_, sp) => Task.FromResult(sp.GetRequiredService<GovChannel.Web.Data.GovChannelSettings>().DataDirectory)), "files"), "*", SearchOption.AllDirectories);
        Assert.All(files, f => Assert.Matches("^[0-9a-f]{32}$", Path.GetFileName(f)));
    }

    [Fact]
    public async Task Upload_ToPrivateDataset_NotDownloadableByAnonymous()
    {
        var (sys, org) = await SetupAsync();
        var d = (await sys.PostAsync("package_create", new { name = Unique("privup"), owner_org = org, @private = true })).Ok().Result!;
        var token = await app.UserTokenAsync("pkg-sysadmin", true);
        using var form = new MultipartFormDataContent { { new StringContent(d["id"]!.GetValue<string>()), "package_id" } };
        form.Add(new ByteArrayContent("secret"u8.ToArray()), "upload", "secret.txt");
        var r = (await app.Ckan().SendAsync(HttpMethod.Post, "/api/3/action/resource_create", null, token, form)).Ok().Result!;
        var anonymous = await app.CreateClient().GetAsync(new Uri(r["url"]!.GetValue<string>()).PathAndQuery);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, anonymous.StatusCode);
    }

    [Fact]
    public async Task Tags_ThaiAccepted_BadOnesRejectedWithCkanMessages()
    {
        var (sys, org) = await SetupAsync();
        var ok = (await sys.PostAsync("package_create", new { name = Unique("tags"), owner_org = org, tag_string = "ข้อมูล, สถิติ, การศึกษา, economy, Flexible. ァ" })).Ok().Result!;
        Assert.Equal(["Flexible. ァ", "economy", "การศึกษา", "ข้อมูล", "สถิติ"], ok["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var tooShort = await sys.PostAsync("package_create", new JsonObject { ["name"] = Unique("t"), ["owner_org"] = org, ["tags"] = new JsonArray(new JsonObject { ["name"] = "a" }) });
        Assert.Equal("Tag \"a\" length is less than minimum 2", tooShort.Error!["tags"]![0]!.GetValue<string>());
        var comma = await sys.PostAsync("package_create", new JsonObject { ["name"] = Unique("t"), ["owner_org"] = org, ["tags"] = new JsonArray(new JsonObject { ["name"] = "foo,bar" }) });
        Assert.Equal(409, comma.Status);
    }

    [Fact]
    public async Task GdcFields_AreTopLevel_ListsAndStrings()
    {
        var (sys, org) = await SetupAsync();
        var d = (await sys.PostAsync("package_create", new JsonObject
        {
            ["name"] = Unique("gdc"), ["owner_org"] = org, ["data_type"] = "ข้อมูลสถิติ", ["data_category"] = "ข้อมูลสาธารณะ",
            ["objective"] = new JsonArray("ยุทธศาสตร์ชาติ", "พันธกิจหน่วยงาน"), ["allow_harvest"] = true, ["data_language"] = "[\"ไทย\"]",
        })).Ok().Result!;
        Assert.Equal("ข้อมูลสถิติ", d["data_type"]!.GetValue<string>());
        Assert.Equal(2, d["objective"]!.AsArray().Count);
        Assert.Equal("True", d["allow_harvest"]!.GetValue<string>());
        Assert.Equal("ไทย", d["data_language"]![0]!.GetValue<string>());
        var asExtras = (await sys.GetAsync($"package_show?id={d["id"]}&use_default_schema=true")).Ok().Result!;
        Assert.Null(asExtras["data_type"]);
        Assert.Contains(asExtras["extras"]!.AsArray(), e => e!["key"]!.GetValue<string>() == "data_type");
    }

    [Fact]
    public async Task FailedCreate_LeavesNothingBehind()
    {
        var (sys, org) = await SetupAsync();
        var name = Unique("atomic");
        var bad = await sys.PostAsync("package_create", new JsonObject
        {
            ["name"] = name, ["owner_org"] = org, ["tag_string"] = "brand-new-tag-" + name,
            ["resources"] = new JsonArray(new JsonObject { ["url"] = "http://a", ["size"] = "not a number" }),
        });
        Assert.Equal(409, bad.Status);
        Assert.Equal("Invalid integer", bad.Error!["resources"]![0]!["size"]![0]!.GetValue<string>());
        Assert.Equal(404, (await sys.GetAsync("package_show?id=" + name)).Status);
        var tagCount = await app.WithDbAsync((db, _) => Task.FromResult(db.Tags.Count(t => t.Name == "brand-new-tag-" + name)));
        Assert.Equal(0, tagCount);
    }

    [Fact]
    public async Task PackageRevise_MatchUpdateFilter()
    {
        var (sys, org) = await SetupAsync();
        var name = Unique("revise");
        var d = (await sys.PostAsync("package_create", new JsonObject
        {
            ["name"] = name, ["owner_org"] = org, ["notes"] = "old", ["version"] = "1",
            ["resources"] = new JsonArray(new JsonObject { ["url"] = "http://a", ["name"] = "first" }),
        })).Ok().Result!;
        var r = (await sys.PostAsync("package_revise", new JsonObject
        {
            ["match"] = new JsonObject { ["id"] = d["id"]!.GetValue<string>(), ["notes"] = "old" },
            ["update"] = new JsonObject { ["notes"] = "new" },
            ["filter"] = new JsonArray("-version"),
            ["update__resources__0__name"] = "renamed",
        })).Ok().Result!;
        Assert.Equal("new", r["package"]!["notes"]!.GetValue<string>());
        Assert.Null(r["package"]!["version"]);
        Assert.Equal("renamed", r["package"]!["resources"]![0]!["name"]!.GetValue<string>());
        var mismatch = await sys.PostAsync("package_revise", new JsonObject { ["match"] = new JsonObject { ["id"] = name, ["notes"] = "old" }, ["update"] = new JsonObject { ["notes"] = "x" } });
        Assert.Equal("Validation Error", mismatch.ErrorType);
    }

    [Fact]
    public async Task PackageCreate_AnonymousOrNoOrgRole_IsAuthorizationError()
    {
        var (_, org) = await SetupAsync();
        Assert.Equal(403, (await app.Ckan().PostAsync("package_create", new { name = Unique("anon"), owner_org = org })).Status);
        var nobody = await app.UserTokenAsync(Unique("nobody"));
        Assert.Equal(403, (await app.Ckan(nobody).PostAsync("package_create", new { name = Unique("nobody"), owner_org = org })).Status);
        var memberName = Unique("member");
        var member = await app.UserTokenAsync(memberName);
        await app.AddMemberAsync(org, memberName, "member");
        Assert.Equal(403, (await app.Ckan(member).PostAsync("package_create", new { name = Unique("m"), owner_org = org })).Status);
        var editorName = Unique("editor");
        var editor = await app.UserTokenAsync(editorName);
        await app.AddMemberAsync(org, editorName, "editor");
        (await app.Ckan(editor).PostAsync("package_create", new { name = Unique("e"), owner_org = org })).Ok();
    }
}

public sealed class PackageTestsSqlite(SqliteApp app) : PackageTests(app), IClassFixture<SqliteApp>;

public sealed class PackageTestsPostgres(PostgresApp app) : PackageTests(app), IClassFixture<PostgresApp>;
