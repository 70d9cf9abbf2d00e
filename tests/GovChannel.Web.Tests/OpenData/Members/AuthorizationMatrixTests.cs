using System.Text.Json.Nodes;
using GovChannel.Tests;

namespace GovChannel.Web.Tests.OpenData.Members;

/// <summary>
/// Who may call the organisation, membership, collaborator, user and token write actions: each actor against each
/// action on a fresh organisation O (and group G, where the actors hold the same role), with a public dataset D in O.
/// </summary>
public abstract class AuthorizationMatrixTests(GovChannelApp app)
{
    public static readonly string[] Actors = ["anonymous", "member", "editor", "admin", "other-org-admin", "sysadmin"];

    /// <summary>The actors for whom each action succeeds; everyone else gets 403 Authorization Error.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["organization_update"] = ["admin", "sysadmin"],
        ["organization_member_create"] = ["admin", "sysadmin"],
        ["group_member_create"] = ["admin", "sysadmin"],
        // Any role in a group may add datasets to it (manage_group).
        ["member_create"] = ["member", "editor", "admin", "sysadmin"],
        // CKAN: the 'membership' permission, which only admins of the dataset's organisation hold.
        ["package_collaborator_create"] = ["admin", "sysadmin"],
        ["user_update"] = ["sysadmin"],
        ["api_token_list"] = ["sysadmin"],
        ["api_token_revoke"] = ["sysadmin"],
        ["user_create"] = ["sysadmin"],
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var action in Allowed.Keys)
        {
            foreach (var actor in Actors)
            {
                data.Add(action, actor);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task WriteAction_Actor_AllowedOrAuthorizationError(string action, string actor)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        string N(string role) => $"az-{role}-{run}";
        var org = await app.AddGroupAsync(N("org"));
        var otherOrg = await app.AddGroupAsync(N("other"));
        var group = await app.AddGroupAsync(N("grp"), organization: false);
        var tokens = new Dictionary<string, string?>(StringComparer.Ordinal) { ["anonymous"] = null };
        foreach (var role in new[] { "member", "editor", "admin" })
        {
            tokens[role] = await app.UserTokenAsync(N(role));
            await app.AddMemberAsync(org, N(role), role);
            await app.AddMemberAsync(group, N(role), role);
        }
        tokens["other-org-admin"] = await app.UserTokenAsync(N("otheradmin"));
        await app.AddMemberAsync(otherOrg, N("otheradmin"), "admin");
        tokens["sysadmin"] = await app.UserTokenAsync(N("sys"), sysadmin: true);
        var victimToken = await app.UserTokenAsync(N("victim"));
        var dataset = N("ds");
        (await app.Ckan(tokens["sysadmin"]).PostAsync("package_create", new JsonObject { ["name"] = dataset, ["owner_org"] = org })).Ok();

        var ckan = app.Ckan(tokens[actor]);
        var r = action switch
        {
            "organization_update" => await ckan.PostAsync(action, new JsonObject { ["id"] = org, ["name"] = N("org"), ["title"] = "New title" }),
            "organization_member_create" => await ckan.PostAsync(action, new JsonObject { ["id"] = org, ["username"] = N("victim"), ["role"] = "member" }),
            "group_member_create" => await ckan.PostAsync(action, new JsonObject { ["id"] = group, ["username"] = N("victim"), ["role"] = "member" }),
            "member_create" => await ckan.PostAsync(action, new JsonObject { ["id"] = group, ["object"] = dataset, ["object_type"] = "package", ["capacity"] = "public" }),
            "package_collaborator_create" => await ckan.PostAsync(action, new JsonObject { ["id"] = dataset, ["user_id"] = N("victim"), ["capacity"] = "member" }),
            "user_update" => await ckan.PostAsync(action, new JsonObject { ["id"] = N("victim"), ["email"] = "changed@example.go.th", ["fullname"] = "Changed" }),
            "api_token_list" => await ckan.GetAsync("api_token_list?user_id=" + N("victim")),
            "api_token_revoke" => await ckan.PostAsync(action, new JsonObject { ["token"] = victimToken }),
            "user_create" => await ckan.PostAsync(action, new JsonObject { ["name"] = N("made"), ["email"] = N("made") + "@example.go.th", ["password"] = "long enough" }),
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };

        if (Allowed[action].Contains(actor))
        {
            r.Ok();
        }
        else
        {
            Assert.True(r.Status == 403, $"{actor} {action}: expected 403, got {r.Status}: {r.Body}");
            Assert.Equal("Authorization Error", r.ErrorType);
        }
    }
}

public sealed class AuthorizationMatrixTestsSqlite(SqliteApp app) : AuthorizationMatrixTests(app), IClassFixture<SqliteApp>;

public sealed class AuthorizationMatrixTestsPostgres(PostgresApp app) : AuthorizationMatrixTests(app), IClassFixture<PostgresApp>;
