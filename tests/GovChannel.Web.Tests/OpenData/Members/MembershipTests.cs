using System.Text.Json.Nodes;
using GovChannel.Tests;

namespace GovChannel.Web.Tests.OpenData.Members;

/// <summary>Organisation and group membership, datasets in groups, dataset collaborators (reference/ckan.md §4.9).</summary>
public abstract class MembershipTests(GovChannelApp app)
{
    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<Ckan> SysAsync() => app.Ckan(await app.UserTokenAsync("mem-sysadmin", sysadmin: true));

    [Fact]
    public async Task OrganizationMemberCreate_ThenMemberList_ShowsRoleAndGrantsPrivateRead()
    {
        var sys = await SysAsync();
        var org = await app.AddGroupAsync(Unique("m-org"));
        var ds = Unique("secret");
        (await sys.PostAsync("package_create", new JsonObject { ["name"] = ds, ["owner_org"] = org, ["private"] = true })).Ok();
        var name = Unique("joiner");
        var token = await app.UserTokenAsync(name);
        Assert.Equal(403, (await app.Ckan(token).GetAsync("package_show?id=" + ds)).Status);

        var created = (await sys.PostAsync("organization_member_create", new JsonObject { ["id"] = org, ["username"] = name, ["role"] = "editor" })).Ok().Result!;
        Assert.Equal("editor", created["capacity"]!.GetValue<string>());
        (await app.Ckan(token).GetAsync("package_show?id=" + ds)).Ok();
        var userId = await app.UserIdAsync(name);
        var members = (await sys.GetAsync($"member_list?id={org}&object_type=user")).Ok().Result!.AsArray();
        Assert.Contains(members, m => m![0]!.GetValue<string>() == userId && m[1]!.GetValue<string>() == "user" && m[2]!.GetValue<string>() == "editor");

        // Changing the role replaces it; deleting takes read access away again.
        (await sys.PostAsync("organization_member_create", new JsonObject { ["id"] = org, ["username"] = name, ["role"] = "member" })).Ok();
        Assert.Single((await sys.GetAsync($"member_list?id={org}&object_type=user&capacity=member")).Ok().Result!.AsArray());
        (await sys.PostAsync("organization_member_delete", new JsonObject { ["id"] = org, ["username"] = name })).Ok();
        Assert.Equal(403, (await app.Ckan(token).GetAsync("package_show?id=" + ds)).Status);
    }

    [Fact]
    public async Task OrganizationMemberCreate_BadRoleAndUser_AreValidationErrors()
    {
        var sys = await SysAsync();
        var org = await app.AddGroupAsync(Unique("bad-org"));
        var name = Unique("someone");
        await app.UserTokenAsync(name);
        var badRole = await sys.PostAsync("organization_member_create", new JsonObject { ["id"] = org, ["username"] = name, ["role"] = "boss" });
        Assert.Equal(409, badRole.Status);
        Assert.Equal("role does not exist.", badRole.Error!["role"]![0]!.GetValue<string>());
        var badUser = await sys.PostAsync("organization_member_create", new JsonObject { ["id"] = org, ["username"] = Unique("ghost"), ["role"] = "member" });
        Assert.Equal("Not found: User", badUser.Error!["username"]![0]!.GetValue<string>());
        var badGroup = await sys.PostAsync("organization_member_create", new JsonObject { ["id"] = Unique("nogroup"), ["username"] = name, ["role"] = "member" });
        Assert.Equal("That group name or ID does not exist.", badGroup.Error!["id"]![0]!.GetValue<string>());
        var unknownUser = await sys.PostAsync("member_create", new JsonObject { ["id"] = org, ["object"] = Unique("ghost"), ["object_type"] = "user", ["capacity"] = "member" });
        Assert.Equal(404, unknownUser.Status);
    }

    [Fact]
    public async Task MemberCreate_PackageIntoGroup_ByGroupMember_AddsDataset()
    {
        var sys = await SysAsync();
        var org = await app.AddGroupAsync(Unique("p-org"));
        var group = await app.AddGroupAsync(Unique("p-grp"), organization: false);
        var ds = Unique("into-group");
        (await sys.PostAsync("package_create", new JsonObject { ["name"] = ds, ["owner_org"] = org })).Ok();
        var name = Unique("grp-member");
        var token = await app.UserTokenAsync(name);
        await app.AddMemberAsync(group, name, "member");

        (await app.Ckan(token).PostAsync("member_create", new JsonObject { ["id"] = group, ["object"] = ds, ["object_type"] = "package", ["capacity"] = "public" })).Ok();
        var d = (await app.Ckan().GetAsync("package_show?id=" + ds)).Ok().Result!;
        Assert.Equal(group, d["groups"]![0]!["id"]!.GetValue<string>());
        var listed = (await app.Ckan().GetAsync($"member_list?id={group}&object_type=package")).Ok().Result!.AsArray();
        Assert.Equal("package", listed[0]![1]!.GetValue<string>());

        (await app.Ckan(token).PostAsync("member_delete", new JsonObject { ["id"] = group, ["object"] = ds, ["object_type"] = "package" })).Ok();
        Assert.Empty((await app.Ckan().GetAsync("package_show?id=" + ds)).Ok().Result!["groups"]!.AsArray());
    }

    [Fact]
    public async Task MemberRolesList_GroupType_HidesEditor()
    {
        var org = (await app.Ckan().GetAsync("member_roles_list")).Ok().Result!.AsArray().Select(r => r!["value"]!.GetValue<string>());
        Assert.Equal(["admin", "editor", "member"], org);
        var group = (await app.Ckan().GetAsync("member_roles_list?group_type=group")).Ok().Result!.AsArray().Select(r => r!["value"]!.GetValue<string>());
        Assert.Equal(["admin", "member"], group);
    }

    [Fact]
    public async Task PackageCollaborator_CreateListDelete_GrantsAndRevokesAccess()
    {
        var sys = await SysAsync();
        var org = await app.AddGroupAsync(Unique("c-org"));
        var ds = Unique("shared");
        (await sys.PostAsync("package_create", new JsonObject { ["name"] = ds, ["owner_org"] = org, ["private"] = true })).Ok();
        var name = Unique("collab");
        var token = await app.UserTokenAsync(name);
        var userId = await app.UserIdAsync(name);
        Assert.Equal(403, (await app.Ckan(token).GetAsync("package_show?id=" + ds)).Status);

        var bad = await sys.PostAsync("package_collaborator_create", new JsonObject { ["id"] = ds, ["user_id"] = name, ["capacity"] = "owner" });
        Assert.Equal(409, bad.Status);
        Assert.Equal("Role must be one of \"editor, member\"", bad.Error!["message"]!.GetValue<string>());

        var created = (await sys.PostAsync("package_collaborator_create", new JsonObject { ["id"] = ds, ["user_id"] = name, ["capacity"] = "editor" })).Ok().Result!;
        Assert.Equal(userId, created["user_id"]!.GetValue<string>());
        (await app.Ckan(token).GetAsync("package_show?id=" + ds)).Ok();
        (await app.Ckan(token).PostAsync("package_patch", new JsonObject { ["id"] = ds, ["notes"] = "edited by a collaborator" })).Ok();
        var list = (await sys.GetAsync($"package_collaborator_list?id={ds}")).Ok().Result!.AsArray();
        Assert.Equal("editor", Assert.Single(list)!["capacity"]!.GetValue<string>());
        var mine = (await app.Ckan(token).GetAsync($"package_collaborator_list_for_user?id={name}")).Ok().Result!.AsArray();
        Assert.Single(mine);

        (await sys.PostAsync("package_collaborator_delete", new JsonObject { ["id"] = ds, ["user_id"] = userId })).Ok();
        Assert.Equal(403, (await app.Ckan(token).GetAsync("package_show?id=" + ds)).Status);
        Assert.Equal(404, (await sys.PostAsync("package_collaborator_delete", new JsonObject { ["id"] = ds, ["user_id"] = userId })).Status);
    }
}

public sealed class MembershipTestsSqlite(SqliteApp app) : MembershipTests(app), IClassFixture<SqliteApp>;

public sealed class MembershipTestsPostgres(PostgresApp app) : MembershipTests(app), IClassFixture<PostgresApp>;

/// <summary>With ckan.auth.allow_dataset_collaborators off, every collaborator action is refused with CKAN's message.</summary>
public sealed class NoCollaboratorsApp : GovChannelApp
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "govchannel-nocollab-" + Guid.NewGuid().ToString("N")[..10] + ".db");
    public override string Provider => "Sqlite";
    protected override string ConnectionString() => $"Data Source={_file}";
    protected override IEnumerable<KeyValuePair<string, string>> Settings() => [new("GovChannel:AllowDatasetCollaborators", "false")];
}

public sealed class CollaboratorsDisabledTests(NoCollaboratorsApp app) : IClassFixture<NoCollaboratorsApp>
{
    [Fact]
    public async Task PackageCollaboratorCreate_Disabled_IsValidationError()
    {
        var sys = app.Ckan(await app.UserTokenAsync("nc-sysadmin", sysadmin: true));
        var org = await app.AddGroupAsync("nc-org");
        (await sys.PostAsync("package_create", new JsonObject { ["name"] = "nc-ds", ["owner_org"] = org })).Ok();
        await app.UserTokenAsync("nc-user");
        var r = await sys.PostAsync("package_collaborator_create", new JsonObject { ["id"] = "nc-ds", ["user_id"] = "nc-user", ["capacity"] = "member" });
        Assert.Equal(409, r.Status);
        Assert.Equal("Dataset collaborators not enabled", r.Error!["message"]!.GetValue<string>());
    }
}
