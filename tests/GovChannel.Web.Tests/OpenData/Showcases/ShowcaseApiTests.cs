using System.Text.Json.Nodes;
using GovChannel.Tests;

namespace GovChannel.Web.Tests.OpenData.Showcases;

/// <summary>The ckanext-showcase actions over the CKAN HTTP API, on both databases.</summary>
public abstract class ShowcaseApiTests(GovChannelApp app)
{
    private async Task<(string Sysadmin, string Org)> SetUpAsync(string suffix)
    {
        var sysadmin = await app.UserTokenAsync("sc-admin-" + suffix, sysadmin: true);
        var org = await app.AddGroupAsync("sc-org-" + suffix);
        return (sysadmin, org);
    }

    private async Task<string> DatasetAsync(string sysadmin, string org, string name, bool isPrivate = false) =>
        (await app.Ckan(sysadmin).PostAsync("package_create", new JsonObject { ["name"] = name, ["owner_org"] = org, ["private"] = isPrivate })).Ok().Result!["id"]!.GetValue<string>();

    [Fact]
    public async Task ShowcaseCreate_AsSysadmin_IsAShowcasePackageWithImageUrl()
    {
        var (sysadmin, _) = await SetUpAsync("create");
        var created = (await app.Ckan(sysadmin).PostAsync("ckanext_showcase_create", new JsonObject
        {
            ["name"] = "sc-app-create", ["title"] = "แอปตัวอย่าง", ["notes"] = "An app", ["url"] = "https://example.org/app",
            ["image_url"] = "https://example.org/app.png", ["tags"] = new JsonArray(new JsonObject { ["name"] = "แผนที่" }),
        })).Ok().Result!;
        Assert.Equal("showcase", created["type"]!.GetValue<string>());
        Assert.Equal("https://example.org/app.png", created["image_url"]!.GetValue<string>());
        Assert.Equal(0, created["num_datasets"]!.GetValue<int>());
        Assert.Null(created["owner_org"]?.GetValue<string>());

        var shown = (await app.Ckan().GetAsync("ckanext_showcase_show?id=sc-app-create")).Ok().Result!;
        Assert.Equal("แอปตัวอย่าง", shown["title"]!.GetValue<string>());
        var list = (await app.Ckan().GetAsync("ckanext_showcase_list")).Ok().Result!.AsArray();
        Assert.Contains(list, s => s!["name"]!.GetValue<string>() == "sc-app-create");

        // In search as dataset_type:showcase; a plain package_show works too, as in CKAN.
        var search = (await app.Ckan().GetAsync("package_search?fq=dataset_type:showcase&rows=100")).Ok().Result!;
        Assert.Contains(search["results"]!.AsArray(), r => r!["name"]!.GetValue<string>() == "sc-app-create");
        var datasets = (await app.Ckan().GetAsync("package_search?fq=%2Bdataset_type:dataset&rows=1000")).Ok().Result!;
        Assert.DoesNotContain(datasets["results"]!.AsArray(), r => r!["name"]!.GetValue<string>() == "sc-app-create");
    }

    [Fact]
    public async Task ShowcaseWrites_NotSysadmin_AreRefused()
    {
        var (sysadmin, _) = await SetUpAsync("auth");
        var user = await app.UserTokenAsync("sc-plain-auth");
        var refused = await app.Ckan(user).PostAsync("ckanext_showcase_create", new JsonObject { ["name"] = "sc-refused" });
        Assert.Equal(403, refused.Status);
        Assert.Equal("Authorization Error", refused.ErrorType);
        (await app.Ckan(sysadmin).PostAsync("ckanext_showcase_create", new JsonObject { ["name"] = "sc-auth" })).Ok();
        Assert.Equal(403, (await app.Ckan(user).PostAsync("ckanext_showcase_update", new JsonObject { ["id"] = "sc-auth", ["title"] = "x" })).Status);
        Assert.Equal(403, (await app.Ckan(user).PostAsync("ckanext_showcase_delete", new JsonObject { ["id"] = "sc-auth" })).Status);
        Assert.Equal(403, (await app.Ckan().PostAsync("ckanext_showcase_package_association_create", new JsonObject { ["showcase_id"] = "sc-auth", ["package_id"] = "x" })).Status);
    }

    [Fact]
    public async Task ShowcaseAdmin_AddedBySysadmin_MayWriteShowcasesUntilRemoved()
    {
        var (sysadmin, org) = await SetUpAsync("scadm");
        var token = await app.UserTokenAsync("sc-editor-scadm");
        var other = await app.UserTokenAsync("sc-other-scadm");
        var dataset = await DatasetAsync(sysadmin, org, "sc-data-scadm");
        var hidden = await DatasetAsync(sysadmin, org, "sc-hidden-scadm", isPrivate: true);

        // Only sysadmins name showcase admins, list and remove them.
        Assert.Equal(403, (await app.Ckan(other).PostAsync("ckanext_showcase_admin_add", new JsonObject { ["username"] = "sc-editor-scadm" })).Status);
        Assert.Equal(403, (await app.Ckan(token).GetAsync("ckanext_showcase_admin_list")).Status);
        Assert.Equal(403, (await app.Ckan(token).PostAsync("ckanext_showcase_create", new JsonObject { ["name"] = "sc-by-admin" })).Status);
        var added = (await app.Ckan(sysadmin).PostAsync("ckanext_showcase_admin_add", new JsonObject { ["username"] = "sc-editor-scadm" })).Ok().Result!;
        Assert.Equal("sc-editor-scadm", added["name"]!.GetValue<string>());
        var again = await app.Ckan(sysadmin).PostAsync("ckanext_showcase_admin_add", new JsonObject { ["username"] = "sc-editor-scadm" });
        Assert.Equal(409, again.Status);
        Assert.Equal(404, (await app.Ckan(sysadmin).PostAsync("ckanext_showcase_admin_add", new JsonObject { ["username"] = "nobody-scadm" })).Status);
        Assert.Equal(409, (await app.Ckan(sysadmin).PostAsync("ckanext_showcase_admin_add", new JsonObject())).Status);
        var list = (await app.Ckan(sysadmin).GetAsync("ckanext_showcase_admin_list")).Ok().Result!.AsArray();
        Assert.Contains(list, a => a!["name"]!.GetValue<string>() == "sc-editor-scadm");

        // A showcase admin creates, links, edits and deletes; a private dataset it cannot read is not found.
        var editor = app.Ckan(token);
        (await editor.PostAsync("ckanext_showcase_create", new JsonObject { ["name"] = "sc-by-admin", ["title"] = "By an admin" })).Ok();
        (await editor.PostAsync("ckanext_showcase_package_association_create", new JsonObject { ["showcase_id"] = "sc-by-admin", ["package_id"] = dataset })).Ok();
        Assert.Equal(404, (await editor.PostAsync("ckanext_showcase_package_association_create", new JsonObject { ["showcase_id"] = "sc-by-admin", ["package_id"] = hidden })).Status);
        (await editor.PostAsync("ckanext_showcase_update", new JsonObject { ["id"] = "sc-by-admin", ["title"] = "Edited" })).Ok();
        Assert.Equal(403, (await app.Ckan(other).PostAsync("ckanext_showcase_update", new JsonObject { ["id"] = "sc-by-admin", ["title"] = "x" })).Status);

        // Removed: writes are refused again; removing twice is not found. Both changes are in the activity record.
        (await app.Ckan(sysadmin).PostAsync("ckanext_showcase_admin_remove", new JsonObject { ["username"] = "sc-editor-scadm" })).Ok();
        Assert.Equal(404, (await app.Ckan(sysadmin).PostAsync("ckanext_showcase_admin_remove", new JsonObject { ["username"] = "sc-editor-scadm" })).Status);
        Assert.Equal(403, (await editor.PostAsync("ckanext_showcase_delete", new JsonObject { ["id"] = "sc-by-admin" })).Status);
        var userId = await app.UserIdAsync("sc-editor-scadm");
        var audit = await app.WithDbAsync((db, _) => Task.FromResult(db.Activities.Where(a => a.ObjectId == userId && a.ActivityType == "changed user").Count()));
        Assert.Equal(2, audit);
    }

    [Fact]
    public async Task Associations_CreateListDelete_AndPrivateDatasetsStayHidden()
    {
        var (sysadmin, org) = await SetUpAsync("assoc");
        var ckan = app.Ckan(sysadmin);
        var showcase = (await ckan.PostAsync("ckanext_showcase_create", new JsonObject { ["name"] = "sc-assoc", ["title"] = "Assoc" })).Ok().Result!["id"]!.GetValue<string>();
        var open = await DatasetAsync(sysadmin, org, "sc-open-data");
        var closed = await DatasetAsync(sysadmin, org, "sc-closed-data", isPrivate: true);
        var link = (await ckan.PostAsync("ckanext_showcase_package_association_create", new JsonObject { ["showcase_id"] = showcase, ["package_id"] = "sc-open-data" })).Ok().Result!;
        Assert.Equal(open, link["package_id"]!.GetValue<string>());
        (await ckan.PostAsync("ckanext_showcase_package_association_create", new JsonObject { ["showcase_id"] = "sc-assoc", ["package_id"] = closed })).Ok();
        var again = await ckan.PostAsync("ckanext_showcase_package_association_create", new JsonObject { ["showcase_id"] = showcase, ["package_id"] = open });
        Assert.Equal(409, again.Status);

        var forAnonymous = (await app.Ckan().GetAsync("ckanext_showcase_package_list?showcase_id=sc-assoc")).Ok().Result!.AsArray();
        Assert.Equal(["sc-open-data"], forAnonymous.Select(d => d!["name"]!.GetValue<string>()));
        var forSysadmin = (await ckan.GetAsync("ckanext_showcase_package_list?showcase_id=sc-assoc")).Ok().Result!.AsArray();
        Assert.Equal(2, forSysadmin.Count);
        Assert.Equal(1, (await app.Ckan().GetAsync("ckanext_showcase_show?id=sc-assoc")).Ok().Result!["num_datasets"]!.GetValue<int>());

        var showcases = (await app.Ckan().GetAsync("ckanext_package_showcase_list?package_id=sc-open-data")).Ok().Result!.AsArray();
        Assert.Equal("sc-assoc", Assert.Single(showcases)!["name"]!.GetValue<string>());
        Assert.Equal(403, (await app.Ckan().GetAsync("ckanext_package_showcase_list?package_id=sc-closed-data")).Status);

        (await ckan.PostAsync("ckanext_showcase_package_association_delete", new JsonObject { ["showcase_id"] = showcase, ["package_id"] = open })).Ok();
        Assert.Empty((await app.Ckan().GetAsync("ckanext_package_showcase_list?package_id=sc-open-data")).Ok().Result!.AsArray());
        Assert.Equal(404, (await ckan.PostAsync("ckanext_showcase_package_association_delete", new JsonObject { ["showcase_id"] = showcase, ["package_id"] = open })).Status);
    }

    [Fact]
    public async Task ShowcaseUpdateAndDelete_ChangeAndHideIt()
    {
        var (sysadmin, org) = await SetUpAsync("upd");
        var ckan = app.Ckan(sysadmin);
        (await ckan.PostAsync("ckanext_showcase_create", new JsonObject { ["name"] = "sc-upd", ["title"] = "Before" })).Ok();
        var updated = (await ckan.PostAsync("ckanext_showcase_update", new JsonObject { ["id"] = "sc-upd", ["name"] = "sc-upd", ["title"] = "After", ["image_url"] = "https://example.org/i.png" })).Ok().Result!;
        Assert.Equal("After", updated["title"]!.GetValue<string>());
        Assert.Equal("https://example.org/i.png", updated["image_url"]!.GetValue<string>());
        // A dataset is not a showcase.
        await DatasetAsync(sysadmin, org, "sc-not-a-showcase");
        Assert.Equal(404, (await app.Ckan().GetAsync("ckanext_showcase_show?id=sc-not-a-showcase")).Status);

        (await ckan.PostAsync("ckanext_showcase_delete", new JsonObject { ["id"] = "sc-upd" })).Ok();
        Assert.Equal(404, (await app.Ckan().GetAsync("ckanext_showcase_show?id=sc-upd")).Status);
        Assert.DoesNotContain((await app.Ckan().GetAsync("ckanext_showcase_list")).Ok().Result!.AsArray(), s => s!["name"]!.GetValue<string>() == "sc-upd");
    }
}

public sealed class ShowcaseApiTestsSqlite(SqliteApp app) : ShowcaseApiTests(app), IClassFixture<SqliteApp>;

public sealed class ShowcaseApiTestsPostgres(PostgresApp app) : ShowcaseApiTests(app), IClassFixture<PostgresApp>;
