using GovChannel.Thai;

namespace GovChannel.Web.Areas.Insights;

public sealed record LevelCount(int L1, int L2, int L3, int L4)
{
    public int Total => L1 + L2 + L3 + L4;
    /// <summary>Share of services at Transaction (L3) or Connected (L4) level; 0 when there are none.</summary>
    public double TransactionShare => Total == 0 ? 0 : (double)(L3 + L4) / Total;

    public int this[int level] => level switch { 1 => L1, 2 => L2, 3 => L3, 4 => L4, _ => 0 };

    public static LevelCount Of(IEnumerable<int> levels)
    {
        var c = new int[5];
        foreach (var l in levels)
        {
            if (l is >= 1 and <= 4)
            {
                c[l]++;
            }
        }
        return new LevelCount(c[1], c[2], c[3], c[4]);
    }
}

public sealed record AgencyLevels(string AgencyId, string Name, string Title, LevelCount Counts);

/// <summary>A fiscal year (Buddhist era, Oct–Sep): services launched in it, and the catalogue as it stood at its end.</summary>
public sealed record FiscalYearLevels(int FiscalYear, LevelCount Launched, LevelCount Cumulative);

public sealed record EServiceStatistics(
    int CurrentFiscalYear, LevelCount ByLevel, List<AgencyLevels> ByAgency, List<FiscalYearLevels> ByFiscalYear);

/// <summary>
/// Counts e-services by level, agency and fiscal year (thai-egov.md §6.2: "count per service and per agency, and
/// report by fiscal year"). Pure: the caller passes the services and today's date, so tests choose the clock.
/// </summary>
public static class EServiceStats
{
    public sealed record Row(int Level, string AgencyId, string AgencyName, string AgencyTitle, DateOnly LaunchedOn);

    public static EServiceStatistics Compute(IReadOnlyCollection<Row> services, DateOnly today)
    {
        // A service announced for a future date is not online yet.
        var live = services.Where(s => s.LaunchedOn <= today).ToList();
        var byAgency = live.GroupBy(s => s.AgencyId)
            .Select(g => new AgencyLevels(g.Key, g.First().AgencyName, g.First().AgencyTitle, LevelCount.Of(g.Select(s => s.Level))))
            .OrderByDescending(a => a.Counts.Total).ThenBy(a => a.Name, StringComparer.Ordinal).ToList();
        var years = new List<FiscalYearLevels>();
        if (live.Count > 0)
        {
            var first = ThaiFiscalYear.Of(live.Min(s => s.LaunchedOn)).BuddhistYear;
            var last = ThaiFiscalYear.Of(today).BuddhistYear;
            for (var fy = first; fy <= last; fy++)
            {
                var year = new ThaiFiscalYear(fy);
                years.Add(new FiscalYearLevels(fy,
                    LevelCount.Of(live.Where(s => year.Contains(s.LaunchedOn)).Select(s => s.Level)),
                    LevelCount.Of(live.Where(s => s.LaunchedOn <= year.End).Select(s => s.Level))));
            }
        }
        return new EServiceStatistics(ThaiFiscalYear.Of(today).BuddhistYear, LevelCount.Of(live.Select(s => s.Level)), byAgency, years);
    }
}
