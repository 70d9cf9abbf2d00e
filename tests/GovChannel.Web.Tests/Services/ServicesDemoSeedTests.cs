using GovChannel.Tests;
using GovChannel.Web.Tests.Services;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Tests.Services;

/// <summary><c>seed demo</c> loads the services demo content once: 20+ manuals, 40+ e-services, 20+ apps, news.</summary>
public abstract class ServicesDemoSeedTests(GovChannelApp app)
{
    [Fact]
    public async Task SeedDemo_TwiceOver_LoadsServicesOnce()
    {
        await DemoSeed.RunAsync(app.Services, TextWriter.Null, CancellationToken.None);
        await DemoSeed.RunAsync(app.Services, TextWriter.Null, CancellationToken.None);
        var (manuals, published, eservices, apps, news, copies) = await app.WithDbAsync(async (db, _) => (
            await db.CitizenManuals.CountAsync(), await db.CitizenManuals.CountAsync(m => m.PublishedRevision != null),
            await db.EServices.CountAsync(), await db.Apps.CountAsync(), await db.News.CountAsync(),
            await db.CitizenManuals.CountAsync(m => m.CopiedFromId != null)));
        Assert.True(manuals >= 20, $"{manuals} manuals");
        Assert.True(published >= 20, $"{published} published manuals");
        Assert.True(eservices >= 40, $"{eservices} e-services");
        Assert.True(apps >= 20, $"{apps} apps");
        Assert.True(news >= 5);
        Assert.Equal(1, copies);

        var api = new ServicesClient(app.CreateClient());
        var (_, list) = await api.GetAsync("/api/eservices?lifeEvent=starting-business");
        Assert.True(list!["count"]!.GetValue<int>() >= 5);
        var (_, appsList) = await api.GetAsync("/api/apps?agency=moph");
        Assert.NotNull(appsList!["items"]![0]!["rating"]!["average"]);
    }
}

public sealed class ServicesDemoSeedTestsSqlite(SqliteApp app) : ServicesDemoSeedTests(app), IClassFixture<SqliteApp>;

public sealed class ServicesDemoSeedTestsPostgres(PostgresApp app) : ServicesDemoSeedTests(app), IClassFixture<PostgresApp>;
