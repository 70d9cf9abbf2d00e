namespace GovChannel.Web.Areas.Services;

/// <summary>The services, apps, search and insights pages' words (Thai, English).</summary>
public static class ServicesStrings
{
    public static readonly IReadOnlyDictionary<string, (string Th, string En)> Table = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
    };
}
