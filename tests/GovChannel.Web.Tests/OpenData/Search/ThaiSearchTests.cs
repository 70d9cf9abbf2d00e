using System.Text.Json.Nodes;
using GovChannel.Tests;
using static GovChannel.Web.Tests.OpenData.Search.SearchRig;

namespace GovChannel.Web.Tests.OpenData.Search;

/// <summary>
/// Thai search through package_search (issue 3): words inside compounds the segmenter keeps whole are found, a short
/// word is not found inside an unrelated longer word, phrases, autocomplete, Thai tag facets, ranking, mixed text.
/// Each test isolates its datasets with a unique Latin tag in <c>fq</c>.
/// </summary>
public abstract class ThaiSearchTests(GovChannelApp app)
{
    private readonly SearchRig _rig = new(app);

    /// <summary>Creates the datasets under one unique tag; returns the tag and the names in the order given.</summary>
    private async Task<(string Tag, List<string> Names)> CreateAsync(params (string Title, string? Notes, string[] Tags)[] datasets)
    {
        var tag = Unique("th");
        var (org, _) = await _rig.OrgAsync();
        var names = new List<string>();
        foreach (var (title, notes, tags) in datasets)
        {
            var name = Unique("ds");
            await _rig.CreateAsync(new JsonObject
            {
                ["name"] = name, ["title"] = title, ["notes"] = notes, ["owner_org"] = org, ["tags"] = TagList([tag, .. tags]),
            });
            names.Add(name);
        }
        return (tag, names);
    }

    private async Task<List<string>> FindAsync(string tag, string q) => Names(await _rig.SearchAsync(null, ("q", q), ("fq", "tags:" + tag)));

    [Fact]
    public async Task ThaiSearch_WordInsideCompound_IsFound_ButNotLettersInsideAnUnrelatedWord()
    {
        var (tag, n) = await CreateAsync(
            ("การจดทะเบียนนิติบุคคล", null, []),
            ("สำนักงานสถิติแห่งชาติ รายงานประจำปี", null, []),
            ("ตารางเวลาเดินรถโดยสาร", null, []));

        // จดทะเบียน and สำนักงานสถิติแห่งชาติ are single words to the segmenter: the sub-words find them.
        Assert.Equal([n[0]], await FindAsync(tag, "ทะเบียน"));
        Assert.Equal([n[1]], await FindAsync(tag, "สถิติ"));
        // Substring search (Thai GDC's *ตา*) would find ตาราง; ตา is not a word of ตาราง, and neither is ราง.
        Assert.Empty(await FindAsync(tag, "ตา"));
        Assert.Empty(await FindAsync(tag, "ราง"));
        Assert.Equal([n[2]], await FindAsync(tag, "ตาราง"));
        // The same in Lucene syntax (q with a colon).
        Assert.Equal([n[0]], await FindAsync(tag, "title:ทะเบียน"));
        Assert.Empty(await FindAsync(tag, "title:ตา"));
        // Two words, each inside a different compound.
        Assert.Equal([n[0]], await FindAsync(tag, "ทะเบียน นิติบุคคล"));
        Assert.Empty(await FindAsync(tag, "ทะเบียน สถิติ"));
    }

    [Fact]
    public async Task ThaiSearch_ExactWord_RanksAboveSubwordMatch()
    {
        // Same length and shape; only the first has สถิติ as a word of its own.
        var (tag, n) = await CreateAsync(
            ("รายงานสำนักงานสถิติแห่งชาติ", "ข้อมูลรายปี", []),
            ("รายงานสถิติประชากรแห่งชาติ", "ข้อมูลรายปี", []));
        Assert.Equal([n[1], n[0]], await FindAsync(tag, "สถิติ"));
        Assert.Equal([n[1], n[0]], await FindAsync(tag, "title:สถิติ"));
    }

    [Fact]
    public async Task ThaiSearch_Phrase_MatchesWordsInOrder()
    {
        var (tag, n) = await CreateAsync(
            ("ข้อมูลตำบลทั่วประเทศ", null, []),
            ("ตำบลที่มีข้อมูลครบถ้วน", null, []),
            ("ทะเบียนนิติบุคคลรายใหม่", null, []));

        // Without quotes both words must occur, in any order; with quotes, next to each other in this order.
        Assert.Equal(new[] { n[0], n[1] }.Order(StringComparer.Ordinal), (await FindAsync(tag, "ข้อมูลตำบล")).Order(StringComparer.Ordinal));
        Assert.Equal([n[0]], await FindAsync(tag, "\"ข้อมูลตำบล\""));
        Assert.Equal([n[0]], await FindAsync(tag, "title:\"ข้อมูลตำบล\""));
        Assert.Empty(await FindAsync(tag, "\"ตำบลข้อมูล\""));
        Assert.Equal([n[2]], await FindAsync(tag, "\"ทะเบียนนิติบุคคล\""));
    }

    [Fact]
    public async Task ThaiSearch_Autocomplete_MatchesThaiPrefixAndInfix()
    {
        var word = "ac" + Guid.NewGuid().ToString("N")[..6];
        var (_, n) = await CreateAsync(($"การจดทะเบียนพาณิชย์ {word}", null, ["สถิติไข้เลือดออก" + word]));
        var client = app.CreateClient();

        var byPrefix = (await app.Ckan().GetAsync("package_autocomplete?q=" + Uri.EscapeDataString("การจดทะ") + "&limit=100")).Ok().Result!.AsArray();
        Assert.Contains(byPrefix, d => d!["name"]!.GetValue<string>() == n[0]);
        var byInfix = JsonNode.Parse(await client.GetStringAsync("/api/2/util/dataset/autocomplete?incomplete=" + Uri.EscapeDataString("ทะเบียนพาณิชย์ " + word)))!["ResultSet"]!["Result"]!.AsArray();
        Assert.Equal(n[0], byInfix.Single()!["match_displayed"]!.GetValue<string>().Split('(', ')')[1]);

        var tags = JsonNode.Parse(await client.GetStringAsync("/api/2/util/tag/autocomplete?incomplete=" + Uri.EscapeDataString("ไข้เลือดออก" + word)))!["ResultSet"]!["Result"]!.AsArray();
        Assert.Equal("สถิติไข้เลือดออก" + word, tags.Single()!["Name"]!.GetValue<string>());
        var tagAction = (await app.Ckan().GetAsync("tag_autocomplete?query=" + Uri.EscapeDataString("สถิติไข้") + "&limit=1000")).Ok().Result!.AsArray();
        Assert.Contains(tagAction, t => t!.GetValue<string>() == "สถิติไข้เลือดออก" + word);
    }

    [Fact]
    public async Task ThaiSearch_ThaiTags_FacetFilterAndQuery()
    {
        var (tag, n) = await CreateAsync(
            ("รายงานผู้ป่วย", null, ["สาธารณสุข", "ไข้เลือดออก"]),
            ("สถานพยาบาล", null, ["สาธารณสุข"]),
            ("งบประมาณรายจ่าย", null, ["การคลัง"]));

        var r = await _rig.SearchAsync(null, ("fq", "tags:" + tag), ("facet.field", "[\"tags\"]"));
        Assert.Equal(2, r["facets"]!["tags"]!["สาธารณสุข"]!.GetValue<int>());
        Assert.Equal(1, r["facets"]!["tags"]!["ไข้เลือดออก"]!.GetValue<int>());
        var items = r["search_facets"]!["tags"]!["items"]!.AsArray();
        Assert.Contains(items, i => i!["name"]!.GetValue<string>() == "การคลัง" && i["display_name"]!.GetValue<string>() == "การคลัง");

        var filtered = await _rig.SearchAsync(null, ("fq", $"tags:{tag} tags:\"สาธารณสุข\""));
        Assert.Equal(2, filtered["count"]!.GetValue<int>());
        // A tag is found by a plain query (the tags field and the catch-all text), and a word inside it too.
        Assert.Equal([n[0]], await FindAsync(tag, "ไข้เลือดออก"));
        Assert.Equal([n[0]], await FindAsync(tag, "tags:ไข้เลือดออก"));
        Assert.Equal([n[0]], await FindAsync(tag, "เลือด"));
    }

    [Fact]
    public async Task ThaiSearch_MixedThaiLatinNumbers_AreWordsOfTheirOwn()
    {
        var (tag, n) = await CreateAsync(
            ("ค่าฝุ่นละอองPM2.5 รายวัน ปี 2566", "ข้อมูลคุณภาพอากาศจากสถานีตรวจวัด", []),
            ("ค่าฝุ่นละออง PM10 ปี ๒๕๖๕", null, []));

        Assert.Equal([n[0]], await FindAsync(tag, "PM2.5"));
        Assert.Equal([n[0]], await FindAsync(tag, "pm2.5"));
        Assert.Equal([n[0]], await FindAsync(tag, "ฝุ่นละออง 2566"));
        Assert.Equal([n[0]], await FindAsync(tag, "ฝุ่นละอองPM2.5"));
        Assert.Equal([n[1]], await FindAsync(tag, "2565"));
        Assert.Equal([n[1]], await FindAsync(tag, "๒๕๖๕ PM10"));
        Assert.Equal([n[0]], await FindAsync(tag, "คุณภาพอากาศ"));
        Assert.Equal([n[0]], await FindAsync(tag, "อากาศ 2566"));
        Assert.Equal(2, (await FindAsync(tag, "ฝุ่น")).Count);
    }
}

public sealed class ThaiSearchTestsSqlite(SqliteApp app) : ThaiSearchTests(app), IClassFixture<SqliteApp>;

public sealed class ThaiSearchTestsPostgres(PostgresApp app) : ThaiSearchTests(app), IClassFixture<PostgresApp>;
