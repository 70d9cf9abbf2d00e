using System.Globalization;

namespace GovChannel.Thai;

/// <summary>Why a text is not a valid Thai citizen ID.</summary>
public enum ThaiCitizenIdError
{
    /// <summary>The ID is valid.</summary>
    None,

    /// <summary>Nothing was given.</summary>
    Empty,

    /// <summary>A character other than a digit, a dash or a space.</summary>
    InvalidCharacter,

    /// <summary>Not exactly 13 digits.</summary>
    WrongLength,

    /// <summary>The 13th digit does not match the check digit computed from the first 12.</summary>
    CheckDigitMismatch,
}

/// <summary>
/// A Thai citizen ID (เลขประจำตัวประชาชน): 13 digits, the last a mod-11 check digit over the first twelve weighted
/// 13 down to 2: check = (11 − sum mod 11) mod 10. Parsing accepts dashes, spaces and Thai digits.
/// </summary>
public readonly record struct ThaiCitizenId
{
    private ThaiCitizenId(string digits) => Digits = digits;

    /// <summary>The 13 ASCII digits with no separators (<c>1101700207030</c>); what to store and compare.</summary>
    public string Digits { get; }

    /// <summary>Reads an ID such as <c>1-1017-00207-03-0</c>, <c>1 1017 00207 03 0</c> or <c>๑๑๐๑๗๐๐๒๐๗๐๓๐</c>.</summary>
    public static bool TryParse(string? text, out ThaiCitizenId id) => TryParse(text, out id, out _);

    /// <summary>As <see cref="TryParse(string?, out ThaiCitizenId)"/>, saying why the text is not a valid ID.</summary>
    public static bool TryParse(string? text, out ThaiCitizenId id, out ThaiCitizenIdError error)
    {
        id = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = ThaiCitizenIdError.Empty;
            return false;
        }

        Span<char> digits = stackalloc char[13];
        int count = 0;
        foreach (char raw in text)
        {
            char c = ThaiDigits.IsThaiDigit(raw) ? (char)('0' + (raw - '\u0E50')) : raw;
            if (char.IsAsciiDigit(c))
            {
                if (count < 13)
                {
                    digits[count] = c;
                }

                count++;
            }
            else if (c is not ('-' or ' ' or '\u00A0' or '\u2010' or '\u2011' or '\u2013'))
            {
                error = ThaiCitizenIdError.InvalidCharacter;
                return false;
            }
        }

        if (count != 13)
        {
            error = ThaiCitizenIdError.WrongLength;
            return false;
        }

        if (CheckDigit(digits[..12]) != digits[12] - '0')
        {
            error = ThaiCitizenIdError.CheckDigitMismatch;
            return false;
        }

        id = new ThaiCitizenId(new string(digits));
        error = ThaiCitizenIdError.None;
        return true;
    }

    /// <summary>Whether <paramref name="text"/> is a valid citizen ID.</summary>
    public static bool IsValid(string? text) => TryParse(text, out _, out _);

    /// <summary>The check digit for the first twelve digits (ASCII <c>0</c>–<c>9</c>).</summary>
    /// <exception cref="ArgumentException">Not exactly twelve ASCII digits.</exception>
    public static int CheckDigit(ReadOnlySpan<char> firstTwelve)
    {
        if (firstTwelve.Length != 12)
        {
            throw new ArgumentException("Exactly twelve digits are needed.", nameof(firstTwelve));
        }

        int sum = 0;
        for (int i = 0; i < 12; i++)
        {
            int d = firstTwelve[i] - '0';
            if ((uint)d > 9)
            {
                throw new ArgumentException("Only ASCII digits are allowed.", nameof(firstTwelve));
            }

            sum += d * (13 - i);
        }

        return (11 - sum % 11) % 10;
    }

    /// <summary>The ID in the printed form <c>N-NNNN-NNNNN-NN-N</c>.</summary>
    public override string ToString() => Digits is null
        ? string.Empty
        : string.Create(CultureInfo.InvariantCulture, $"{Digits[0]}-{Digits[1..5]}-{Digits[5..10]}-{Digits[10..12]}-{Digits[12]}");
}
