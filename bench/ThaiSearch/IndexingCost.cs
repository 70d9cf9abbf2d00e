using System.Diagnostics;
using System.Globalization;
using GovChannel.Web.Areas.OpenData.Search;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Store;

namespace GovChannel.ThaiSearch.Bench;

/// <summary>
/// What the sub-word safety net costs at index time: tokens per document and milliseconds per 10,000 documents,
/// (1) analysing its title, notes and catch-all text, (2) indexing the whole benchmark document (title, notes, tags, catch-all text)
/// into an in-memory index, for the words-only analyzer and for GovChannel's analyzer.
/// </summary>
internal static class IndexingCost
{
    public static void Report(string subjectsPath)
    {
        // 10,000 fresh documents (another seed: different provinces, years and breakdowns).
        var docs = Catalogue.Build(subjectsPath, perSubject: 99, seed: 7)[..10_000];
        Console.WriteLine();
        Console.WriteLine("Indexing cost, 10,000 synthetic datasets (best of 5 runs after one warm-up; single thread):");
        Console.WriteLine();
        Console.WriteLine("| analyzer | tokens / doc (title, notes, text) | of which sub-words | analyse those, ms / 10k | index whole doc in RAM, ms / 10k |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var (name, analyzer) in new[] { ("words only (before)", Analyzers.WordsOnly), ("GovChannel (words + sub-words)", TextAnalysis.Text) })
        {
            var (tokens, subwords) = Count(analyzer, docs);
            var analyse = Best(() => Count(analyzer, docs));
            var index = Best(() => Index(analyzer, docs));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {tokens / (double)docs.Count:F1} | {subwords / (double)docs.Count:F1} | {analyse:F0} | {index:F0} |"));
        }
    }

    private static double Best(Action action)
    {
        action();
        var best = double.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
        }
        return best;
    }

    private static (long Tokens, long Subwords) Count(Analyzer analyzer, List<Dataset> docs)
    {
        long tokens = 0, subwords = 0;
        foreach (var d in docs)
        {
            foreach (var (field, text) in Fields(d))
            {
                using var stream = analyzer.GetTokenStream(field, text);
                var term = stream.AddAttribute<ICharTermAttribute>();
                stream.Reset();
                while (stream.IncrementToken())
                {
                    tokens++;
                    subwords += term.Length > 0 && term.Buffer[0] == TextAnalysis.SubwordMark ? 1 : 0;
                }
                stream.End();
            }
        }
        return (tokens, subwords);
    }

    // The analysed fields of LuceneSystem.Document: title, notes, and the catch-all text.
    private static IEnumerable<(string Field, string Text)> Fields(Dataset d) =>
        [("title", d.Title), ("notes", d.Notes), .. ((string[])[d.Name, d.Title, d.Notes, d.Organization, .. d.Tags]).Select(t => ("text", t))];

    private static void Index(Analyzer analyzer, List<Dataset> docs)
    {
        using var directory = new RAMDirectory();
        using var writer = new IndexWriter(directory, new IndexWriterConfig(TextAnalysis.Version, analyzer) { RAMBufferSizeMB = 256 });
        foreach (var d in docs)
        {
            writer.AddDocument(LuceneSystem.Document(d));
        }
        writer.Commit();
    }
}
