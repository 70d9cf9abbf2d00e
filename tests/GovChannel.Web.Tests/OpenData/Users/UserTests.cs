using System.Text.Json.Nodes;
using GovChannel.Tests;

namespace GovChannel.Web.Tests.OpenData.Users;

/// <summary>Users and API tokens (reference/ckan.md §1.2, §2.5).</summary>
public abstract class UserTests(GovChannelApp app)
{
    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<Ckan> SysAsync() => app.Ckan(await app.UserTokenAsync("usr-sysadmin", sysadmin: true));

    [Fact]
    public async Task UserCreate_BySysadmin_HashesPasswordAndShowsEmailOnlyToSelf()
    {
        var sys = await SysAsync();
        var name = Unique("newbie");
        var created = (await sys.PostAsync("user_create", new JsonObject
        {
            ["name"] = name, ["email"] = name + "@example.go.th", ["password"] = "correct horse", ["fullname"] = "สมชาย ใจดี",
        })).Ok().Result!;
        Assert.Equal("สมชาย ใจดี", created["display_name"]!.GetValue<string>());
        Assert.False(created.AsObject().ContainsKey("password"));
        var anon = (await app.Ckan().GetAsync("user_show?id=" + name)).Ok().Result!.AsObject();
        Assert.False(anon.ContainsKey("email"));
        Assert.False(anon.ContainsKey("password_hash"));
        var asSys = (await sys.GetAsync($"user_show?id={name}&include_password_hash=true")).Ok().Result!;
        Assert.Equal(name + "@example.go.th", asSys["email"]!.GetValue<string>());
        Assert.StartsWith("AQAAAA", asSys["password_hash"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserCreate_Invalid_GivesCkanMessages()
    {
        var sys = await SysAsync();
        var taken = Unique("taken");
        await app.UserTokenAsync(taken);
        var r = await sys.PostAsync("user_create", new JsonObject { ["name"] = taken, ["email"] = "not-an-email", ["password"] = "short" });
        Assert.Equal(409, r.Status);
        Assert.Equal("That login name is not available.", r.Error!["name"]![0]!.GetValue<string>());
        Assert.Equal("Email not-an-email is not a valid format", r.Error!["email"]![0]!.GetValue<string>());
        Assert.Equal("Your password must be 8 characters or longer", r.Error!["password"]![0]!.GetValue<string>());
        var missing = await sys.PostAsync("user_create", new JsonObject { ["name"] = Unique("nomail"), ["password"] = "long enough" });
        Assert.Equal("Missing value", missing.Error!["email"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task UserUpdate_SysadminFlag_OnlyBySysadmin()
    {
        var name = Unique("climber");
        var token = await app.UserTokenAsync(name);
        var self = (await app.Ckan(token).PostAsync("user_patch", new JsonObject { ["id"] = name, ["sysadmin"] = true, ["about"] = "hi" })).Ok().Result!;
        Assert.False(self["sysadmin"]!.GetValue<bool>());
        Assert.Equal("hi", self["about"]!.GetValue<string>());
        var sys = await SysAsync();
        var promoted = (await sys.PostAsync("user_patch", new JsonObject { ["id"] = name, ["sysadmin"] = true })).Ok().Result!;
        Assert.True(promoted["sysadmin"]!.GetValue<bool>());
    }

    [Fact]
    public async Task UserList_Default_DictsWithoutDeletedOrEmails()
    {
        var sys = await SysAsync();
        var keep = Unique("listed");
        var gone = Unique("gone");
        await app.UserTokenAsync(keep);
        await app.UserTokenAsync(gone);
        (await sys.PostAsync("user_delete", new JsonObject { ["id"] = gone })).Ok();
        var list = (await app.Ckan().GetAsync("user_list")).Ok().Result!.AsArray();
        Assert.Contains(list, u => u!["name"]!.GetValue<string>() == keep && !u.AsObject().ContainsKey("email"));
        Assert.DoesNotContain(list, u => u!["name"]!.GetValue<string>() == gone);
        var names = (await app.Ckan().GetAsync($"user_list?all_fields=false&q={keep}")).Ok().Result!.AsArray();
        Assert.Equal(keep, Assert.Single(names)!.GetValue<string>());
    }

    [Fact]
    public async Task GetSiteUser_Sysadmin_CreatesSysadminSiteUser()
    {
        Assert.Equal(403, (await app.Ckan(await app.UserTokenAsync(Unique("nosite"))).GetAsync("get_site_user")).Status);
        var site = (await (await SysAsync()).GetAsync("get_site_user")).Ok().Result!;
        Assert.Equal("default", site["name"]!.GetValue<string>());
        Assert.True(site["sysadmin"]!.GetValue<bool>());
        Assert.DoesNotContain((await app.Ckan().GetAsync("user_list?all_fields=false")).Ok().Result!.AsArray(), n => n!.GetValue<string>() == "default");
    }

    [Fact]
    public async Task ApiTokenRevoke_Token_IsAnonymousAtOnce()
    {
        var sys = await SysAsync();
        var org = await app.AddGroupAsync(Unique("tok-org"));
        var ds = Unique("tok-private");
        (await sys.PostAsync("package_create", new JsonObject { ["name"] = ds, ["owner_org"] = org, ["private"] = true })).Ok();
        var name = Unique("holder");
        var bootstrap = await app.UserTokenAsync(name);
        await app.AddMemberAsync(org, name, "member");

        var created = (await app.Ckan(bootstrap).PostAsync("api_token_create", new JsonObject { ["user"] = name, ["name"] = "laptop" })).Ok().Result!;
        var token = created["token"]!.GetValue<string>();
        (await app.Ckan(token).GetAsync("package_show?id=" + ds)).Ok();
        var listed = (await app.Ckan(token).GetAsync("api_token_list?user_id=" + name)).Ok().Result!.AsArray();
        Assert.Contains(listed, t => t!["id"]!.GetValue<string>() == created["id"]!.GetValue<string>() && t["name"]!.GetValue<string>() == "laptop");

        (await app.Ckan(bootstrap).PostAsync("api_token_revoke", new JsonObject { ["token"] = token })).Ok();
        var after = await app.Ckan(token).GetAsync("package_show?id=" + ds);
        Assert.Equal(403, after.Status);
        Assert.Equal("Authorization Error", after.ErrorType);
        Assert.DoesNotContain((await app.Ckan(bootstrap).GetAsync("api_token_list?user=" + name)).Ok().Result!.AsArray(),
            t => t!["id"]!.GetValue<string>() == created["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task ApiTokenCreate_ExpiresIn_TokenCarriesExpiry()
    {
        var name = Unique("expiring");
        var token = await app.UserTokenAsync(name);
        var created = (await app.Ckan(token).PostAsync("api_token_create", new JsonObject { ["user"] = name, ["name"] = "short", ["expires_in"] = 2, ["unit"] = 3600 })).Ok().Result!;
        var payload = created["token"]!.GetValue<string>().Split('.')[1];
        var json = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=').Replace('-', '+').Replace('_', '/')));
        var claims = JsonNode.Parse(json)!;
        Assert.Equal(7200, claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>());
    }

    [Fact]
    public async Task UserDelete_User_LosesRolesAndTokens()
    {
        var sys = await SysAsync();
        var org = await app.AddGroupAsync(Unique("del-org"));
        var name = Unique("leaver");
        var token = await app.UserTokenAsync(name);
        await app.AddMemberAsync(org, name, "admin");
        (await sys.PostAsync("user_delete", new JsonObject { ["id"] = name })).Ok();
        Assert.Empty((await sys.GetAsync($"member_list?id={org}&object_type=user")).Ok().Result!.AsArray());
        Assert.Equal(403, (await app.Ckan(token).PostAsync("organization_patch", new JsonObject { ["id"] = org, ["title"] = "x" })).Status);
    }
}

public sealed class UserTestsSqlite(SqliteApp app) : UserTests(app), IClassFixture<SqliteApp>;

public sealed class UserTestsPostgres(PostgresApp app) : UserTests(app), IClassFixture<PostgresApp>;
