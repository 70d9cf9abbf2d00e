namespace GovChannel.Thai.Tests;

public sealed class ThaiOrderTests
{
    [Fact]
    public void LeadingVowels_SortByTheirConsonant_ThaiBeforeLatin_LatinWhateverTheCase()
    {
        string[] words = ["เสือ", "ไก่", "Bangkok", "ขวด", "apple", "กา", "โรงเรียน", "แมว", "รถ"];
        Assert.Equal(["กา", "ไก่", "ขวด", "แมว", "รถ", "โรงเรียน", "เสือ", "apple", "Bangkok"], words.Order(ThaiOrder.Comparer).ToArray());
    }

    [Fact]
    public void Tones_AreASecondaryDifference()
    {
        // ไก่ and ไก้ differ only by the tone mark: they sort together, ahead of the next consonant.
        string[] words = ["ขา", "ไก้", "ไก่", "กา"];
        Assert.Equal(["กา", "ไก่", "ไก้", "ขา"], words.Order(ThaiOrder.Comparer).ToArray());
    }
}
