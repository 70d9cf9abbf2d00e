namespace GovChannel.Thai;

/// <summary>What kind of text a <see cref="Token"/> holds.</summary>
public enum TokenKind
{
    /// <summary>A Thai word found in the lexicon.</summary>
    ThaiWord,

    /// <summary>Thai text not in the lexicon, kept whole between character-cluster boundaries.</summary>
    ThaiUnknown,

    /// <summary>Latin letters, possibly with digits (<c>PM2.5</c>, <c>BizPortal</c>).</summary>
    Latin,

    /// <summary>ASCII or Thai digits with inner separators (<c>2566</c>, <c>2.5</c>, <c>2,500</c>, <c>๒๕๖๖</c>).</summary>
    Number,

    /// <summary>A run of white space or zero-width characters.</summary>
    Whitespace,

    /// <summary>One punctuation character, including ๆ and ฯ when they stand alone.</summary>
    Punctuation,

    /// <summary>An emoji (with its modifiers) or another symbol such as <c>฿</c> or <c>+</c>.</summary>
    Symbol,

    /// <summary>Anything else, such as letters of another script.</summary>
    Other,
}

/// <summary>One piece of segmented text: its characters, where it starts in the input, and its kind.</summary>
/// <param name="Text">The characters exactly as they appear in the input.</param>
/// <param name="Start">The offset, in UTF-16 code units, of the first character in the input.</param>
/// <param name="Kind">What kind of text this is.</param>
public readonly record struct Token(string Text, int Start, TokenKind Kind)
{
    /// <summary>The offset just past the last character.</summary>
    public int End => Start + Text.Length;
}

/// <summary>Splits text into tokens. Concatenating the tokens' texts always gives back the input exactly.</summary>
public interface IThaiSegmenter
{
    /// <summary>Segments <paramref name="text"/>; the tokens cover the input in order with no gaps or overlaps.</summary>
    IReadOnlyList<Token> Segment(string text);
}
