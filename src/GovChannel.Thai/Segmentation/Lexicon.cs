using System.Globalization;
using System.IO.Compression;
using System.Reflection;

namespace GovChannel.Thai;

/// <summary>Where a lexicon entry came from; the segmenter may weigh sources differently.</summary>
[Flags]
internal enum LexiconSource : byte
{
    None = 0,
    General = 1,
    Domain = 2,
    Geography = 4,
    Corpus = 8,
}

/// <summary>
/// An immutable prefix trie of words with their corpus frequency, stored as flat arrays (children of a node are a
/// sorted slice of the edge arrays). Built once from sorted words without per-node dictionaries, so loading the
/// ~70,000-word lexicon takes tens of milliseconds and lookups allocate nothing. Safe to share across threads.
/// </summary>
internal sealed class Lexicon
{
    private readonly int[] _edgeStart;   // per node: first edge; edges of node n are [_edgeStart[n], _edgeStart[n + 1])
    private readonly char[] _edgeChar;
    private readonly int[] _edgeTarget;
    private readonly float[] _logFreq;   // per node: ln(1 + corpus count), or NaN when no word ends here
    private readonly LexiconSource[] _source;

    private Lexicon(int[] edgeStart, char[] edgeChar, int[] edgeTarget, float[] logFreq, LexiconSource[] source, int count, float maxLogFreq)
    {
        _edgeStart = edgeStart;
        _edgeChar = edgeChar;
        _edgeTarget = edgeTarget;
        _logFreq = logFreq;
        _source = source;
        Count = count;
        MaxLogFreq = maxLogFreq;
    }

    public int Count { get; }

    public float MaxLogFreq { get; }

    public bool Contains(ReadOnlySpan<char> word)
    {
        int node = 0;
        foreach (char c in word)
        {
            node = Child(node, c);
            if (node < 0)
            {
                return false;
            }
        }

        return !float.IsNaN(_logFreq[node]);
    }

    /// <summary>Finds the lexicon words that <paramref name="text"/> starts with, shortest first: their lengths and trie nodes.</summary>
    public int Prefixes(ReadOnlySpan<char> text, Span<int> lengths, Span<int> nodes)
    {
        int found = 0;
        int node = 0;
        for (int i = 0; i < text.Length && found < lengths.Length; i++)
        {
            node = Child(node, text[i]);
            if (node < 0)
            {
                break;
            }

            if (!float.IsNaN(_logFreq[node]))
            {
                lengths[found] = i + 1;
                nodes[found] = node;
                found++;
            }
        }

        return found;
    }

    public float LogFreq(int node) => _logFreq[node];

    public LexiconSource Source(int node) => _source[node];

    private int Child(int node, char c)
    {
        int lo = _edgeStart[node];
        int hi = _edgeStart[node + 1] - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            char m = _edgeChar[mid];
            if (m == c)
            {
                return _edgeTarget[mid];
            }

            if (m < c)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }

    /// <summary>Builds a trie from words (any order, duplicates allowed: frequencies take the maximum, sources are combined).</summary>
    public static Lexicon Build(IEnumerable<(string Word, long Count, LexiconSource Source)> entries)
    {
        var merged = new Dictionary<string, (long Count, LexiconSource Source)>(StringComparer.Ordinal);
        foreach (var (word, count, source) in entries)
        {
            if (word.Length == 0)
            {
                continue;
            }

            merged[word] = merged.TryGetValue(word, out var old) ? (Math.Max(old.Count, count), old.Source | source) : (count, source);
        }

        string[] words = [.. merged.Keys];
        Array.Sort(words, StringComparer.Ordinal);

        var nodeEdgeFirst = new List<int>(words.Length * 2);
        var edgeChar = new List<char>(words.Length * 2);
        var edgeTarget = new List<int>(words.Length * 2);
        var logFreq = new List<float>(words.Length * 2);
        var sources = new List<LexiconSource>(words.Length * 2);
        float maxLog = 0;

        // Iterative depth-first build: a node is (range of sorted words sharing a prefix, depth). Its edges are
        // reserved as one contiguous slice before its children are built, which keeps the CSR layout.
        var stack = new Stack<(int Node, int Lo, int Hi, int Depth)>();
        int NewNode()
        {
            logFreq.Add(float.NaN);
            sources.Add(LexiconSource.None);
            nodeEdgeFirst.Add(0);
            return logFreq.Count - 1;
        }

        stack.Push((NewNode(), 0, words.Length, 0));
        var edgeCountOf = new List<int>(words.Length * 2);
        edgeCountOf.Add(0);
        while (stack.Count > 0)
        {
            var (node, lo, hi, depth) = stack.Pop();
            if (lo < hi && words[lo].Length == depth)
            {
                var info = merged[words[lo]];
                float lf = MathF.Log(1 + info.Count);
                logFreq[node] = lf;
                sources[node] = info.Source;
                maxLog = Math.Max(maxLog, lf);
                lo++;
            }

            int first = edgeChar.Count;
            nodeEdgeFirst[node] = first;
            int i = lo;
            var children = new List<(int Node, int Lo, int Hi)>();
            while (i < hi)
            {
                char c = words[i][depth];
                int j = i + 1;
                while (j < hi && words[j][depth] == c)
                {
                    j++;
                }

                int child = NewNode();
                edgeCountOf.Add(0);
                edgeChar.Add(c);
                edgeTarget.Add(child);
                children.Add((child, i, j));
                i = j;
            }

            edgeCountOf[node] = edgeChar.Count - first;
            for (int k = children.Count - 1; k >= 0; k--)
            {
                stack.Push((children[k].Node, children[k].Lo, children[k].Hi, depth + 1));
            }
        }

        int nodes = logFreq.Count;
        var start = new int[nodes + 1];
        for (int n = 0; n < nodes; n++)
        {
            start[n] = nodeEdgeFirst[n];
        }

        // Edges were appended node by node in creation order of their parent, so each slice is contiguous but
        // slices are not in node order: rebuild the arrays in node order.
        var orderedChar = new char[edgeChar.Count];
        var orderedTarget = new int[edgeChar.Count];
        int pos = 0;
        for (int n = 0; n < nodes; n++)
        {
            int f = nodeEdgeFirst[n];
            int count = edgeCountOf[n];
            start[n] = pos;
            for (int k = 0; k < count; k++)
            {
                orderedChar[pos] = edgeChar[f + k];
                orderedTarget[pos] = edgeTarget[f + k];
                pos++;
            }
        }

        start[nodes] = pos;
        return new Lexicon(start, orderedChar, orderedTarget, [.. logFreq], [.. sources], words.Length, maxLog);
    }

    // ---- loading the shipped data ----

    private static readonly Assembly Self = typeof(Lexicon).Assembly;

    internal static IEnumerable<string> ReadResourceLines(string name)
    {
        using Stream raw = Self.GetManifestResourceStream("GovChannel.Thai.Data." + name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing from GovChannel.Thai.");
        using Stream data = name.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(raw, CompressionMode.Decompress) : raw;
        using var reader = new StreamReader(data);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    /// <summary>The shipped lexicon: PyThaiNLP words + frequencies, the domain list and geographic names.</summary>
    public static Lexicon LoadDefault(LexiconOptions options)
    {
        var freq = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string line in ReadResourceLines("tnc_freq.txt.gz"))
        {
            int tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab > 0 && long.TryParse(line.AsSpan(tab + 1), NumberStyles.None, CultureInfo.InvariantCulture, out long count))
            {
                freq[line[..tab]] = count;
            }
        }

        long Freq(string w) => freq.TryGetValue(w, out long c) ? c : 0;

        IEnumerable<(string, long, LexiconSource)> Entries()
        {
            foreach (string w in Clean(ReadResourceLines("words_th.txt.gz")))
            {
                yield return (w, Freq(w), LexiconSource.General);
            }

            if (options.CorpusMinCount > 0)
            {
                foreach (var (w, c) in freq)
                {
                    if (c >= options.CorpusMinCount && IsThaiWord(w))
                    {
                        yield return (w, c, LexiconSource.Corpus);
                    }
                }
            }

            if (options.Domain)
            {
                foreach (string w in Clean(ReadResourceLines("domain_th.txt")))
                {
                    yield return (w, Math.Max(Freq(w), options.DomainMinCount), LexiconSource.Domain);
                }
            }

            if (options.Geography)
            {
                foreach (var (w, province) in GeographyNames())
                {
                    // Province names are as common as agency names; the thousands of district and sub-district
                    // names are mostly ordinary phrases (บ้านใหม่, หนองบัว) and must not outweigh their parts.
                    long floor = province ? options.DomainMinCount : options.GeographyMinCount;
                    yield return (w, Math.Max(Freq(w), floor), LexiconSource.Geography);
                }
            }
        }

        return Build(Entries());
    }

    private static IEnumerable<string> Clean(IEnumerable<string> lines)
    {
        foreach (string raw in lines)
        {
            string line = raw.Trim().TrimStart('\uFEFF');
            if (line.Length == 0 || line.StartsWith('#') || line.Contains(' ', StringComparison.Ordinal))
            {
                continue;
            }

            yield return ThaiNormalizer.Normalize(line);
        }
    }

    private static bool IsThaiWord(string w)
    {
        foreach (char c in w)
        {
            if (!ThaiClusters.IsThaiLetter(c))
            {
                return false;
            }
        }

        return w.Length > 0;
    }

    // Province, district and sub-district names (kongvut/thai-province-data, MIT). District names in Bangkok carry
    // the prefix เขต, and people write names both with and without the prefix, so both forms go in.
    private static IEnumerable<(string Name, bool Province)> GeographyNames()
    {
        foreach (var (file, column) in new[] { ("geo_provinces.csv.gz", 1), ("geo_districts.csv.gz", 1), ("geo_sub_districts.csv.gz", 2) })
        {
            bool header = true;
            foreach (string line in ReadResourceLines(file))
            {
                if (header)
                {
                    header = false;
                    continue;
                }

                string[] cells = line.Split(',');
                if (cells.Length <= column)
                {
                    continue;
                }

                string name = ThaiNormalizer.Normalize(cells[column].Trim());
                if (name.Length == 0 || !IsThaiWord(name))
                {
                    continue;
                }

                yield return (name, column == 1 && file == "geo_provinces.csv.gz");
                foreach (string prefix in (string[])["เขต", "อำเภอ", "แขวง", "ตำบล"])
                {
                    if (name.StartsWith(prefix, StringComparison.Ordinal) && name.Length > prefix.Length + 1)
                    {
                        yield return (name[prefix.Length..], false);
                    }
                }
            }
        }
    }
}

/// <summary>Which sources go into the lexicon.</summary>
internal sealed record LexiconOptions
{
    public bool Domain { get; init; } = true;

    public bool Geography { get; init; } = true;

    /// <summary>
    /// The corpus count a domain term is treated as having at least: agency names are rare in a general corpus, and
    /// a frequency-weighted choice would otherwise prefer their frequent parts (กรม|การ|ปกครอง).
    /// </summary>
    public long DomainMinCount { get; init; } = 100_000;

    /// <summary>The corpus count a district or sub-district name is treated as having at least.</summary>
    public long GeographyMinCount { get; init; } = 100;

    /// <summary>Also take corpus words seen at least this often (0: only the curated word list).</summary>
    public long CorpusMinCount { get; init; }
}
