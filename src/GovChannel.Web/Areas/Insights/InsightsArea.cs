using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.Services;
using GovChannel.Web.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Insights;

public sealed record EgdiResult(double Osi, double Tii, double Hci, double Egdi, string Group);

public sealed record EgdiImported(int[] Years, int Rows);

/// <summary><c>/insights</c> (pages) and <c>/api/insights</c>: e-service statistics and the EGDI calculator.</summary>
public static class InsightsArea
{
    public static void MapInsights(this WebApplication app)
    {
        var api = app.MapGroup("/api/insights").WithTags("Insights");
        api.MapGet("/eservices", async (GovDb db, TimeProvider time, CancellationToken ct) =>
            TypedResults.Ok(await StatisticsAsync(db, DateOnly.FromDateTime(Localization.Language.ToThaiTime(Clock.Now(time))), ct)));
        api.MapGet("/egdi", Calculate);
        api.MapGet("/egdi/thailand", async (GovDb db, CancellationToken ct) => TypedResults.Ok(await EgdiFile.HistoryAsync(db, EgdiFile.Thailand, ct)));
        api.MapGet("/egdi/history", async (GovDb db, string? country, CancellationToken ct) =>
            TypedResults.Ok(await EgdiFile.HistoryAsync(db, string.IsNullOrWhiteSpace(country) ? EgdiFile.Thailand : country.Trim(), ct)));
        api.MapPost("/egdi/import", Import).DisableAntiforgery();
    }

    /// <summary>
    /// A sysadmin uploads a UN E-Government Survey data file (multipart field <c>file</c>: CSV, TSV or XLSX); the rows of
    /// its survey years replace the stored ones. Every problem in the file is reported and nothing is written.
    /// </summary>
    private static async Task<Results<Ok<EgdiImported>, ProblemHttpResult, ValidationProblem>> Import(
        HttpContext http, GovDb db, TimeProvider time, IFormFile? file, CancellationToken ct)
    {
        var caller = await ServiceApi.CallerAsync(http, db);
        if (!caller.IsSysadmin)
        {
            return caller.SignedIn
                ? ServiceApi.Problem(http, 403, "เฉพาะผู้ดูแลระบบนำเข้าข้อมูล EGDI ได้", "Only sysadmins import EGDI data.")
                : ServiceApi.Problem(http, 401, "กรุณาเข้าสู่ระบบหรือส่ง API token", "Sign in or send an API token.");
        }
        if (file is null || file.Length == 0)
        {
            return ServiceApi.Problem(http, 400, "ส่งไฟล์ข้อมูลในช่อง file", "Send the data file in the field \"file\".");
        }
        if (file.Length > EgdiFile.MaxBytes)
        {
            return ServiceApi.Problem(http, 413, "ไฟล์ใหญ่เกิน 5 MB", "The file is larger than 5 MB.");
        }
        await using var stream = file.OpenReadStream();
        var (rows, errors) = EgdiFile.Read(stream, file.FileName, Clock.Now(time), caller.User!.Id);
        if (errors.Count > 0)
        {
            var lang = ServiceApi.Lang(http);
            return ServiceApi.Invalid(http, new() { ["file"] = [.. errors.Select(e => ServiceApi.Say(lang, e.Th, e.En))] });
        }
        var years = await EgdiFile.ImportAsync(db, rows, caller.User.Id, ct);
        return TypedResults.Ok(new EgdiImported(years, rows.Count));
    }

    public static async Task<EServiceStatistics> StatisticsAsync(GovDb db, DateOnly today, CancellationToken ct)
    {
        var rows = await db.EServices.AsNoTracking().Where(s => s.State == "published")
            .Join(db.Groups, s => s.OwnerOrgId, g => g.Id, (s, g) => new EServiceStats.Row(s.Level, g.Id, g.Name, g.Title ?? g.Name, s.LaunchedOn))
            .ToListAsync(ct);
        return EServiceStats.Compute(rows, today);
    }

    /// <summary>Either <c>osi</c> directly, or <c>osiRaw</c> with the survey's <c>osiMin</c>/<c>osiMax</c>; plus <c>tii</c> and <c>hci</c>.</summary>
    private static Results<Ok<EgdiResult>, ProblemHttpResult> Calculate(
        HttpContext http, double? osi, double? osiRaw, double? osiMin, double? osiMax, double? tii, double? hci)
    {
        try
        {
            var o = osi ?? (osiRaw is { } raw ? Egdi.MinMax(raw, osiMin ?? 0, osiMax ?? double.NaN) : double.NaN);
            var e = Egdi.Index(o, tii ?? double.NaN, hci ?? double.NaN);
            return TypedResults.Ok(new EgdiResult(o, tii!.Value, hci!.Value, Math.Round(e, 5), Egdi.Group(e)));
        }
        catch (ArgumentOutOfRangeException)
        {
            return ServiceApi.Problem(http, 400,
                "ต้องระบุ osi (หรือ osiRaw พร้อม osiMin/osiMax), tii และ hci โดยแต่ละดัชนีอยู่ระหว่าง 0 ถึง 1",
                "Give osi (or osiRaw with osiMin/osiMax), tii and hci, each index between 0 and 1.");
        }
    }
}
