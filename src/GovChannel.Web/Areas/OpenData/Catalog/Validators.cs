using System.Globalization;
using System.Text.RegularExpressions;

namespace GovChannel.Web.Areas.OpenData.Catalog;

/// <summary>CKAN's validators (ckan/logic/validators.py) with their exact messages, plus Thai-accepting tags.</summary>
public static partial class Validators
{
    private static readonly HashSet<string> ReservedNames = ["new", "edit", "search"];

    /// <summary>name_validator: the first failing rule's message, or null.</summary>
    public static string? NameError(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "Missing value";
        }
        if (ReservedNames.Contains(name))
        {
            return "That name cannot be used";
        }
        if (name.Length < 2)
        {
            return "Must be at least 2 characters long";
        }
        if (name.Length > 100)
        {
            return "Name must be a maximum of 100 characters long";
        }
        return NamePattern().IsMatch(name) ? null : "Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_";
    }

    /// <summary>
    /// Tags: 2–100 characters of letters, combining marks, digits, space, '-', '_' and '.'. Stock CKAN's <c>\w</c> has no
    /// marks, so it rejects ข้อมูล; GovChannel accepts every script's words (Thai GDC's intent, without its missing anchor).
    /// </summary>
    public static string? TagError(string tag)
    {
        var length = new StringInfo(tag).LengthInTextElements;
        if (tag.Length < 2)
        {
            return $"Tag \"{tag}\" length is less than minimum 2";
        }
        if (tag.Length > 100 && length > 100)
        {
            return $"Tag \"{tag}\" length is more than maximum 100";
        }
        return TagPattern().IsMatch(tag) ? null
            : $"Tag \"{tag}\" can only contain alphanumeric characters, spaces (\" \"), hyphens (\"-\"), underscores (\"_\") or dots (\".\")";
    }

    /// <summary>
    /// An <c>id</c> asked for on create: since CKAN 2.11 only a sysadmin may choose one (harvesters keep remote ids),
    /// it must be a UUID, and it must be free. Returns the id to use, or null with the reason in <paramref name="errors"/>.
    /// </summary>
    public static async Task<string?> RequestedIdAsync(Ckan.ActionContext ctx, string? id, Func<string, Task<bool>> exists, string existsMessage, System.Text.Json.Nodes.JsonObject errors)
    {
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }
        var problem = !ctx.IsSysadmin ? "The input field id was not expected."
            : !IsUuid(id) ? "Invalid id provided"
            : await exists(id) ? existsMessage
            : null;
        if (problem is not null)
        {
            errors["id"] = new System.Text.Json.Nodes.JsonArray(problem);
            return null;
        }
        return id;
    }

    public static bool IsEmail(string value) => EmailPattern().IsMatch(value);

    public static bool IsUuid(string value) => Guid.TryParseExact(value, "D", out _);

    [GeneratedRegex("^[a-z0-9_\\-]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[\\p{L}\\p{M}\\p{N}\\p{Pc} \\-.]*$")]
    private static partial Regex TagPattern();

    // The WHATWG e-mail pattern CKAN uses, without leading, trailing or double dots in the local part.
    [GeneratedRegex("^(?!\\.)(?!.*\\.\\.)[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+(?<!\\.)@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$")]
    private static partial Regex EmailPattern();
}
