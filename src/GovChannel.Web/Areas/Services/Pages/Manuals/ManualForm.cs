using System.Globalization;
using GovChannel.Web.Areas.Services.Manuals;

namespace GovChannel.Web.Areas.Services.Pages.Manuals;

/// <summary>
/// The manual edit form as the browser posts it: every field a string (so a mistyped number comes back to the page as
/// typed, with a message, rather than vanishing in model binding) and lists of rows with one blank row to fill in.
/// <see cref="ToContent"/> turns it into a <see cref="ManualContent"/>, which <see cref="ManualValidation"/> then checks
/// exactly as for the API. Error keys are the API's (<c>steps[0].duration.value</c>).
/// </summary>
public sealed class ManualForm
{
    public sealed class LawRow { public string? Name { get; set; } public string? YearBe { get; set; } public string? Section { get; set; } public string? Note { get; set; } }

    public sealed class ChannelRow
    {
        public string? Place { get; set; }
        public string? Phone { get; set; }
        public string? Url { get; set; }
        public string FirstDay { get; set; } = "mon";
        public string LastDay { get; set; } = "fri";
        public string Opens { get; set; } = "08:30";
        public string Closes { get; set; } = "16:30";
        public bool LunchBreak { get; set; }
        public bool ExceptHolidays { get; set; }
        public string? Remark { get; set; }
    }

    public sealed class StepRow
    {
        public string? Kind { get; set; }
        public string? Detail { get; set; }
        public string? Value { get; set; }
        public string Unit { get; set; } = "minute";
        public string? ResponsibleUnit { get; set; }
        public string? Remark { get; set; }
    }

    public sealed class DocumentRow
    {
        public string? Name { get; set; }
        public string? Issuer { get; set; }
        public string? Originals { get; set; }
        public string? Copies { get; set; }
        public string Unit { get; set; } = "copy";
        public string? Remark { get; set; }
        public bool ObtainedByAgency { get; set; }
    }

    public sealed class FeeRow
    {
        public string? Description { get; set; }
        public string? Amount { get; set; }
        public string? AmountMax { get; set; }
        public string Unit { get; set; } = "baht";
        public string? Remark { get; set; }
    }

    public sealed class ComplaintRow { public string? Name { get; set; } public string? Phone { get; set; } public string? Url { get; set; } public string? Address { get; set; } }

    public string? Agency { get; set; }
    public bool NewRevision { get; set; }
    public string? Name { get; set; }
    public string? NameEn { get; set; }
    /// <summary>One serving unit a line.</summary>
    public string? ServingUnits { get; set; }
    public string? ServiceType { get; set; }
    public string? Category { get; set; }
    public List<LawRow> Laws { get; set; } = [];
    public string? ImpactLevel { get; set; }
    public List<string> ServiceAreas { get; set; } = [];
    public string? DeadlineLaw { get; set; }
    public string? DeadlineValue { get; set; }
    public string DeadlineUnit { get; set; } = "day";
    public string? StatsAverage { get; set; }
    public string? StatsMax { get; set; }
    public string? StatsMin { get; set; }
    public string? ReferenceName { get; set; }
    public List<ChannelRow> Channels { get; set; } = [];
    public string? Criteria { get; set; }
    public List<StepRow> Steps { get; set; } = [];
    public string? TotalValue { get; set; }
    public string TotalUnit { get; set; } = "minute";
    public bool ProcessReduced { get; set; }
    public List<DocumentRow> IdentityDocuments { get; set; } = [];
    public List<DocumentRow> OtherDocuments { get; set; } = [];
    /// <summary><c>unknown</c> (not stated), <c>none</c> (the explicit "no fee") or <c>listed</c>.</summary>
    public string FeesMode { get; set; } = "none";
    public List<FeeRow> Fees { get; set; } = [];
    public List<ComplaintRow> Complaints { get; set; } = [];
    public string? Remarks { get; set; }

    /// <summary>The lists an "add a row" button may grow.</summary>
    public static readonly string[] Lists = ["laws", "channels", "steps", "identityDocuments", "otherDocuments", "fees", "complaints"];

    /// <summary>Drops rows left blank and appends one blank row to each list (two steps for a new manual), for the page.</summary>
    public void WithBlankRows(string? add = null)
    {
        Laws.RemoveAll(r => Blank(r.Name, r.YearBe, r.Section, r.Note));
        Channels.RemoveAll(r => Blank(r.Place, r.Phone, r.Url, r.Remark));
        Steps.RemoveAll(r => Blank(r.Kind, r.Detail, r.Value, r.ResponsibleUnit, r.Remark));
        IdentityDocuments.RemoveAll(r => Blank(r.Name, r.Issuer, r.Originals, r.Copies, r.Remark));
        OtherDocuments.RemoveAll(r => Blank(r.Name, r.Issuer, r.Originals, r.Copies, r.Remark));
        Fees.RemoveAll(r => Blank(r.Description, r.Amount, r.AmountMax, r.Remark));
        Complaints.RemoveAll(r => Blank(r.Name, r.Phone, r.Url, r.Address));
        var extra = (string list) => list == add ? 2 : 1;
        for (var i = 0; i < extra("laws"); i++) { Laws.Add(new()); }
        for (var i = 0; i < extra("channels"); i++) { Channels.Add(new() { LunchBreak = true, ExceptHolidays = true }); }
        for (var i = 0; i < extra("steps"); i++) { Steps.Add(new()); }
        for (var i = 0; i < extra("identityDocuments"); i++) { IdentityDocuments.Add(new()); }
        for (var i = 0; i < extra("otherDocuments"); i++) { OtherDocuments.Add(new()); }
        for (var i = 0; i < extra("fees"); i++) { Fees.Add(new()); }
        for (var i = 0; i < extra("complaints"); i++) { Complaints.Add(new()); }
    }

    private static bool Blank(params string?[] values) => values.All(string.IsNullOrWhiteSpace);

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>
    /// The manual the form describes. Blank rows are left out; a number that does not read as one is reported under
    /// the API's key for that field, in the page language, and stands as 0 so that validation still runs.
    /// </summary>
    public ManualContent ToContent(string lang, Dictionary<string, string[]> errors)
    {
        decimal? Number(string? text, string key)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            if (decimal.TryParse(text.Trim().Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
            errors.Add(key, ServiceApi.Say(lang, $"\"{text}\" ไม่ใช่ตัวเลข", $"\"{text}\" is not a number."));
            return 0;
        }
        int Whole(string? text, string key) => (int)Math.Round(Number(text, key) ?? 0);

        var c = new ManualContent
        {
            Name = Name?.Trim() ?? "",
            NameEn = Trim(NameEn),
            ServingUnits = (ServingUnits ?? "").Split('\n').Select(u => u.Trim()).Where(u => u.Length > 0).ToList(),
            ServiceType = ServiceType ?? "",
            Category = Category ?? "",
            ImpactLevel = ImpactLevel ?? "",
            ServiceAreas = ServiceAreas.Where(a => !string.IsNullOrEmpty(a)).ToList(),
            ReferenceName = Trim(ReferenceName),
            Criteria = Criteria?.Trim() ?? "",
            ProcessReduced = ProcessReduced,
            Remarks = Trim(Remarks),
        };
        foreach (var (law, i) in Laws.Where(r => !Blank(r.Name, r.YearBe, r.Section, r.Note)).Select((r, i) => (r, i)))
        {
            var year = Number(law.YearBe, $"legalBasis[{i}].yearBe");
            c.LegalBasis.Add(new LawReference(law.Name?.Trim() ?? "", year is { } y ? (int)y : null, Trim(law.Section), Trim(law.Note)));
        }
        var deadline = Number(DeadlineValue, "statutoryDeadline.duration.value");
        c.StatutoryDeadline = deadline is null && Trim(DeadlineLaw) is null ? null
            : new StatutoryDeadline(Trim(DeadlineLaw), deadline is { } d ? new Duration(d, DeadlineUnit) : null);
        if (!Blank(StatsAverage, StatsMax, StatsMin))
        {
            c.Statistics = new MonthlyStatistics(Whole(StatsAverage, "statistics"), Whole(StatsMax, "statistics"), Whole(StatsMin, "statistics"));
        }
        c.Channels.AddRange(Channels.Where(r => !Blank(r.Place, r.Phone, r.Url, r.Remark)).Select(r => new ServiceChannel
        {
            Place = r.Place?.Trim() ?? "", Phone = Trim(r.Phone), Url = Trim(r.Url), FirstDay = r.FirstDay, LastDay = r.LastDay,
            Opens = r.Opens.Trim(), Closes = r.Closes.Trim(), LunchBreak = r.LunchBreak, ExceptHolidays = r.ExceptHolidays, Remark = Trim(r.Remark),
        }));
        foreach (var (step, i) in Steps.Where(r => !Blank(r.Kind, r.Detail, r.Value, r.ResponsibleUnit, r.Remark)).Select((r, i) => (r, i)))
        {
            var value = Number(step.Value, $"steps[{i}].duration.value");
            c.Steps.Add(new ManualStep
            {
                Kind = step.Kind ?? "", Detail = step.Detail?.Trim() ?? "", Duration = value is { } v ? new Duration(v, step.Unit) : null,
                ResponsibleUnit = step.ResponsibleUnit?.Trim() ?? "", Remark = Trim(step.Remark),
            });
        }
        var total = Number(TotalValue, "totalTime.value");
        c.TotalTime = total is { } t ? new Duration(t, TotalUnit) : null;
        foreach (var (list, rows, key) in new[] { (c.IdentityDocuments, IdentityDocuments, "identityDocuments"), (c.OtherDocuments, OtherDocuments, "otherDocuments") })
        {
            foreach (var (doc, i) in rows.Where(r => !Blank(r.Name, r.Issuer, r.Originals, r.Copies, r.Remark)).Select((r, i) => (r, i)))
            {
                list.Add(new RequiredDocument
                {
                    Name = doc.Name?.Trim() ?? "", Issuer = Trim(doc.Issuer), Originals = Whole(doc.Originals, $"{key}[{i}].originals"),
                    Copies = Whole(doc.Copies, $"{key}[{i}].copies"), Unit = doc.Unit, Remark = Trim(doc.Remark), ObtainedByAgency = doc.ObtainedByAgency,
                });
            }
        }
        if (FeesMode != "unknown")
        {
            c.Fees = new FeeSchedule { None = FeesMode == "none" };
            foreach (var (fee, i) in Fees.Where(r => !Blank(r.Description, r.Amount, r.AmountMax, r.Remark)).Select((r, i) => (r, i)))
            {
                c.Fees.Items.Add(new FeeItem
                {
                    Description = fee.Description?.Trim() ?? "", Amount = Number(fee.Amount, $"fees.items[{i}].amount"),
                    AmountMax = Number(fee.AmountMax, $"fees.items[{i}].amountMax"), Unit = fee.Unit, Remark = Trim(fee.Remark),
                });
            }
        }
        c.ComplaintChannels.AddRange(Complaints.Where(r => !Blank(r.Name, r.Phone, r.Url, r.Address)).Select(r => new ComplaintChannel
        {
            Name = r.Name?.Trim() ?? "", Phone = Trim(r.Phone), Url = Trim(r.Url), Address = Trim(r.Address),
        }));
        return c;
    }

    /// <summary>The form for an existing revision (the national complaint channels are added by the server, so not shown).</summary>
    public static ManualForm From(ManualContent c)
    {
        static string? Num(decimal? d) => d?.ToString("0.##", CultureInfo.InvariantCulture);
        static string? Int(int? i) => i?.ToString(CultureInfo.InvariantCulture);
        return new ManualForm
        {
            Name = c.Name, NameEn = c.NameEn, ServingUnits = string.Join("\n", c.ServingUnits), ServiceType = c.ServiceType, Category = c.Category,
            Laws = c.LegalBasis.Select(l => new LawRow { Name = l.Name, YearBe = Int(l.YearBe), Section = l.Section, Note = l.Note }).ToList(),
            ImpactLevel = c.ImpactLevel, ServiceAreas = c.ServiceAreas.ToList(),
            DeadlineLaw = c.StatutoryDeadline?.Law, DeadlineValue = Num(c.StatutoryDeadline?.Duration?.Value), DeadlineUnit = c.StatutoryDeadline?.Duration?.Unit ?? "day",
            StatsAverage = Int(c.Statistics?.MonthlyAverage), StatsMax = Int(c.Statistics?.Max), StatsMin = Int(c.Statistics?.Min),
            ReferenceName = c.ReferenceName,
            Channels = c.Channels.Select(h => new ChannelRow
            {
                Place = h.Place, Phone = h.Phone, Url = h.Url, FirstDay = h.FirstDay, LastDay = h.LastDay, Opens = h.Opens, Closes = h.Closes,
                LunchBreak = h.LunchBreak, ExceptHolidays = h.ExceptHolidays, Remark = h.Remark,
            }).ToList(),
            Criteria = c.Criteria,
            Steps = c.Steps.Select(s => new StepRow
            {
                Kind = s.Kind, Detail = s.Detail, Value = Num(s.Duration?.Value), Unit = s.Duration?.Unit ?? "minute", ResponsibleUnit = s.ResponsibleUnit, Remark = s.Remark,
            }).ToList(),
            TotalValue = Num(c.TotalTime?.Value), TotalUnit = c.TotalTime?.Unit ?? "minute", ProcessReduced = c.ProcessReduced,
            IdentityDocuments = c.IdentityDocuments.Select(Row).ToList(),
            OtherDocuments = c.OtherDocuments.Select(Row).ToList(),
            FeesMode = c.Fees is null ? "unknown" : c.Fees.None ? "none" : "listed",
            Fees = (c.Fees?.Items ?? []).Select(f => new FeeRow { Description = f.Description, Amount = Num(f.Amount), AmountMax = Num(f.AmountMax), Unit = f.Unit, Remark = f.Remark }).ToList(),
            Complaints = c.ComplaintChannels.Where(x => !x.National).Select(x => new ComplaintRow { Name = x.Name, Phone = x.Phone, Url = x.Url, Address = x.Address }).ToList(),
            Remarks = c.Remarks,
        };

        static DocumentRow Row(RequiredDocument d) => new()
        {
            Name = d.Name, Issuer = d.Issuer, Originals = Int(d.Originals), Copies = Int(d.Copies), Unit = d.Unit, Remark = d.Remark, ObtainedByAgency = d.ObtainedByAgency,
        };
    }
}
