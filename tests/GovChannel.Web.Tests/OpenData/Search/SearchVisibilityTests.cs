using System.Text.Json.Nodes;
using GovChannel.Tests;
using static GovChannel.Web.Tests.OpenData.Search.SearchRig;

namespace GovChannel.Web.Tests.OpenData.Search;

/// <summary>
/// Who sees what in package_search (reference/ckan.md §3.2, §6.2 cases 21–24): results, counts and facet counts never
/// include a dataset the caller may not read, whatever they put in fq.
/// </summary>
public abstract class SearchVisibilityTests(GovChannelApp app)
{
    private readonly SearchRig _rig = new(app);

    private sealed record World(string Tag, string OrgName, Dictionary<string, string?> Tokens, string Public, string Private, string Draft, string Deleted);

    /// <summary>One organisation with a public, a private, a draft and a deleted dataset, and a user in each role.</summary>
    private async Task<World> WorldAsync()
    {
        var (org, orgName) = await _rig.OrgAsync();
        var (otherOrg, _) = await _rig.OrgAsync();
        var tag = Unique("tag");
        var tokens = new Dictionary<string, string?> { ["anonymous"] = null };
        foreach (var (role, group, capacity) in new[] { ("member", org, "member"), ("editor", org, "editor"), ("admin", org, "admin"), ("other", otherOrg, "admin") })
        {
            var name = Unique(role);
            tokens[role] = await app.UserTokenAsync(name);
            await app.AddMemberAsync(group, name, capacity);
        }
        tokens["sysadmin"] = await app.UserTokenAsync("search-sysadmin", sysadmin: true);

        async Task<string> Make(string prefix, bool isPrivate, string state)
        {
            var name = Unique(prefix);
            await _rig.CreateAsync(new JsonObject { ["name"] = name, ["owner_org"] = org, ["private"] = isPrivate, ["state"] = state, ["tags"] = TagList(tag) });
            return name;
        }
        var pub = await Make("public", false, "active");
        var priv = await Make("private", true, "active");
        var draft = await Make("draft", false, "draft");
        var deleted = await Make("deleted", false, "active");
        (await (await _rig.SysadminAsync()).PostAsync("package_delete", new JsonObject { ["id"] = deleted })).Ok();
        return new World(tag, orgName, tokens, pub, priv, draft, deleted);
    }

    private async Task AssertSeesAsync(World w, string role, string[] expected, params (string, string)[] flags)
    {
        var r = await _rig.SearchAsync(w.Tokens[role], [("fq", "tags:" + w.Tag), ("facet.field", "[\"organization\",\"tags\"]"), .. flags]);
        var flagText = string.Join("&", flags.Select(f => f.Item1 + "=" + f.Item2));
        Assert.True(expected.Order().SequenceEqual(Names(r).Order()), $"{role} {flagText}: saw {string.Join(", ", Names(r))}");
        Assert.Equal(expected.Length, r["count"]!.GetValue<int>());
        Assert.Equal(expected.Length == 0 ? null : expected.Length, r["facets"]!["organization"]![w.OrgName]?.GetValue<int>());
        Assert.Equal(expected.Length == 0 ? null : expected.Length, r["facets"]!["tags"]![w.Tag]?.GetValue<int>());
    }

    [Fact]
    public async Task PackageSearch_RoleMatrix_ShowsOnlyReadableDatasets()
    {
        var w = await WorldAsync();
        string[] all = ["anonymous", "member", "editor", "admin", "other", "sysadmin"];
        foreach (var role in all)
        {
            await AssertSeesAsync(w, role, [w.Public]);
        }

        var withPrivate = new Dictionary<string, string[]>
        {
            ["anonymous"] = [w.Public], ["member"] = [w.Public, w.Private], ["editor"] = [w.Public, w.Private],
            ["admin"] = [w.Public, w.Private], ["other"] = [w.Public], ["sysadmin"] = [w.Public, w.Private],
        };
        foreach (var (role, expected) in withPrivate)
        {
            await AssertSeesAsync(w, role, expected, ("include_private", "true"));
        }

        // Drafts and deleted datasets: their creator and the organisation's editors and admins read them; members do not.
        var withDrafts = new Dictionary<string, string[]>
        {
            ["anonymous"] = [w.Public], ["member"] = [w.Public], ["editor"] = [w.Public, w.Draft],
            ["admin"] = [w.Public, w.Draft], ["other"] = [w.Public], ["sysadmin"] = [w.Public, w.Draft],
        };
        foreach (var (role, expected) in withDrafts)
        {
            await AssertSeesAsync(w, role, expected, ("include_drafts", "true"));
        }
        var withDeleted = new Dictionary<string, string[]>
        {
            ["anonymous"] = [w.Public], ["member"] = [w.Public], ["editor"] = [w.Public, w.Deleted],
            ["admin"] = [w.Public, w.Deleted], ["other"] = [w.Public], ["sysadmin"] = [w.Public, w.Deleted],
        };
        foreach (var (role, expected) in withDeleted)
        {
            await AssertSeesAsync(w, role, expected, ("include_deleted", "true"));
        }
        await AssertSeesAsync(w, "sysadmin", [w.Public, w.Private, w.Draft, w.Deleted],
            ("include_private", "true"), ("include_drafts", "true"), ("include_deleted", "true"));
        await AssertSeesAsync(w, "member", [w.Public, w.Private],
            ("include_private", "true"), ("include_drafts", "true"), ("include_deleted", "true"));
    }

    [Theory]
    [InlineData("capacity:private")]
    [InlineData("state:draft")]
    [InlineData("+state:draft")]
    [InlineData("+state:deleted")]
    [InlineData("+state:(draft OR deleted) OR capacity:private")]
    public async Task PackageSearch_AnonymousFilterForHiddenDatasets_FindsNothing(string fq)
    {
        var w = await WorldAsync();
        var r = await _rig.SearchAsync(null, ("fq", $"tags:{w.Tag} AND ({fq})"), ("facet.field", "[\"tags\"]"),
            ("include_private", "true"), ("include_drafts", "true"), ("include_deleted", "true"));
        Assert.Equal(0, r["count"]!.GetValue<int>());
        Assert.Empty(r["facets"]!["tags"]!.AsObject());
        var member = await _rig.SearchAsync(w.Tokens["member"], ("fq", $"+tags:{w.Tag} +state:(draft OR deleted)"));
        Assert.Equal(0, member["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task PackageSearch_IncludeDrafts_GivesUsersTheirOwnDraftsOnly()
    {
        var tag = Unique("tag");
        var drafts = new Dictionary<string, (string Token, string Draft, string User)>();
        foreach (var who in new[] { "alice", "bob" })
        {
            var (org, _) = await _rig.OrgAsync();
            var user = Unique(who);
            var token = await app.UserTokenAsync(user);
            await app.AddMemberAsync(org, user, "editor");
            var draft = Unique(who + "-draft");
            await _rig.CreateAsync(new JsonObject { ["name"] = draft, ["owner_org"] = org, ["state"] = "draft", ["tags"] = TagList(tag) }, token);
            drafts[who] = (token, draft, user);
        }
        var (pubOrg, _) = await _rig.OrgAsync();
        var pub = Unique("pub");
        await _rig.CreateAsync(new JsonObject { ["name"] = pub, ["owner_org"] = pubOrg, ["tags"] = TagList(tag) });
        var sys = await app.UserTokenAsync("search-sysadmin", sysadmin: true);

        Assert.Equal([pub], Names(await _rig.SearchAsync(null, ("fq", "tags:" + tag), ("include_drafts", "true"))));
        Assert.Equal(new[] { drafts["alice"].Draft, pub }.Order(StringComparer.Ordinal),
            Names(await _rig.SearchAsync(drafts["alice"].Token, ("fq", "tags:" + tag), ("include_drafts", "true"))).Order(StringComparer.Ordinal));
        Assert.Equal(3, (await _rig.SearchAsync(sys, ("fq", "tags:" + tag), ("include_drafts", "true")))["count"]!.GetValue<int>());
        Assert.Equal([pub], Names(await _rig.SearchAsync(sys, ("fq", "tags:" + tag), ("include_drafts", "false"))));

        // Case 23: a user's own "+state" filter replaces the state filter, but not the permission filter.
        var bobId = await app.UserIdAsync(drafts["bob"].User);
        var fq = $"+tags:{tag} (creator_user_id:{bobId} AND +state:draft)";
        Assert.Equal(0, (await _rig.SearchAsync(drafts["alice"].Token, ("fq", fq), ("include_drafts", "true")))["count"]!.GetValue<int>());
        Assert.Equal([drafts["bob"].Draft], Names(await _rig.SearchAsync(sys, ("fq", fq))));
    }

    [Fact]
    public async Task PackageSearch_IncludePrivate_OtherOrganisationStaysHidden()
    {
        var tag = Unique("tag");
        var (org1, _) = await _rig.OrgAsync();
        var (org2, _) = await _rig.OrgAsync();
        var user = Unique("m1");
        var token = await app.UserTokenAsync(user);
        await app.AddMemberAsync(org1, user, "member");
        var p1 = Unique("p1");
        var p2 = Unique("p2");
        await _rig.CreateAsync(new JsonObject { ["name"] = p1, ["owner_org"] = org1, ["private"] = true, ["tags"] = TagList(tag) });
        await _rig.CreateAsync(new JsonObject { ["name"] = p2, ["owner_org"] = org2, ["private"] = true, ["tags"] = TagList(tag) });
        Assert.Equal([p1], Names(await _rig.SearchAsync(token, ("fq", "tags:" + tag), ("include_private", "true"), ("include_deleted", "true"))));
        var sys = await app.UserTokenAsync("search-sysadmin", sysadmin: true);
        Assert.Equal(2, (await _rig.SearchAsync(sys, ("fq", "tags:" + tag), ("include_private", "true")))["count"]!.GetValue<int>());
        Assert.Equal(0, (await _rig.SearchAsync(sys, ("fq", "tags:" + tag)))["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Autocomplete_PrivateDataset_IsNeverSuggested()
    {
        var (org, _) = await _rig.OrgAsync();
        var word = "zq" + Guid.NewGuid().ToString("N")[..6];
        await _rig.CreateAsync(new JsonObject
        {
            ["name"] = word + "-secret", ["owner_org"] = org, ["private"] = true, ["tags"] = TagList(word + "-secret-tag"),
            ["resources"] = new JsonArray(new JsonObject { ["url"] = "http://example.go.th/x", ["format"] = word.ToUpperInvariant() }),
        });
        var client = app.CreateClient();
        var datasets = JsonNode.Parse(await client.GetStringAsync("/api/2/util/dataset/autocomplete?incomplete=" + word))!;
        Assert.Empty(datasets["ResultSet"]!["Result"]!.AsArray());
        var tags = JsonNode.Parse(await client.GetStringAsync("/api/2/util/tag/autocomplete?incomplete=" + word))!;
        Assert.Empty(tags["ResultSet"]!["Result"]!.AsArray());
        var formats = JsonNode.Parse(await client.GetStringAsync("/api/2/util/resource/format_autocomplete?incomplete=" + word))!;
        Assert.Empty(formats["ResultSet"]!["Result"]!.AsArray());
    }
}

public sealed class SearchVisibilityTestsSqlite(SqliteApp app) : SearchVisibilityTests(app), IClassFixture<SqliteApp>;

public sealed class SearchVisibilityTestsPostgres(PostgresApp app) : SearchVisibilityTests(app), IClassFixture<PostgresApp>;
