using System.Diagnostics;
using System.Globalization;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Search;
using GovChannel.Web.Data;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovChannel.Bench.Catalog;

/// <summary>
/// Where a rebuild spends its time and allocates, one stage at a time on one thread (dotnet-trace is not available
/// here): build the Lucene document (with the package dict's JSON), add it; then the same documents with one kind of field each, to see
/// what indexing costs by field kind.
/// </summary>
internal static class Profile
{
    public static async Task RunAsync(IServiceProvider services, int n)
    {
        // The first pass runs partly in tier-0 JIT code; the second is what a long rebuild sees.
        await PassAsync(services, n, TextWriter.Null);
        await PassAsync(services, n, Console.Out);
    }

    private static async Task PassAsync(IServiceProvider services, int n, TextWriter output)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GovDb>();
        var settings = scope.ServiceProvider.GetRequiredService<GovChannelSettings>();
        var watch = Stopwatch.StartNew();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var datasets = await db.Datasets.AsNoTracking().WithEverything().OrderBy(d => d.Id).Take(n).ToListAsync();
        Report(output, "load (EF Include graph)", watch.Elapsed, datasets.Count, GC.GetAllocatedBytesForCurrentThread() - allocated);

        var kinds = new (string Name, Func<IIndexableField, bool> Keep)[]
        {
            ("all fields", _ => true),
            ("stored data_dict", f => f.Name == IndexFields.DataDict),
            ("StringField (exact terms)", f => f is StringField),
            ("doc values (sorted/sorted set)", f => f is SortedDocValuesField or SortedSetDocValuesField),
            ("numbers (one binary doc value; six numeric doc values in layout 3, trie terms before)", f => f.Name == IndexFields.Numbers || f is Int64Field or Int32Field or NumericDocValuesField),
            ("resource URLs (one binary doc value; sorted-set doc values before layout 5)", f => f.Name == IndexFields.ResourceUrls),
            ("text fields except catch-all", f => f is TextField && f.Name != "text"),
            ("text catch-all", f => f is TextField && f.Name == "text"),
        };
        foreach (var (name, keep) in kinds)
        {
            var builder = new IndexFields.DocumentBuilder();
            using var dir = new RAMDirectory();
            using var writer = new IndexWriter(dir, new IndexWriterConfig(TextAnalysis.Version, TextAnalysis.Text) { RAMBufferSizeMB = 256, Codec = IndexCodec.Register() });
            long buildTicks = 0, addTicks = 0, buildBytes = 0, addBytes = 0;
            foreach (var d in datasets)
            {
                var t1 = Stopwatch.GetTimestamp();
                var b1 = GC.GetAllocatedBytesForCurrentThread();
                var doc = builder.Build(d, [], settings.SiteId);
                if (name != "all fields")
                {
                    var part = new Document();
                    foreach (var f in doc.Fields.Where(keep))
                    {
                        part.Add(f);
                    }
                    doc = part;
                }
                var t2 = Stopwatch.GetTimestamp();
                var b2 = GC.GetAllocatedBytesForCurrentThread();
                writer.AddDocument(doc);
                var t3 = Stopwatch.GetTimestamp();
                buildBytes += b2 - b1;
                addBytes += GC.GetAllocatedBytesForCurrentThread() - b2;
                buildTicks += t2 - t1;
                addTicks += t3 - t2;
            }
            var t4 = Stopwatch.GetTimestamp();
            writer.Commit();
            var flush = Stopwatch.GetElapsedTime(t4);
            if (name == "all fields")
            {
                Report(output, "DocumentBuilder.Build (incl. analysis, the dict's JSON)", TimeSpan.FromSeconds(buildTicks / (double)Stopwatch.Frequency), datasets.Count, buildBytes);
            }
            Report(output, "AddDocument: " + name, TimeSpan.FromSeconds(addTicks / (double)Stopwatch.Frequency), datasets.Count, addBytes);
            Report(output, "  commit (flush): " + name, flush, datasets.Count);
        }
    }

    private static void Report(TextWriter output, string stage, TimeSpan elapsed, int count, long? allocated = null) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stage,-60} {elapsed.TotalMilliseconds * 1000 / Math.Max(1, count),8:F1} µs/dataset  ({elapsed.TotalSeconds:F2} s)")
            + (allocated is { } bytes ? string.Create(CultureInfo.InvariantCulture, $"  {bytes / Math.Max(1, count),7:N0} B/dataset allocated") : ""));
}

/// <summary>Per-field term statistics of an index directory (what a rebuild hashes, sorts and writes).</summary>
internal static class FieldStats
{
    public static void Run(string indexDir)
    {
        IndexCodec.Register();
        using var dir = FSDirectory.Open(indexDir);
        using var reader = DirectoryReader.Open(dir);
        var rows = new List<(string Field, long Terms, long Tokens, long Postings)>();
        foreach (var field in MultiFields.GetIndexedFields(reader))
        {
            long terms = 0, tokens = 0, postings = 0;
            foreach (var leaf in reader.Leaves)
            {
                var t = leaf.AtomicReader.GetTerms(field);
                if (t is null)
                {
                    continue;
                }
                terms += t.Count;
                tokens += t.SumTotalTermFreq;
                postings += t.SumDocFreq;
            }
            rows.Add((field, terms, tokens, postings));
        }
        var all = rows.Sum(r => r.Tokens);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{reader.Leaves.Count} segments, {reader.MaxDoc} documents"));
        foreach (var r in rows.OrderByDescending(r => r.Tokens))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Field,-24} terms {r.Terms,10:N0}  tokens {r.Tokens,12:N0} ({100.0 * r.Tokens / all,5:F1} %)  postings {r.Postings,12:N0}"));
        }
    }
}
