using System.Text.Json.Nodes;
using GovChannel.Tests;

namespace GovChannel.Web.Tests.Services;

/// <summary>
/// The OpenAPI document is published at /openapi/v1.json and committed as src/GovChannel.Web/openapi/v1.json, so a
/// change to the API shows in review. After an intended change: UPDATE_OPENAPI=1 dotnet test --filter OpenApi.
/// </summary>
public sealed class OpenApiDocumentTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static string CommittedPath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GovChannel.slnx")))
        {
            dir = dir.Parent;
        }
        return Path.Combine(dir!.FullName, "src", "GovChannel.Web", "openapi", "v1.json");
    }

    [Fact]
    public async Task OpenApi_ServedDocument_EqualsCommittedFile()
    {
        var served = JsonNode.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"))!.AsObject();
        served.Remove("servers"); // the request's own host; not part of the contract
        var path = CommittedPath();
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, served.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
        }
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(path));
        Assert.True(JsonNode.DeepEquals(committed, served), "The API changed: regenerate openapi/v1.json (UPDATE_OPENAPI=1) and review the diff.");
    }

    [Fact]
    public async Task OpenApi_DescribesOurApiOnly()
    {
        var doc = JsonNode.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/manuals/{id}", paths);
        Assert.Contains("/api/search", paths);
        Assert.Contains("/api/apps/{slug}/ratings", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/api/action", StringComparison.Ordinal) || p.StartsWith("/api/3", StringComparison.Ordinal));
    }
}
