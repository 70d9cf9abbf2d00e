using GovChannel.Tests;

namespace GovChannel.Web.Tests.Cli;

public abstract class DemoSeedTests(GovChannelApp app)
{
    [Fact]
    public async Task SeedDemo_TwiceOver_LoadsCatalogueOnceWithSubDistrictData()
    {
        await DemoSeed.RunAsync(app.Services, TextWriter.Null, CancellationToken.None);
        await DemoSeed.RunAsync(app.Services, TextWriter.Null, CancellationToken.None);

        var names = (await app.Ckan().GetAsync("package_list")).Ok().Result!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Contains("thailand-sub-districts", names);
        Assert.Contains("air-quality-pm25-daily", names);
        Assert.DoesNotContain("dopa-internal-draft-indicators", names); // private: hidden from anonymous
        Assert.Equal(names.Distinct().Count(), names.Count);

        var d = (await app.Ckan().GetAsync("package_show?id=thailand-sub-districts")).Ok().Result!;
        Assert.Equal("True", d["reference_data"]!.GetValue<string>());
        var csv = await app.CreateClient().GetStringAsync(new Uri(d["resources"]![0]!["url"]!.GetValue<string>()).PathAndQuery);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7452, lines.Length);
        Assert.StartsWith("100101,พระบรมมหาราชวัง,", lines[1], StringComparison.Ordinal);
    }
}

public sealed class DemoSeedTestsSqlite(SqliteApp app) : DemoSeedTests(app), IClassFixture<SqliteApp>;

public sealed class DemoSeedTestsPostgres(PostgresApp app) : DemoSeedTests(app), IClassFixture<PostgresApp>;
