using System.Diagnostics;
using System.Globalization;
using GovChannel.Thai;
using GovChannel.ThaiSearch.Bench;
using GovChannel.Web.Areas.OpenData.Search;

// bench/ThaiSearch: relevance of Thai search over a realistic catalogue, and the indexing cost of the analyzer.
// See README.md. `dotnet run -c Release --project bench/ThaiSearch [-- --queries | --subwords WORD...]`
if (args.Length > 0 && args[0] == "--subwords")
{
    foreach (var w in args.Skip(1))
    {
        var parts = ThaiSubwords.Default.Find(w);
        var indexed = TextAnalysis.Subwords(w).Select(p => p.Word).ToHashSet(StringComparer.Ordinal);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{w} [lf {ThaiSubwords.Default.LogFrequency(w):F1}, {ThaiSubwords.CountClusters(w)} clusters]: ") +
            string.Join(", ", parts.Select(p =>
            {
                var part = w.Substring(p.Start, p.Length);
                return string.Create(CultureInfo.InvariantCulture, $"{(indexed.Contains(part) ? "+" : "-")}{part}({p.Clusters}c, lf {p.LogFrequency:F1})");
            })));
    }
    return;
}

var dir = AppContext.BaseDirectory;
var catalogue = Catalogue.Build(Path.Combine(dir, "subjects.tsv"), perSubject: 30, seed: 20261124);
var judgements = Judgement.Load(Path.Combine(dir, "judgements.tsv"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"catalogue: {catalogue.Count} datasets from {catalogue.Select(d => d.Subject.Id).Distinct().Count()} subjects; {judgements.Count} queries"));

var sw = Stopwatch.StartNew();
var systems = new ISearchSystem[]
{
    new LuceneSystem("GovChannel", catalogue, TextAnalysis.Text, LuceneSystem.Dismax),
    new LuceneSystem("GovChannel, no sub-words", catalogue, Analyzers.WordsOnly, LuceneSystem.Dismax),
    new SubstringSystem(catalogue),
    new LuceneSystem("whitespace tokens (stock CKAN)", catalogue, Analyzers.Whitespace, LuceneSystem.WhitespaceDismax),
};
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"indexes built in {sw.ElapsedMilliseconds} ms"));

var verbose = args.Contains("--queries");
Relevance.Report(systems, catalogue, judgements, verbose);
IndexingCost.Report(Path.Combine(dir, "subjects.tsv"));
