using System.Globalization;
using GovChannel.Web.Localization;

namespace GovChannel.Web.Areas.Services;

/// <summary>
/// The words of the services, apps, search and insights pages, Thai first then English, in the same style as the
/// portal's <see cref="Strings"/> table but kept beside the pages that use them. Falls back to the portal's table,
/// so <c>@L["nav.home"]</c> works too. A key missing from both shows as itself.
/// </summary>
public sealed class ServicesText(Text text)
{
    public bool IsThai => text.IsThai;
    public string Lang => text.Lang;

    public string this[string key] =>
        ServicesStrings.Table.TryGetValue(key, out var pair) ? (text.IsThai ? pair.Th : pair.En) : text[key];

    public string Format(string key, params object[] args) => string.Format(CultureInfo.InvariantCulture, this[key], args);

    public string Code(Dictionary<string, Codes.Label> list, string code) => list.Show(code, text.IsThai);
}
