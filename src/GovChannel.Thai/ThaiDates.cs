using System.Globalization;
using System.Text;

namespace GovChannel.Thai;

/// <summary>How <see cref="ThaiDates.Format(DateOnly, ThaiDateStyle, bool)"/> writes a date.</summary>
public enum ThaiDateStyle
{
    /// <summary>Day, full month name, Buddhist-era year: <c>1 มีนาคม 2568</c> (the date line of an official letter).</summary>
    Full,

    /// <summary>Day, abbreviated month, four-digit Buddhist-era year: <c>1 มี.ค. 2568</c>.</summary>
    Abbreviated,

    /// <summary>Day, abbreviated month, last two digits of the Buddhist-era year: <c>1 มี.ค. 68</c>.</summary>
    AbbreviatedShortYear,
}

/// <summary>
/// Buddhist-era (พ.ศ.) dates for people: formatting with Thai month names and parsing what people type. The
/// arithmetic is done here with the invariant culture, never with <c>th-TH</c>, whose Buddhist calendar silently
/// changes how years are read and written; results do not depend on the current culture.
/// </summary>
public static class ThaiDates
{
    /// <summary>Years between the Buddhist era and the common era (BE = CE + 543, exact from 1 January 1941).</summary>
    public const int BuddhistEraOffset = 543;

    private static readonly string[] FullMonths =
    [
        "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
        "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
    ];

    private static readonly string[] ShortMonths =
    [
        "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
    ];

    /// <summary>The Thai name of a month (1–12), full (<c>มีนาคม</c>) or abbreviated (<c>มี.ค.</c>).</summary>
    public static string MonthName(int month, bool abbreviated = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        return abbreviated ? ShortMonths[month - 1] : FullMonths[month - 1];
    }

    /// <summary>The Buddhist-era year of a common-era year (2025 → 2568).</summary>
    public static int ToBuddhistYear(int gregorianYear) => gregorianYear + BuddhistEraOffset;

    /// <summary>Writes a date with a Buddhist-era year: <c>1 มีนาคม 2568</c>, <c>1 มี.ค. 2568</c> or <c>1 มี.ค. 68</c>.</summary>
    /// <param name="date">The date (Gregorian, as stored).</param>
    /// <param name="style">Full or abbreviated month, four- or two-digit year.</param>
    /// <param name="thaiDigits">Write the numbers with Thai digits (<c>๑ มีนาคม ๒๕๖๘</c>), as official letters often do.</param>
    public static string Format(DateOnly date, ThaiDateStyle style = ThaiDateStyle.Full, bool thaiDigits = false)
    {
        int be = ToBuddhistYear(date.Year);
        string text = style switch
        {
            ThaiDateStyle.Full => string.Create(CultureInfo.InvariantCulture, $"{date.Day} {FullMonths[date.Month - 1]} {be}"),
            ThaiDateStyle.Abbreviated => string.Create(CultureInfo.InvariantCulture, $"{date.Day} {ShortMonths[date.Month - 1]} {be}"),
            ThaiDateStyle.AbbreviatedShortYear => string.Create(CultureInfo.InvariantCulture, $"{date.Day} {ShortMonths[date.Month - 1]} {be % 100:D2}"),
            _ => throw new ArgumentOutOfRangeException(nameof(style)),
        };
        return thaiDigits ? ThaiDigits.ToThai(text) : text;
    }

    /// <summary>Writes a date and time: <c>1 มีนาคม 2568 เวลา 14.30 น.</c> (Thai official style, 24-hour clock).</summary>
    public static string Format(DateTime dateTime, ThaiDateStyle style = ThaiDateStyle.Full, bool thaiDigits = false)
    {
        string date = Format(DateOnly.FromDateTime(dateTime), style, thaiDigits: false);
        string text = string.Create(CultureInfo.InvariantCulture, $"{date} เวลา {dateTime.Hour:D2}.{dateTime.Minute:D2} น.");
        return thaiDigits ? ThaiDigits.ToThai(text) : text;
    }

    /// <summary>
    /// Reads a date the way people type it: <c>1 มีนาคม 2568</c>, <c>1 มี.ค. 68</c>, <c>1 มีค 2568</c>,
    /// <c>วันที่ 1 มีนาคม พ.ศ. 2568</c>, <c>01/03/2568</c>, <c>1/3/68</c>, <c>1-3-2568</c>, Thai digits, or ISO
    /// <c>2025-03-01</c>. A four-digit year of 2400 or more is Buddhist era, a smaller one is common era; a two-digit
    /// year is the Buddhist era 25xx (68 → 2568). Day first, never month first.
    /// </summary>
    public static bool TryParse(string? text, out DateOnly date) => TryParse(text, out date, out _);

    /// <summary>As <see cref="TryParse(string?, out DateOnly)"/>, with a Thai-readable reason when the text is not a date.</summary>
    public static bool TryParse(string? text, out DateOnly date, out string? error)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "ไม่ได้ระบุวันที่ (empty)";
            return false;
        }

        string s = ThaiDigits.ToArabic(ThaiNormalizer.Normalize(text)).Trim();
        if (s.StartsWith("วันที่", StringComparison.Ordinal))
        {
            s = s["วันที่".Length..].TrimStart();
        }

        int day, month, year;
        var parts = SplitNumeric(s);
        if (parts is { Length: 3 })
        {
            if (parts[0].Length == 4)
            {
                // ISO order: year-month-day.
                (year, month, day) = (Int(parts[0]), Int(parts[1]), Int(parts[2]));
            }
            else
            {
                (day, month, year) = (Int(parts[0]), Int(parts[1]), Int(parts[2]));
                if (parts[2].Length is not (2 or 4))
                {
                    error = "ปีต้องมี 2 หรือ 4 หลัก (year must have two or four digits)";
                    return false;
                }

                if (parts[2].Length == 2)
                {
                    year += 2500;
                }
            }
        }
        else if (!TryParseWords(s, out day, out month, out year, out error))
        {
            return false;
        }

        int gregorian = year >= 2400 ? year - BuddhistEraOffset : year;
        if (month is < 1 or > 12)
        {
            error = "เดือนไม่ถูกต้อง (month must be 1–12)";
            return false;
        }

        if (gregorian is < 1 or > 9999)
        {
            error = "ปีไม่ถูกต้อง (year out of range)";
            return false;
        }

        if (day < 1 || day > DateTime.DaysInMonth(gregorian, month))
        {
            error = "วันที่ไม่มีในเดือนนั้น (day does not exist in that month)";
            return false;
        }

        date = new DateOnly(gregorian, month, day);
        error = null;
        return true;
    }

    /// <summary>The fiscal year (ปีงบประมาณ) a date falls in, named by its Buddhist-era year: 1 Oct 2024 → 2568.</summary>
    public static int FiscalYear(DateOnly date) => ThaiFiscalYear.Of(date).BuddhistYear;

    private static int Int(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    // "01/03/2568", "1-3-68", "2025-03-01", "1.3.2568": exactly three digit groups and one kind of separator.
    private static string[]? SplitNumeric(string s)
    {
        char sep = '\0';
        foreach (char c in s)
        {
            if (c is '/' or '-' or '.')
            {
                if (sep != '\0' && sep != c)
                {
                    return null;
                }

                sep = c;
            }
            else if (!char.IsAsciiDigit(c))
            {
                return null;
            }
        }

        if (sep == '\0')
        {
            return null;
        }

        string[] parts = s.Split(sep);
        foreach (string p in parts)
        {
            if (p.Length is 0 or > 4)
            {
                return null;
            }
        }

        return parts;
    }

    // "1 มีนาคม 2568", "1 มี.ค. 68", "1มีค68", "1 มีนาคม พ.ศ. 2568".
    private static bool TryParseWords(string s, out int day, out int month, out int year, out string? error)
    {
        day = month = year = 0;
        int i = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        if (i is 0 or > 2)
        {
            error = "ไม่พบวันที่ (expected a day number first)";
            return false;
        }

        day = Int(s[..i]);
        int j = i;
        while (j < s.Length && !char.IsAsciiDigit(s[j]))
        {
            j++;
        }

        string monthText = Compact(s[i..j]);
        if (monthText.EndsWith("พศ", StringComparison.Ordinal))
        {
            monthText = monthText[..^2];
        }

        month = 0;
        for (int m = 0; m < 12; m++)
        {
            if (string.Equals(monthText, FullMonths[m], StringComparison.Ordinal) || string.Equals(monthText, Compact(ShortMonths[m]), StringComparison.Ordinal))
            {
                month = m + 1;
                break;
            }
        }

        if (month == 0)
        {
            error = "ไม่รู้จักชื่อเดือน (unknown month name)";
            return false;
        }

        string yearText = s[j..].Trim();
        if (yearText.Length is not (2 or 4) || !yearText.All(char.IsAsciiDigit))
        {
            error = "ปีต้องมี 2 หรือ 4 หลัก (year must have two or four digits)";
            return false;
        }

        year = Int(yearText);
        if (yearText.Length == 2)
        {
            year += 2500;
        }

        error = null;
        return true;
    }

    // Month words without spaces or dots, so มี.ค., มี.ค, มีค and "มี. ค." compare equal.
    private static string Compact(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (char c in s)
        {
            if (c != '.' && !char.IsWhiteSpace(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}

/// <summary>
/// A Thai government fiscal year (ปีงบประมาณ): 1 October to 30 September, named by the Buddhist-era year in which it
/// ends, so fiscal year 2568 runs from 1 October 2024 to 30 September 2025.
/// </summary>
/// <param name="BuddhistYear">The Buddhist-era year that names the fiscal year (2568).</param>
public readonly record struct ThaiFiscalYear(int BuddhistYear)
{
    /// <summary>The fiscal year that contains <paramref name="date"/>.</summary>
    public static ThaiFiscalYear Of(DateOnly date) =>
        new((date.Month >= 10 ? date.Year + 1 : date.Year) + ThaiDates.BuddhistEraOffset);

    /// <summary>The first day: 1 October of the previous common-era year.</summary>
    public DateOnly Start => new(BuddhistYear - ThaiDates.BuddhistEraOffset - 1, 10, 1);

    /// <summary>The last day: 30 September.</summary>
    public DateOnly End => new(BuddhistYear - ThaiDates.BuddhistEraOffset, 9, 30);

    /// <summary>Whether <paramref name="date"/> falls in this fiscal year.</summary>
    public bool Contains(DateOnly date) => date >= Start && date <= End;

    /// <summary>The fiscal year as people write it: <c>ปีงบประมาณ 2568</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"ปีงบประมาณ {BuddhistYear}");
}
