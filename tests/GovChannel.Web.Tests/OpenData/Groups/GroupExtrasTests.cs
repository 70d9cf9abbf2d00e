using System.Text.Json.Nodes;
using GovChannel.Tests;

namespace GovChannel.Web.Tests.OpenData.Groups;

/// <summary>Organisation extras share the dataset rules for keys and values (ExtrasInput), without the dataset-only ones.</summary>
public abstract class GroupExtrasTests(GovChannelApp app)
{
    [Fact]
    public async Task OrganizationCreate_Extras_ValuesBecomeStrings_DuplicateKeysRefused()
    {
        var sys = app.Ckan(await app.UserTokenAsync("extras-sysadmin", sysadmin: true));
        var name = "extras-org-" + Guid.NewGuid().ToString("N")[..8];
        var org = (await sys.PostAsync("organization_create", new JsonObject
        {
            ["name"] = name,
            ["extras"] = new JsonArray(new JsonObject { ["key"] = "title_en", ["value"] = "Agency" }, new JsonObject { ["key"] = "n", ["value"] = 1.5 }),
        })).Ok().Result!;
        var extras = org["extras"]!.AsArray().ToDictionary(e => e!["key"]!.GetValue<string>(), e => e!["value"]!.GetValue<string>());
        Assert.Equal("Agency", extras["title_en"]);
        Assert.Equal("1.5", extras["n"]);

        var dup = await sys.PostAsync("organization_create", new JsonObject
        {
            ["name"] = "extras-dup-" + Guid.NewGuid().ToString("N")[..8],
            ["extras"] = new JsonArray(new JsonObject { ["key"] = "k", ["value"] = "1" }, new JsonObject { ["key"] = "k", ["value"] = "2" }),
        });
        Assert.Equal(409, dup.Status);
        Assert.Equal("Duplicate key \"k\"", dup.Error!["extras_validation"]![0]!.GetValue<string>());

        var noKey = await sys.PostAsync("organization_create", new JsonObject
        {
            ["name"] = "extras-nokey-" + Guid.NewGuid().ToString("N")[..8],
            ["extras"] = new JsonArray(new JsonObject { ["value"] = "x" }),
        });
        Assert.Equal("Missing value", noKey.Error!["extras"]![0]!["key"]![0]!.GetValue<string>());
    }
}

public sealed class GroupExtrasTestsSqlite(SqliteApp app) : GroupExtrasTests(app), IClassFixture<SqliteApp>;

public sealed class GroupExtrasTestsPostgres(PostgresApp app) : GroupExtrasTests(app), IClassFixture<PostgresApp>;
