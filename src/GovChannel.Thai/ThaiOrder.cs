using System.Globalization;

namespace GovChannel.Thai;

/// <summary>
/// Thai dictionary order, for the lists people read (agencies, categories, manuals). A leading vowel (เ แ โ ใ ไ) sorts
/// by the consonant after it, so ไก่ comes before เสือ as in the Royal Institute dictionary; Thai words come before
/// Latin ones, which sort alphabetically whatever their case. Code-point order (<see cref="StringComparer.Ordinal"/>) puts every word that starts
/// with a leading vowel after all the others; it stays right for the CKAN API, whose order is Python's code-point sort.
/// Only th-TH's comparison is used here, never its calendar.
/// </summary>
public static class ThaiOrder
{
    public static StringComparer Comparer { get; } = StringComparer.Create(CultureInfo.GetCultureInfo("th-TH"), CompareOptions.None);
}
