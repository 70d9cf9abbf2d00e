using System.Text;

namespace GovChannel.Thai.Tests;

public sealed class NormalizationTests
{
    [Fact]
    public void Normalize_NikhahitPlusSaraAa_BecomesSaraAm()
    {
        string typed = "น\u0E4D\u0E32";
        Assert.Equal("น\u0E33", ThaiNormalizer.Normalize(typed));
        Assert.Equal("กรมการปกครองทำงาน", ThaiNormalizer.Normalize("กรมการปกครองท\u0E4D\u0E32งาน"));
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u200C")]
    [InlineData("\u200D")]
    [InlineData("\uFEFF")]
    [InlineData("\u2060")]
    public void Normalize_ZeroWidthCharacter_IsRemoved(string zeroWidth)
    {
        Assert.Equal("ข้อมูลเปิด", ThaiNormalizer.Normalize("ข้อมูล" + zeroWidth + "เปิด"));
    }

    [Fact]
    public void Normalize_RepeatedToneMark_KeptOnce()
    {
        Assert.Equal("เก่า", ThaiNormalizer.Normalize("เก\u0E48\u0E48า"));
    }

    [Fact]
    public void Normalize_RepeatedAboveVowel_KeptOnce()
    {
        Assert.Equal("ที่", ThaiNormalizer.Normalize("ท\u0E35\u0E35\u0E48"));
    }

    [Fact]
    public void Normalize_SaraETypedTwice_BecomesSaraAe()
    {
        Assert.Equal("แจ้ง", ThaiNormalizer.Normalize("\u0E40\u0E40จ้ง"));
    }

    [Fact]
    public void Normalize_DecomposedLatin_BecomesNfc()
    {
        string decomposed = "Cafe\u0301";
        string result = ThaiNormalizer.Normalize(decomposed);
        Assert.Equal("Caf\u00E9", result);
        Assert.True(result.IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public void Normalize_CleanText_IsUnchanged()
    {
        const string clean = "สำนักงานสถิติแห่งชาติ 2568 PM2.5";
        Assert.Same(clean, ThaiNormalizer.Normalize(clean));
    }

    [Fact]
    public void ToArabic_ThaiDigits_BecomeAscii()
    {
        Assert.Equal("ปี 2568 เลขที่ 0123456789", ThaiDigits.ToArabic("ปี ๒๕๖๘ เลขที่ ๐๑๒๓๔๕๖๗๘๙"));
    }

    [Fact]
    public void ToThai_AsciiDigits_BecomeThai()
    {
        Assert.Equal("ที่ นร ๐๑๐๕/๒๕๖๘", ThaiDigits.ToThai("ที่ นร 0105/2568"));
    }

    [Fact]
    public void ToThai_ThenToArabic_RoundTrips()
    {
        for (int n = 0; n < 1000; n += 7)
        {
            string s = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(s, ThaiDigits.ToArabic(ThaiDigits.ToThai(s)));
            Assert.DoesNotContain(ThaiDigits.ToThai(s), char.IsAsciiDigit);
        }
    }
}
