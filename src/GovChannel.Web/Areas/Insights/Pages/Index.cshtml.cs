using System.Globalization;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Localization;
using GovChannel.Web.Pages;
using Microsoft.AspNetCore.Mvc;

namespace GovChannel.Web.Areas.Insights.Pages;

/// <summary>
/// <c>/insights</c>: e-services by level, agency and fiscal year, the share at Transaction level and above, the EGDI
/// calculator and Thailand's EGDI history. Charts are server-rendered SVG/CSS bars, each with a table beside it.
/// </summary>
public sealed class IndexModel(TimeProvider time) : PortalPage
{
    public EServiceStatistics Stats { get; private set; } = null!;

    [BindProperty(SupportsGet = true)] public double? Osi { get; set; }
    [BindProperty(SupportsGet = true)] public double? OsiRaw { get; set; }
    [BindProperty(SupportsGet = true)] public double? OsiMin { get; set; }
    [BindProperty(SupportsGet = true)] public double? OsiMax { get; set; }
    [BindProperty(SupportsGet = true)] public double? Tii { get; set; }
    [BindProperty(SupportsGet = true)] public double? Hci { get; set; }

    public EgdiResult? Calculated { get; private set; }
    public bool CalculationFailed { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(Language.ToThaiTime(Clock.Now(time)));
        Stats = await InsightsArea.StatisticsAsync(Db, today, ct);
        if (Osi is null && OsiRaw is null && Tii is null && Hci is null)
        {
            // Start from Thailand's 2016 components so the calculator shows a worked example.
            (OsiRaw, OsiMin, OsiMax, Tii, Hci) = (76, 0, 138, 0.41175, 0.69418);
        }
        try
        {
            var osi = Osi ?? Egdi.MinMax(OsiRaw ?? double.NaN, OsiMin ?? 0, OsiMax ?? double.NaN);
            var egdi = Egdi.Index(osi, Tii ?? double.NaN, Hci ?? double.NaN);
            Calculated = new EgdiResult(osi, Tii!.Value, Hci!.Value, Math.Round(egdi, 5), Egdi.Group(egdi));
        }
        catch (ArgumentOutOfRangeException)
        {
            CalculationFailed = true;
        }
    }

    public static string F(double value, string format = "0.00000") => value.ToString(format, CultureInfo.InvariantCulture);
    public static string Pct(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
    public static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
