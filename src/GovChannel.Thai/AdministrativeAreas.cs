using System.Globalization;

namespace GovChannel.Thai;

/// <summary>A Thai sub-district (tambon) with its district and province, from the bundled master data.</summary>
/// <param name="Code">DOPA six-digit tambon code.</param>
/// <param name="DistrictCode">DOPA four-digit amphoe code; the province code is <c>DistrictCode / 100</c>.</param>
public sealed record SubDistrict(
    int Code, string ZipCode, string NameTh, string NameEn,
    int DistrictCode, string DistrictTh, string DistrictEn,
    int ProvinceCode, string ProvinceTh, string ProvinceEn,
    double? Latitude, double? Longitude);

/// <summary>
/// Thai administrative areas (kongvut/thai-province-data, MIT, © 2025 Kongvut Sangkla): 77 provinces, 929 districts,
/// 7,451 sub-districts, 7,121 of them with coordinates.
/// </summary>
public static class AdministrativeAreas
{
    private static readonly Lazy<IReadOnlyList<SubDistrict>> All = new(Load);

    public static IReadOnlyList<SubDistrict> SubDistricts => All.Value;

    private static List<SubDistrict> Load()
    {
        var provinces = Rows("geo_provinces.csv.gz").ToDictionary(r => r[0], r => (Th: r[1], En: r[2]), StringComparer.Ordinal);
        var districts = Rows("geo_districts.csv.gz").ToDictionary(r => r[0], r => (Th: r[1], En: r[2], Province: r[3]), StringComparer.Ordinal);
        var result = new List<SubDistrict>();
        foreach (var r in Rows("geo_sub_districts.csv.gz"))
        {
            var district = districts[r[4]];
            var province = provinces[district.Province];
            var districtCode = int.Parse(r[4], CultureInfo.InvariantCulture);
            result.Add(new SubDistrict(
                int.Parse(r[0], CultureInfo.InvariantCulture), r[1], r[2], r[3],
                districtCode, district.Th, district.En,
                districtCode / 100, province.Th, province.En,
                Number(r[5]), Number(r[6])));
        }
        return result;
    }

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    // The bundled files have no quoted fields (checked when they were copied), so a plain split is exact.
    private static IEnumerable<string[]> Rows(string resource) =>
        Lexicon.ReadResourceLines(resource).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','));
}
