using GovChannel.Web.Areas.OpenData.Search;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace GovChannel.Web.Tests.OpenData.Search;

/// <summary>Facet counts equal a plain count of each matching document's values, whichever way the fields are counted.</summary>
public sealed class FacetCountsTests
{
    [Theory]
    // Packed together in one number per document (a single-valued field and two masks of up to 64 values).
    [InlineData("organization", "groups", "res_format")]
    // Field by field: tags has more than 64 values, so nothing is packed.
    [InlineData("organization", "groups", "res_format", "tags")]
    [InlineData("groups")]
    public void Collector_ManyValuesOverSegments_CountsEachValueOfEachMatch(params string[] fields)
    {
        var random = new Random(7);
        using var dir = new RAMDirectory();
        var expected = fields.ToDictionary(f => f, _ => new Dictionary<string, int>(StringComparer.Ordinal));
        var config = new IndexWriterConfig(TextAnalysis.Version, TextAnalysis.Text) { MergePolicy = NoMergePolicy.NO_COMPOUND_FILES };
        using (var writer = new IndexWriter(dir, config))
        {
            for (var i = 0; i < 2000; i++)
            {
                var matches = random.Next(3) != 0;
                var doc = new Document { new StringField("match", matches ? "yes" : "no", Field.Store.NO) };
                var values = new Dictionary<string, HashSet<string>>
                {
                    ["organization"] = random.Next(10) == 0 ? [] : ["org-" + random.Next(300)],
                    // 40 groups and 12 formats: masks of more than one byte.
                    ["groups"] = [.. Enumerable.Range(0, random.Next(6)).Select(_ => "group-" + random.Next(40))],
                    ["res_format"] = [.. Enumerable.Range(0, random.Next(4)).Select(_ => "format-" + random.Next(12))],
                    ["tags"] = [.. Enumerable.Range(0, random.Next(4)).Select(_ => "tag-" + random.Next(150))],
                };
                foreach (var (field, set) in values)
                {
                    foreach (var value in set)
                    {
                        doc.Add(field == "organization" ? new SortedDocValuesField(field, new BytesRef(value)) : new SortedSetDocValuesField(field, new BytesRef(value)));
                        if (matches && expected.TryGetValue(field, out var counts))
                        {
                            counts[value] = counts.GetValueOrDefault(value) + 1;
                        }
                    }
                }
                writer.AddDocument(doc);
                if (i % 700 == 699)
                {
                    writer.Commit();
                }
            }
            writer.Commit();
        }
        using var reader = DirectoryReader.Open(dir);
        Assert.True(reader.Leaves.Count > 1);
        // Twice: the second search finds the packed values already made.
        for (var round = 0; round < 2; round++)
        {
            var collector = new FacetCounts.Collector(fields);
            new IndexSearcher(reader).Search(new TermQuery(new Term("match", "yes")), collector);
            collector.Finish();
            foreach (var field in fields)
            {
                Assert.Equal(expected[field].OrderBy(kv => kv.Key, StringComparer.Ordinal), collector.Counts[field].OrderBy(kv => kv.Key, StringComparer.Ordinal));
            }
        }
    }
}
