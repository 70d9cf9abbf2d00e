namespace GovChannel.Thai.Tests;

public sealed class NumberWordsTests
{
    [Theory]
    [InlineData(0, "ศูนย์")]
    [InlineData(1, "หนึ่ง")]
    [InlineData(10, "สิบ")]
    [InlineData(11, "สิบเอ็ด")]
    [InlineData(20, "ยี่สิบ")]
    [InlineData(21, "ยี่สิบเอ็ด")]
    [InlineData(101, "หนึ่งร้อยเอ็ด")]
    [InlineData(111, "หนึ่งร้อยสิบเอ็ด")]
    [InlineData(220, "สองร้อยยี่สิบ")]
    [InlineData(2500, "สองพันห้าร้อย")]
    [InlineData(2566, "สองพันห้าร้อยหกสิบหก")]
    [InlineData(10000, "หนึ่งหมื่น")]
    [InlineData(100000, "หนึ่งแสน")]
    [InlineData(1000000, "หนึ่งล้าน")]
    [InlineData(1000001, "หนึ่งล้านหนึ่ง")]
    [InlineData(1000011, "หนึ่งล้านสิบเอ็ด")]
    [InlineData(21000000, "ยี่สิบเอ็ดล้าน")]
    [InlineData(1000000000000, "หนึ่งล้านล้าน")]
    [InlineData(-45, "ลบสี่สิบห้า")]
    public void ToWords_Number_ReadsAsThai(long number, string expected)
    {
        Assert.Equal(expected, ThaiNumberWords.ToWords(number));
    }

    [Fact]
    public void ToWords_LongMinValue_DoesNotOverflow()
    {
        // −9,223,372,036,854,775,808
        Assert.Equal("ลบเก้าล้านสองแสนสองหมื่นสามพันสามร้อยเจ็ดสิบสองล้านสามหมื่นหกพันแปดร้อยห้าสิบสี่ล้านเจ็ดแสนเจ็ดหมื่นห้าพันแปดร้อยแปด", ThaiNumberWords.ToWords(long.MinValue));
    }

    [Theory]
    [InlineData("100", "หนึ่งร้อยบาทถ้วน")]
    [InlineData("21.50", "ยี่สิบเอ็ดบาทห้าสิบสตางค์")]
    [InlineData("0.25", "ยี่สิบห้าสตางค์")]
    [InlineData("0", "ศูนย์บาทถ้วน")]
    [InlineData("1234567.01", "หนึ่งล้านสองแสนสามหมื่นสี่พันห้าร้อยหกสิบเจ็ดบาทหนึ่งสตางค์")]
    [InlineData("2.005", "สองบาทหนึ่งสตางค์")]
    public void ToBahtText_Amount_ReadsAsOnACheque(string amount, string expected)
    {
        Assert.Equal(expected, ThaiNumberWords.ToBahtText(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
