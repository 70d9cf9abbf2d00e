using System.Globalization;
using System.Text.Json.Nodes;
using GovChannel.Tests;
using GovChannel.Web.Areas.OpenData.Search;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using GovChannel.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GovChannel.Web.Tests.OpenData.Search.SearchRig;

namespace GovChannel.Web.Tests.OpenData.Search;

/// <summary>
/// A rebuild that dies half-way (cancelled, or the process killed) must leave the live index serving and nothing
/// behind; the next start cleans up a half-built directory, and a later rebuild completes.
/// </summary>
public abstract class RebuildRestartTests : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "govchannel-restart-" + Guid.NewGuid().ToString("N")[..10]);
    private string _connection = "";

    protected abstract string Provider { get; }
    protected abstract string CreateConnection();

    public Task InitializeAsync()
    {
        _connection = CreateConnection();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        try
        {
            System.IO.Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Rebuild_CancelledThenCrashedThenRestarted_OldIndexServesAndLaterRebuildCompletes()
    {
        var tag = Unique("restart");
        await using (var first = new Node(Provider, _connection, _dataDir))
        {
            var rig = new SearchRig(first);
            var (org, _) = await rig.OrgAsync();
            for (var i = 0; i < 3; i++)
            {
                await rig.CreateAsync(new JsonObject { ["name"] = Unique("rs" + i), ["title"] = "ข้อมูลจำนวนประชากร " + i, ["owner_org"] = org, ["tags"] = TagList(tag) });
            }
            var index = first.Services.GetRequiredService<SearchIndex>();

            // Cancelled as soon as it reports progress: the half-built directory goes, the live index stays.
            using var cancel = new CancellationTokenSource();
            var progress = new CancelOnWrite(cancel);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => index.RebuildAsync(first.Services, progress, cancel.Token));
            Assert.Single(IndexDirectories());
            Assert.Equal(3, (await rig.SearchAsync(null, ("fq", "tags:" + tag)))["count"]!.GetValue<int>());
        }

        // A crash part-way through a rebuild in another process leaves a committed index nobody points at (its lock
        // goes with the process).
        var abandoned = Path.Combine(_dataDir, "search", "index-0-crashed");
        using (var dir = FSDirectory.Open(abandoned))
        using (var writer = new IndexWriter(dir, new IndexWriterConfig(TextAnalysis.Version, TextAnalysis.Text)))
        {
            writer.AddDocument(new Document { new StringField("id", "half", Field.Store.YES) });
            writer.Commit();
        }
        Assert.Equal(2, IndexDirectories().Count);

        await using (var second = new Node(Provider, _connection, _dataDir))
        {
            var rig = new SearchRig(second);
            // The restarted node serves the old index at once and has removed the abandoned directory.
            Assert.Equal(3, (await rig.SearchAsync(null, ("fq", "tags:" + tag)))["count"]!.GetValue<int>());
            Assert.False(System.IO.Directory.Exists(abandoned));

            var progress = new StringWriter();
            await second.Services.GetRequiredService<SearchIndex>().RebuildAsync(second.Services, progress, CancellationToken.None);
            Assert.Contains("Indexed 3 datasets", progress.ToString(), StringComparison.Ordinal);
            Assert.Equal(3, (await rig.SearchAsync(null, ("q", "ประชากร"), ("fq", "tags:" + tag)))["count"]!.GetValue<int>());
            // The replaced index is removed once searches on it have had time to finish.
            for (var i = 0; i < 50 && IndexDirectories().Count > 1; i++)
            {
                await Task.Delay(100);
            }
            Assert.Single(IndexDirectories());
        }
    }

    /// <summary>
    /// An index written by an older document layout (IndexFields.Layout) keeps serving after a start and is rebuilt
    /// beside it in the background; an index of the current layout is not rebuilt.
    /// </summary>
    [Fact]
    public async Task Start_OldLayoutIndex_IsRebuiltInTheBackgroundWhileItServes()
    {
        var tag = Unique("layout");
        var url = "http://" + Unique("layout") + ".example.go.th/data.csv";
        await using (var first = new Node(Provider, _connection, _dataDir))
        {
            var rig = new SearchRig(first);
            var (org, _) = await rig.OrgAsync();
            for (var i = 0; i < 2; i++)
            {
                await rig.CreateAsync(new JsonObject
                {
                    ["name"] = Unique("ly" + i), ["title"] = "ข้อมูลจำนวนประชากร " + i, ["owner_org"] = org, ["tags"] = TagList(tag),
                    ["resources"] = new JsonArray(new JsonObject { ["url"] = url + i, ["name"] = "r" }),
                });
            }
            Assert.Equal(IndexFields.Layout, first.Services.GetRequiredService<SearchIndex>().Layout);
        }
        var live = Assert.Single(IndexDirectories());

        // What an older version left: its commit data has no layout.
        using (var dir = FSDirectory.Open(live))
        using (var writer = new IndexWriter(dir, new IndexWriterConfig(TextAnalysis.Version, TextAnalysis.Text)))
        {
            writer.SetCommitData(writer.CommitData.Where(kv => kv.Key != "layout").ToDictionary(kv => kv.Key, kv => kv.Value));
            writer.Commit();
        }

        await using (var second = new Node(Provider, _connection, _dataDir))
        {
            var rig = new SearchRig(second);
            var index = second.Services.GetRequiredService<SearchIndex>();
            Assert.Equal(2, (await rig.SearchAsync(null, ("fq", "tags:" + tag)))["count"]!.GetValue<int>());
            for (var i = 0; i < 300 && index.Layout != IndexFields.Layout; i++)
            {
                await Task.Delay(100);
            }
            Assert.Equal(IndexFields.Layout, index.Layout);
            for (var i = 0; i < 50 && IndexDirectories().Contains(live); i++)
            {
                await Task.Delay(100);
            }
            Assert.DoesNotContain(live, IndexDirectories());
            Assert.Equal(1, (await rig.SearchAsync(null, ("q", "ประชากร"), ("fq", $"tags:{tag} res_url:\"{url}1\"")))["count"]!.GetValue<int>());
        }

        // Started again on the rebuilt index: nothing to do.
        var rebuilt = IndexDirectories();
        await using (var third = new Node(Provider, _connection, _dataDir))
        {
            Assert.Equal(2, (await new SearchRig(third).SearchAsync(null, ("fq", "tags:" + tag)))["count"]!.GetValue<int>());
            await Task.Delay(500);
            Assert.Equal(rebuilt, IndexDirectories());
        }
    }

    /// <summary>
    /// A catalogue of more than two pages is flushed early, at four-fifths, beside the indexing threads (SearchIndex
    /// IndexAllAsync): every dataset is still indexed exactly once and its fields answer as before.
    /// </summary>
    [Fact]
    public async Task Rebuild_MoreThanTwoPages_FlushesEarly_IndexesEveryDatasetOnce()
    {
        await using var node = new Node(Provider, _connection, _dataDir);
        await SyntheticSeed.RunAsync(node.Services, 12_000, 5, TextWriter.Null, CancellationToken.None);
        var (datasets, median, created) = await node.WithDbAsync(async (db, _) =>
        {
            var count = await db.Datasets.CountAsync();
            var middle = await db.Datasets.OrderBy(d => d.MetadataCreated).Skip(count / 2).Select(d => d.MetadataCreated).FirstAsync();
            var second = new DateTime(middle.Ticks - middle.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
            return (count, second, await db.Datasets.CountAsync(d => d.MetadataCreated < second));
        });
        Assert.True(datasets > 10_000, datasets.ToString(CultureInfo.InvariantCulture));
        Assert.InRange(created, 1, datasets - 1);

        var index = node.Services.GetRequiredService<SearchIndex>();
        var progress = new StringWriter();
        await index.RebuildAsync(node.Services, progress, CancellationToken.None);

        Assert.Contains("flushing the buffers beside the indexing threads", progress.ToString(), StringComparison.Ordinal);
        var all = new MatchAllDocsQuery();
        Assert.Equal(datasets, index.Search(all, all, Sort.INDEXORDER, 0, 0, []).Count);
        var ids = index.Search(all, all, new Sort(new SortField("id", SortFieldType.STRING)), 0, datasets, []).Dicts
            .Select(d => JsonNode.Parse(d)!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(datasets, ids.Distinct(StringComparer.Ordinal).Count());
        var older = SolrQuery.Standard($"metadata_created:[* TO {median.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}}}", median);
        Assert.Equal(created, index.Search(older, all, Sort.INDEXORDER, 0, 0, []).Count);
    }

    private List<string> IndexDirectories() => [.. System.IO.Directory.EnumerateDirectories(Path.Combine(_dataDir, "search"), "index-*")];

    /// <summary>A server over a given data directory and database, so that a second one can take over after the first.</summary>
    private sealed class Node(string provider, string connection, string dataDir) : GovChannelApp
    {
        public override string Provider => provider;
        protected override string ConnectionString() => connection;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("GovChannel:DataDirectory", dataDir);
            builder.UseSetting("GovChannel:TokenSecret", "restart-secret");
        }
    }

    private sealed class CancelOnWrite(CancellationTokenSource cancel) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            cancel.Cancel();
        }
    }
}

public sealed class RebuildRestartTestsSqlite : RebuildRestartTests
{
    protected override string Provider => "Sqlite";
    protected override string CreateConnection() => $"Data Source={Path.Combine(Path.GetTempPath(), "govchannel-" + Guid.NewGuid().ToString("N")[..10] + ".db")}";
}

public sealed class RebuildRestartTestsPostgres : RebuildRestartTests
{
    protected override string Provider => "Postgres";
    protected override string CreateConnection() => PostgresServer.CreateDatabase();
}
