using GovChannel.Tests;
using GovChannel.Web.Areas.Insights;
using GovChannel.Web.Tests.Services;

namespace GovChannel.Web.Tests.Insights;

/// <summary>The UN EGDI calculator reproduces Thailand's published 2016 figures (thai-egov.md §6.1).</summary>
public sealed class EgdiTests
{
    [Fact]
    public void Egdi_Thailand2016Components_Reproduce055222()
    {
        // UN E-Government Survey 2016 (UNU-EGOV egdi-2016.csv): OSI 0.55072, TII 0.41175, HCI 0.69418, EGDI 0.55222.
        Assert.Equal(0.55222, Math.Round(Egdi.Index(0.55072, 0.41175, 0.69418), 5));
    }

    [Fact]
    public void Osi_MinMaxFromRawScore_ReproducesThailand2016()
    {
        // 2016 OSI values are multiples of 1/138 (raw 0..138); Thailand's 0.55072 is a raw score of 76.
        var osi = Egdi.MinMax(76, 0, 138);
        Assert.Equal(0.55072, Math.Round(osi, 5));
        Assert.Equal(0.55222, Math.Round(Egdi.Index(osi, 0.41175, 0.69418), 5));
    }

    [Fact]
    public void Osi_MinMaxOverCountries_BestIsOneWorstIsZero()
    {
        var osi = Egdi.MinMax([12, 40, 76, 138]);
        Assert.Equal([0, 28.0 / 126, 64.0 / 126, 1], osi);
    }

    [Fact]
    public void Egdi_ComponentOutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Egdi.Index(1.2, 0.4, 0.6));

    [Theory]
    [InlineData(0.80, "very-high")]
    [InlineData(0.55222, "high")]
    [InlineData(0.30, "middle")]
    [InlineData(0.10, "low")]
    public void Group_UnThresholds(double egdi, string group) => Assert.Equal(group, Egdi.Group(egdi));

    [Fact]
    public void History_2016Row_MatchesItsOwnComponents()
    {
        var row = Egdi.ThailandHistory.Single(r => r.Year == 2016);
        Assert.Equal(row.Egdi!.Value, Math.Round(Egdi.Index(row.Osi!.Value, row.Tii!.Value, row.Hci!.Value), 5));
    }

    /// <summary>
    /// A transcription check on the cited rows: from 2012 on, each EGDI is the mean of its three components (to the
    /// rounding of the published five decimals). 2010 is left out: the UN's 2010 components do not average to its EGDI.
    /// </summary>
    [Fact]
    public void History_RowsFrom2012_EgdiIsTheMeanOfTheComponents()
    {
        var rows = Egdi.ThailandHistory.Where(r => r.Year >= 2012 && r.Osi is not null).ToList();
        Assert.Equal([2012, 2014, 2016, 2018, 2022, 2024], rows.Select(r => r.Year));
        Assert.All(rows, r => Assert.True(Math.Abs(r.Egdi!.Value - Egdi.Index(r.Osi!.Value, r.Tii!.Value, r.Hci!.Value)) < 0.00005, r.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(Egdi.ThailandHistory, r => Assert.False(string.IsNullOrWhiteSpace(r.Source)));
    }

    [Fact]
    public void FiscalYearCounts_DatesPassedIn_CrossTheOctoberBoundary()
    {
        EServiceStats.Row Row(int level, string date) => new(level, "a", "a", "A", DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));
        var rows = new[] { Row(1, "2024-09-30"), Row(3, "2024-10-01"), Row(4, "2025-03-01"), Row(2, "2025-10-01") };
        var before = EServiceStats.Compute(rows, new DateOnly(2025, 9, 30));
        Assert.Equal(2568, before.CurrentFiscalYear);
        Assert.Equal(3, before.ByLevel.Total); // the 1 Oct 2025 service is not online yet
        Assert.Equal([2567, 2568], before.ByFiscalYear.Select(y => y.FiscalYear));
        Assert.Equal(2, before.ByFiscalYear[1].Launched.Total);
        Assert.Equal(2.0 / 3, before.ByLevel.TransactionShare, 6);
        var after = EServiceStats.Compute(rows, new DateOnly(2025, 10, 1));
        Assert.Equal(2569, after.CurrentFiscalYear);
        Assert.Equal(0.5, after.ByFiscalYear[^1].Cumulative.TransactionShare, 6);
    }
}

/// <summary>The calculator over HTTP.</summary>
public sealed class EgdiApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task EgdiApi_RawOsi_Thailand2016()
    {
        var api = new ServicesClient(app.CreateClient());
        var (status, json) = await api.GetAsync("/api/insights/egdi?osiRaw=76&osiMin=0&osiMax=138&tii=0.41175&hci=0.69418");
        Assert.Equal(200, status);
        Assert.Equal(0.55222, json!["egdi"]!.GetValue<double>());
        Assert.Equal("high", json["group"]!.GetValue<string>());
        Assert.Equal(400, (await api.GetAsync("/api/insights/egdi?osi=2&tii=0.4&hci=0.6")).Status);
    }
}
