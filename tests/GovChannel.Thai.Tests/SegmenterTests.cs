using System.Text;

namespace GovChannel.Thai.Tests;

public sealed class SegmenterTests
{
    private static readonly ThaiSegmenter Segmenter = ThaiSegmenter.Default;

    private static string Split(string text) => string.Join('|', Segmenter.Segment(text).Select(t => t.Text));

    // Government text written for these tests; the expected splits are what a Thai reader would mark, with agency
    // names and established legal/administrative compounds kept whole (they are what people search for).
    [Theory]
    [InlineData("การจดทะเบียนนิติบุคคล", "การ|จดทะเบียน|นิติบุคคล")]
    [InlineData("กรมการปกครอง", "กรมการปกครอง")]
    [InlineData("ข้อมูลตำแหน่งที่ตั้งตำบล", "ข้อมูล|ตำแหน่ง|ที่ตั้ง|ตำบล")]
    [InlineData("สำนักงานสถิติแห่งชาติ", "สำนักงานสถิติแห่งชาติ")]
    // เพิ่มขึ้น is also defensible as one word; the lexicon's frequencies split verb + directional, as wisesight does.
    [InlineData("ค่าฝุ่น PM2.5 ปี 2566 เพิ่มขึ้น 2.5%", "ค่า|ฝุ่น| |PM2.5| |ปี| |2566| |เพิ่ม|ขึ้น| |2.5|%")]
    [InlineData("ระบบสารบรรณอิเล็กทรอนิกส์ของกรมการปกครองกระทรวงมหาดไทย", "ระบบ|สารบรรณ|อิเล็กทรอนิกส์|ของ|กรมการปกครอง|กระทรวงมหาดไทย")]
    [InlineData("ขอตรวจสอบเงินสมทบประกันสังคม", "ขอ|ตรวจสอบ|เงินสมทบ|ประกันสังคม")]
    [InlineData("การขอใบอนุญาตประกอบกิจการโรงงานจำพวกที่3", "การ|ขอ|ใบอนุญาต|ประกอบ|กิจการ|โรงงาน|จำพวก|ที่|3")]
    [InlineData("ยื่นคำขอผ่านระบบออนไลน์ได้ตลอด24ชั่วโมง", "ยื่น|คำขอ|ผ่าน|ระบบ|ออนไลน์|ได้|ตลอด|24|ชั่วโมง")]
    [InlineData("ชุดข้อมูลรายชื่อตำบลในจังหวัดเชียงใหม่", "ชุดข้อมูล|รายชื่อ|ตำบล|ใน|จังหวัด|เชียงใหม่")]
    [InlineData("กรมสรรพากรเปิดให้ยื่นแบบภาษีเงินได้ทางอินเทอร์เน็ต", "กรมสรรพากร|เปิด|ให้|ยื่น|แบบ|ภาษีเงินได้|ทาง|อินเทอร์เน็ต")]
    [InlineData("ผู้สูงอายุลงทะเบียนรับเบี้ยยังชีพ", "ผู้สูงอายุ|ลงทะเบียน|รับ|เบี้ยยังชีพ")]
    [InlineData("ประชุมวันที่ 1 ก.พ. 2568", "ประชุม|วันที่| |1| |ก.พ.| |2568")]
    public void Segment_GovernmentText_SplitsIntoExpectedWords(string text, string expected)
    {
        Assert.Equal(expected, Split(text));
    }

    [Fact]
    public void Segment_MixedScripts_KindsAndOffsetsAreRight()
    {
        const string text = "ค่าฝุ่น PM2.5 ปี 2566 เพิ่มขึ้น 2,500 ครั้ง!! 👍🏽";
        var tokens = Segmenter.Segment(text);
        Assert.Contains(new Token("PM2.5", 8, TokenKind.Latin), tokens);
        Assert.Contains(new Token("2566", 17, TokenKind.Number), tokens);
        Assert.Contains(new Token("2,500", 32, TokenKind.Number), tokens);
        Assert.Contains(tokens, t => t.Text == "👍🏽" && t.Kind == TokenKind.Symbol);
        Assert.Equal(2, tokens.Count(t => t.Text == "!" && t.Kind == TokenKind.Punctuation));
        Assert.All(tokens.Where(t => t.Text.Trim().Length == 0), t => Assert.Equal(TokenKind.Whitespace, t.Kind));
        foreach (Token t in tokens)
        {
            Assert.Equal(t.Text, text.Substring(t.Start, t.Text.Length));
        }
    }

    [Fact]
    public void Segment_RunOfSpaces_IsOneToken()
    {
        var tokens = Segmenter.Segment("ข้อมูล   เปิด");
        Assert.Equal(["ข้อมูล", "   ", "เปิด"], tokens.Select(t => t.Text));
        Assert.Equal(TokenKind.Whitespace, tokens[1].Kind);
    }

    [Fact]
    public void Segment_ThaiDigits_AreOneNumberToken()
    {
        var tokens = Segmenter.Segment("ปี๒๕๖๘");
        Assert.Equal(new Token("๒๕๖๘", 2, TokenKind.Number), tokens[^1]);
    }

    [Fact]
    public void Segment_UnknownWord_StaysWholeAndIsMarkedUnknown()
    {
        // A made-up name: no lexicon word covers it, and it must not be cut inside a character cluster.
        var tokens = Segmenter.Segment("คุณกรี้ดดดมาแล้ว");
        Assert.Contains(tokens, t => t.Kind == TokenKind.ThaiUnknown);
        foreach (Token t in tokens)
        {
            Assert.False(t.Text.Length > 0 && ThaiNormalizerIsMark(t.Text[0]), "token starts with a combining mark: " + t.Text);
        }
    }

    [Fact]
    public void Segment_NeverBreaksInsideCluster()
    {
        string[] lines = ReadLines("wisesight-160.label").Select(l => l.Replace("|", string.Empty, StringComparison.Ordinal)).ToArray();
        foreach (string line in lines)
        {
            foreach (Token t in Segmenter.Segment(line))
            {
                if (t.Start > 0 && IsThai(line[t.Start - 1]))
                {
                    Assert.False(ThaiNormalizerIsMark(t.Text[0]), $"break before a mark in '{line}' at {t.Start}");
                    Assert.False(line[t.Start - 1] is >= '\u0E40' and <= '\u0E44', $"break after a leading vowel in '{line}' at {t.Start}");
                }
            }
        }
    }

    [Fact]
    public void Segment_ManyRealLines_ConcatenationEqualsInput()
    {
        var lines = ReadLines("wisesight-160.label").Select(l => l.Replace("|", string.Empty, StringComparison.Ordinal))
            .Concat(ReadLines("gov-golden.label").Select(l => l.Replace("|", string.Empty, StringComparison.Ordinal)))
            .ToList();
        Assert.True(lines.Count > 150);
        foreach (string line in lines)
        {
            AssertCovers(line);
        }
    }

    [Fact]
    public void Segment_RandomText_ConcatenationEqualsInput()
    {
        // Random strings over Thai letters, marks in odd places, digits, Latin, dots, emoji halves and spaces.
        var random = new Random(2568);
        string alphabet = "กขคงจฉชซญฐณดตถทนบปผพฟภมยรลวศษสหอฮะัาำิีึืุู็่้๊๋์ํเแโใไๆฯ๐๑๒๓๔๕๖๗๘๙0123456789aZ .,-!?\u200B\u200D\t\n😀🇹🇭\uFE0F";
        var sb = new StringBuilder();
        for (int n = 0; n < 3000; n++)
        {
            sb.Clear();
            int length = random.Next(0, 40);
            for (int i = 0; i < length; i++)
            {
                sb.Append(alphabet[random.Next(alphabet.Length)]);
            }

            AssertCovers(sb.ToString());
        }
    }

    [Fact]
    public void Segment_EmptyString_NoTokens()
    {
        Assert.Empty(Segmenter.Segment(string.Empty));
    }

    [Fact]
    public void Words_MixedText_NormalisedLowerCasedWithoutSpacesOrPunctuation()
    {
        var words = Segmenter.Words("ค่าฝุ่น PM2.5 ปี ๒๕๖๖ สูง!").ToList();
        Assert.Equal(["ค่า", "ฝุ่น", "pm2.5", "ปี", "2566", "สูง"], words);
    }

    [Fact]
    public void Words_ZeroWidthAndDecomposedAm_SameAsCleanText()
    {
        var clean = Segmenter.Words("กรมการปกครองทำงาน").ToList();
        var dirty = Segmenter.Words("กรมการ\u200Bปกครองท\u0E4D\u0E32งาน").ToList();
        Assert.Equal(clean, dirty);
    }

    [Fact]
    public void Default_ManyThreadsAtOnce_SameResults()
    {
        const string text = "ระบบสารบรรณอิเล็กทรอนิกส์ของกรมการปกครองกระทรวงมหาดไทย";
        string expected = Split(text);
        var results = new string[64];
        Parallel.For(0, results.Length, i => results[i] = string.Join('|', ThaiSegmenter.Default.Segment(text).Select(t => t.Text)));
        Assert.All(results, r => Assert.Equal(expected, r));
    }

    private static void AssertCovers(string text)
    {
        var tokens = Segmenter.Segment(text);
        Assert.Equal(text, string.Concat(tokens.Select(t => t.Text)));
        int expectedStart = 0;
        foreach (Token t in tokens)
        {
            Assert.NotEmpty(t.Text);
            Assert.Equal(expectedStart, t.Start);
            expectedStart = t.End;
        }
    }

    private static bool IsThai(char c) => c is >= '\u0E01' and <= '\u0E4F';

    private static bool ThaiNormalizerIsMark(char c) => c == '\u0E31' || c is >= '\u0E34' and <= '\u0E3A' || c is >= '\u0E47' and <= '\u0E4E';

    private static IEnumerable<string> ReadLines(string name) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data", name), Encoding.UTF8).Where(l => l.Length > 0);
}
