using System.Globalization;
using System.Text.RegularExpressions;

namespace GovChannel.Web.Localization;

/// <summary>
/// The page's words in its language (<see cref="Language"/>): <c>@T["nav.datasets"]</c> in a page. Scoped per request.
/// A key missing from <see cref="Strings"/> shows as itself, so a gap is visible rather than blank.
/// </summary>
public sealed partial class Text(IHttpContextAccessor accessor)
{
    public string Lang => Language.Current(accessor.HttpContext);
    public bool IsThai => Lang == Language.Thai;
    public string Other => IsThai ? Language.English : Language.Thai;

    public string this[string key] =>
        Strings.Table.TryGetValue(key, out var pair) ? (IsThai ? pair.Th : pair.En) : key;

    public string Format(string key, params object[] args) => string.Format(CultureInfo.InvariantCulture, this[key], args);

    /// <summary>Choose between two texts held by the data itself (an agency's Thai and English names).</summary>
    public string Pick(string? th, string? en) => IsThai || string.IsNullOrWhiteSpace(en) ? th ?? en ?? "" : en;

    public string Date(DateTime utc) => Language.FormatDate(utc, Lang);
    public string DateTime(DateTime utc) => Language.FormatDateTime(utc, Lang);
    public static string Number(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A GDC choice value (stored in Thai) in the page language, e.g. ข้อมูลสถิติ → Statistical data.</summary>
    public string Value(string value) => IsThai ? Strings.ThaiValues.GetValueOrDefault(value, value) : Strings.Values.GetValueOrDefault(value, value);

    /// <summary>A validation message from the catalogue (CKAN's English wording) in the page language.</summary>
    public string Error(string message)
    {
        if (!IsThai)
        {
            return message;
        }
        if (Strings.Errors.TryGetValue(message, out var thai))
        {
            return thai;
        }
        if (EmailFormat().Match(message) is { Success: true } email)
        {
            return $"อีเมล {email.Groups[1].Value} มีรูปแบบไม่ถูกต้อง";
        }
        if (TagShort().Match(message) is { Success: true } shortTag)
        {
            return $"คำสำคัญ \"{shortTag.Groups[1].Value}\" ต้องยาวอย่างน้อย 2 ตัวอักษร";
        }
        if (TagLong().Match(message) is { Success: true } longTag)
        {
            return $"คำสำคัญ \"{longTag.Groups[1].Value}\" ยาวเกิน 100 ตัวอักษร";
        }
        if (TagChars().Match(message) is { Success: true } badTag)
        {
            return $"คำสำคัญ \"{badTag.Groups[1].Value}\" ใช้ได้เฉพาะตัวอักษร ตัวเลข ช่องว่าง และเครื่องหมาย - _ .";
        }
        if (message.StartsWith("Access denied", StringComparison.Ordinal))
        {
            return "คุณไม่มีสิทธิ์ดำเนินการนี้";
        }
        return message;
    }

    [GeneratedRegex("^Email (.*) is not a valid format$")]
    private static partial Regex EmailFormat();

    [GeneratedRegex("^Tag \"(.*)\" length is less than minimum 2$")]
    private static partial Regex TagShort();

    [GeneratedRegex("^Tag \"(.*)\" length is more than maximum 100$")]
    private static partial Regex TagLong();

    [GeneratedRegex("^Tag \"(.*)\" can only contain")]
    private static partial Regex TagChars();
}
