namespace GovChannel.Web.Areas.Insights;

/// <summary>
/// The UN E-Government Development Index (thai-egov.md §6.1): EGDI is the mean of three components, each already
/// on [0, 1]. The Online Service Index is min-max normalised from the survey's raw scores, so the best country
/// scores 1 and the worst 0.
/// </summary>
public static class Egdi
{
    public static double Index(double osi, double tii, double hci)
    {
        foreach (var (name, value) in new[] { ("OSI", osi), ("TII", tii), ("HCI", hci) })
        {
            if (double.IsNaN(value) || value is < 0 or > 1)
            {
                throw new ArgumentOutOfRangeException(name, value, "Each component must be between 0 and 1.");
            }
        }
        return (osi + tii + hci) / 3;
    }

    /// <summary>Min-max normalisation: (raw − min) / (max − min).</summary>
    public static double MinMax(double raw, double min, double max)
    {
        if (!(max > min) || raw < min || raw > max)
        {
            throw new ArgumentOutOfRangeException(nameof(raw), raw, "Need min < max and min ≤ raw ≤ max.");
        }
        return (raw - min) / (max - min);
    }

    /// <summary>Every country's OSI from the raw scores of all countries.</summary>
    public static double[] MinMax(IReadOnlyList<double> raw)
    {
        double lo = raw.Min(), hi = raw.Max();
        return raw.Select(x => MinMax(x, lo, hi)).ToArray();
    }

    /// <summary>The UN groups: Very High ≥ 0.75, High 0.50–0.75, Middle 0.25–0.50, Low below.</summary>
    public static string Group(double egdi) => egdi switch
    {
        >= 0.75 => "very-high",
        >= 0.50 => "high",
        >= 0.25 => "middle",
        _ => "low",
    };

    public sealed record Survey(int Year, int? Rank, double? Egdi, double? Osi, double? Tii, double? Hci, string Source);

    /// <summary>The UN E-Government Survey editions: 2003, 2004 and 2005, then every two years.</summary>
    public static readonly int[] SurveyYears = [2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024];

    /// <summary>
    /// Thailand in the UN E-Government Survey, every value with its source. 2010–2018 are the UN's values as
    /// republished by UNU-EGOV (datasets/egdi/egdi-YYYY.csv); 2022 and 2024 are rows of the UN DESA data-centre files
    /// EGOV_DATA_2022.csv and EGOV_DATA_2024.csv (copies kept in public repositories; the HCI values match the
    /// government's announcement of 4 January 2025, and each EGDI is the mean of its three components). 2020 has the
    /// rank and the EGDI rounded to three decimals as reported by the Bangkok Post; its components are not in our
    /// sources. 2003–2008 are not in our sources with values we can cite (press reports of the 2008 rank disagree), so
    /// we ship nothing for them: a sysadmin imports the UN's own data files on /insights (<see cref="EgdiFile"/>), and
    /// an imported year replaces the row here. The 2016 row is the one thai-egov.md §6.1 checks.
    /// </summary>
    public static readonly IReadOnlyList<Survey> ThailandHistory =
    [
        new(2010, 76, 0.46529, 0.33333, 0.17460, 0.89193, "UN via UNU-EGOV egdi-2010.csv"),
        new(2012, 92, 0.50927, 0.50980, 0.23608, 0.78193, "UN via UNU-EGOV egdi-2012.csv"),
        new(2014, 102, 0.46308, 0.44094, 0.28428, 0.66400, "UN via UNU-EGOV egdi-2014.csv"),
        new(2016, 77, 0.55222, 0.55072, 0.41175, 0.69418, "UN via UNU-EGOV egdi-2016.csv"),
        new(2018, 73, 0.65430, 0.63890, 0.53380, 0.79030, "UN via UNU-EGOV egdi-2018.csv"),
        new(2020, 57, 0.756, null, null, null, "UN E-Government Survey 2020 as reported by the Bangkok Post (EGDI to three decimals; first year in the Very High group)"),
        new(2022, 55, 0.76600, 0.77630, 0.73380, 0.78790, "UN DESA EGOV_DATA_2022.csv"),
        new(2024, 52, 0.83510, 0.76105, 0.94101, 0.80320, "UN DESA EGOV_DATA_2024.csv"),
    ];
}
