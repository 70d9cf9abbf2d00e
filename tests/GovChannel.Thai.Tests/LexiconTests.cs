namespace GovChannel.Thai.Tests;

public sealed class LexiconTests
{
    [Fact]
    public void Build_SmallWordList_FindsExactlyTheWords()
    {
        string[] words = ["กร", "กรม", "กรมการ", "การ", "ข", "abc"];
        var lexicon = Lexicon.Build(words.Select(w => (w, 1L, LexiconSource.General)));
        Assert.Equal(words.Length, lexicon.Count);
        foreach (string w in words)
        {
            Assert.True(lexicon.Contains(w), w);
        }

        foreach (string w in (string[])["ก", "กรมกา", "กา", "ab", "abcd", ""])
        {
            Assert.False(lexicon.Contains(w), w);
        }
    }

    [Fact]
    public void Prefixes_Text_ReturnsEveryWordItStartsWithShortestFirst()
    {
        var lexicon = Lexicon.Build(new[] { "กร", "กรม", "กรมการ", "การ" }.Select(w => (w, 1L, LexiconSource.General)));
        Span<int> lengths = stackalloc int[8];
        Span<int> nodes = stackalloc int[8];
        int found = lexicon.Prefixes("กรมการปกครอง", lengths, nodes);
        Assert.Equal([2, 3, 6], lengths[..found].ToArray());
    }

    [Fact]
    public void Default_ShippedWordList_EveryEntryIsFound()
    {
        var lexicon = ThaiSegmenter.Default.Lexicon;
        int checkedWords = 0;
        foreach (string line in Lexicon.ReadResourceLines("words_th.txt.gz"))
        {
            string w = ThaiNormalizer.Normalize(line.Trim());
            if (w.Length == 0 || w.Contains(' ', StringComparison.Ordinal))
            {
                continue;
            }

            Assert.True(lexicon.Contains(w), w);
            checkedWords++;
        }

        Assert.True(checkedWords > 60_000);
        Assert.True(lexicon.Contains("กรมการปกครอง"));
        Assert.True(lexicon.Contains("เชียงใหม่"));
        Assert.True(lexicon.Contains("บางรัก"));
    }
}
