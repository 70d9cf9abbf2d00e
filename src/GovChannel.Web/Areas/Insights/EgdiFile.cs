using System.Globalization;
using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Datastore;
using GovChannel.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Insights;

/// <summary>
/// One country's row of a UN E-Government Survey data file, as the UN DESA data centre publishes them
/// (<c>EGOV_DATA_YYYY.csv</c> or its spreadsheet: survey year, country, rank, EGDI, EPI, OSI, HCI, TII), imported by
/// a sysadmin. The history shows these beside the values we ship with a citation (<see cref="Egdi.ThailandHistory"/>).
/// </summary>
public sealed class EgdiValue
{
    public int Year { get; set; }
    /// <summary>The UN's country name, trimmed (the data files pad some names with a space).</summary>
    public required string Country { get; set; }
    public int? Rank { get; set; }
    public double Egdi { get; set; }
    public double? Epi { get; set; }
    public double? Osi { get; set; }
    public double? Hci { get; set; }
    public double? Tii { get; set; }
    /// <summary>The uploaded file's name, shown as the row's source.</summary>
    public required string Source { get; set; }
    public string? ImportedBy { get; set; }
    public DateTime Imported { get; set; }
}

/// <summary>A problem in an uploaded data file, in Thai and English, with the line it is on when there is one.</summary>
public sealed record EgdiFileError(string Th, string En);

/// <summary>
/// Reads and imports UN E-Government Survey data files. The whole file is checked before anything is written; an import
/// replaces every row of the survey years the file holds, in one transaction with its audit record.
/// </summary>
public static class EgdiFile
{
    public const long MaxBytes = 5 * 1024 * 1024;
    private const int MaxErrors = 20;

    /// <summary>The country whose history /insights shows, by its name in the UN's files.</summary>
    public const string Thailand = "Thailand";

    // Column headings of the UN data centre's files; older editions called the index the readiness index.
    private static readonly string[] YearColumn = ["Survey Year", "Year"];
    private static readonly string[] CountryColumn = ["Country Name", "Country"];
    private static readonly string[] RankColumn = ["E-Government Rank", "EGDI Rank", "Rank"];
    private static readonly string[] EgdiColumn = ["E-Government Index", "E-Government Development Index", "EGDI", "E-Government Readiness Index"];
    private static readonly string[] EpiColumn = ["E-Participation Index", "EPI"];
    private static readonly string[] OsiColumn = ["Online Service Index", "OSI"];
    private static readonly string[] HciColumn = ["Human Capital Index", "HCI"];
    private static readonly string[] TiiColumn = ["Telecommunication Infrastructure Index", "TII"];

    /// <summary>The rows of a CSV, TSV or spreadsheet file, or every problem found (up to 20, then a count of the rest).</summary>
    public static (List<EgdiValue> Rows, List<EgdiFileError> Errors) Read(Stream stream, string fileName, DateTime now, string? userId)
    {
        var rows = new List<EgdiValue>();
        var errors = new List<EgdiFileError>();
        var extension = Path.GetExtension(fileName).TrimStart('.').ToUpperInvariant();
        if (extension is not ("CSV" or "TSV" or "XLSX" or "XLS"))
        {
            errors.Add(new("ไฟล์ต้องเป็น CSV, TSV หรือ XLSX จากศูนย์ข้อมูลการสำรวจรัฐบาลอิเล็กทรอนิกส์ของสหประชาชาติ",
                "The file must be a CSV, TSV or XLSX file from the UN E-Government Survey data centre."));
            return (rows, errors);
        }
        var extra = 0;
        void Fail(string th, string en)
        {
            if (errors.Count < MaxErrors)
            {
                errors.Add(new(th, en));
            }
            else
            {
                extra++;
            }
        }
        try
        {
            using var source = TabularSource.Open(stream, extension);
            if (source.Next() is not { } header)
            {
                Fail("ไฟล์ไม่มีข้อมูล", "The file has no rows.");
                return (rows, errors);
            }
            int Column(string[] names) => Array.FindIndex(header.Cells, c => names.Contains(c?.Trim(), StringComparer.OrdinalIgnoreCase));
            var (year, country, rank, egdi) = (Column(YearColumn), Column(CountryColumn), Column(RankColumn), Column(EgdiColumn));
            var (epi, osi, hci, tii) = (Column(EpiColumn), Column(OsiColumn), Column(HciColumn), Column(TiiColumn));
            foreach (var (index, name) in new[] { (year, YearColumn[0]), (country, CountryColumn[0]), (egdi, EgdiColumn[0]) })
            {
                if (index < 0)
                {
                    Fail($"ไม่พบคอลัมน์ \"{name}\" ในแถวหัวตาราง", $"The header row has no \"{name}\" column.");
                }
            }
            if (errors.Count > 0)
            {
                return (rows, errors);
            }
            var seen = new HashSet<(int, string)>();
            while (source.Next() is { } row)
            {
                var line = row.Line.ToString(CultureInfo.InvariantCulture);
                string? Cell(int i) => i >= 0 && i < row.Cells.Length ? row.Cells[i]?.Trim() : null;
                double? Index(int i, string name)
                {
                    var text = Cell(i);
                    if (string.IsNullOrEmpty(text))
                    {
                        return null;
                    }
                    if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1)
                    {
                        return value;
                    }
                    Fail($"บรรทัด {line}: {name} ต้องเป็นตัวเลขระหว่าง 0 ถึง 1 (พบ \"{text}\")", $"Line {line}: {name} must be a number between 0 and 1 (found \"{text}\").");
                    return null;
                }
                var name = Cell(country);
                if (string.IsNullOrEmpty(name) || name.Length > 120)
                {
                    Fail($"บรรทัด {line}: ไม่มีชื่อประเทศหรือชื่อยาวเกิน 120 ตัวอักษร", $"Line {line}: the country name is missing or longer than 120 characters.");
                    continue;
                }
                if (!int.TryParse(Cell(year), NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < 2001 or > 2100)
                {
                    Fail($"บรรทัด {line}: ปีที่สำรวจต้องเป็นปี ค.ศ. ระหว่าง 2001 ถึง 2100 (พบ \"{Cell(year)}\")", $"Line {line}: the survey year must be a year between 2001 and 2100 (found \"{Cell(year)}\").");
                    continue;
                }
                int? r = null;
                if (Cell(rank) is { Length: > 0 } rankText)
                {
                    if (int.TryParse(rankText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= 1)
                    {
                        r = parsed;
                    }
                    else
                    {
                        Fail($"บรรทัด {line}: อันดับต้องเป็นจำนวนเต็มบวก (พบ \"{rankText}\")", $"Line {line}: the rank must be a positive whole number (found \"{rankText}\").");
                    }
                }
                var e = Index(egdi, "EGDI");
                if (e is null && string.IsNullOrEmpty(Cell(egdi)))
                {
                    Fail($"บรรทัด {line}: ไม่มีค่า EGDI", $"Line {line}: the EGDI is missing.");
                }
                if (!seen.Add((y, name.ToUpperInvariant())))
                {
                    Fail($"บรรทัด {line}: {name} ปี {y} ซ้ำกับบรรทัดก่อนหน้า", $"Line {line}: {name} {y} appears twice.");
                }
                rows.Add(new EgdiValue
                {
                    Year = y, Country = name, Rank = r, Egdi = e ?? 0,
                    Epi = Index(epi, "EPI"), Osi = Index(osi, "OSI"), Hci = Index(hci, "HCI"), Tii = Index(tii, "TII"),
                    Source = Source(fileName), ImportedBy = userId, Imported = now,
                });
            }
            if (rows.Count == 0 && errors.Count == 0)
            {
                Fail("ไฟล์มีแต่แถวหัวตาราง ไม่มีข้อมูลประเทศ", "The file has a header row but no country rows.");
            }
        }
        catch (TabularException ex)
        {
            Fail("อ่านไฟล์ไม่ได้: " + ex.Message, "The file could not be read: " + ex.Message);
        }
        if (extra > 0)
        {
            errors.Add(new($"และปัญหาอื่นอีก {extra} รายการ", $"and {extra} more problems"));
        }
        return (errors.Count > 0 ? [] : rows, errors);
    }

    private static string Source(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        return name.Length <= 200 ? name : name[..200];
    }

    /// <summary>Replaces every stored row of the file's survey years with the file's rows, with the audit record, in one transaction.</summary>
    public static Task<int[]> ImportAsync(GovDb db, IReadOnlyList<EgdiValue> rows, string? userId, CancellationToken ct) =>
        db.InWriteTransactionAsync(async () =>
        {
            var years = rows.Select(r => r.Year).Distinct().Order().ToArray();
            await db.EgdiValues.Where(v => years.Contains(v.Year)).ExecuteDeleteAsync(ct);
            db.EgdiValues.AddRange(rows);
            db.Activities.Add(new Activity
            {
                Timestamp = rows[0].Imported,
                UserId = userId,
                ObjectId = "egdi",
                ActivityType = "imported egdi data",
                DataJson = new JsonObject
                {
                    ["file"] = rows[0].Source,
                    ["years"] = new JsonArray([.. years.Select(y => JsonValue.Create(y))]),
                    ["rows"] = rows.Count,
                }.ToJsonString(),
            });
            await db.SaveChangesAsync(ct);
            return years;
        }, ct);

    /// <summary>
    /// A country's history: the imported rows, and for Thailand the cited values we ship for the years no file has
    /// replaced. Every survey year from 2003 appears, empty where no source has a value.
    /// </summary>
    public static async Task<List<Egdi.Survey>> HistoryAsync(GovDb db, string country, CancellationToken ct)
    {
        var imported = (await db.EgdiValues.AsNoTracking().Where(v => v.Country == country).ToListAsync(ct))
            .ToDictionary(v => v.Year);
        var shipped = country == Thailand ? Egdi.ThailandHistory : [];
        var years = shipped.Select(s => s.Year).Concat(imported.Keys).Concat(Egdi.SurveyYears).Distinct().Order();
        return years.Select(y => imported.TryGetValue(y, out var v)
                ? new Egdi.Survey(y, v.Rank, v.Egdi, v.Osi, v.Tii, v.Hci,
                    $"UN DESA data file {v.Source} (imported {v.Imported.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})")
                : shipped.FirstOrDefault(s => s.Year == y) ?? new Egdi.Survey(y, null, null, null, null, null, "—"))
            .ToList();
    }
}
