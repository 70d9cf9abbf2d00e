using System.Xml.Linq;
using GovChannel.Tests;

namespace GovChannel.Web.Tests.Services;

/// <summary>Atom feeds for the display boxes, on the demo content.</summary>
public abstract class FeedTests(GovChannelApp app) : IAsyncLifetime
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public Task InitializeAsync() => DemoSeed.RunAsync(app.Services, TextWriter.Null, CancellationToken.None);
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<XDocument> FeedAsync(string name)
    {
        using var response = await app.CreateClient().GetAsync($"/feeds/{name}.atom");
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("news")]
    [InlineData("manuals")]
    [InlineData("eservices")]
    [InlineData("datasets")]
    public async Task Feed_IsAtomWithEntries(string name)
    {
        var feed = await FeedAsync(name);
        Assert.Equal(Atom + "feed", feed.Root!.Name);
        Assert.NotEmpty(feed.Root.Elements(Atom + "entry"));
        Assert.All(feed.Root.Elements(Atom + "entry"), e => Assert.StartsWith("http://test.local/", e.Element(Atom + "link")!.Attribute("href")!.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DatasetsFeed_OnlyPublicActiveDatasets()
    {
        var feed = await FeedAsync("datasets");
        var links = feed.Root!.Elements(Atom + "entry").Select(e => e.Element(Atom + "link")!.Attribute("href")!.Value).ToList();
        Assert.Contains("http://test.local/dataset/thailand-sub-districts", links);
        Assert.DoesNotContain(links, l => l.EndsWith("/dataset/dopa-internal-draft-indicators", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NewsApi_PublishedNewsAndPublications_FilterByKind()
    {
        var api = new ServicesClient(app.CreateClient());
        var (_, all) = await api.GetAsync("/api/news?limit=100");
        Assert.Contains(all!.AsArray(), n => n!["kind"]!.GetValue<string>() == "publication");
        var (_, news) = await api.GetAsync("/api/news?kind=news&limit=100");
        Assert.All(news!.AsArray(), n => Assert.Equal("news", n!["kind"]!.GetValue<string>()));
        Assert.Equal(401, (await api.PostAsync("/api/news", new { title = "ข่าวทดสอบ" })).Status);
    }

    [Fact]
    public async Task ManualsFeed_OnlyPublishedManuals()
    {
        var titles = (await FeedAsync("manuals")).Root!.Elements(Atom + "entry").Select(e => e.Element(Atom + "title")!.Value).ToList();
        Assert.Contains("การแจ้งเกิด", titles);
        Assert.DoesNotContain("การขอใช้ข้อมูลสถิติรายละเอียดระดับย่อย", titles); // a draft in the demo content
    }
}

public sealed class FeedTestsSqlite(SqliteApp app) : FeedTests(app), IClassFixture<SqliteApp>;

public sealed class FeedTestsPostgres(PostgresApp app) : FeedTests(app), IClassFixture<PostgresApp>;
