using System.Buffers;
using System.Collections.Concurrent;
using GovChannel.Thai;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace GovChannel.Web.Areas.OpenData.Search;

/// <summary>
/// How text becomes index terms. Thai is written without spaces, so words are found by the dictionary segmenter
/// (DESIGN decision 5); Latin words and numbers are split on script and punctuation boundaries, lower-cased and
/// ASCII-folded. <see cref="Segment"/> is the one place that decides where words are.
/// <para>
/// The sub-word safety net: the segmenter keeps compounds whole (จดทะเบียน, สำนักงานสถิติแห่งชาติ), so at index time
/// the common words inside a Thai word (<see cref="Subwords"/>) are added at the same position, marked with
/// <see cref="SubwordMark"/> so they never collide with whole words. At query time a Thai word W becomes
/// "W or marked W": it finds W as a word, and inside a compound only where W is itself a word of that compound, not
/// wherever its letters occur (ตา does not find ตาราง). Marked terms are weighted below whole words
/// (<see cref="SubwordBoost"/>), so an exact word ranks first. Phrases keep working because the marks take no position.
/// </para>
/// </summary>
public static class TextAnalysis
{
    public static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Prefix of a sub-word term. A control character: the tokenizer never puts one inside a word.</summary>
    public const char SubwordMark = '\u0001';

    /// <summary>Weight of a sub-word match relative to the same word matched whole.</summary>
    public const float SubwordBoost = 0.1f;

    // A part of a compound is indexed only if it is at least two character clusters long and common in the corpus
    // (ln(1 + count) ≥ 7, a count of about 1,100 in the Thai National Corpus). One-cluster words (ตา, น้ำ, ไฟ, ชา)
    // are the ones whose letters turn up inside unrelated words (ตาราง, น้ำมัน, ไฟฟ้า, ชาติ); rare lexicon entries
    // found inside a compound are mostly accidental (เบียน in ทะเบียน, ราง in ตาราง, ทยา in วิทยา).
    // bench/ThaiSearch measures the effect.
    private const int SubwordMinClusters = 2;
    private const float SubwordMinLogFrequency = 7f;

    /// <summary>The words of <paramref name="text"/> with their offsets, before lower-casing and folding.</summary>
    public static IEnumerable<(string Word, int Start, int End)> Segment(string text) =>
        Tokens(text).Select(t => (t.Word, t.Start, t.End));

    private static IEnumerable<(string Word, int Start, int End, bool Thai)> Tokens(string text)
    {
        // Normalise first (NFC, zero-width spaces, ํา → ำ) so that what a person types matches what an agency typed.
        var normalized = ThaiNormalizer.Normalize(text);
        // White space always ends a token, so each run between spaces is segmented on its own; the runs of catalogue
        // text repeat (agency, province and subject names), so their words come from a cache (a test holds the
        // result to segmenting the whole text).
        var i = 0;
        while (NextRun(normalized, ref i, out var start))
        {
            foreach (var (word, wordStart, wordEnd, thai) in ChunkTokens(normalized, start, i - start))
            {
                yield return (word, start + wordStart, start + wordEnd, thai);
            }
        }
    }

    /// <summary>
    /// The next run of characters between white space in <paramref name="text"/> from <paramref name="i"/>: false when
    /// there is none; else the run starts at <paramref name="start"/> and <paramref name="i"/> is moved to its end.
    /// </summary>
    private static bool NextRun(string text, ref int i, out int start)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
        start = i;
        while (i < text.Length && !char.IsWhiteSpace(text[i]))
        {
            i++;
        }
        return i > start;
    }

    private const int ChunkCacheMaxChars = 64;
    private const int ChunkCacheLimit = 200_000;
    private static readonly ConcurrentDictionary<string, (string Word, int Start, int End, bool Thai)[]> ChunkCache = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, (string Word, int Start, int End, bool Thai)[]>.AlternateLookup<ReadOnlySpan<char>> ChunkLookup =
        ChunkCache.GetAlternateLookup<ReadOnlySpan<char>>();
    private static int _chunks;

    /// <summary>The words of one run of text without white space, offsets relative to the run.</summary>
    private static (string Word, int Start, int End, bool Thai)[] ChunkTokens(string text, int start, int length)
    {
        var span = text.AsSpan(start, length);
        if (length <= ChunkCacheMaxChars && ChunkLookup.TryGetValue(span, out var cached))
        {
            return cached;
        }
        var chunk = span.ToString();
        var words = new List<(string, int, int, bool)>();
        foreach (var token in ThaiSegmenter.Default.Segment(chunk))
        {
            switch (token.Kind)
            {
                case TokenKind.ThaiWord:
                    words.Add((token.Text, token.Start, token.End, true));
                    break;
                case TokenKind.ThaiUnknown or TokenKind.Latin or TokenKind.Other:
                    words.Add((token.Text, token.Start, token.End, false));
                    break;
                case TokenKind.Number:
                    words.Add((ThaiDigits.ToArabic(token.Text), token.Start, token.End, false));
                    break;
            }
        }
        var result = words.ToArray();
        if (length <= ChunkCacheMaxChars)
        {
            if (Interlocked.Increment(ref _chunks) > ChunkCacheLimit)
            {
                ChunkCache.Clear();
                Interlocked.Exchange(ref _chunks, 0);
            }
            ChunkCache.TryAdd(chunk, result);
        }
        return result;
    }

    private static readonly CharacterUtils Lower = CharacterUtils.GetInstance(Version);
    private static readonly ConcurrentDictionary<string, AnalysedText.Token[]> RunCache = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, AnalysedText.Token[]>.AlternateLookup<ReadOnlySpan<char>> RunLookup =
        RunCache.GetAlternateLookup<ReadOnlySpan<char>>();
    private static int _runs;

    /// <summary>
    /// Appends the tokens <see cref="Text"/> makes of <paramref name="text"/> in a field with sub-words (the catch-all
    /// <c>text</c>), as the indexer sees them, without going through the token stream: each run between spaces is
    /// analysed once (words, lower-cased and folded, and their marked sub-words) and its tokens cached, so repeated
    /// runs (agency, province and subject names) cost a lookup. A test holds this equal to the analyzer.
    /// </summary>
    internal static void IndexTokens(string text, List<AnalysedText.Token> into)
    {
        var normalized = ThaiNormalizer.Normalize(text);
        var i = 0;
        while (NextRun(normalized, ref i, out var start))
        {
            // Offsets as the tokenizer reports them: in the normalised text, limited to the value's length.
            foreach (var t in RunIndexTokens(normalized, start, i - start))
            {
                into.Add(t with { Start = Math.Min(start + t.Start, text.Length), End = Math.Min(start + t.End, text.Length) });
            }
        }
    }

    private static AnalysedText.Token[] RunIndexTokens(string text, int start, int length)
    {
        var span = text.AsSpan(start, length);
        var cacheable = length <= ChunkCacheMaxChars;
        if (cacheable && RunLookup.TryGetValue(span, out var cached))
        {
            return cached;
        }
        var tokens = new List<AnalysedText.Token>();
        foreach (var (word, wordStart, wordEnd, thai) in ChunkTokens(text, start, length))
        {
            tokens.Add(new AnalysedText.Token(IndexTerm(word, marked: false), 1, wordStart, wordEnd));
            if (thai)
            {
                foreach (var (part, partStart, partEnd) in Subwords(word))
                {
                    tokens.Add(new AnalysedText.Token(IndexTerm(part, marked: true), 0, wordStart + partStart, wordStart + partEnd));
                }
            }
        }
        var result = tokens.ToArray();
        if (cacheable)
        {
            if (Interlocked.Increment(ref _runs) > ChunkCacheLimit)
            {
                RunCache.Clear();
                Interlocked.Exchange(ref _runs, 0);
            }
            RunCache.TryAdd(span.ToString(), result);
        }
        return result;
    }

    /// <summary>A word as the index analyzer's filters leave it: lower-cased (LowerCaseFilter), then ASCII-folded.</summary>
    private static string IndexTerm(string word, bool marked)
    {
        var chars = marked ? (SubwordMark + word).ToCharArray() : word.ToCharArray();
        Lower.ToLower(chars, 0, chars.Length);
        var output = new char[chars.Length * 4];
        var length = ASCIIFoldingFilter.FoldToASCII(chars, 0, output, 0, chars.Length);
        return new string(output, 0, length);
    }

    private static readonly ConcurrentDictionary<string, (string Word, int Start, int End)[]> SubwordCache = new(StringComparer.Ordinal);
    private const int SubwordCacheLimit = 200_000;

    /// <summary>
    /// The words indexed inside a Thai word, with their offsets in it: lexicon words on a complete cluster-aligned
    /// tiling of the word (<see cref="ThaiSubwords"/>), at least two clusters long and common. Empty for most words.
    /// </summary>
    public static IReadOnlyList<(string Word, int Start, int End)> Subwords(string word)
    {
        // A word of fewer than four characters cannot hold a part of two clusters plus anything else.
        if (word.Length < 4)
        {
            return [];
        }
        if (SubwordCache.TryGetValue(word, out var cached))
        {
            return cached;
        }
        var parts = ThaiSubwords.Default.Find(word)
            .Where(p => p.Clusters >= SubwordMinClusters && p.LogFrequency >= SubwordMinLogFrequency)
            .Select(p => (word.Substring(p.Start, p.Length), p.Start, p.Start + p.Length))
            .Distinct()
            .ToArray();
        if (SubwordCache.Count >= SubwordCacheLimit)
        {
            // Catalogue text repeats the same words (agency names, categories); a rare flush costs little.
            SubwordCache.Clear();
        }
        SubwordCache.TryAdd(word, parts);
        return parts;
    }

    /// <summary>Whether a Thai query word may also be found as a part of a longer indexed word.</summary>
    public static bool CanBeSubword(string word) =>
        word.Length >= 2
        && ThaiSubwords.Default.LogFrequency(word) >= SubwordMinLogFrequency
        && ThaiSubwords.CountClusters(word) >= SubwordMinClusters;

    public static bool IsSubwordTerm(string term) => term.Length > 1 && term[0] == SubwordMark;

    /// <summary>Lower-case and fold a term the way the text analyzer does (for wildcard, prefix and fuzzy terms).</summary>
    public static string Fold(string term)
    {
        // A rebuild folds every title (title_lc): the work is done in rented buffers, and only the result is new.
        var normalized = ThaiNormalizer.Normalize(term);
        var lower = ArrayPool<char>.Shared.Rent(normalized.Length);
        var output = ArrayPool<char>.Shared.Rent(normalized.Length * 4);
        try
        {
            var count = normalized.AsSpan().ToLowerInvariant(lower);
            var length = ASCIIFoldingFilter.FoldToASCII(lower, 0, output, 0, count);
            return new string(output, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(lower);
            ArrayPool<char>.Shared.Return(output);
        }
    }

    /// <summary>The index-time analyzer of text fields: words, and the sub-words of Thai compounds.</summary>
    public static readonly Analyzer Text = new TextAnalyzer(SubwordMode.Index);

    /// <summary>The query-time analyzer of text fields: words, each Thai word also as a sub-word alternative.</summary>
    public static readonly Analyzer Query = new TextAnalyzer(SubwordMode.Query);

    public static readonly Analyzer Keyword = new KeywordAnalyzer();

    /// <summary>For the query parser: string fields are exact and case-sensitive, text fields are analysed.</summary>
    public static readonly Analyzer PerField = new FieldKindAnalyzer();

    private enum SubwordMode
    {
        None,
        Index,
        Query,
    }

    // Long free text that is also copied into the catch-all "text" field: its sub-words would double the extra
    // tokens for only fielded queries (notes:…) to use; "text" already carries them (bench/ThaiSearch, indexing cost).
    private static readonly HashSet<string> FieldsWithoutSubwords = new(StringComparer.Ordinal) { "notes", "res_description" };

    /// <summary>Whether the index analyzer adds Thai sub-words to a text field (all but long free text).</summary>
    public static bool IndexesSubwords(string field) => !FieldsWithoutSubwords.Contains(field);

    private sealed class TextAnalyzer(SubwordMode mode) : Analyzer(PER_FIELD_REUSE_STRATEGY)
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var source = new SegmentingTokenizer(reader, mode == SubwordMode.Index && FieldsWithoutSubwords.Contains(fieldName) ? SubwordMode.None : mode);
            TokenStream stream = new LowerCaseFilter(Version, source);
            stream = new ASCIIFoldingFilter(stream);
            return new TokenStreamComponents(source, stream);
        }

        // Values of a multi-valued field (two resource names, the parts of "text") must not form a phrase together.
        public override int GetPositionIncrementGap(string fieldName) => 100;
    }

    private sealed class FieldKindAnalyzer() : AnalyzerWrapper(PER_FIELD_REUSE_STRATEGY)
    {
        protected override Analyzer GetWrappedAnalyzer(string fieldName) => IndexFields.IsText(fieldName) ? Query : Keyword;
    }

    /// <summary>
    /// A Lucene tokenizer over <see cref="Segment"/>: reads the field value, segments it, emits the words, and after
    /// a Thai word its marked sub-words (index) or itself marked (query) at the same position.
    /// </summary>
    private sealed class SegmentingTokenizer : Tokenizer
    {
        private readonly SubwordMode _mode;
        private readonly ICharTermAttribute _term;
        private readonly IOffsetAttribute _offset;
        private readonly IPositionIncrementAttribute _increment;
        private readonly List<(string Term, int Start, int End, bool Stacked)> _tokens = [];
        private bool _read;
        private int _next;
        private int _length;

        public SegmentingTokenizer(TextReader input, SubwordMode mode) : base(input)
        {
            _mode = mode;
            _term = AddAttribute<ICharTermAttribute>();
            _offset = AddAttribute<IOffsetAttribute>();
            _increment = AddAttribute<IPositionIncrementAttribute>();
        }

        public override bool IncrementToken()
        {
            ClearAttributes();
            if (!_read)
            {
                var text = m_input.ReadToEnd();
                _length = text.Length;
                Fill(text);
                _read = true;
            }
            if (_next >= _tokens.Count)
            {
                return false;
            }
            var (term, start, end, stacked) = _tokens[_next++];
            if (stacked)
            {
                _term.SetEmpty().Append(SubwordMark).Append(term);
                _increment.PositionIncrement = 0;
            }
            else
            {
                _term.SetEmpty().Append(term);
            }
            _offset.SetOffset(CorrectOffset(Math.Min(start, _length)), CorrectOffset(Math.Min(end, _length)));
            return true;
        }

        private void Fill(string text)
        {
            foreach (var (word, start, end, thai) in Tokens(text))
            {
                _tokens.Add((word, start, end, false));
                if (!thai)
                {
                    continue;
                }
                if (_mode == SubwordMode.Index)
                {
                    foreach (var (part, partStart, partEnd) in Subwords(word))
                    {
                        _tokens.Add((part, start + partStart, start + partEnd, true));
                    }
                }
                else if (_mode == SubwordMode.Query && CanBeSubword(word))
                {
                    _tokens.Add((word, start, end, true));
                }
            }
        }

        public override void End()
        {
            base.End();
            var final = CorrectOffset(_length);
            _offset.SetOffset(final, final);
        }

        public override void Reset()
        {
            base.Reset();
            _tokens.Clear();
            _read = false;
            _next = 0;
            _length = 0;
        }
    }
}
