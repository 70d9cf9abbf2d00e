using System.Globalization;
using System.Text.Json;

namespace GovChannel.Web.Areas.Services.Manuals;

/// <summary>
/// The sections of a citizen manual in the official order (thai-egov.md §1.2). Stored per revision as JSON; the API
/// reads and writes the same shape. Codes come from <see cref="Codes"/>.
/// </summary>
public class ManualContent
{
    public string Name { get; set; } = "";
    public string? NameEn { get; set; }
    /// <summary>Offices that actually serve the public (a district office, a local branch), when not the owner itself.</summary>
    public List<string> ServingUnits { get; set; } = [];
    public string ServiceType { get; set; } = "";
    public string Category { get; set; } = "";
    public List<LawReference> LegalBasis { get; set; } = [];
    public string ImpactLevel { get; set; } = "";
    public List<string> ServiceAreas { get; set; } = [];
    /// <summary>Null or no duration: the law sets no deadline ("-" in the printed manual).</summary>
    public StatutoryDeadline? StatutoryDeadline { get; set; }
    public MonthlyStatistics? Statistics { get; set; }
    public string? ReferenceName { get; set; }
    public List<ServiceChannel> Channels { get; set; } = [];
    public string Criteria { get; set; } = "";
    public List<ManualStep> Steps { get; set; } = [];
    /// <summary>Must equal the sum of the steps (validated).</summary>
    public Duration? TotalTime { get; set; }
    public bool ProcessReduced { get; set; }
    public List<RequiredDocument> IdentityDocuments { get; set; } = [];
    public List<RequiredDocument> OtherDocuments { get; set; } = [];
    /// <summary>Null means unknown; <c>{ none: true }</c> is the explicit "ไม่มีค่าธรรมเนียม".</summary>
    public FeeSchedule? Fees { get; set; }
    public List<ComplaintChannel> ComplaintChannels { get; set; } = [];
    /// <summary>Managed by the form upload endpoint; ignored on input.</summary>
    public List<SampleForm> Forms { get; set; } = [];
    public string? Remarks { get; set; }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize<ManualContent>(this, Json);

    public static ManualContent FromJson(string json) => JsonSerializer.Deserialize<ManualContent>(json, Json) ?? new ManualContent();

    public ManualContent Clone() => FromJson(ToJson());

    /// <summary>The national complaint channels every manual carries (row 18): the 1111 centre and the PACC hotline.</summary>
    public static IReadOnlyList<ComplaintChannel> NationalComplaintChannels { get; } =
    [
        new() { Name = "ศูนย์บริการประชาชน สำนักงานปลัดสำนักนายกรัฐมนตรี", Phone = "1111", Url = "https://www.1111.go.th",
            Address = "ตู้ ปณ. 1111 เลขที่ 1 ถนนพิษณุโลก เขตดุสิต กรุงเทพฯ 10300", National = true },
        new() { Name = "สำนักงาน ป.ป.ท. (สายด่วนร้องเรียนการทุจริต)", Phone = "1206", National = true },
    ];

    /// <summary>Normalise what a client sent: number the steps, drop server-managed parts, make sure 1111 is listed.</summary>
    public void Normalise()
    {
        Name = Name.Trim();
        for (var i = 0; i < Steps.Count; i++)
        {
            Steps[i].Order = i + 1;
        }
        ComplaintChannels.RemoveAll(c => c.National);
        ComplaintChannels.AddRange(NationalComplaintChannels.Select(c => c with { }));
        if (Fees is { None: true })
        {
            Fees.Items.RemoveAll(i => i.Amount is null or 0 && i.AmountMax is null or 0 && string.IsNullOrWhiteSpace(i.Description));
        }
    }
}

public sealed record Duration(decimal Value, string Unit)
{
    public string Show(bool thai) =>
        Value.ToString("0.##", CultureInfo.InvariantCulture) + " " + Codes.DurationUnits.Show(Unit, thai);
}

public sealed record LawReference(string Name, int? YearBe = null, string? Section = null, string? Note = null);

public sealed record StatutoryDeadline(string? Law, Duration? Duration);

public sealed record MonthlyStatistics(int MonthlyAverage, int Max, int Min);

public sealed record ServiceChannel
{
    public string Place { get; init; } = "";
    public string? Phone { get; init; }
    public string? Url { get; init; }
    public string FirstDay { get; init; } = "mon";
    public string LastDay { get; init; } = "fri";
    public string Opens { get; init; } = "08:30";
    public string Closes { get; init; } = "16:30";
    public bool LunchBreak { get; init; } = true;
    public bool ExceptHolidays { get; init; } = true;
    public string? Remark { get; init; }
}

public sealed class ManualStep
{
    public int Order { get; set; }
    public string Kind { get; set; } = "";
    public string Detail { get; set; } = "";
    public Duration? Duration { get; set; }
    public string ResponsibleUnit { get; set; } = "";
    public string? Remark { get; set; }
}

public sealed record RequiredDocument
{
    public string Name { get; init; } = "";
    public string? Issuer { get; init; }
    public int Originals { get; init; }
    public int Copies { get; init; }
    public string Unit { get; init; } = "copy";
    public string? Remark { get; init; }
    /// <summary>No-copy policy (§7.3): the agency fetches this itself through linkage; never ask the citizen for it.</summary>
    public bool ObtainedByAgency { get; init; }
}

public sealed class FeeSchedule
{
    public bool None { get; set; }
    public List<FeeItem> Items { get; set; } = [];
}

public sealed record FeeItem
{
    public string Description { get; init; } = "";
    public decimal? Amount { get; init; }
    /// <summary>The top of a range ("100–500 บาท"), when the fee varies.</summary>
    public decimal? AmountMax { get; init; }
    public string Unit { get; init; } = "baht";
    public string? Remark { get; init; }
}

public sealed record ComplaintChannel
{
    public string Name { get; init; } = "";
    public string? Phone { get; init; }
    public string? Url { get; init; }
    public string? Address { get; init; }
    /// <summary>One of the national channels, added by the server.</summary>
    public bool National { get; init; }
}

public sealed record SampleForm
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string FileName { get; init; } = "";
    public long Size { get; init; }
    /// <summary>Generated storage key: kept in the stored JSON, cleared (and so left out) in API answers.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? StorageKey { get; init; }
}
