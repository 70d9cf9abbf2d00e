namespace GovChannel.Thai.Tests;

public sealed class CitizenIdTests
{
    // Independent restatement of the published rule, used to build valid IDs for the tests.
    private static string WithCheckDigit(string first12)
    {
        int sum = 0;
        for (int i = 0; i < 12; i++)
        {
            sum += (first12[i] - '0') * (13 - i);
        }

        return first12 + (char)('0' + ((11 - sum % 11) % 10));
    }

    [Theory]
    [InlineData("1101700207030")]
    [InlineData("1234567890121")]
    [InlineData("3101234567893")]
    [InlineData("5000000000001")]
    public void TryParse_PublishedValidVector_Succeeds(string digits)
    {
        Assert.True(ThaiCitizenId.TryParse(digits, out var id, out var error));
        Assert.Equal(ThaiCitizenIdError.None, error);
        Assert.Equal(digits, id.Digits);
    }

    [Theory]
    [InlineData("3101234567894")]
    [InlineData("1234567890123")]
    public void TryParse_PublishedInvalidVector_FailsOnCheckDigit(string digits)
    {
        Assert.False(ThaiCitizenId.TryParse(digits, out _, out var error));
        Assert.Equal(ThaiCitizenIdError.CheckDigitMismatch, error);
    }

    [Fact]
    public void TryParse_EveryWrongCheckDigit_FailsAndTheRightOneSucceeds()
    {
        foreach (string first12 in new[] { "110170020703", "310123456789", "000000000000", "999999999999", "170990012345" })
        {
            string valid = WithCheckDigit(first12);
            Assert.True(ThaiCitizenId.IsValid(valid), valid);
            for (char d = '0'; d <= '9'; d++)
            {
                if (d != valid[12])
                {
                    Assert.False(ThaiCitizenId.IsValid(first12 + d), first12 + d);
                }
            }
        }
    }

    [Fact]
    public void TryParse_SumModElevenIsZeroOrTen_CheckDigitIsOne()
    {
        // s mod 11 = 0 and s mod 11 = 10 both give check digit 1: (11 − 0) mod 10 = 1, (11 − 10) mod 10 = 1.
        Assert.Equal(0, 0 % 11);
        Assert.Equal(1, ThaiCitizenId.CheckDigit("000000000000"));
        Assert.True(ThaiCitizenId.IsValid("0000000000001"));
        Assert.Equal(1, ThaiCitizenId.CheckDigit("500000000000")); // 5 × 13 = 65, 65 mod 11 = 10
    }

    [Theory]
    [InlineData("1-1017-00207-03-0")]
    [InlineData("1 1017 00207 03 0")]
    [InlineData(" 1101700207030 ")]
    [InlineData("๑๑๐๑๗๐๐๒๐๗๐๓๐")]
    [InlineData("๑-๑๐๑๗-๐๐๒๐๗-๐๓-๐")]
    public void TryParse_DashesSpacesOrThaiDigits_Accepted(string input)
    {
        Assert.True(ThaiCitizenId.TryParse(input, out var id));
        Assert.Equal("1101700207030", id.Digits);
    }

    [Fact]
    public void ToString_ValidId_UsesOfficialGrouping()
    {
        Assert.True(ThaiCitizenId.TryParse("1101700207030", out var id));
        Assert.Equal("1-1017-00207-03-0", id.ToString());
    }

    [Theory]
    [InlineData("110170020703")]
    [InlineData("11017002070301")]
    [InlineData("1")]
    public void TryParse_WrongLength_ReportsWrongLength(string input)
    {
        Assert.False(ThaiCitizenId.TryParse(input, out _, out var error));
        Assert.Equal(ThaiCitizenIdError.WrongLength, error);
    }

    [Theory]
    [InlineData("110170020703O")]
    [InlineData("1101700207030x")]
    [InlineData("1/1017/00207/03/0")]
    public void TryParse_ForeignCharacter_ReportsInvalidCharacter(string input)
    {
        Assert.False(ThaiCitizenId.TryParse(input, out _, out var error));
        Assert.Equal(ThaiCitizenIdError.InvalidCharacter, error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void TryParse_Empty_ReportsEmpty(string? input)
    {
        Assert.False(ThaiCitizenId.TryParse(input, out _, out var error));
        Assert.Equal(ThaiCitizenIdError.Empty, error);
    }
}
