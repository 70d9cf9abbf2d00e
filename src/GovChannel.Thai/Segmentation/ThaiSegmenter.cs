using System.Buffers;
using System.Globalization;
using System.Text;

namespace GovChannel.Thai;

/// <summary>
/// Dictionary-based Thai word segmenter over the PyThaiNLP lexicon (CC0) plus government terms and Thai place names.
/// A dynamic programme picks the split with the lowest cost, where a word costs more the rarer it is in the Thai
/// National Corpus and text outside the lexicon costs most; Thai character clusters are the only break points, so an
/// unknown word is never cut inside a cluster. Non-Thai text is split by script: Latin words,
/// numbers (<c>2.5</c>, <c>2,500</c>, <c>PM2.5</c>), emoji, punctuation and runs of white space are tokens of their own.
/// Instances are immutable and thread-safe.
/// </summary>
public sealed class ThaiSegmenter : IThaiSegmenter
{
    private static readonly Lazy<ThaiSegmenter> DefaultInstance = new(() => new ThaiSegmenter(new SegmenterOptions()), LazyThreadSafetyMode.ExecutionAndPublication);

    private const int MaxMatches = 64;
    private const int EtccMaxLength = 8;

    private static readonly Lazy<HashSet<string>> Etcc = new(
        () => Lexicon.ReadResourceLines("etcc.txt.gz").Where(l => l.Length > 1).ToHashSet(StringComparer.Ordinal),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Lexicon _lexicon;
    private readonly SegmenterOptions _options;

    internal ThaiSegmenter(SegmenterOptions options)
        : this(Lexicon.LoadDefault(options.Lexicon), options)
    {
    }

    internal ThaiSegmenter(Lexicon lexicon, SegmenterOptions options)
    {
        _lexicon = lexicon;
        _options = options;
    }

    /// <summary>The shared segmenter with the shipped lexicon, loaded on first use (about a tenth of a second).</summary>
    public static ThaiSegmenter Default => DefaultInstance.Value;

    internal Lexicon Lexicon => _lexicon;

    /// <inheritdoc />
    public IReadOnlyList<Token> Segment(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<Token>(text.Length / 3 + 1);
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (ThaiNormalizer.IsThaiCombining(c) && tokens.Count > 0 && tokens[^1].Kind == TokenKind.Symbol && tokens[^1].End == i)
            {
                // A Thai mark typed after an emoji has nothing to sit on: it stays with the emoji (😰์).
                Token symbol = tokens[^1];
                tokens[^1] = symbol with { Text = symbol.Text + c };
                i++;
            }
            else if (ThaiClusters.IsThaiLetter(c))
            {
                int end = ThaiRunEnd(text, i);
                SegmentThai(text, i, end, tokens);
                i = end;
            }
            else if (IsAsciiDigit(c) || ThaiDigits.IsThaiDigit(c) || IsLatinLetter(c))
            {
                int end = AlnumRunEnd(text, i, out bool hasLetter);
                tokens.Add(new Token(text[i..end], i, hasLetter ? TokenKind.Latin : TokenKind.Number));
                i = end;
            }
            else if (IsSpace(c))
            {
                int end = i + 1;
                while (end < text.Length && IsSpace(text[end]))
                {
                    end++;
                }

                tokens.Add(new Token(text[i..end], i, TokenKind.Whitespace));
                i = end;
            }
            else
            {
                int end = SymbolEnd(text, i, out TokenKind kind);
                tokens.Add(new Token(text[i..end], i, kind));
                i = end;
            }
        }

        return tokens;
    }

    /// <summary>
    /// The words to index or to search for: the text is normalised (<see cref="ThaiNormalizer.Normalize"/>), Thai
    /// digits become ASCII, letters are lower-cased with the invariant culture, and white space, punctuation and
    /// symbols are dropped.
    /// </summary>
    public IEnumerable<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string normalized = ThaiNormalizer.Normalize(text);
        var words = new List<string>();
        foreach (Token token in Segment(normalized))
        {
            switch (token.Kind)
            {
                case TokenKind.ThaiWord or TokenKind.ThaiUnknown or TokenKind.Other:
                    words.Add(token.Text.ToLowerInvariant());
                    break;
                case TokenKind.Latin or TokenKind.Number:
                    words.Add(ThaiDigits.ToArabic(token.Text).ToLowerInvariant());
                    break;
            }
        }

        return words;
    }

    // A Thai run is Thai letters, with '.' allowed inside so that abbreviations in the lexicon (ก.พ., รพ.) can match.
    private static int ThaiRunEnd(string text, int start)
    {
        int i = start + 1;
        while (i < text.Length && (ThaiClusters.IsThaiLetter(text[i]) || (text[i] == '.' && ThaiClusters.IsThaiLetter(text[i - 1]) && (i + 1 == text.Length || text[i + 1] != '.'))))
        {
            i++;
        }

        return i;
    }

    private void SegmentThai(string text, int start, int end, List<Token> tokens)
    {
        int n = end - start;
        ReadOnlySpan<char> run = text.AsSpan(start, n);
        double[] cost = ArrayPool<double>.Shared.Rent(2 * (n + 1));
        int[] back = ArrayPool<int>.Shared.Rent(2 * (n + 1));
        byte[] kind = ArrayPool<byte>.Shared.Rent(2 * (n + 1));
        bool[] canBreak = ArrayPool<bool>.Shared.Rent(n + 1);
        try
        {
            ThaiClusters.MarkBoundaries(run, canBreak.AsSpan(0, n + 1));
            if (_options.EnhancedClusters)
            {
                ThaiClusters.ApplyEnhancedClusters(run, canBreak.AsSpan(0, n + 1), Etcc.Value.GetAlternateLookup<ReadOnlySpan<char>>(), EtccMaxLength);
            }
            Array.Fill(cost, double.PositiveInfinity, 0, 2 * (n + 1));
            cost[0] = 0;
            Span<int> lengths = stackalloc int[MaxMatches];
            Span<int> nodes = stackalloc int[MaxMatches];
            double maxLog = Math.Max(1, _lexicon.MaxLogFreq);

            // State 2*p: a token other than unknown text ends at p; state 2*p+1: unknown text ends at p (and may go on).
            for (int i = 0; i < n; i++)
            {
                double best0 = cost[2 * i];
                double best1 = cost[2 * i + 1];
                double here = Math.Min(best0, best1);
                if (double.IsPositiveInfinity(here))
                {
                    continue;
                }

                int from = best0 <= best1 ? 2 * i : 2 * i + 1;
                char c = run[i];
                int found = _lexicon.Prefixes(run[i..], lengths, nodes);
                for (int m = 0; m < found; m++)
                {
                    int j = i + lengths[m];
                    if (!canBreak[j])
                    {
                        continue;
                    }

                    int node = nodes[m];
                    double w = _options.WordCost + _options.RarityCost * (1 - _lexicon.LogFreq(node) / maxLog);
                    if ((_lexicon.Source(node) & (LexiconSource.General | LexiconSource.Domain)) == 0)
                    {
                        w += _options.GeographyCost;
                    }

                    Relax(cost, back, kind, 2 * j, here + w, from, (byte)TokenKind.ThaiWord);
                }

                if (c == '.' || ThaiClusters.IsThaiPunctuation(c))
                {
                    Relax(cost, back, kind, 2 * (i + 1), here + _options.WordCost, from, (byte)TokenKind.Punctuation);
                    continue;
                }

                int k = i + 1;
                while (!canBreak[k])
                {
                    k++;
                }

                double extend = best1 + _options.UnknownCharCost * (k - i);
                double open = best0 + _options.UnknownTokenCost + _options.WordCost + _options.UnknownCharCost * (k - i);
                if (extend <= open)
                {
                    Relax(cost, back, kind, 2 * k + 1, extend, 2 * i + 1, (byte)TokenKind.ThaiUnknown);
                }
                else
                {
                    Relax(cost, back, kind, 2 * k + 1, open, 2 * i, (byte)TokenKind.ThaiUnknown);
                }
            }

            int state = cost[2 * n] <= cost[2 * n + 1] ? 2 * n : 2 * n + 1;
            int insertAt = tokens.Count;
            int tokenEnd = n;
            while (state > 1)
            {
                int prev = back[state];
                var k = (TokenKind)kind[state];

                // Consecutive unknown clusters form one unknown token.
                if (k == TokenKind.ThaiUnknown && (prev & 1) == 1 && prev > 1)
                {
                    state = prev;
                    continue;
                }

                int tokenStart = prev / 2;
                tokens.Insert(insertAt, new Token(text.Substring(start + tokenStart, tokenEnd - tokenStart), start + tokenStart, k));
                tokenEnd = tokenStart;
                state = prev;
            }

            MergeStrayConsonants(tokens, insertAt);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(cost);
            ArrayPool<int>.Shared.Return(back);
            ArrayPool<byte>.Shared.Return(kind);
            ArrayPool<bool>.Shared.Return(canBreak);
        }
    }

    // One or two consonants with no vowel or tone mark are never a word on their own: they are a final consonant or an initial
    // that the lexicon did not explain (คุ|น, ผ่า|ม, แม่|ง, บ|รัช). Join them to the neighbouring token of the run,
    // which becomes unknown text.
    private static void MergeStrayConsonants(List<Token> tokens, int first)
    {
        for (int t = first; t < tokens.Count; t++)
        {
            Token token = tokens[t];
            if (token.Kind != TokenKind.ThaiUnknown || !IsStrayConsonants(token.Text))
            {
                continue;
            }

            if (t > first && tokens[t - 1].Kind is TokenKind.ThaiWord or TokenKind.ThaiUnknown)
            {
                Token before = tokens[t - 1];
                tokens[t - 1] = new Token(before.Text + token.Text, before.Start, TokenKind.ThaiUnknown);
                tokens.RemoveAt(t);
                t--;
            }
            else if (t + 1 < tokens.Count && tokens[t + 1].Kind is TokenKind.ThaiWord or TokenKind.ThaiUnknown)
            {
                Token after = tokens[t + 1];
                tokens[t] = new Token(token.Text + after.Text, token.Start, TokenKind.ThaiUnknown);
                tokens.RemoveAt(t + 1);
                t--;
            }
        }
    }

    private static bool IsStrayConsonants(string text)
    {
        int consonants = 0;
        foreach (char c in text)
        {
            if (ThaiClusters.IsConsonant(c) && c != '\u0E2D')
            {
                consonants++;
            }
            else if (c != '\u0E4C')
            {
                return false;
            }
        }

        return consonants is 1 or 2;
    }

    private static void Relax(double[] cost, int[] back, byte[] kind, int state, double value, int from, byte tokenKind)
    {
        if (value < cost[state])
        {
            cost[state] = value;
            back[state] = from;
            kind[state] = tokenKind;
        }
    }

    private static bool IsAsciiDigit(char c) => (uint)(c - '0') <= 9;

    private static bool IsDigit(char c) => IsAsciiDigit(c) || ThaiDigits.IsThaiDigit(c);

    private static bool IsLatinLetter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' || (c is >= '\u00C0' and <= '\u024F' && char.IsLetter(c));

    private static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is '\u200B' or '\u200C' or '\u2060' or '\uFEFF';

    // Letters and digits together (PM2.5, COVID19), with '.' or ',' kept only between two digits (2.5, 2,500) and
    // an apostrophe only between two letters (don't).
    private static int AlnumRunEnd(string text, int start, out bool hasLetter)
    {
        hasLetter = false;
        int i = start;
        while (i < text.Length)
        {
            char c = text[i];
            if (IsLatinLetter(c))
            {
                // Words run together in camel case (TheFaceShop, GOT7Official) are separate words; an upper-case
                // run (HONDA) or a single leading capital (Bangkok) is not a boundary.
                if (i > start && char.IsUpper(c) && i + 1 < text.Length && char.IsLower(text[i + 1]) && (char.IsLower(text[i - 1]) || IsDigit(text[i - 1])))
                {
                    break;
                }

                hasLetter = true;
                i++;
            }
            else if (IsDigit(c))
            {
                i++;
            }
            else if (c is '.' or ',' && i > start && IsDigit(text[i - 1]) && i + 1 < text.Length && IsDigit(text[i + 1]))
            {
                i++;
            }
            else if (c is '\'' or '\u2019' && i > start && IsLatinLetter(text[i - 1]) && i + 1 < text.Length && IsLatinLetter(text[i + 1]))
            {
                i++;
            }
            else if (char.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark && IsLatinLetter(text[i - 1]))
            {
                i++;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    // One punctuation character, one emoji with its modifiers, or a run of letters of another script.
    private static int SymbolEnd(string text, int start, out TokenKind kind)
    {
        Rune.DecodeFromUtf16(text.AsSpan(start), out Rune rune, out int width);
        UnicodeCategory category = Rune.GetUnicodeCategory(rune);
        int i = start + width;
        if (char.IsPunctuation(text[start]) && width == 1)
        {
            // An ellipsis typed as dots ("....") is one token; other punctuation marks are one token each.
            if (text[start] == '.')
            {
                while (i < text.Length && text[i] == '.')
                {
                    i++;
                }
            }

            kind = TokenKind.Punctuation;
            return i;
        }

        if (category is UnicodeCategory.OtherSymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol
            || rune.Value is >= 0x1F000 and <= 0x1FAFF)
        {
            kind = TokenKind.Symbol;
            bool regional = rune.Value is >= 0x1F1E6 and <= 0x1F1FF;
            while (i < text.Length)
            {
                Rune.DecodeFromUtf16(text.AsSpan(i), out Rune next, out int w);
                int v = next.Value;
                if (v is 0xFE0E or 0xFE0F or 0x20E3 or >= 0x1F3FB and <= 0x1F3FF or >= 0xE0020 and <= 0xE007F)
                {
                    i += w;
                }
                else if (v == 0x200D && i + w < text.Length)
                {
                    // Zero-width joiner: the next code point belongs to the same emoji (👨‍👩‍👧).
                    Rune.DecodeFromUtf16(text.AsSpan(i + w), out _, out int w2);
                    i += w + w2;
                }
                else if (regional && v is >= 0x1F1E6 and <= 0x1F1FF)
                {
                    i += w;
                    regional = false;
                }
                else
                {
                    break;
                }
            }

            return i;
        }

        if (Rune.IsLetterOrDigit(rune))
        {
            kind = TokenKind.Other;
            while (i < text.Length)
            {
                Rune.DecodeFromUtf16(text.AsSpan(i), out Rune next, out int w);
                UnicodeCategory nc = Rune.GetUnicodeCategory(next);
                bool mark = nc is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
                if ((!Rune.IsLetterOrDigit(next) && !mark) || ThaiClusters.IsThaiLetter(text[i]) || IsLatinLetter(text[i]) || IsDigit(text[i]))
                {
                    break;
                }

                i += w;
            }

            return i;
        }

        kind = category == UnicodeCategory.OtherPunctuation ? TokenKind.Punctuation : TokenKind.Other;
        return i;
    }
}
