using System.Globalization;

namespace GovChannel.Thai.Tests;

public sealed class ThaiDatesTests
{
    [Theory]
    [InlineData(ThaiDateStyle.Full, false, "1 มีนาคม 2568")]
    [InlineData(ThaiDateStyle.Abbreviated, false, "1 มี.ค. 2568")]
    [InlineData(ThaiDateStyle.AbbreviatedShortYear, false, "1 มี.ค. 68")]
    [InlineData(ThaiDateStyle.Full, true, "๑ มีนาคม ๒๕๖๘")]
    public void Format_FirstOfMarch2025_WritesBuddhistEra(ThaiDateStyle style, bool thaiDigits, string expected)
    {
        Assert.Equal(expected, ThaiDates.Format(new DateOnly(2025, 3, 1), style, thaiDigits));
    }

    [Fact]
    public void Format_EveryMonth_UsesItsThaiName()
    {
        string[] expected = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"];
        string[] shortNames = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."];
        for (int m = 1; m <= 12; m++)
        {
            Assert.Equal($"15 {expected[m - 1]} 2560", ThaiDates.Format(new DateOnly(2017, m, 15)));
            Assert.Equal($"15 {shortNames[m - 1]} 60", ThaiDates.Format(new DateOnly(2017, m, 15), ThaiDateStyle.AbbreviatedShortYear));
        }
    }

    [Fact]
    public void Format_DateTime_AddsTimeInThaiStyle()
    {
        Assert.Equal("9 ตุลาคม 2559 เวลา 08.05 น.", ThaiDates.Format(new DateTime(2016, 10, 9, 8, 5, 0, DateTimeKind.Unspecified)));
        Assert.Equal("๙ ต.ค. ๒๕๕๙ เวลา ๑๔.๓๐ น.", ThaiDates.Format(new DateTime(2016, 10, 9, 14, 30, 0, DateTimeKind.Unspecified), ThaiDateStyle.Abbreviated, thaiDigits: true));
    }

    [Theory]
    [InlineData("1 มีนาคม 2568")]
    [InlineData("1 มี.ค. 68")]
    [InlineData("1 มี.ค. 2568")]
    [InlineData("1 มีค 2568")]
    [InlineData("1มี.ค.68")]
    [InlineData("วันที่ 1 มีนาคม พ.ศ. 2568")]
    [InlineData("01/03/2568")]
    [InlineData("1/3/68")]
    [InlineData("1-3-2568")]
    [InlineData("01/03/2025")]
    [InlineData("๑ มีนาคม ๒๕๖๘")]
    [InlineData("๐๑/๐๓/๒๕๖๘")]
    [InlineData("2025-03-01")]
    [InlineData("2568-03-01")]
    [InlineData("  1 มีนาคม 2568  ")]
    public void TryParse_WhatPeopleType_GivesFirstOfMarch2025(string input)
    {
        Assert.True(ThaiDates.TryParse(input, out var date, out var error), error);
        Assert.Equal(new DateOnly(2025, 3, 1), date);
    }

    [Theory]
    [InlineData("")]
    [InlineData("พรุ่งนี้")]
    [InlineData("31 กุมภาพันธ์ 2568")]
    [InlineData("29/02/2567")] // 2024 is a leap year: valid, checked below
    [InlineData("29/02/2568")]
    [InlineData("1 มีนาคมม 2568")]
    [InlineData("1/13/2568")]
    [InlineData("1/3/568")]
    [InlineData("03/01/2025/1")]
    public void TryParse_NotADate_FailsWithReason(string input)
    {
        bool ok = ThaiDates.TryParse(input, out var date, out var error);
        if (input == "29/02/2567")
        {
            Assert.True(ok);
            Assert.Equal(new DateOnly(2024, 2, 29), date);
            return;
        }

        Assert.False(ok);
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Equal(default, date);
    }

    [Fact]
    public void FormatAndParse_ThaiCurrentCulture_SameResultsAsInvariant()
    {
        var dates = new[] { new DateOnly(2025, 3, 1), new DateOnly(1999, 12, 31), new DateOnly(2024, 2, 29), new DateOnly(2016, 10, 1) };
        string[] inputs = ["2025-03-01", "01/03/2568", "1 มี.ค. 68", "31/12/1999"];
        var invariant = Run();
        CultureInfo saved = CultureInfo.CurrentCulture;
        CultureInfo savedUi = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("th-TH");
            CultureInfo.CurrentUICulture = new CultureInfo("th-TH");
            Assert.IsType<ThaiBuddhistCalendar>(CultureInfo.CurrentCulture.Calendar); // the trap is really armed
            Assert.Equal(invariant, Run());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
            CultureInfo.CurrentUICulture = savedUi;
        }

        Assert.Contains("1 มีนาคม 2568", invariant);
        Assert.Contains("2025-03-01", invariant); // ISO input parsed as 2025, not as Buddhist year 2025 (= 1482 CE)

        List<string> Run()
        {
            var results = new List<string>();
            foreach (var d in dates)
            {
                results.Add(ThaiDates.Format(d));
                results.Add(ThaiDates.Format(d, ThaiDateStyle.AbbreviatedShortYear, thaiDigits: true));
                results.Add(ThaiFiscalYear.Of(d).ToString());
            }

            foreach (string input in inputs)
            {
                results.Add(ThaiDates.TryParse(input, out var parsed) ? parsed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "fail");
            }

            return results;
        }
    }

    [Theory]
    [InlineData(2024, 9, 30, 2567)]
    [InlineData(2024, 10, 1, 2568)]
    [InlineData(2025, 3, 1, 2568)]
    [InlineData(2025, 9, 30, 2568)]
    [InlineData(2025, 10, 1, 2569)]
    [InlineData(2016, 10, 1, 2560)]
    [InlineData(2016, 12, 31, 2560)]
    [InlineData(2017, 1, 1, 2560)]
    public void FiscalYear_Date_NamedByBuddhistYearItEnds(int year, int month, int day, int expected)
    {
        var date = new DateOnly(year, month, day);
        Assert.Equal(expected, ThaiDates.FiscalYear(date));
        Assert.Equal(expected, ThaiFiscalYear.Of(date).BuddhistYear);
        Assert.True(ThaiFiscalYear.Of(date).Contains(date));
    }

    [Fact]
    public void FiscalYear_2568_RunsFromOctober2024ToSeptember2025()
    {
        var fy = new ThaiFiscalYear(2568);
        Assert.Equal(new DateOnly(2024, 10, 1), fy.Start);
        Assert.Equal(new DateOnly(2025, 9, 30), fy.End);
        Assert.False(fy.Contains(fy.Start.AddDays(-1)));
        Assert.False(fy.Contains(fy.End.AddDays(1)));
        Assert.Equal("ปีงบประมาณ 2568", fy.ToString());
    }

    [Fact]
    public void FiscalYear_ConsecutiveYears_TileTheCalendarWithoutGaps()
    {
        for (int be = 2550; be < 2580; be++)
        {
            Assert.Equal(new ThaiFiscalYear(be).End.AddDays(1), new ThaiFiscalYear(be + 1).Start);
            Assert.Equal(365 + (DateTime.IsLeapYear(be - 543) ? 1 : 0), new ThaiFiscalYear(be).End.DayNumber - new ThaiFiscalYear(be).Start.DayNumber + 1);
        }
    }
}
