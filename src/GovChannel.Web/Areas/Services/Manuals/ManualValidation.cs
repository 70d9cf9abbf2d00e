using System.Globalization;
using System.Text.RegularExpressions;

namespace GovChannel.Web.Areas.Services.Manuals;

/// <summary>
/// The rules a manual must meet before it is saved: closed lists, the steps adding up to the total time, fees that are
/// either "none" or priced, documents with sensible counts, http(s) links only. Messages are in the caller's language.
/// </summary>
public static partial class ManualValidation
{
    public static Dictionary<string, string[]> Validate(ManualContent m, string lang)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string Say(string th, string en) => ServiceApi.Say(lang, th, en);
        void Need(bool ok, string key, string th, string en)
        {
            if (!ok)
            {
                errors.Add(key, Say(th, en));
            }
        }
        void Code(string? value, Dictionary<string, Codes.Label> list, string key)
        {
            if (string.IsNullOrEmpty(value) || !list.ContainsKey(value))
            {
                errors.Add(key, Say("ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: " + string.Join(", ", list.Keys),
                    "Must be one of: " + string.Join(", ", list.Keys)));
            }
        }

        Need(!string.IsNullOrWhiteSpace(m.Name), "name", "กรุณาระบุชื่อกระบวนงาน", "The service name is required.");
        Need(m.Name.Length <= 500, "name", "ชื่อกระบวนงานยาวเกิน 500 ตัวอักษร", "The service name is longer than 500 characters.");
        Code(m.ServiceType, Codes.ServiceTypes, "serviceType");
        Code(m.Category, Codes.ManualCategories, "category");
        Code(m.ImpactLevel, Codes.ImpactLevels, "impactLevel");
        Need(m.ServiceAreas.Count > 0, "serviceAreas", "กรุณาระบุพื้นที่ให้บริการ", "At least one service area is required.");
        foreach (var area in m.ServiceAreas)
        {
            Code(area, Codes.ServiceAreas, "serviceAreas");
        }
        for (var i = 0; i < m.LegalBasis.Count; i++)
        {
            var law = m.LegalBasis[i];
            Need(!string.IsNullOrWhiteSpace(law.Name), $"legalBasis[{i}].name", "กรุณาระบุชื่อกฎหมาย", "The law's name is required.");
            Need(law.YearBe is null or (>= 2400 and <= 2700), $"legalBasis[{i}].yearBe",
                "ปีของกฎหมายต้องเป็นปีพุทธศักราช (2400–2700)", "The law's year must be a Buddhist-era year (2400–2700).");
        }
        if (m.StatutoryDeadline?.Duration is { } deadline)
        {
            Code(deadline.Unit, Codes.DurationUnits, "statutoryDeadline.duration.unit");
            Need(deadline.Value > 0, "statutoryDeadline.duration.value", "ระยะเวลาตามกฎหมายต้องมากกว่า 0", "The statutory deadline must be more than 0.");
        }
        if (m.Statistics is { } stats)
        {
            Need(stats.Min >= 0 && stats.Min <= stats.MonthlyAverage && stats.MonthlyAverage <= stats.Max, "statistics",
                "สถิติต้องเป็นจำนวนไม่ติดลบ และ น้อยที่สุด ≤ เฉลี่ย ≤ มากที่สุด", "Statistics must be non-negative with minimum ≤ average ≤ maximum.");
        }
        for (var i = 0; i < m.Channels.Count; i++)
        {
            var c = m.Channels[i];
            var key = $"channels[{i}]";
            Need(!string.IsNullOrWhiteSpace(c.Place), key + ".place", "กรุณาระบุสถานที่หรือช่องทางให้บริการ", "The place or channel is required.");
            Code(c.FirstDay, Codes.Weekdays, key + ".firstDay");
            Code(c.LastDay, Codes.Weekdays, key + ".lastDay");
            var opens = Time(c.Opens);
            var closes = Time(c.Closes);
            Need(opens is not null && closes is not null && opens < closes, key + ".opens",
                "เวลาเปิด-ปิดต้องอยู่ในรูปแบบ HH:mm และเวลาเปิดต้องก่อนเวลาปิด", "Opening hours must be HH:mm, opening before closing.");
            Need(c.Url is null || ServiceApi.IsHttpUrl(c.Url), key + ".url", "ลิงก์ต้องขึ้นต้นด้วย http:// หรือ https://", "Links must be http:// or https:// URLs.");
        }
        Need(m.Steps.Count > 0, "steps", "กรุณาระบุขั้นตอนอย่างน้อยหนึ่งขั้นตอน", "At least one step is required.");
        for (var i = 0; i < m.Steps.Count; i++)
        {
            var s = m.Steps[i];
            var key = $"steps[{i}]";
            Code(s.Kind, Codes.StepKinds, key + ".kind");
            Need(!string.IsNullOrWhiteSpace(s.Detail), key + ".detail", "กรุณาระบุรายละเอียดของขั้นตอน", "The step's detail is required.");
            Need(!string.IsNullOrWhiteSpace(s.ResponsibleUnit), key + ".responsibleUnit", "กรุณาระบุส่วนที่รับผิดชอบ", "The responsible unit is required.");
            if (s.Duration is null)
            {
                errors.Add(key + ".duration", Say("กรุณาระบุระยะเวลาของขั้นตอน", "The step's duration is required."));
            }
            else
            {
                Code(s.Duration.Unit, Codes.DurationUnits, key + ".duration.unit");
                Need(s.Duration.Value > 0, key + ".duration.value", "ระยะเวลาต้องมากกว่า 0", "The duration must be more than 0.");
            }
        }
        if (m.TotalTime is null)
        {
            errors.Add("totalTime", Say("กรุณาระบุระยะเวลาดำเนินการรวม", "The total time is required."));
        }
        else if (!Codes.DurationUnits.ContainsKey(m.TotalTime.Unit))
        {
            Code(m.TotalTime.Unit, Codes.DurationUnits, "totalTime.unit");
        }
        else if (m.Steps.Count > 0 && m.Steps.All(s => s.Duration is { Value: > 0 } d && Codes.DurationUnits.ContainsKey(d.Unit)))
        {
            CheckTotal(m, lang, errors);
        }
        Documents(m.IdentityDocuments, "identityDocuments", lang, errors);
        Documents(m.OtherDocuments, "otherDocuments", lang, errors);
        if (m.Fees is { } fees)
        {
            var priced = fees.Items.Any(f => f.Amount is > 0 || f.AmountMax is > 0);
            if (fees.None && priced)
            {
                errors.Add("fees", Say("ค่าธรรมเนียมระบุทั้ง \"ไม่มีค่าธรรมเนียม\" และมีจำนวนเงิน กรุณาเลือกอย่างใดอย่างหนึ่ง",
                    "The fees say both \"no fee\" and an amount; choose one."));
            }
            Need(fees.None || fees.Items.Count > 0, "fees", "กรุณาระบุค่าธรรมเนียม หรือระบุว่าไม่มีค่าธรรมเนียม (none: true)",
                "List the fees, or state that there is none (none: true).");
            for (var i = 0; i < fees.Items.Count; i++)
            {
                var f = fees.Items[i];
                var key = $"fees.items[{i}]";
                Need(!string.IsNullOrWhiteSpace(f.Description), key + ".description", "กรุณาระบุรายละเอียดค่าธรรมเนียม", "The fee's description is required.");
                Need(f.Amount is null or >= 0, key + ".amount", "จำนวนเงินต้องไม่ติดลบ", "The amount must not be negative.");
                Need(f.AmountMax is null || (f.Amount is { } low && f.AmountMax >= low), key + ".amountMax",
                    "ค่าสูงสุดของช่วงต้องไม่น้อยกว่าค่าต่ำสุด", "The top of the range must not be below its bottom.");
                Code(f.Unit, Codes.FeeUnits, key + ".unit");
            }
        }
        for (var i = 0; i < m.ComplaintChannels.Count; i++)
        {
            var c = m.ComplaintChannels[i];
            Need(!string.IsNullOrWhiteSpace(c.Name), $"complaintChannels[{i}].name", "กรุณาระบุชื่อช่องทางร้องเรียน", "The complaint channel's name is required.");
            Need(c.Url is null || ServiceApi.IsHttpUrl(c.Url), $"complaintChannels[{i}].url", "ลิงก์ต้องขึ้นต้นด้วย http:// หรือ https://", "Links must be http:// or https:// URLs.");
        }
        return errors;
    }

    private static void Documents(List<RequiredDocument> docs, string list, string lang, Dictionary<string, string[]> errors)
    {
        for (var i = 0; i < docs.Count; i++)
        {
            var d = docs[i];
            var key = $"{list}[{i}]";
            if (string.IsNullOrWhiteSpace(d.Name))
            {
                errors.Add(key + ".name", ServiceApi.Say(lang, "กรุณาระบุชื่อเอกสาร", "The document's name is required."));
            }
            if (d.Originals < 0 || d.Copies < 0 || (!d.ObtainedByAgency && d.Originals + d.Copies == 0))
            {
                errors.Add(key + ".copies", ServiceApi.Say(lang,
                    "จำนวนฉบับจริงและสำเนาต้องไม่ติดลบ และต้องมีอย่างน้อยหนึ่งฉบับ เว้นแต่หน่วยงานเรียกดูเอง",
                    "Originals and copies must not be negative, and at least one is needed unless the agency obtains the document itself."));
            }
            if (!Codes.DocumentUnits.ContainsKey(d.Unit))
            {
                errors.Add(key + ".unit", ServiceApi.Say(lang, "หน่วยนับต้องเป็น copy (ฉบับ) หรือ set (ชุด)", "The unit must be copy or set."));
            }
        }
    }

    /// <summary>
    /// Minutes and hours add up to each other; days and working days only to themselves (a working day is not 24
    /// hours, and a calendar day is not a working day), as the printed manual states the total in one unit.
    /// </summary>
    private static void CheckTotal(ManualContent m, string lang, Dictionary<string, string[]> errors)
    {
        static string Family(string unit) => unit is "minute" or "hour" ? "time" : unit;
        static decimal Minutes(Duration d) => d.Unit == "hour" ? d.Value * 60 : d.Value;
        var total = m.TotalTime!;
        var families = m.Steps.Select(s => Family(s.Duration!.Unit)).Distinct().ToList();
        if (families.Count > 1 || families[0] != Family(total.Unit))
        {
            errors.Add("totalTime", ServiceApi.Say(lang,
                "หน่วยของระยะเวลาในขั้นตอนบวกรวมกับระยะเวลารวมไม่ได้ (นาที/ชั่วโมง ใช้ร่วมกันได้ แต่ วัน และ วันทำการ ต้องใช้หน่วยเดียวกันทั้งหมด)",
                "The steps' duration units cannot be added to the total (minutes and hours mix; days and working days must be used throughout)."));
            return;
        }
        decimal sum;
        decimal stated;
        if (families[0] == "time")
        {
            sum = m.Steps.Sum(s => Minutes(s.Duration!));
            stated = Minutes(total);
        }
        else
        {
            sum = m.Steps.Sum(s => s.Duration!.Value);
            stated = total.Value;
        }
        if (sum != stated)
        {
            var sumShown = families[0] == "time" && total.Unit == "hour"
                ? new Duration(sum / 60, "hour")
                : new Duration(sum, families[0] == "time" ? "minute" : total.Unit);
            errors.Add("totalTime", ServiceApi.Say(lang,
                $"ระยะเวลาดำเนินการรวม {total.Show(true)} ไม่ตรงกับผลรวมของขั้นตอน {sumShown.Show(true)}",
                $"The total time ({total.Show(false)}) does not match the sum of the steps ({sumShown.Show(false)})."));
        }
    }

    private static TimeOnly? Time(string? text) =>
        text is not null && HourMinute().IsMatch(text) && TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? t : null;

    [GeneratedRegex("^[0-2][0-9]:[0-5][0-9]$")]
    private static partial Regex HourMinute();
}
