using System.Text.Json.Nodes;
using GovChannel.Tests;

namespace GovChannel.Web.Tests.OpenData.Groups;

/// <summary>Organisations and groups (reference/ckan.md §4.3, acceptance cases 38, 40, 42).</summary>
public abstract class GroupTests(GovChannelApp app)
{
    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<Ckan> SysAsync() => app.Ckan(await app.UserTokenAsync("grp-sysadmin", sysadmin: true));

    private static string[] Names(CkanResponse r) => r.Ok().Result!.AsArray().Select(n => n!.GetValue<string>()).ToArray();

    [Fact]
    public async Task GroupList_Default_SortsByTitleAscending()
    {
        var zz = Unique("zz");
        var yy = Unique("yy");
        await app.AddGroupAsync(zz, "aa", organization: false);
        await app.AddGroupAsync(yy, "bb", organization: false);
        var r = await app.Ckan().GetAsync($"group_list?groups={zz},{yy}");
        Assert.Equal([zz, yy], Names(r));
        var byName = await app.Ckan().PostAsync("group_list", new JsonObject { ["groups"] = new JsonArray(zz, yy), ["sort"] = "name asc" });
        Assert.Equal([yy, zz], Names(byName));
    }

    [Fact]
    public async Task GroupList_OffsetAndLimit_Page()
    {
        var type = Unique("paging");
        var names = new[] { Unique("p"), Unique("p"), Unique("p") };
        string[] titles = ["aa", "bb", "cc"];
        for (var i = 0; i < 3; i++)
        {
            await app.AddGroupAsync(names[i], titles[i], organization: false, type: type);
        }
        Assert.Equal([names[2]], Names(await app.Ckan().GetAsync($"group_list?type={type}&offset=2")));
        Assert.Equal([names[1]], Names(await app.Ckan().GetAsync($"group_list?type={type}&offset=1&limit=1")));
        Assert.Equal(names, Names(await app.Ckan().PostAsync("group_list", new JsonObject { ["type"] = type, ["limit"] = "3" })));
    }

    [Theory]
    [InlineData("limit", "a", "Invalid integer")]
    [InlineData("offset", "-2", "Must be a natural number")]
    public async Task GroupList_BadPaging_IsValidationError(string key, string value, string message)
    {
        var r = await app.Ckan().GetAsync($"group_list?{key}={value}");
        Assert.Equal(409, r.Status);
        Assert.Equal("Validation Error", r.ErrorType);
        Assert.Equal(message, r.Error![key]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task GroupList_SortPackageCount_DescendingByDefault()
    {
        var sys = await SysAsync();
        var org = await app.AddGroupAsync(Unique("org"));
        var type = Unique("count");
        var one = Unique("one");
        var two = Unique("two");
        var oneId = await app.AddGroupAsync(one, "z one", organization: false, type: type);
        var twoId = await app.AddGroupAsync(two, "a two", organization: false, type: type);
        foreach (var (group, n) in new[] { (oneId, 1), (twoId, 2) })
        {
            for (var i = 0; i < n; i++)
            {
                (await sys.PostAsync("package_create", new JsonObject
                {
                    ["name"] = Unique("ds"), ["owner_org"] = org, ["groups"] = new JsonArray(new JsonObject { ["id"] = group }),
                })).Ok();
            }
        }
        Assert.Equal([two, one], Names(await app.Ckan().GetAsync($"group_list?type={type}&sort=package_count")));
        Assert.Equal([one, two], Names(await app.Ckan().GetAsync($"group_list?type={type}&sort=package_count%20asc")));
        var dicts = (await app.Ckan().GetAsync($"group_list?type={type}&all_fields=true&sort=package_count")).Ok().Result!.AsArray();
        Assert.Equal(2, dicts[0]!["package_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task GroupList_CustomTypesAndOrganizations_OnlyWithType()
    {
        var category = Unique("cat");
        var org = Unique("org");
        await app.AddGroupAsync(category, "หมวดหมู่", organization: false, type: "category01");
        await app.AddGroupAsync(org);
        var groups = Names(await app.Ckan().GetAsync("group_list"));
        Assert.DoesNotContain(category, groups);
        Assert.DoesNotContain(org, groups);
        Assert.Contains(category, Names(await app.Ckan().GetAsync("group_list?type=category01")));
        Assert.Contains(org, Names(await app.Ckan().GetAsync("organization_list")));
        Assert.DoesNotContain(category, Names(await app.Ckan().GetAsync("organization_list")));
    }

    [Fact]
    public async Task OrganizationCreate_ByUser_CreatorIsAdminAndShowHasCkanKeys()
    {
        var token = await app.UserTokenAsync(Unique("creator"));
        var name = Unique("new-org");
        var created = (await app.Ckan(token).PostAsync("organization_create", new JsonObject
        {
            ["name"] = name, ["title"] = "กรมทดสอบ", ["description"] = "d",
            ["extras"] = new JsonArray(new JsonObject { ["key"] = "code", ["value"] = "42" }),
        })).Ok().Result!;
        Assert.Equal("organization", created["type"]!.GetValue<string>());
        Assert.True(created["is_organization"]!.GetValue<bool>());
        var shown = (await app.Ckan().GetAsync("organization_show?id=" + name)).Ok().Result!.AsObject();
        foreach (var key in new[] { "approval_status", "created", "description", "display_name", "extras", "groups", "id", "image_display_url",
                     "image_url", "is_organization", "name", "num_followers", "package_count", "state", "title", "type", "users" })
        {
            Assert.True(shown.ContainsKey(key), key);
        }
        Assert.Equal("กรมทดสอบ", shown["display_name"]!.GetValue<string>());
        Assert.Equal("admin", shown["users"]![0]!["capacity"]!.GetValue<string>());
        Assert.Equal("42", shown["extras"]![0]!["value"]!.GetValue<string>());
        Assert.False(shown.ContainsKey("packages"));
        // group_show does not find an organisation.
        Assert.Equal(404, (await app.Ckan().GetAsync("group_show?id=" + name)).Status);
    }

    [Fact]
    public async Task GroupCreate_NameTakenByDeletedOrganization_IsValidationError()
    {
        var sys = await SysAsync();
        var name = Unique("taken");
        (await sys.PostAsync("organization_create", new JsonObject { ["name"] = name })).Ok();
        (await sys.PostAsync("organization_delete", new JsonObject { ["id"] = name })).Ok();
        var r = await sys.PostAsync("group_create", new JsonObject { ["name"] = name });
        Assert.Equal(409, r.Status);
        Assert.Equal("Group name already exists in database", r.Error!["name"]![0]!.GetValue<string>());
        var bad = await sys.PostAsync("group_create", new JsonObject { ["name"] = "Bad Name" });
        Assert.Equal("Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_", bad.Error!["name"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task GroupCreate_IdByNonSysadmin_IsValidationError()
    {
        var token = await app.UserTokenAsync(Unique("plain"));
        var r = await app.Ckan(token).PostAsync("group_create", new JsonObject { ["name"] = Unique("g"), ["id"] = Guid.NewGuid().ToString() });
        Assert.Equal(409, r.Status);
        Assert.Equal("The input field id was not expected.", r.Error!["id"]![0]!.GetValue<string>());
        var id = Guid.NewGuid().ToString();
        var sys = await SysAsync();
        Assert.Equal(id, (await sys.PostAsync("group_create", new JsonObject { ["name"] = Unique("g"), ["id"] = id })).Ok().Result!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task OrganizationCreate_Anonymous_IsAuthorizationError()
    {
        var r = await app.Ckan().PostAsync("organization_create", new JsonObject { ["name"] = Unique("anon") });
        Assert.Equal(403, r.Status);
        Assert.Equal("Authorization Error", r.ErrorType);
    }

    [Fact]
    public async Task OrganizationUpdate_FullReplace_ClearsOmittedFieldsAndPatchKeepsThem()
    {
        var sys = await SysAsync();
        var name = Unique("upd");
        (await sys.PostAsync("organization_create", new JsonObject { ["name"] = name, ["title"] = "T", ["description"] = "D" })).Ok();
        var patched = (await sys.PostAsync("organization_patch", new JsonObject { ["id"] = name, ["description"] = "D2" })).Ok().Result!;
        Assert.Equal("T", patched["title"]!.GetValue<string>());
        Assert.Equal("D2", patched["description"]!.GetValue<string>());
        var updated = (await sys.PostAsync("organization_update", new JsonObject { ["id"] = name, ["title"] = "T3" })).Ok().Result!;
        Assert.Equal("T3", updated["title"]!.GetValue<string>());
        Assert.Equal("", updated["description"]!.GetValue<string>());
        Assert.Equal(name, updated["name"]!.GetValue<string>());
        // The creator's admin role survives an update that does not mention users.
        Assert.Single(updated["users"]!.AsArray());
    }

    [Fact]
    public async Task GroupHierarchy_Loop_IsValidationError()
    {
        var sys = await SysAsync();
        var a = Unique("a");
        var b = Unique("b");
        (await sys.PostAsync("organization_create", new JsonObject { ["name"] = a })).Ok();
        var child = (await sys.PostAsync("organization_create", new JsonObject { ["name"] = b, ["groups"] = new JsonArray(new JsonObject { ["name"] = a }) })).Ok().Result!;
        Assert.Equal(a, child["groups"]![0]!["name"]!.GetValue<string>());
        var loop = await sys.PostAsync("organization_patch", new JsonObject { ["id"] = a, ["groups"] = new JsonArray(new JsonObject { ["name"] = b }) });
        Assert.Equal(409, loop.Status);
        Assert.Equal("This parent would create a loop in the hierarchy", loop.Error!["groups"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task OrganizationShow_PrivateDatasets_OnlyForMembers()
    {
        var sys = await SysAsync();
        var org = await app.AddGroupAsync(Unique("priv-org"));
        var group = await app.AddGroupAsync(Unique("priv-grp"), organization: false);
        var pub = Unique("pub");
        var priv = Unique("priv");
        foreach (var (name, isPrivate) in new[] { (pub, false), (priv, true) })
        {
            (await sys.PostAsync("package_create", new JsonObject
            {
                ["name"] = name, ["owner_org"] = org, ["private"] = isPrivate, ["groups"] = new JsonArray(new JsonObject { ["id"] = group }),
            })).Ok();
        }
        var memberName = Unique("member");
        var memberToken = await app.UserTokenAsync(memberName);
        await app.AddMemberAsync(org, memberName, "member");
        await app.AddMemberAsync(group, memberName, "admin");
        var outsider = await app.UserTokenAsync(Unique("outsider"));

        foreach (var token in new[] { null, outsider })
        {
            var shown = (await app.Ckan(token).GetAsync($"organization_show?id={org}&include_datasets=true")).Ok().Result!;
            Assert.Equal([pub], shown["packages"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
            Assert.Equal(1, shown["package_count"]!.GetValue<int>());
        }
        var asMember = (await app.Ckan(memberToken).GetAsync($"organization_show?id={org}&include_datasets=true")).Ok().Result!;
        Assert.Equal(2, asMember["package_count"]!.GetValue<int>());
        Assert.Equal(2, asMember["packages"]!.AsArray().Count);

        // group_show never lists a private dataset, whoever asks.
        foreach (var who in new[] { sys, app.Ckan(memberToken) })
        {
            var g = (await who.GetAsync($"group_show?id={group}&include_datasets=true")).Ok().Result!;
            Assert.Equal([pub], g["packages"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
            Assert.Equal(1, g["package_count"]!.GetValue<int>());
        }
        var list = (await app.Ckan().GetAsync($"organization_list?organizations={org}&all_fields=true")).Ok().Result!;
        Assert.Equal(1, list[0]!["package_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task GroupPurge_Rules_MatchDatasetPurge()
    {
        var sys = await SysAsync();
        var user = await app.UserTokenAsync(Unique("nonsys"));
        var group = Unique("purge-grp");
        var groupId = (await sys.PostAsync("group_create", new JsonObject { ["name"] = group })).Ok().Result!["id"]!.GetValue<string>();
        var org = await app.AddGroupAsync(Unique("purge-org-owner"));
        var ds = Unique("stays");
        (await sys.PostAsync("package_create", new JsonObject { ["name"] = ds, ["owner_org"] = org, ["groups"] = new JsonArray(new JsonObject { ["id"] = groupId }) })).Ok();

        Assert.Equal("Authorization Error", (await app.Ckan(user).PostAsync("group_purge", new JsonObject { ["id"] = group })).ErrorType);
        Assert.Equal("Validation Error", (await sys.PostAsync("group_purge", new JsonObject())).ErrorType);
        Assert.Equal("Not Found Error", (await sys.PostAsync("group_purge", new JsonObject { ["id"] = Unique("nope") })).ErrorType);
        (await sys.PostAsync("group_purge", new JsonObject { ["id"] = group })).Ok();
        Assert.Equal(404, (await sys.GetAsync("group_show?id=" + group)).Status);
        Assert.DoesNotContain(group, Names(await sys.GetAsync("group_list")));
        var d = (await sys.GetAsync("package_show?id=" + ds)).Ok().Result!;
        Assert.Empty(d["groups"]!.AsArray());
    }

    [Fact]
    public async Task OrganizationPurge_WithDatasets_RefusedThenDatasetsKept()
    {
        var sys = await SysAsync();
        var org = Unique("purge-org");
        var orgId = (await sys.PostAsync("organization_create", new JsonObject { ["name"] = org })).Ok().Result!["id"]!.GetValue<string>();
        var ds = Unique("orphan");
        (await sys.PostAsync("package_create", new JsonObject { ["name"] = ds, ["owner_org"] = orgId })).Ok();
        // CKAN: an organisation with datasets cannot go while unowned datasets are not allowed.
        var refused = await sys.PostAsync("organization_purge", new JsonObject { ["id"] = org });
        Assert.Equal(409, refused.Status);
        Assert.Equal("Organization cannot be deleted while it still has datasets", refused.Error!["message"]!.GetValue<string>());
        (await sys.PostAsync("package_delete", new JsonObject { ["id"] = ds })).Ok();
        (await sys.PostAsync("organization_purge", new JsonObject { ["id"] = org })).Ok();
        Assert.Equal(404, (await sys.GetAsync("organization_show?id=" + org)).Status);
        var d = (await sys.GetAsync("package_show?id=" + ds)).Ok().Result!;
        Assert.Null(d["owner_org"]);
    }

    [Fact]
    public async Task OrganizationListForUser_Permission_FiltersByRole()
    {
        var name = Unique("lfu");
        var token = await app.UserTokenAsync(name);
        var asAdmin = await app.AddGroupAsync(Unique("lfu-admin"));
        var asMember = await app.AddGroupAsync(Unique("lfu-member"));
        var child = await app.WithDbAsync(async (db, _) =>
        {
            var g = new GovChannel.Web.Areas.OpenData.Catalog.Group { Name = Unique("lfu-child"), IsOrganization = true, Type = "organization", ParentId = asAdmin };
            db.Groups.Add(g);
            await db.SaveChangesAsync();
            return g.Id;
        });
        await app.AddMemberAsync(asAdmin, name, "admin");
        await app.AddMemberAsync(asMember, name, "member");
        var all = (await app.Ckan(token).GetAsync("organization_list_for_user")).Ok().Result!.AsArray().Select(o => o!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(new[] { asAdmin, asMember, child }.Order(StringComparer.Ordinal), all.Order(StringComparer.Ordinal));
        var create = (await app.Ckan(token).GetAsync("organization_list_for_user?permission=create_dataset")).Ok().Result!.AsArray()
            .Select(o => o!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(new[] { asAdmin, child }.Order(StringComparer.Ordinal), create.Order(StringComparer.Ordinal));
        Assert.Empty((await app.Ckan().GetAsync("organization_list_for_user")).Ok().Result!.AsArray());
    }

    [Fact]
    public async Task OrganizationAutocomplete_Thai_MatchesTitle()
    {
        var name = Unique("auto");
        await app.AddGroupAsync(name, "สำนักงานสถิติแห่งชาติ");
        var r = (await app.Ckan().GetAsync("organization_autocomplete?q=" + Uri.EscapeDataString("สถิติ"))).Ok().Result!.AsArray();
        Assert.Contains(r, o => o!["name"]!.GetValue<string>() == name && o["title"]!.GetValue<string>() == "สำนักงานสถิติแห่งชาติ");
    }
}

public sealed class GroupTestsSqlite(SqliteApp app) : GroupTests(app), IClassFixture<SqliteApp>;

public sealed class GroupTestsPostgres(PostgresApp app) : GroupTests(app), IClassFixture<PostgresApp>;
