using GovChannel.Tests;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Tests.Cli;

public abstract class SyntheticSeedTests(GovChannelApp app)
{
    [Fact]
    public async Task SeedSynthetic_GeneratesRequestedCatalogue_WithResourcesTagsAndGdcFields()
    {
        _ = app.Server;
        var before = await app.WithDbAsync((db, _) => db.Datasets.CountAsync());
        await SyntheticSeed.RunAsync(app.Services, 250, 12, TextWriter.Null, CancellationToken.None);
        var stats = await app.WithDbAsync(async (db, _) => new
        {
            Datasets = await db.Datasets.CountAsync() - before,
            Orgs = await db.Groups.CountAsync(g => g.IsOrganization),
            WithoutResources = await db.Datasets.CountAsync(d => !d.Resources.Any()),
            MaxResources = await db.Datasets.MaxAsync(d => d.Resources.Count),
            WithoutTags = await db.Datasets.CountAsync(d => !d.Tags.Any()),
            Thai = await db.Datasets.CountAsync(d => d.Title!.Contains("จังหวัด")),
            Gdc = await db.Datasets.CountAsync(d => d.FieldsJson.Contains("data_type")),
        });
        Assert.Equal(250, stats.Datasets);
        Assert.True(stats.Orgs >= 12);
        Assert.Equal(0, stats.WithoutResources);
        Assert.InRange(stats.MaxResources, 1, 5);
        Assert.Equal(0, stats.WithoutTags);
        Assert.InRange(stats.Thai, 100, 250);
        Assert.Equal(250, stats.Gdc);
        // The generated datasets are valid CKAN datasets: package_show serves one.
        var name = await app.WithDbAsync((db, _) => db.Datasets.Where(d => d.State == "active" && !d.Private).Select(d => d.Name).FirstAsync());
        (await app.Ckan().GetAsync("package_show?id=" + name)).Ok();
    }
}

public sealed class SyntheticSeedTestsSqlite(SqliteApp app) : SyntheticSeedTests(app), IClassFixture<SqliteApp>;

public sealed class SyntheticSeedTestsPostgres(PostgresApp app) : SyntheticSeedTests(app), IClassFixture<PostgresApp>;
