namespace GovChannel.Thai;

/// <summary>One lexicon word found inside a longer Thai word (see <see cref="ThaiSubwords"/>).</summary>
/// <param name="Start">Offset of the part inside the word.</param>
/// <param name="Length">Length of the part in UTF-16 code units.</param>
/// <param name="Clusters">How many Thai character clusters the part spans.</param>
/// <param name="LogFrequency">ln(1 + the part's corpus count), as the segmenter weighs it.</param>
public readonly record struct Subword(int Start, int Length, int Clusters, float LogFrequency);

/// <summary>
/// The lexicon words inside a Thai word that the segmenter kept whole (การจดทะเบียน → จดทะเบียน, ทะเบียน, …).
/// A part counts only if it lies on a complete tiling of the word by lexicon words that all start and end on
/// character-cluster boundaries, so a part never cuts a vowel or a tone mark off its consonant and never borrows
/// letters from a neighbour. Search uses the parts as a safety net for compounds the segmenter does not split;
/// which parts are worth indexing (length, frequency) is the caller's policy. Thread-safe.
/// </summary>
public sealed class ThaiSubwords
{
    private const int MaxWordLength = 64;
    private const int MaxMatches = 64;

    private static readonly Lazy<ThaiSubwords> DefaultInstance = new(() => new ThaiSubwords(ThaiSegmenter.Default), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Lexicon _lexicon;

    private ThaiSubwords(ThaiSegmenter segmenter) => _lexicon = segmenter.Lexicon;

    /// <summary>Over the lexicon of <see cref="ThaiSegmenter.Default"/>.</summary>
    public static ThaiSubwords Default => DefaultInstance.Value;

    /// <summary>ln(1 + corpus count) of <paramref name="word"/>, or NaN when it is not a lexicon word.</summary>
    public float LogFrequency(ReadOnlySpan<char> word)
    {
        Span<int> lengths = stackalloc int[MaxMatches];
        Span<int> nodes = stackalloc int[MaxMatches];
        int found = _lexicon.Prefixes(word, lengths, nodes);
        return found > 0 && lengths[found - 1] == word.Length ? _lexicon.LogFreq(nodes[found - 1]) : float.NaN;
    }

    /// <summary>The number of Thai character clusters in <paramref name="word"/> (a word never breaks inside one).</summary>
    public static int CountClusters(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty)
        {
            return 0;
        }

        Span<bool> canBreak = word.Length < 256 ? stackalloc bool[word.Length + 1] : new bool[word.Length + 1];
        ThaiClusters.MarkBoundaries(word, canBreak);
        int clusters = 0;
        for (int p = 1; p <= word.Length; p++)
        {
            clusters += canBreak[p] ? 1 : 0;
        }

        return clusters;
    }

    /// <summary>
    /// Every lexicon word shorter than <paramref name="word"/> that lies on some complete cluster-aligned tiling of
    /// it, in order of start then length. Empty when the word is not Thai, is longer than 64 characters, or cannot
    /// be tiled by lexicon words.
    /// </summary>
    public IReadOnlyList<Subword> Find(ReadOnlySpan<char> word)
    {
        int n = word.Length;
        if (n < 2 || n > MaxWordLength)
        {
            return [];
        }

        foreach (char c in word)
        {
            if (!ThaiClusters.IsThaiLetter(c))
            {
                return [];
            }
        }

        Span<bool> canBreak = stackalloc bool[n + 1];
        ThaiClusters.MarkBoundaries(word, canBreak);
        Span<int> clusterIndex = stackalloc int[n + 1];
        for (int p = 1, k = 0; p <= n; p++)
        {
            k += canBreak[p] ? 1 : 0;
            clusterIndex[p] = k;
        }

        // Edges of the tiling graph: a lexicon word from a reachable boundary to another boundary.
        Span<bool> forward = stackalloc bool[n + 1];
        forward[0] = true;
        var edges = new List<(int Start, int Length, float LogFreq)>();
        Span<int> lengths = stackalloc int[MaxMatches];
        Span<int> nodes = stackalloc int[MaxMatches];
        for (int i = 0; i < n; i++)
        {
            if (!forward[i] || !canBreak[i])
            {
                continue;
            }

            int found = _lexicon.Prefixes(word[i..], lengths, nodes);
            for (int m = 0; m < found; m++)
            {
                int j = i + lengths[m];
                if (canBreak[j])
                {
                    forward[j] = true;
                    edges.Add((i, lengths[m], _lexicon.LogFreq(nodes[m])));
                }
            }
        }

        if (!forward[n])
        {
            return [];
        }

        Span<bool> backward = stackalloc bool[n + 1];
        backward[n] = true;
        for (int e = edges.Count - 1; e >= 0; e--)
        {
            // Edges are ordered by start, so every edge starting after this one has already been seen.
            var (start, length, _) = edges[e];
            if (backward[start + length])
            {
                backward[start] = true;
            }
        }

        var parts = new List<Subword>();
        foreach (var (start, length, logFreq) in edges)
        {
            if (length < n && backward[start + length])
            {
                parts.Add(new Subword(start, length, clusterIndex[start + length] - clusterIndex[start], logFreq));
            }
        }

        return parts;
    }
}
