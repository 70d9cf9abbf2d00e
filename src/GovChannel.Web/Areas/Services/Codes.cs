namespace GovChannel.Web.Areas.Services;

/// <summary>
/// The closed lists the services area validates against, each code with its Thai and English label. Codes are
/// stable ASCII words (what the API carries); labels are what people read.
/// </summary>
public static class Codes
{
    public sealed record Label(string Th, string En);

    private static Dictionary<string, Label> Of(params (string Code, string Th, string En)[] items) =>
        items.ToDictionary(i => i.Code, i => new Label(i.Th, i.En), StringComparer.Ordinal);

    /// <summary>ประเภทของงานบริการ (thai-egov.md §1.2 row 3).</summary>
    public static readonly Dictionary<string, Label> ServiceTypes = Of(
        ("single-unit", "กระบวนงานบริการที่เบ็ดเสร็จในหน่วยเดียว", "Completed within one unit"),
        ("regional-local", "กระบวนงานบริการที่ให้บริการในส่วนภูมิภาคและส่วนท้องถิ่น", "Served by regional and local offices"),
        ("multi-unit", "กระบวนงานบริการที่เบ็ดเสร็จในหลายหน่วยงาน", "Completed across several agencies"));

    /// <summary>หมวดหมู่ของงานบริการ (row 4).</summary>
    public static readonly Dictionary<string, Label> ManualCategories = Of(
        ("licence", "อนุญาต/ออกใบอนุญาต", "Permission / licence"),
        ("registration", "จดทะเบียน", "Registration"),
        ("notification", "รับแจ้ง", "Notification"),
        ("approval", "อนุมัติ", "Approval"),
        ("enrolment", "ขึ้นทะเบียน", "Enrolment"),
        ("service", "ให้บริการ", "Service"),
        ("certificate", "ออกหนังสือรับรอง", "Certificate"));

    /// <summary>ระดับผลกระทบ (row 6).</summary>
    public static readonly Dictionary<string, Label> ImpactLevels = Of(
        ("economic-social", "บริการที่มีความสำคัญด้านเศรษฐกิจ/สังคม", "Economically or socially important"),
        ("general", "บริการทั่วไป", "General service"));

    /// <summary>พื้นที่ให้บริการ (row 7).</summary>
    public static readonly Dictionary<string, Label> ServiceAreas = Of(
        ("central", "ส่วนกลาง", "Central"),
        ("regional", "ส่วนภูมิภาค", "Regional"),
        ("local", "ท้องถิ่น", "Local"));

    /// <summary>ประเภทขั้นตอน (row 13).</summary>
    public static readonly Dictionary<string, Label> StepKinds = Of(
        ("document-check", "การตรวจสอบเอกสาร", "Document check"),
        ("consideration", "การพิจารณา", "Consideration"),
        ("signing", "การลงนาม/คณะกรรมการมีมติ", "Signing / committee resolution"),
        ("other", "อื่น ๆ", "Other"));

    public static readonly Dictionary<string, Label> DurationUnits = Of(
        ("minute", "นาที", "minutes"),
        ("hour", "ชั่วโมง", "hours"),
        ("day", "วัน", "days"),
        ("workday", "วันทำการ", "working days"));

    public static readonly Dictionary<string, Label> DocumentUnits = Of(
        ("copy", "ฉบับ", "copy"),
        ("set", "ชุด", "set"));

    public static readonly Dictionary<string, Label> FeeUnits = Of(
        ("baht", "บาท", "baht"),
        ("percent", "ร้อยละ", "per cent"));

    public static readonly Dictionary<string, Label> Weekdays = Of(
        ("mon", "วันจันทร์", "Monday"), ("tue", "วันอังคาร", "Tuesday"), ("wed", "วันพุธ", "Wednesday"),
        ("thu", "วันพฤหัสบดี", "Thursday"), ("fri", "วันศุกร์", "Friday"), ("sat", "วันเสาร์", "Saturday"),
        ("sun", "วันอาทิตย์", "Sunday"));

    /// <summary>Thai e-service levels (thai-egov.md §6.2), aligned with the UN's four stages.</summary>
    public static readonly Dictionary<string, Label> Levels = Of(
        ("1", "L1 ข้อมูล", "L1 Information"),
        ("2", "L2 ปฏิสัมพันธ์", "L2 Interaction"),
        ("3", "L3 ธุรกรรม", "L3 Transaction"),
        ("4", "L4 เชื่อมโยง", "L4 Connected"));

    public static readonly Dictionary<string, Label> Channels = Of(
        ("web", "เว็บไซต์", "Web"),
        ("app", "แอปพลิเคชัน", "App"),
        ("kiosk", "ตู้บริการ (Kiosk)", "Kiosk"),
        ("counter", "เคาน์เตอร์บริการ", "Counter"));

    public static readonly Dictionary<string, Label> Audiences = Of(
        ("citizen", "ประชาชน", "Citizens"),
        ("business", "ภาคธุรกิจ", "Businesses"),
        ("foreigner", "ชาวต่างชาติ", "Foreigners"),
        ("government", "หน่วยงานรัฐ", "Government"));

    public static readonly Dictionary<string, Label> LifeEvents = Of(
        ("birth", "การเกิด", "Birth"),
        ("education", "การศึกษา", "Education"),
        ("first-job", "เริ่มทำงาน", "Starting work"),
        ("starting-business", "เริ่มต้นธุรกิจ", "Starting a business"),
        ("marriage", "การสมรส", "Marriage"),
        ("moving-house", "ย้ายที่อยู่", "Moving house"),
        ("health", "เจ็บป่วยและสุขภาพ", "Health and illness"),
        ("travel", "เดินทางและยานพาหนะ", "Travel and vehicles"),
        ("disaster", "ภัยพิบัติ", "Disaster"),
        ("retirement", "เกษียณอายุ", "Retirement"),
        ("death", "การเสียชีวิต", "Death"));

    /// <summary>Topic categories for browsing e-services and apps.</summary>
    public static readonly Dictionary<string, Label> Topics = Of(
        ("civil-registration", "ทะเบียนราษฎรและบัตร", "Civil registration and ID"),
        ("business", "ธุรกิจและการค้า", "Business and trade"),
        ("tax", "ภาษีและการเงิน", "Tax and finance"),
        ("health", "สุขภาพ", "Health"),
        ("education", "การศึกษา", "Education"),
        ("welfare", "สวัสดิการสังคม", "Social welfare"),
        ("transport", "คมนาคมและการเดินทาง", "Transport"),
        ("environment", "สิ่งแวดล้อมและภัยธรรมชาติ", "Environment and hazards"),
        ("land-housing", "ที่ดินและที่อยู่อาศัย", "Land and housing"),
        ("employment", "แรงงานและการจ้างงาน", "Work and employment"),
        ("statistics", "สถิติและข้อมูล", "Statistics and data"),
        ("city", "บริการเมือง", "City services"));

    public static readonly Dictionary<string, Label> Platforms = Of(
        ("android", "Android", "Android"),
        ("ios", "iOS", "iOS"),
        ("huawei", "HUAWEI AppGallery", "HUAWEI AppGallery"),
        ("web", "เว็บแอป", "Web app"));

    public static string Show(this Dictionary<string, Label> list, string code, bool thai) =>
        list.TryGetValue(code, out var label) ? (thai ? label.Th : label.En) : code;
}
