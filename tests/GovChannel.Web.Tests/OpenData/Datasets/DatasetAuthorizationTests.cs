using System.Text.Json.Nodes;
using GovChannel.Tests;

namespace GovChannel.Web.Tests.OpenData.Datasets;

/// <summary>
/// Who may do what to a dataset: anonymous, a logged-in outsider, member, editor and admin of the owning
/// organisation, an admin of another organisation, and a sysadmin (CKAN's authz.py roles).
/// </summary>
public abstract class DatasetAuthorizationTests(GovChannelApp app)
{
    public static readonly TheoryData<string> Roles = new() { "anonymous", "outsider", "member", "editor", "admin", "other-admin", "sysadmin" };

    private async Task<(string Org, Ckan Sys, Ckan Caller)> ArrangeAsync(string role)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var sys = app.Ckan(await app.UserTokenAsync("authz-sysadmin", sysadmin: true));
        var org = await app.AddGroupAsync("authz-org-" + suffix);
        var otherOrg = await app.AddGroupAsync("authz-other-" + suffix);
        string? token = null;
        if (role != "anonymous")
        {
            var userName = $"{role}-{suffix}";
            token = await app.UserTokenAsync(userName, sysadmin: role == "sysadmin");
            if (role is "member" or "editor" or "admin")
            {
                await app.AddMemberAsync(org, userName, role);
            }
            if (role == "other-admin")
            {
                await app.AddMemberAsync(otherOrg, userName, "admin");
            }
        }
        return (org, sys, app.Ckan(token));
    }

    private static bool CanEdit(string role) => role is "editor" or "admin" or "sysadmin";

    private static bool CanReadPrivate(string role) => role is "member" or "editor" or "admin" or "sysadmin";

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task PrivateDataset_Show_OnlyOrgMembersAndSysadmin(string role)
    {
        var (org, sys, caller) = await ArrangeAsync(role);
        var name = "priv-" + Guid.NewGuid().ToString("N")[..8];
        (await sys.PostAsync("package_create", new { name, owner_org = org, @private = true })).Ok();
        var r = await caller.GetAsync("package_show?id=" + name);
        Assert.Equal(CanReadPrivate(role) ? 200 : 403, r.Status);
        var list = (await caller.GetAsync("package_list")).Ok().Result!.AsArray().Select(n => n!.GetValue<string>());
        Assert.DoesNotContain(name, list); // package_list lists public datasets only, whoever asks
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Create_InOrganisation_OnlyEditorsAdminsSysadmin(string role)
    {
        var (org, _, caller) = await ArrangeAsync(role);
        var r = await caller.PostAsync("package_create", new { name = "c-" + Guid.NewGuid().ToString("N")[..8], owner_org = org });
        if (CanEdit(role))
        {
            r.Ok();
        }
        else
        {
            // Outsiders with an editor role elsewhere get a validation error on owner_org; others are refused outright.
            Assert.True(r.Status is 403 or 409, r.Body);
            Assert.False(r.Success);
        }
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task UpdatePatchDelete_OnlyEditorsAdminsSysadmin(string role)
    {
        var (org, sys, caller) = await ArrangeAsync(role);
        var name = "u-" + Guid.NewGuid().ToString("N")[..8];
        var created = (await sys.PostAsync("package_create", new { name, owner_org = org, notes = "before" })).Ok().Result!;
        var expected = CanEdit(role) ? 200 : 403;

        Assert.Equal(expected, (await caller.PostAsync("package_patch", new { id = name, notes = "patched" })).Status);
        var update = (JsonObject)created.DeepClone();
        update["notes"] = "updated";
        Assert.Equal(expected, (await caller.PostAsync("package_update", update)).Status);
        Assert.Equal(expected, (await caller.PostAsync("resource_create", new { package_id = name, url = "http://x" })).Status);
        Assert.Equal(expected, (await caller.PostAsync("package_delete", new { id = name })).Status);

        var after = (await sys.GetAsync("package_show?id=" + name)).Ok().Result!;
        Assert.Equal(CanEdit(role) ? "deleted" : "active", after["state"]!.GetValue<string>());
        Assert.Equal(CanEdit(role) ? "updated" : "before", after["notes"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Purge_OnlySysadmin(string role)
    {
        var (org, sys, caller) = await ArrangeAsync(role);
        var name = "p-" + Guid.NewGuid().ToString("N")[..8];
        (await sys.PostAsync("package_create", new { name, owner_org = org })).Ok();
        var r = await caller.PostAsync("dataset_purge", new { id = name });
        Assert.Equal(role == "sysadmin" ? 200 : 403, r.Status);
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task DeletedDataset_Show_OnlyEditorsAdminsSysadmin(string role)
    {
        var (org, sys, caller) = await ArrangeAsync(role);
        var name = "d-" + Guid.NewGuid().ToString("N")[..8];
        (await sys.PostAsync("package_create", new { name, owner_org = org })).Ok();
        (await sys.PostAsync("package_delete", new { id = name })).Ok();
        Assert.Equal(CanEdit(role) ? 200 : 403, (await caller.GetAsync("package_show?id=" + name)).Status);
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task BulkUpdatePrivate_OnlyEditorsAdminsSysadmin(string role)
    {
        var (org, sys, caller) = await ArrangeAsync(role);
        var name = "b-" + Guid.NewGuid().ToString("N")[..8];
        (await sys.PostAsync("package_create", new { name, owner_org = org })).Ok();
        var r = await caller.PostAsync("bulk_update_private", new { org_id = org, datasets = new[] { name } });
        Assert.Equal(CanEdit(role) ? 200 : 403, r.Status);
        var isPrivate = (await sys.GetAsync("package_show?id=" + name)).Ok().Result!["private"]!.GetValue<bool>();
        Assert.Equal(CanEdit(role), isPrivate);
    }
}

public sealed class DatasetAuthorizationTestsSqlite(SqliteApp app) : DatasetAuthorizationTests(app), IClassFixture<SqliteApp>;

public sealed class DatasetAuthorizationTestsPostgres(PostgresApp app) : DatasetAuthorizationTests(app), IClassFixture<PostgresApp>;

public abstract class PackageListTests(GovChannelApp app)
{
    [Fact]
    public async Task PackageList_IncludePrivate_ListsOnlyWhatCallerMayRead()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var sys = app.Ckan(await app.UserTokenAsync("list-sysadmin", sysadmin: true));
        var org = await app.AddGroupAsync("list-org-" + suffix);
        var other = await app.AddGroupAsync("list-other-" + suffix);
        var mine = "mine-" + suffix;
        var theirs = "theirs-" + suffix;
        (await sys.PostAsync("package_create", new { name = mine, owner_org = org, @private = true })).Ok();
        (await sys.PostAsync("package_create", new { name = theirs, owner_org = other, @private = true })).Ok();
        var member = "list-member-" + suffix;
        var memberToken = await app.UserTokenAsync(member);
        await app.AddMemberAsync(org, member, "member");

        async Task<List<string>> ListAsync(string? token, string query) =>
            (await app.Ckan(token).GetAsync("package_list" + query)).Ok().Result!.AsArray().Select(n => n!.GetValue<string>()).ToList();

        Assert.DoesNotContain(mine, await ListAsync(null, "?include_private=true"));
        Assert.DoesNotContain(mine, await ListAsync(memberToken, ""));
        var memberList = await ListAsync(memberToken, "?include_private=true");
        Assert.Contains(mine, memberList);
        Assert.DoesNotContain(theirs, memberList);
        var sysList = await ListAsync(await app.UserTokenAsync("list-sysadmin", sysadmin: true), "?include_private=True");
        Assert.Contains(mine, sysList);
        Assert.Contains(theirs, sysList);
    }
}

public sealed class PackageListTestsSqlite(SqliteApp app) : PackageListTests(app), IClassFixture<SqliteApp>;

public sealed class PackageListTestsPostgres(PostgresApp app) : PackageListTests(app), IClassFixture<PostgresApp>;
