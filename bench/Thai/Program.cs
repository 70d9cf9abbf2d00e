using System.Diagnostics;
using System.Globalization;
using System.Text;
using GovChannel.Thai;

// Segmentation benchmark: accuracy against human-segmented text and single-core throughput.
// Usage: dotnet run -c Release --project bench/Thai [-- --sweep] [--errors N]
string dataDir = Path.Combine(AppContext.BaseDirectory, "data");
bool sweep = args.Contains("--sweep");
int errors = args.Contains("--errors") ? int.Parse(args[Array.IndexOf(args, "--errors") + 1], CultureInfo.InvariantCulture) : 0;

var sets = new (string Name, string File)[]
{
    ("wisesight-160", "data-wisesight/wisesight-160-samples-tokenised.label"),
    ("wisesight-1000", "data-wisesight/wisesight-1000-samples-tokenised.label"),
    ("govchannel-gov", "gov-golden.label"),
};

var load = Stopwatch.StartNew();
ThaiSegmenter segmenter = ThaiSegmenter.Default;
load.Stop();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lexicon: {segmenter.Lexicon.Count} words, loaded in {load.ElapsedMilliseconds} ms"));

if (args.Contains("--seg"))
{
    string input = args[Array.IndexOf(args, "--seg") + 1];
    Console.WriteLine(string.Join(" | ", segmenter.Segment(input).Select(t => t.Text + "/" + t.Kind)));
    return;
}

if (args.Contains("--etcc-eval"))
{
    var lexicon = segmenter.Lexicon;
    foreach (bool e in new[] { false, true })
    {
        var seg = new ThaiSegmenter(lexicon, new SegmenterOptions { EnhancedClusters = e });
        foreach (var (name, file) in sets)
        {
            var s = Score.Of(seg, Read(file), 0);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"etcc={e} {name}: boundary-F1 {s.BoundaryF1:F4} word-F1 {s.WordF1:F4}"));
        }
    }

    return;
}

if (args.Contains("--etcc"))
{
    int total = 0, broken = 0;
    foreach (string cluster in GovChannel.Thai.Lexicon.ReadResourceLines("etcc.txt.gz"))
    {
        if (cluster.Length == 0)
        {
            continue;
        }

        total++;
        var marks = new bool[cluster.Length + 1];
        ThaiClusters.MarkBoundaries(cluster, marks);
        if (marks.Skip(1).Take(cluster.Length - 1).Any(b => b))
        {
            if (broken++ < 40)
            {
                Console.Write(cluster + " ");
            }
        }
    }

    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"etcc clusters with an inner break: {broken} of {total}"));
    return;
}

if (sweep)
{
    Sweep(Read(sets[1].File));
    return;
}

Console.WriteLine("set             lines  boundary-P  boundary-R  boundary-F1  word-P  word-R  word-F1");
foreach (var (name, file) in sets)
{
    var lines = Read(file);
    var s = Score.Of(segmenter, lines, name == "wisesight-160" ? errors : 0);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-15} {lines.Count,5}  {s.BoundaryP,10:F4}  {s.BoundaryR,10:F4}  {s.BoundaryF1,11:F4}  {s.WordP,6:F4}  {s.WordR,6:F4}  {s.WordF1,7:F4}"));
}

Throughput(segmenter);

List<string[]> Read(string relative)
{
    string path = Path.Combine(dataDir, relative);
    var result = new List<string[]>();
    foreach (string line in File.ReadLines(path, Encoding.UTF8))
    {
        string[] tokens = line.Split('|').Where(t => t.Length > 0).ToArray();
        if (tokens.Length > 0)
        {
            result.Add(tokens);
        }
    }

    return result;
}

void Throughput(ThaiSegmenter seg)
{
    // Thai text only: the wisesight sentences with everything but Thai letters removed, repeated to ~8 MB.
    var sb = new StringBuilder();
    foreach (var tokens in Read(sets[1].File))
    {
        foreach (string t in tokens)
        {
            foreach (char c in t)
            {
                if (c is >= '\u0E01' and <= '\u0E5B')
                {
                    sb.Append(c);
                }
            }
        }

        sb.Append('\n');
    }

    string[] lines = sb.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    long bytesPerPass = lines.Sum(l => (long)Encoding.UTF8.GetByteCount(l));
    foreach (string l in lines)
    {
        seg.Segment(l);
    }

    long bytes = 0;
    long tokenCount = 0;
    var sw = Stopwatch.StartNew();
    while (bytes < 8L * 1024 * 1024 || sw.ElapsedMilliseconds < 3000)
    {
        foreach (string l in lines)
        {
            tokenCount += seg.Segment(l).Count;
        }

        bytes += bytesPerPass;
    }

    sw.Stop();
    double mb = bytes / (1024.0 * 1024.0);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"throughput: {mb / sw.Elapsed.TotalSeconds:F1} MB/s of Thai text (UTF-8) on one thread; {mb:F1} MB, {tokenCount} tokens in {sw.Elapsed.TotalSeconds:F2} s"));
}

void Sweep(List<string[]> lines)
{
    var baseLexicon = new LexiconOptions();
    foreach (long corpus in new long[] { 0 })
    foreach (long geoMin in new long[] { 0, 100, 2000 })
    foreach (bool geo in new[] { true })
    {
        var lexOptions = baseLexicon with { Geography = geo, CorpusMinCount = corpus, GeographyMinCount = geoMin };
        var lexicon = GovChannel.Thai.Lexicon.LoadDefault(lexOptions);
        foreach (double rarity in new[] { 8.0, 10.0, 12.0 })
        foreach (double unkChar in new[] { 2.5, 3.0, 3.5 })
        foreach (double unkTok in new[] { 1.0 })
        {
            var options = new SegmenterOptions { RarityCost = rarity, UnknownCharCost = unkChar, UnknownTokenCost = unkTok, Lexicon = lexOptions };
            var s = Score.Of(new ThaiSegmenter(lexicon, options), lines, 0);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"geo={geo} geoMin={geoMin} corpus={corpus} rarity={rarity} unkChar={unkChar} unkTok={unkTok}: boundary-F1 {s.BoundaryF1:F4} word-F1 {s.WordF1:F4}"));
        }
    }
}

internal sealed record Score(double BoundaryP, double BoundaryR, double WordP, double WordR)
{
    public double BoundaryF1 => F1(BoundaryP, BoundaryR);

    public double WordF1 => F1(WordP, WordR);

    private static double F1(double p, double r) => p + r == 0 ? 0 : 2 * p * r / (p + r);

    // Standard definitions: the reference text is the concatenation of its tokens (the '|' delimiters removed);
    // boundaries are the character offsets where a word ends, excluding the end of the line; words are exact
    // (start, end) spans. Counts are summed over all lines (micro-average). White-space tokens count as words on
    // both sides, as the reference marks them.
    public static Score Of(IThaiSegmenter segmenter, List<string[]> lines, int showErrors)
    {
        long bTp = 0, bPred = 0, bRef = 0, wTp = 0, wPred = 0, wRef = 0;
        foreach (string[] reference in lines)
        {
            string text = string.Concat(reference);
            var refSpans = new HashSet<(int, int)>();
            var refBounds = new HashSet<int>();
            int pos = 0;
            foreach (string t in reference)
            {
                refSpans.Add((pos, pos + t.Length));
                pos += t.Length;
                if (pos < text.Length)
                {
                    refBounds.Add(pos);
                }
            }

            var predicted = segmenter.Segment(text);
            if (string.Concat(predicted.Select(t => t.Text)) != text)
            {
                throw new InvalidOperationException("Round trip failed: " + text);
            }

            var predSpans = predicted.Select(t => (t.Start, t.End)).ToHashSet();
            var predBounds = predicted.Select(t => t.End).Where(e => e < text.Length).ToHashSet();
            bTp += predBounds.Count(refBounds.Contains);
            bPred += predBounds.Count;
            bRef += refBounds.Count;
            wTp += predSpans.Count(refSpans.Contains);
            wPred += predSpans.Count;
            wRef += refSpans.Count;
            if (showErrors > 0 && !predSpans.SetEquals(refSpans))
            {
                showErrors--;
                Console.WriteLine("ref: " + string.Join('|', reference));
                Console.WriteLine("got: " + string.Join('|', predicted.Select(t => t.Text)));
            }
        }

        return new Score((double)bTp / bPred, (double)bTp / bRef, (double)wTp / wPred, (double)wTp / wRef);
    }
}
