using System.Globalization;

namespace GovChannel.ThaiSearch.Bench;

internal sealed record Subject(string Id, string Th, string En, HashSet<string> Topics, string[] Tags, string Agency, string Description);

internal sealed record Dataset(int Index, string Name, string Title, string Notes, string[] Tags, string Organization, Subject Subject, string Province, int YearBe)
{
    public bool Has(string topic) => Subject.Topics.Contains(topic);
}

/// <summary>
/// The benchmark catalogue: every subject of subjects.tsv published for several provinces, years and breakdowns,
/// titled the way Thai agencies title datasets (a Thai compound, a breakdown, the province, the BE year; one in
/// five titled in English), with a Thai description, the agency, and Thai tags. Shuffled so that ties are not
/// broken in the judges' favour.
/// </summary>
internal static class Catalogue
{
    private static readonly (string Th, string En)[] Provinces =
    [
        ("กรุงเทพมหานคร", "Bangkok"), ("เชียงใหม่", "Chiang Mai"), ("ขอนแก่น", "Khon Kaen"), ("ตาก", "Tak"), ("นครราชสีมา", "Nakhon Ratchasima"),
        ("ภูเก็ต", "Phuket"), ("สงขลา", "Songkhla"), ("อุบลราชธานี", "Ubon Ratchathani"), ("เชียงราย", "Chiang Rai"), ("ชลบุรี", "Chon Buri"),
        ("นครศรีธรรมราช", "Nakhon Si Thammarat"), ("พิษณุโลก", "Phitsanulok"), ("สุราษฎร์ธานี", "Surat Thani"), ("ตราด", "Trat"),
        ("น่าน", "Nan"), ("ลำปาง", "Lampang"), ("อุดรธานี", "Udon Thani"), ("ระยอง", "Rayong"), ("กาญจนบุรี", "Kanchanaburi"), ("ยะลา", "Yala"),
    ];

    private static readonly string[] Breakdowns = ["รายจังหวัด", "รายอำเภอ", "รายตำบล", "รายเดือน", "รายไตรมาส", "รายปี", "จำแนกตามเพศ", "จำแนกตามกลุ่มอายุ", ""];

    public static List<Subject> LoadSubjects(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('\t')).Select(c => new Subject(
            c[0], c[1], c[2], c[3].Split(',').ToHashSet(StringComparer.Ordinal), c[4].Split(','), c[5], c[6])).ToList();

    public static List<Dataset> Build(string subjectsPath, int perSubject, int seed)
    {
        var random = new Random(seed);
        var list = new List<Dataset>();
        var subjects = LoadSubjects(subjectsPath);
        foreach (var s in subjects)
        {
            for (var k = 0; k < perSubject; k++)
            {
                var (provinceTh, provinceEn) = Provinces[random.Next(Provinces.Length)];
                var year = 2560 + random.Next(8);
                var breakdown = Breakdowns[random.Next(Breakdowns.Length)];
                var title = random.Next(5) == 0
                    ? string.Create(CultureInfo.InvariantCulture, $"{s.En} in {provinceEn} {year - 543}")
                    : string.Create(CultureInfo.InvariantCulture, $"{s.Th}{breakdown} จังหวัด{provinceTh} ปี {year}");
                var when = random.Next(3) switch
                {
                    0 => string.Create(CultureInfo.InvariantCulture, $"ปีงบประมาณ {year}"),
                    1 => string.Create(CultureInfo.InvariantCulture, $"ปี พ.ศ. {year}"),
                    _ => string.Create(CultureInfo.InvariantCulture, $"ประจำปี {year} ปรับปรุงทุกปี"),
                };
                var notes = $"ข้อมูล{s.Th} {s.Description} ในพื้นที่จังหวัด{provinceTh} {when} จัดทำโดย{s.Agency}";
                string[] tags = random.Next(3) == 0 ? [.. s.Tags, "ข้อมูลเปิด"] : s.Tags;
                list.Add(new Dataset(0, "", title, notes, tags, s.Agency, s, provinceTh, year));
            }
        }
        // Shuffle (Fisher-Yates), then number: index order is the tie-break of every system.
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return [.. list.Select((d, i) => d with { Index = i, Name = string.Create(CultureInfo.InvariantCulture, $"ds-{i:D5}") })];
    }
}

internal sealed record Judgement(string Query, string Rule, string Meaning)
{
    public static List<Judgement> Load(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('\t')).Select(c => new Judgement(c[0], c[1], c[2])).ToList();

    /// <summary>"a|b+c+year=2566+province=X": any of a, b; and c; and the year; and the province.</summary>
    public bool IsRelevant(Dataset d)
    {
        var parts = Rule.Split('+');
        if (!parts[0].Split('|').Any(d.Has))
        {
            return false;
        }
        foreach (var part in parts.Skip(1))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var ok = eq < 0 ? d.Has(part) : part[..eq] switch
            {
                "year" => d.YearBe == int.Parse(part[(eq + 1)..], CultureInfo.InvariantCulture),
                "province" => d.Province == part[(eq + 1)..],
                _ => throw new FormatException(part),
            };
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }
}
