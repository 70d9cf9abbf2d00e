using System.Globalization;

namespace GovChannel.ThaiSearch.Bench;

/// <summary>
/// recall@10 = relevant in the first 10 / min(10, relevant): the share of the first page a person would want that
/// the system fills with wanted datasets. precision@10 = relevant in the first 10 / results in the first 10 (queries
/// with no result are left out of it). MRR = 1 / rank of the first relevant result (0 when none). False matches:
/// results anywhere in the list that are not relevant.
/// </summary>
internal static class Relevance
{
    public static void Report(IReadOnlyList<ISearchSystem> systems, List<Dataset> catalogue, List<Judgement> judgements, bool verbose)
    {
        var rows = new List<string>();
        Console.WriteLine();
        Console.WriteLine("| system | recall@10 | precision@10 | MRR | queries with recall@10 = 1 | false matches (all ranks) | relevant found (all ranks) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        var perQuery = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var system in systems)
        {
            double recall = 0, precision = 0, mrr = 0;
            int precisionQueries = 0, perfect = 0, falseMatches = 0, found = 0, wanted = 0;
            foreach (var j in judgements)
            {
                var relevant = catalogue.Where(j.IsRelevant).Select(d => d.Index).ToHashSet();
                var results = system.Search(j.Query);
                var top = results.Take(10).ToList();
                var hit = top.Count(relevant.Contains);
                var r = relevant.Count == 0 ? 1 : (double)hit / Math.Min(10, relevant.Count);
                recall += r;
                perfect += r >= 1 ? 1 : 0;
                if (top.Count > 0)
                {
                    precision += (double)hit / top.Count;
                    precisionQueries++;
                }
                var first = results.FindIndex(relevant.Contains);
                mrr += first < 0 ? 0 : 1.0 / (first + 1);
                var fm = results.Count(i => !relevant.Contains(i));
                falseMatches += fm;
                found += results.Count(relevant.Contains);
                wanted += relevant.Count;
                var line = string.Create(CultureInfo.InvariantCulture, $"r@10 {r:F2} p@10 {(top.Count == 0 ? double.NaN : (double)hit / top.Count):F2} matches {results.Count} false {fm}");
                if (!perQuery.TryGetValue(j.Query, out var list))
                {
                    perQuery[j.Query] = list = [string.Create(CultureInfo.InvariantCulture, $"relevant {relevant.Count}")];
                }
                list.Add(line);
                if (verbose && r < 1)
                {
                    Console.Error.WriteLine($"[{system.Name}] {j.Query}: " + line + " | top: " + string.Join("; ", top.Take(5).Select(i => catalogue[i].Title + (relevant.Contains(i) ? " ✓" : " ✗"))));
                }
            }
            var n = judgements.Count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {system.Name} | {recall / n:F3} | {precision / Math.Max(1, precisionQueries):F3} | {mrr / n:F3} | {perfect}/{n} | {falseMatches} | {found}/{wanted} |"));
        }
        Console.WriteLine();
        Console.WriteLine("Per query (systems in the order above):");
        Console.WriteLine();
        Console.WriteLine("| query | relevant | " + string.Join(" | ", systems.Select(s => s.Name)) + " |");
        Console.WriteLine("|---|---|" + string.Concat(systems.Select(_ => "---|")));
        foreach (var (query, list) in perQuery)
        {
            Console.WriteLine($"| {query} | {list[0]["relevant ".Length..]} | " + string.Join(" | ", list.Skip(1).Select(Short)) + " |");
        }
    }

    // "r@10 1.00 p@10 1.00 matches 30 false 0" → "1.00 / 1.00 (30, 0 false)"
    private static string Short(string line)
    {
        var p = line.Split(' ');
        return $"{p[1]} / {p[3]} ({p[5]}, {p[7]} false)";
    }
}
