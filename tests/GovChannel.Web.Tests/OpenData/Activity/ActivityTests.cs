using System.Text.Json.Nodes;
using GovChannel.Tests;

namespace GovChannel.Web.Tests.OpenData.Activity;

/// <summary>Activity streams (reference/ckan.md §7.4): visibility, reduced detail, limits.</summary>
public abstract class ActivityTests(GovChannelApp app)
{
    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<Ckan> SysAsync() => app.Ckan(await app.UserTokenAsync("act-sysadmin", sysadmin: true));

    private static string[] Types(CkanResponse r) => r.Ok().Result!.AsArray().Select(a => a!["activity_type"]!.GetValue<string>()).ToArray();

    [Fact]
    public async Task PackageActivityList_PrivateDataset_HiddenFromAnonymous()
    {
        var sys = await SysAsync();
        var org = await app.AddGroupAsync(Unique("act-org"));
        var ds = Unique("act-private");
        (await sys.PostAsync("package_create", new JsonObject { ["name"] = ds, ["owner_org"] = org, ["private"] = true })).Ok();
        var anon = await app.Ckan().GetAsync("package_activity_list?id=" + ds);
        Assert.Equal(403, anon.Status);
        Assert.Equal("Authorization Error", anon.ErrorType);
        Assert.Equal(["new package"], Types(await sys.GetAsync("package_activity_list?id=" + ds)));
        Assert.DoesNotContain((await app.Ckan().GetAsync("recently_changed_packages_activity_list?limit=100")).Ok().Result!.AsArray(),
            a => a!["data"]!["package"]?["title"]?.GetValue<string>() == ds);
        var orgStream = (await app.Ckan().GetAsync("organization_activity_list?id=" + org)).Ok().Result!.AsArray();
        Assert.Empty(orgStream);
    }

    [Fact]
    public async Task PackageActivityList_PublicDataset_DetailOnlyForEditors()
    {
        var sys = await SysAsync();
        var org = await app.AddGroupAsync(Unique("act-org"));
        var ds = Unique("act-public");
        (await sys.PostAsync("package_create", new JsonObject { ["name"] = ds, ["title"] = "ชุดข้อมูลสาธารณะ", ["owner_org"] = org })).Ok();
        (await sys.PostAsync("package_patch", new JsonObject { ["id"] = ds, ["notes"] = "changed" })).Ok();

        var full = (await sys.GetAsync("package_activity_list?id=" + ds)).Ok().Result!.AsArray();
        Assert.Equal(["changed package", "new package"], full.Select(a => a!["activity_type"]!.GetValue<string>()));
        Assert.Equal("changed", full[0]!["data"]!["package"]!["notes"]!.GetValue<string>());
        Assert.Equal(["activity_type", "data", "id", "object_id", "timestamp", "user_id"], full[0]!.AsObject().Select(kv => kv.Key).Order(StringComparer.Ordinal));

        var reduced = (await app.Ckan().GetAsync("package_activity_list?id=" + ds)).Ok().Result!.AsArray();
        Assert.Equal(2, reduced.Count);
        var data = reduced[0]!["data"]!.AsObject();
        Assert.Equal("ชุดข้อมูลสาธารณะ", data["package"]!["title"]!.GetValue<string>());
        Assert.Single(data["package"]!.AsObject());

        var id = reduced[0]!["id"]!.GetValue<string>();
        Assert.Equal(403, (await app.Ckan().GetAsync("activity_data_show?id=" + id)).Status);
        Assert.Equal("changed", (await sys.GetAsync($"activity_data_show?id={id}&object_type=package")).Ok().Result!["notes"]!.GetValue<string>());
        (await app.Ckan().GetAsync("activity_show?id=" + id)).Ok();
    }

    [Fact]
    public async Task PackageActivityList_Limits_DefaultAndClamp()
    {
        var sys = await SysAsync();
        var org = await app.AddGroupAsync(Unique("act-org"));
        var ds = Unique("act-many");
        (await sys.PostAsync("package_create", new JsonObject { ["name"] = ds, ["owner_org"] = org })).Ok();
        for (var i = 0; i < 3; i++)
        {
            (await sys.PostAsync("package_patch", new JsonObject { ["id"] = ds, ["notes"] = "v" + i })).Ok();
        }
        Assert.Equal(2, (await sys.GetAsync($"package_activity_list?id={ds}&limit=2")).Ok().Result!.AsArray().Count);
        Assert.Single((await sys.GetAsync($"package_activity_list?id={ds}&offset=3")).Ok().Result!.AsArray());
        Assert.Equal(4, (await sys.GetAsync($"package_activity_list?id={ds}&limit=1000")).Ok().Result!.AsArray().Count);
        Assert.Equal(409, (await sys.GetAsync($"package_activity_list?id={ds}&limit=a")).Status);
        Assert.Equal(["new package"], Types(await sys.GetAsync($"package_activity_list?id={ds}&activity_types=new%20package")));
        Assert.Equal(3, (await sys.GetAsync($"package_activity_list?id={ds}&exclude_activity_types=new%20package")).Ok().Result!.AsArray().Count);
    }

    [Fact]
    public async Task OrganizationActivityList_RecordsOrgAndDatasetChanges()
    {
        var sys = await SysAsync();
        var org = Unique("act-stream");
        var orgId = (await sys.PostAsync("organization_create", new JsonObject { ["name"] = org, ["title"] = "Org" })).Ok().Result!["id"]!.GetValue<string>();
        (await sys.PostAsync("organization_patch", new JsonObject { ["id"] = org, ["title"] = "Org 2" })).Ok();
        (await sys.PostAsync("package_create", new JsonObject { ["name"] = Unique("in-org"), ["owner_org"] = orgId })).Ok();
        Assert.Equal(["new package", "changed organization", "new organization"], Types(await app.Ckan().GetAsync("organization_activity_list?id=" + org)));
    }

    [Fact]
    public async Task UserActivityList_NewUserAndDashboard()
    {
        var sys = await SysAsync();
        var name = Unique("act-user");
        (await sys.PostAsync("user_create", new JsonObject { ["name"] = name, ["email"] = name + "@example.go.th", ["password"] = "long enough" })).Ok();
        Assert.Contains("new user", Types(await app.Ckan().GetAsync("user_activity_list?id=" + name)));
        Assert.Equal(403, (await app.Ckan().GetAsync("dashboard_activity_list")).Status);
        var token = await app.UserTokenAsync(name);
        (await app.Ckan(token).PostAsync("user_patch", new JsonObject { ["id"] = name, ["about"] = "me" })).Ok();
        Assert.Equal(["changed user", "new user"], Types(await app.Ckan(token).GetAsync("dashboard_activity_list")));
        Assert.Equal(0, (await app.Ckan(token).GetAsync("dashboard_new_activities_count")).Ok().Result!.GetValue<int>());
    }
}

public sealed class ActivityTestsSqlite(SqliteApp app) : ActivityTests(app), IClassFixture<SqliteApp>;

public sealed class ActivityTestsPostgres(PostgresApp app) : ActivityTests(app), IClassFixture<PostgresApp>;
