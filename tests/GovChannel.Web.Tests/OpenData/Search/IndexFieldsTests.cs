using System.Globalization;
using GovChannel.Thai;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Search;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace GovChannel.Web.Tests.OpenData.Search;

/// <summary>The reusing document builder indexes exactly what separate analysed values would.</summary>
public sealed class IndexFieldsTests
{
    private static readonly string[] Samples =
    [
        "ข้อมูลตารางเวลาเดินรถโดยสารประจำทาง กรุงเทพมหานคร ปี 2567",
        "สำนักงานสถิติแห่งชาติ Population by Province (CSV)",
        "น้ำมันเชื้อเพลิง ราคาน้ำมัน ๒๕๖๗",
    ];

    [Theory]
    [InlineData("title")]
    [InlineData("author")]
    [InlineData("maintainer")]
    [InlineData("res_name")]
    [InlineData("extras_source")]
    public void SameAnalysisAsCatchAll_ListedField_AnalysesLikeText(string field)
    {
        Assert.True(IndexFields.SameAnalysisAsCatchAll(field));
        foreach (var sample in Samples)
        {
            Assert.Equal(Tokens("text", sample), Tokens(field, sample));
        }
    }

    [Theory]
    [InlineData("ข้อมูลตารางเวลาเดินรถโดยสารประจำทาง กรุงเทพมหานคร ปี 2567")]
    [InlineData("ข้อมูลจำนวนประชากร  รายอำเภอ ในพื้นที่อำเภอเมือง จังหวัดเชียงใหม่ ปีงบประมาณ ๒๕๖๗ จัดทำโดยสำนักงานสถิติจังหวัด Population data for Chiang Mai, 2024.")]
    [InlineData("ก.พ. 2567\tPM2.5 (มคก./ลบ.ม.) don't… 😀 👨‍👩‍👧 ๆ คุณภาพอากาศ\u200Bเชียงใหม่ ํา น้ํา COVID19 ค่า 2,500.75 บาท")]
    [InlineData("  leading and trailing  ")]
    public void Segment_RunsBetweenSpacesCached_SameWordsAsWholeText(string text)
    {
        // Twice: the second time the runs come from the cache.
        for (var i = 0; i < 2; i++)
        {
            var whole = ThaiSegmenter.Default.Segment(ThaiNormalizer.Normalize(text))
                .Where(t => t.Kind is TokenKind.ThaiWord or TokenKind.ThaiUnknown or TokenKind.Latin or TokenKind.Other or TokenKind.Number)
                .Select(t => (t.Kind == TokenKind.Number ? ThaiDigits.ToArabic(t.Text) : t.Text, t.Start, t.End));
            Assert.Equal(whole, TextAnalysis.Segment(text));
        }
    }

    [Theory]
    [InlineData("ข้อมูลตารางเวลาเดินรถโดยสารประจำทาง กรุงเทพมหานคร ปี 2567")]
    [InlineData("ข้อมูลจำนวนประชากร  รายอำเภอ ในพื้นที่อำเภอเมือง จังหวัดเชียงใหม่ ปีงบประมาณ ๒๕๖๗ จัดทำโดยสำนักงานสถิติจังหวัด Population data for Chiang Mai, 2024.")]
    [InlineData("ก.พ. 2567\tPM2.5 (มคก./ลบ.ม.) don't… 😀 👨‍👩‍👧 ๆ คุณภาพอากาศ\u200Bเชียงใหม่ ํา น้ํา COVID19 ค่า 2,500.75 บาท ÀÉÎ Straße İstanbul 𐐀𐐨")]
    [InlineData("เเบบสำรวจ  ก่่อสร้าง การจดทะเบียนนิติบุคคล สำนักงานสถิติแห่งชาติ")]
    [InlineData("  leading and trailing  ")]
    public void Analyse_RunsCached_SameTokensAsIndexAnalyzer(string text)
    {
        var expected = Tokens("text", text, offsets: true);
        // Twice: the second time each run comes from the cache.
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(expected, AnalysedText.Analyse(text, repeated: false).Select(t => $"{t.Term}@{t.PositionIncrement}[{t.Start},{t.End}]"));
        }
    }

    [Theory]
    [InlineData("notes")]
    [InlineData("res_description")]
    public void SameAnalysisAsCatchAll_FieldWithoutSubwords_IsTextLessMarkedTerms(string field)
    {
        Assert.False(IndexFields.SameAnalysisAsCatchAll(field));
        Assert.Contains(Samples.SelectMany(s => Tokens("text", s)), TextAnalysis.IsSubwordTerm);
        foreach (var sample in Samples)
        {
            Assert.Equal(Tokens("text", sample).Where(t => !TextAnalysis.IsSubwordTerm(t)), Tokens(field, sample));
        }
    }

    /// <summary>
    /// Queries on the doc-values-only fields match the same documents in a segment of the current layout (doc values,
    /// no terms; the resource URLs in one binary value), in one written before it (terms; title_lc without doc values;
    /// res_url as sorted-set doc values), which serves until it is rebuilt, and in a segment merged from both.
    /// </summary>
    [Theory]
    [InlineData("res_url:\"http://x.go.th/b.csv\"", 1)]
    [InlineData("res_url:\"http://x.go.th/b\"", 0)]
    [InlineData("res_url:\"http://x.go.th/z.csv\"", 0)]
    [InlineData("res_url:http\\:\\/\\/x.go.th\\/*", 2)]
    [InlineData("res_url:http\\:\\/\\/x.go.th\\/a*", 1)]
    [InlineData("res_url:*c.cs?", 1)]
    [InlineData("res_url:http*.csv", 2)]
    [InlineData("res_url:/http.*[ab]\\.csv/", 1)]
    [InlineData("res_url:[\"http://x.go.th/b\" TO *]", 2)]
    [InlineData("res_url:{* TO \"http://x.go.th/b.csv\"}", 1)]
    [InlineData("res_url:{\"http://x.go.th/a.csv\" TO \"http://x.go.th/c.csv\"}", 1)]
    [InlineData("res_url:http\\:\\/\\/x.go.th\\/c.cs~1", 1)]
    [InlineData("res_url:http\\:\\/\\/x.go.th\\/c.cs~0", 0)]
    [InlineData("*:* -res_url:\"http://x.go.th/a.csv\"", 1)]
    [InlineData("res_url:\"http://x.go.th/ไทย.csv\"", 1)]
    [InlineData("url:[\"http://x.go.th/1\" TO *]", 1)]
    [InlineData("title_string:\"Budget 2567\"", 1)]
    [InlineData("title_string:Budget*", 1)]
    [InlineData("title_lc:*ประชากร*", 1)]
    [InlineData("title_lc:budget\\ 2568~1", 1)]
    [InlineData("title_lc:/budget.*/", 1)]
    public void DocValuesOnlyField_Query_MatchesCurrentAndOldLayoutSegments(string query, int count)
    {
        var q = SolrQuery.Standard(query, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        foreach (var (layout, dir) in UrlLayouts())
        {
            using (dir)
            using (var reader = DirectoryReader.Open(dir))
            {
                Assert.True(count == new IndexSearcher(reader).Search(q, 10).TotalHits, layout);
                if (layout == "current")
                {
                    Assert.Null(MultiFields.GetTerms(reader, "res_url"));
                    Assert.Null(MultiDocValues.GetSortedSetValues(reader, "res_url"));
                }
            }
        }
        Assert.True(IndexFields.IsDocValuesOnly("res_url"));
    }

    /// <summary>A facet on res_url counts each dataset's resource URLs in every layout, in Lucene's (UTF-8 byte) order.</summary>
    [Fact]
    public void ResourceUrlFacet_CountsCurrentOldAndMergedSegments()
    {
        foreach (var (layout, dir) in UrlLayouts())
        {
            using (dir)
            using (var reader = DirectoryReader.Open(dir))
            {
                var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
                foreach (var leaf in reader.Leaves)
                {
                    var values = FacetCounts.For(leaf.AtomicReader, "res_url");
                    Assert.Equal(values.Values.Order(StringComparer.Ordinal), values.Values);
                    foreach (var ord in values.Ords)
                    {
                        counts[values.Values[ord]] = counts.GetValueOrDefault(values.Values[ord]) + 1;
                    }
                }
                Assert.True(
                    "http://x.go.th/a.csv http://x.go.th/b.csv http://x.go.th/c.csv http://x.go.th/ไทย.csv" == string.Join(' ', counts.Keys),
                    $"{layout}: {string.Join(' ', counts.Keys)}");
                Assert.True(counts.Values.All(c => c == 1), layout);
            }
        }
    }

    /// <summary>
    /// The few-valued fields indexed as terms only (license_id, state, capacity, …) facet from their terms in every
    /// layout, including a segment merged from documents with doc values and documents without, and sort.
    /// </summary>
    [Fact]
    public void TermsOnlyFields_FacetInEveryLayout_AndSort()
    {
        var datasets = new (string Id, string License, bool Private)[] { ("d0", "cc-by", false), ("d1", "odc-odbl", true), ("d2", "cc-by", false) };
        Document Current((string Id, string License, bool Private) x) =>
            IndexFields.Build(new Dataset { Id = x.Id, Name = x.Id, Title = x.Id, LicenseId = x.License, Private = x.Private }, [], "default");
        Document Old((string Id, string License, bool Private) x)
        {
            var doc = new Document { new StringField("id", x.Id, Field.Store.YES) };
            foreach (var (field, value) in new[] { ("license_id", x.License), ("capacity", x.Private ? "private" : "public"), ("state", "active") })
            {
                doc.Add(new StringField(field, value, Field.Store.NO));
                doc.Add(new SortedDocValuesField(field, new BytesRef(value)));
            }
            return doc;
        }
        RAMDirectory Index(Func<int, Document> document, bool merge = false) => OneSegmentEach(datasets.Length, document, merge);
        var layouts = new (string Name, RAMDirectory Dir, bool Sorts)[]
        {
            ("current", Index(i => Current(datasets[i]), merge: false), true),
            ("current merged", Index(i => Current(datasets[i]), merge: true), true),
            ("layout 4", Index(i => Old(datasets[i]), merge: false), true),
            ("layout 4 and current merged", Index(i => i == 1 ? Current(datasets[i]) : Old(datasets[i]), merge: true), false),
        };
        foreach (var (layout, dir, sorts) in layouts)
        {
            using (dir)
            using (var reader = DirectoryReader.Open(dir))
            {
                string Facet(string field)
                {
                    var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
                    foreach (var leaf in reader.Leaves)
                    {
                        var values = FacetCounts.For(leaf.AtomicReader, field);
                        foreach (var ord in values.Ords)
                        {
                            counts[values.Values[ord]] = counts.GetValueOrDefault(values.Values[ord]) + 1;
                        }
                    }
                    return string.Join(' ', counts.Select(c => $"{c.Key}={c.Value}"));
                }
                Assert.True("cc-by=2 odc-odbl=1" == Facet("license_id"), $"{layout}: {Facet("license_id")}");
                Assert.True("private=1 public=2" == Facet("capacity"), $"{layout}: {Facet("capacity")}");
                Assert.True("active=3" == Facet("state"), $"{layout}: {Facet("state")}");
                if (layout.StartsWith("current", StringComparison.Ordinal))
                {
                    Assert.Null(MultiDocValues.GetSortedValues(reader, "license_id"));
                }
                if (sorts)
                {
                    var searcher = new IndexSearcher(reader);
                    var sort = new Sort(new SortField("license_id", SortFieldType.STRING, true), new SortField("id", SortFieldType.STRING));
                    var ids = searcher.Search(new MatchAllDocsQuery(), null, 10, sort).ScoreDocs.Select(h => searcher.Doc(h.Doc).Get("id", CultureInfo.InvariantCulture));
                    Assert.True("d1 d0 d2" == string.Join(' ', ids), $"{layout}: {string.Join(' ', ids)}");
                }
            }
        }
    }

    private static readonly (string Id, string Url, string Title, string[] Resources)[] UrlDatasets =
    [
        ("d0", "http://x.go.th/0", "สถิติประชากร 2566", ["http://x.go.th/a.csv", "http://x.go.th/b.csv"]),
        ("d1", "http://x.go.th/1", "Budget 2567", ["http://x.go.th/c.csv", "http://x.go.th/ไทย.csv"]),
    ];

    /// <summary>
    /// The datasets as the current layout indexes them, as layout 1 did (terms and doc values for the string fields),
    /// and as one segment merged from a layout-4 document (res_url as sorted-set doc values) and a current one.
    /// </summary>
    private static IEnumerable<(string Layout, RAMDirectory Dir)> UrlLayouts()
    {
        Document Current((string Id, string Url, string Title, string[] Resources) x)
        {
            var d = new Dataset { Id = x.Id, Name = x.Id, Title = x.Title, Url = x.Url };
            d.Resources.AddRange(x.Resources.Select((r, i) => new Resource { DatasetId = x.Id, Url = r, Position = i }));
            return IndexFields.Build(d, [], "default");
        }
        Document Old((string Id, string Url, string Title, string[] Resources) x, bool terms)
        {
            var doc = new Document
            {
                new StringField("id", x.Id, Field.Store.YES),
                new SortedDocValuesField("url", new BytesRef(x.Url)),
                new SortedDocValuesField("title_string", new BytesRef(x.Title)),
            };
            if (terms)
            {
                doc.Add(new StringField("url", x.Url, Field.Store.NO));
                doc.Add(new StringField("title_string", x.Title, Field.Store.NO));
                doc.Add(new StringField(IndexFields.TitleLower, TextAnalysis.Fold(x.Title), Field.Store.NO));
            }
            else
            {
                doc.Add(new SortedDocValuesField(IndexFields.TitleLower, new BytesRef(TextAnalysis.Fold(x.Title))));
            }
            foreach (var r in x.Resources)
            {
                if (terms)
                {
                    doc.Add(new StringField("res_url", r, Field.Store.NO));
                }
                doc.Add(new SortedSetDocValuesField("res_url", new BytesRef(r)));
            }
            return doc;
        }
        RAMDirectory Index(Func<int, Document> document, bool merge = false) => OneSegmentEach(UrlDatasets.Length, document, merge);
        yield return ("current", Index(i => Current(UrlDatasets[i])));
        yield return ("layout 1", Index(i => Old(UrlDatasets[i], terms: true)));
        yield return ("layout 4 and current merged", Index(i => i == 0 ? Old(UrlDatasets[i], terms: false) : Current(UrlDatasets[i]), merge: true));
    }

    [Theory]
    [InlineData("metadata_created:[2026-01-01T00:00:00Z TO *]", "d1 d2")]
    [InlineData("metadata_created:[* TO 2026-01-01T00:00:00Z}", "d0")]
    [InlineData("metadata_modified:\"2026-03-01T00:00:00Z\"", "d1")]
    [InlineData("metadata_modified:[2025-01-01T00:00:00Z TO 2026-12-31T00:00:00Z]", "d0 d1 d2")]
    [InlineData("num_resources:2", "d1")]
    [InlineData("num_resources:[1 TO *]", "d0 d1")]
    [InlineData("num_resources:{1 TO 3]", "d1")]
    [InlineData("views_recent:[5 TO 5]", "d0")]
    [InlineData("num_tags:[3 TO *]", "")]
    [InlineData("num_resources:[2 TO 1]", "")]
    [InlineData("metadata_created:{* TO *}", "d0 d1 d2")]
    [InlineData("num_resources:0", "d2")]
    [InlineData("views_total:[1 TO 4]", "d2")]
    [InlineData("notes:x AND metadata_created:[2026-01-01T00:00:00Z TO *]", "")]
    public void NumericField_Range_MatchesCurrentAndOldLayoutSegments(string query, string expected)
    {
        var q = SolrQuery.Standard(query, new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc));
        foreach (var (layout, dir) in NumberLayouts())
        {
            using (dir)
            using (var reader = DirectoryReader.Open(dir))
            {
                var searcher = new IndexSearcher(reader);
                var ids = searcher.Search(q, 10).ScoreDocs.Select(h => searcher.Doc(h.Doc).Get("id", CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal);
                Assert.True(expected == string.Join(' ', ids), $"{layout}: {string.Join(' ', ids)}");
                if (layout == "current")
                {
                    Assert.Null(MultiFields.GetTerms(reader, "metadata_created"));
                    Assert.Null(MultiFields.GetTerms(reader, "num_resources"));
                    Assert.Null(MultiDocValues.GetNumericValues(reader, "metadata_created"));
                }
            }
        }
    }

    [Theory]
    [InlineData("metadata_created", false, "d0 d1 d2")]
    [InlineData("metadata_created", true, "d2 d1 d0")]
    [InlineData("metadata_modified", true, "d2 d1 d0")]
    [InlineData("num_resources", true, "d1 d0 d2")]
    [InlineData("views_recent", false, "d1 d2 d0")]
    public void NumberSort_OrdersCurrentOldAndMergedSegments(string field, bool descending, string expected)
    {
        var sort = new Sort(new SortField(field, NumberValues.Sort.Instance, descending));
        foreach (var (layout, dir) in NumberLayouts())
        {
            using (dir)
            using (var reader = DirectoryReader.Open(dir))
            {
                var searcher = new IndexSearcher(reader);
                var ids = searcher.Search(new MatchAllDocsQuery(), null, 10, sort).ScoreDocs.Select(h => searcher.Doc(h.Doc).Get("id", CultureInfo.InvariantCulture));
                Assert.True(expected == string.Join(' ', ids), $"{layout}: {string.Join(' ', ids)}");
            }
        }
    }

    private static readonly (string Id, DateTime Created, DateTime Modified, int Resources, int Views)[] NumberDatasets =
    [
        ("d0", new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2025, 7, 1, 0, 0, 0, DateTimeKind.Utc), 1, 5),
        ("d1", new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), 2, 0),
        ("d2", new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 10, 2, 0, 0, 0, DateTimeKind.Utc), 0, 1),
    ];

    /// <summary>
    /// The same datasets indexed as the current layout writes them (the numbers packed into one binary doc value),
    /// as layout 2 did (trie terms beside numeric doc values), as layout 3 did (numeric doc values only), and as one
    /// segment merged from layout 3 and current documents (an old index that took new writes before its rebuild).
    /// </summary>
    private static IEnumerable<(string Layout, RAMDirectory Dir)> NumberLayouts()
    {
        Document Current((string Id, DateTime Created, DateTime Modified, int Resources, int Views) x)
        {
            var d = new Dataset { Id = x.Id, Name = x.Id, Title = x.Id, MetadataCreated = x.Created, MetadataModified = x.Modified };
            for (var i = 0; i < x.Resources; i++)
            {
                d.Resources.Add(new Resource { DatasetId = x.Id, Url = "http://x.go.th/" + i });
            }
            return IndexFields.Build(d, [], "default", new GovChannel.Web.Areas.OpenData.Tracking.DatasetViews(x.Views, x.Views));
        }
        Document Old((string Id, DateTime Created, DateTime Modified, int Resources, int Views) x, bool trie)
        {
            var doc = new Document { new StringField("id", x.Id, Field.Store.YES) };
            foreach (var (field, value) in new[] { ("metadata_created", x.Created.Ticks), ("metadata_modified", x.Modified.Ticks) })
            {
                if (trie)
                {
                    doc.Add(new Int64Field(field, value, new FieldType(Int64Field.TYPE_NOT_STORED) { NumericPrecisionStep = 16 }));
                }
                doc.Add(new NumericDocValuesField(field, value));
            }
            foreach (var (field, value) in new[] { ("num_resources", x.Resources), ("views_recent", x.Views), ("views_total", x.Views), ("num_tags", 0) })
            {
                if (trie)
                {
                    doc.Add(new Int32Field(field, value, new FieldType(Int32Field.TYPE_NOT_STORED) { NumericPrecisionStep = 8 }));
                }
                doc.Add(new NumericDocValuesField(field, value));
            }
            return doc;
        }
        RAMDirectory Index(Func<int, Document> document, bool merge = false) => OneSegmentEach(NumberDatasets.Length, document, merge);
        yield return ("current", Index(i => Current(NumberDatasets[i])));
        yield return ("layout 2", Index(i => Old(NumberDatasets[i], trie: true)));
        yield return ("layout 3", Index(i => Old(NumberDatasets[i], trie: false)));
        yield return ("layout 3 and current merged", Index(i => i == 1 ? Current(NumberDatasets[i]) : Old(NumberDatasets[i], trie: false), merge: true));
    }

    /// <summary>
    /// An index of <paramref name="count"/> documents, each in its own segment (so that documents of different layouts
    /// are in different segments), or all merged into one.
    /// </summary>
    private static RAMDirectory OneSegmentEach(int count, Func<int, Document> document, bool merge)
    {
        var dir = new RAMDirectory();
        using var writer = new IndexWriter(dir, new IndexWriterConfig(TextAnalysis.Version, TextAnalysis.Text));
        for (var i = 0; i < count; i++)
        {
            writer.AddDocument(document(i));
            writer.Commit();
        }
        if (merge)
        {
            writer.ForceMerge(1);
        }
        return dir;
    }

    [Fact]
    public void DocumentBuilder_ReusedForSeveralDatasets_IndexesSamePositionsAsSeparateValues()
    {
        var builder = new IndexFields.DocumentBuilder();
        using var built = new RAMDirectory();
        using var reference = new RAMDirectory();
        using (var builtWriter = new IndexWriter(built, new IndexWriterConfig(TextAnalysis.Version, TextAnalysis.Text)))
        using (var referenceWriter = new IndexWriter(reference, new IndexWriterConfig(TextAnalysis.Version, TextAnalysis.Text)))
        {
            for (var i = 0; i < 3; i++)
            {
                var tag = new Tag { Name = "ข้อมูลเปิด" };
                var d = new Dataset
                {
                    Name = "ds-" + i, Title = Samples[i], Notes = Samples[(i + 1) % 3] + " notes " + i,
                    Author = i == 1 ? "กรมการขนส่งทางบก" : null,
                    MetadataCreated = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
                    MetadataModified = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
                };
                d.Tags.Add(new DatasetTag { DatasetId = d.Id, TagId = tag.Id, Tag = tag });
                d.Resources.Add(new Resource { DatasetId = d.Id, Name = Samples[(i + 2) % 3], Url = "http://example.go.th/" + i, Format = "CSV" });
                builtWriter.AddDocument(builder.Build(d, [], "default"));

                // What the index held before: one analysed value per field instance, the analyzer's gap between them.
                var doc = new Document { new StringField("id", d.Id, Field.Store.YES) };
                foreach (var (field, value) in new[] { ("title", d.Title), ("notes", d.Notes), ("author", d.Author), ("res_name", d.Resources[0].Name) })
                {
                    if (value is not null)
                    {
                        doc.Add(new TextField(field, value, Field.Store.NO));
                    }
                }
                foreach (var part in new[] { d.Name, d.Title, d.Notes, d.Author ?? "", tag.Name, d.Resources[0].Name! }.Where(p => p.Length > 0))
                {
                    doc.Add(new TextField("text", part, Field.Store.NO));
                }
                referenceWriter.AddDocument(doc);
            }
        }
        using var builtReader = DirectoryReader.Open(built);
        using var referenceReader = DirectoryReader.Open(reference);
        foreach (var field in new[] { "title", "notes", "author", "res_name", "text" })
        {
            Assert.Equal(Postings(referenceReader, field), Postings(builtReader, field));
        }
        // The builder's numeric fields answer the query side's range queries.
        var searcher = new IndexSearcher(builtReader);
        var range = IndexFields.NumericRange("num_resources", 1, 1, true, true);
        Assert.Equal(3, searcher.Search(range, 10).TotalHits);
    }

    private static List<string> Tokens(string field, string text, bool offsets = false)
    {
        var tokens = new List<string>();
        using var stream = TextAnalysis.Text.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(term + "@" + increment.PositionIncrement + (offsets ? $"[{offset.StartOffset},{offset.EndOffset}]" : ""));
        }
        stream.End();
        return tokens;
    }

    /// <summary>term → "doc:position" list, over the whole index.</summary>
    private static SortedDictionary<string, List<string>> Postings(IndexReader reader, string field)
    {
        var result = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var terms = MultiFields.GetTerms(reader, field);
        if (terms is null)
        {
            return result;
        }
        var termsEnum = terms.GetEnumerator();
        while (termsEnum.MoveNext())
        {
            var positions = new List<string>();
            var docs = termsEnum.DocsAndPositions(null, null);
            while (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
            {
                for (var i = 0; i < docs.Freq; i++)
                {
                    positions.Add(docs.DocID + ":" + docs.NextPosition());
                }
            }
            result[termsEnum.Term.Utf8ToString()] = positions;
        }
        return result;
    }
}
