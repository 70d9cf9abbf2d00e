using GovChannel.Thai;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace GovChannel.Web.Areas.OpenData.Search;

/// <summary>
/// How text becomes index terms. Thai is written without spaces, so words are found by the dictionary segmenter
/// (DESIGN decision 5); Latin words and numbers are split on script and punctuation boundaries, lower-cased and
/// ASCII-folded. <see cref="Segment"/> is the one place that decides where words are.
/// </summary>
public static class TextAnalysis
{
    public static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>The words of <paramref name="text"/> with their offsets, before lower-casing and folding.</summary>
    public static IEnumerable<(string Word, int Start, int End)> Segment(string text)
    {
        // Normalise first (NFC, zero-width spaces, ํา → ำ) so that what a person types matches what an agency typed.
        var normalized = ThaiNormalizer.Normalize(text);
        foreach (var token in ThaiSegmenter.Default.Segment(normalized))
        {
            switch (token.Kind)
            {
                case TokenKind.ThaiWord or TokenKind.ThaiUnknown or TokenKind.Latin or TokenKind.Other:
                    yield return (token.Text, token.Start, token.End);
                    break;
                case TokenKind.Number:
                    yield return (ThaiDigits.ToArabic(token.Text), token.Start, token.End);
                    break;
            }
        }
    }

    /// <summary>Lower-case and fold a term the way the text analyzer does (for wildcard, prefix and fuzzy terms).</summary>
    public static string Fold(string term)
    {
        var lower = ThaiNormalizer.Normalize(term).ToLowerInvariant();
        var chars = lower.ToCharArray();
        var output = new char[chars.Length * 4];
        var length = ASCIIFoldingFilter.FoldToASCII(chars, 0, output, 0, chars.Length);
        return new string(output, 0, length);
    }

    public static readonly Analyzer Text = new TextAnalyzer();
    public static readonly Analyzer Keyword = new KeywordAnalyzer();

    /// <summary>For the query parser: string fields are exact and case-sensitive, text fields are analysed.</summary>
    public static readonly Analyzer PerField = new FieldKindAnalyzer();

    private sealed class TextAnalyzer : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var source = new SegmentingTokenizer(reader);
            TokenStream stream = new LowerCaseFilter(Version, source);
            stream = new ASCIIFoldingFilter(stream);
            return new TokenStreamComponents(source, stream);
        }

        // Values of a multi-valued field (two resource names, the parts of "text") must not form a phrase together.
        public override int GetPositionIncrementGap(string fieldName) => 100;
    }

    private sealed class FieldKindAnalyzer() : AnalyzerWrapper(PER_FIELD_REUSE_STRATEGY)
    {
        protected override Analyzer GetWrappedAnalyzer(string fieldName) => IndexFields.IsText(fieldName) ? Text : Keyword;
    }

    /// <summary>A Lucene tokenizer over <see cref="Segment"/>: reads the field value, segments it, emits the words.</summary>
    private sealed class SegmentingTokenizer : Tokenizer
    {
        private readonly ICharTermAttribute _term;
        private readonly IOffsetAttribute _offset;
        private List<(string Word, int Start, int End)>? _words;
        private int _next;
        private int _length;

        public SegmentingTokenizer(TextReader input) : base(input)
        {
            _term = AddAttribute<ICharTermAttribute>();
            _offset = AddAttribute<IOffsetAttribute>();
        }

        public override bool IncrementToken()
        {
            ClearAttributes();
            if (_words is null)
            {
                var text = m_input.ReadToEnd();
                _length = text.Length;
                _words = Segment(text).ToList();
            }
            if (_next >= _words.Count)
            {
                return false;
            }
            var (word, start, end) = _words[_next++];
            _term.SetEmpty().Append(word);
            _offset.SetOffset(CorrectOffset(Math.Min(start, _length)), CorrectOffset(Math.Min(end, _length)));
            return true;
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
            _words = null;
            _next = 0;
            _length = 0;
        }
    }
}
