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

    public List<Egdi.Survey> History { get; private set; } = [];
    /// <summary>Sysadmins see the form that imports the UN's data files into the history.</summary>
    public bool CanImport { get; private set; }
    /// <summary>The survey years of the file just imported (after the redirect), for the confirmation.</summary>
    [BindProperty(SupportsGet = true)] public string? Imported { get; set; }
    public List<EgdiFileError> ImportErrors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(Language.ToThaiTime(Clock.Now(time)));
        Stats = await InsightsArea.StatisticsAsync(Db, today, ct);
        History = await EgdiFile.HistoryAsync(Db, EgdiFile.Thailand, ct);
        CanImport = await UserAsync() is { Sysadmin: true };
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

    /// <summary>A sysadmin uploads a UN E-Government Survey data file; its years replace what the history showed for them.</summary>
    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        if (await UserAsync() is not { Sysadmin: true } user)
        {
            return Forbid();
        }
        var now = Clock.Now(time);
        if (file is null || file.Length == 0)
        {
            ImportErrors.Add(new("กรุณาเลือกไฟล์ข้อมูลของสหประชาชาติ", "Choose a UN data file."));
        }
        else if (file.Length > EgdiFile.MaxBytes)
        {
            ImportErrors.Add(new("ไฟล์ใหญ่เกิน 5 MB", "The file is larger than 5 MB."));
        }
        else
        {
            await using var stream = file.OpenReadStream();
            var (rows, errors) = EgdiFile.Read(stream, file.FileName, now, user.Id);
            if (errors.Count == 0)
            {
                var years = await EgdiFile.ImportAsync(Db, rows, user.Id, ct);
                return Redirect("/insights?imported=" + string.Join(",", years) + "#history");
            }
            ImportErrors.AddRange(errors);
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await OnGetAsync(ct);
        return Page();
    }

    public static string F(double value, string format = "0.00000") => value.ToString(format, CultureInfo.InvariantCulture);
    public static string Pct(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
    public static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
