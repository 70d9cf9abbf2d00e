using GovChannel.Web.Areas.OpenData.Search;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace GovChannel.Web.Tests.OpenData.Search;

/// <summary>
/// DisjunctionSearch answers exactly as Lucene does: the same documents in the same order with the same score bits,
/// the same total and the same facet counts, over an index with several segments, deletions, Thai words found whole
/// and as marked sub-words, and many tied scores (short titles of similar lengths share a one-byte norm).
/// </summary>
public sealed class DisjunctionSearchTests : IDisposable
{
    private static readonly string[] Words =
    [
        "ประชากร", "จำนวนประชากร", "สถิติ", "สำนักงานสถิติแห่งชาติ", "สถิติการเกิด", "น้ำ", "คุณภาพน้ำ", "population",
        "budget", "water", "quality", "เชียงใหม่", "งบประมาณ", "ข้อมูล", "รายงาน", "census",
    ];
    private static readonly string[] Fields = ["organization", "groups", "res_format"];

    private readonly RAMDirectory _dir = new();
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;

    public DisjunctionSearchTests()
    {
        var random = new Random(4);
        var config = new IndexWriterConfig(TextAnalysis.Version, TextAnalysis.Text)
        {
            Similarity = new BM25Similarity(),
            MergePolicy = NoMergePolicy.NO_COMPOUND_FILES,
        };
        using (var writer = new IndexWriter(_dir, config))
        {
            for (var i = 0; i < 3000; i++)
            {
                writer.AddDocument(Document(i, random));
                if (i % 900 == 899)
                {
                    // Several segments, as a rebuild and later writes leave them.
                    writer.Commit();
                }
            }
            // Deletions: the accepted documents are then the filter's bits and the live documents together.
            for (var i = 0; i < 3000; i += 37)
            {
                writer.DeleteDocuments(new Term("id", "d" + i));
            }
            writer.Commit();
        }
        _reader = DirectoryReader.Open(_dir);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
    }

    private static Document Document(int i, Random random)
    {
        string Pick() => Words[random.Next(Words.Length)];
        var doc = new Document
        {
            new StringField("id", "d" + i, Field.Store.YES),
            new StringField("name", random.Next(10) == 0 ? Pick() : "dataset-" + i, Field.Store.NO),
            new TextField("title", string.Join(' ', Enumerable.Range(0, 1 + random.Next(4)).Select(_ => Pick())), Field.Store.NO),
            new TextField("text", string.Join(' ', Enumerable.Range(0, 2 + random.Next(12)).Select(_ => Pick())), Field.Store.NO),
            // A private dataset in the first hundred of each segment would make Lucene step the filter instead.
            new StringField("capacity", i % 900 < 150 || random.Next(8) != 0 ? "public" : "private", Field.Store.NO),
            // Few distinct dates: ties on the score are broken by a field that ties too, then by document.
            new NumericDocValuesField("metadata_modified", random.Next(5)),
            new SortedDocValuesField("organization", new BytesRef("org-" + random.Next(7))),
        };
        for (var t = random.Next(3); t > 0; t--)
        {
            doc.Add(new StringField("tags", Pick(), Field.Store.NO));
        }
        foreach (var group in Enumerable.Range(0, random.Next(3)).Select(_ => "group-" + random.Next(5)).Distinct())
        {
            doc.Add(new SortedSetDocValuesField("groups", new BytesRef(group)));
            doc.Add(new StringField("groups", group, Field.Store.NO));
        }
        doc.Add(new SortedSetDocValuesField("res_format", new BytesRef(random.Next(2) == 0 ? "CSV" : "PDF")));
        return doc;
    }

    public static TheoryData<string, string?, float> Queries => new()
    {
        { "ประชากร", null, 0.1f },
        { "สถิติ", null, 0.1f },
        { "น้ำ", null, 0.1f },
        { "population", null, 0.1f },
        { "water", "title^4 text", 0f },
        { "สถิติ", "title^4 tags^2 text", 1f },
        { "budget", "title^0.5 text^3", 0.5f },
        { "census", "text", 0.1f },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void TrySearch_OneWordDismax_SameHitsOrderScoresCountsAndFacetsAsLucene(string word, string? qf, float tie)
    {
        var query = _searcher.Rewrite(SearchIndex.WithoutAbsentTerms(SolrQuery.Dismax(word, qf, tie), _reader)!);
        var sorts = new[]
        {
            new Sort(new SortField(null, SortFieldType.SCORE), new SortField("metadata_modified", SortFieldType.INT64, true)),
            Sort.RELEVANCE,
            new Sort(new SortField("metadata_modified", SortFieldType.INT64, true)),
            new Sort(new SortField(null, SortFieldType.SCORE, true)),
        };
        foreach (var filter in new[] { Filter("public"), Filter("public", "private") })
        {
            foreach (var sort in sorts)
            {
                foreach (var n in new[] { 1, 10, 50, 5000 })
                {
                    AssertSame(query, filter, sort, n);
                }
            }
            AssertSame(query, filter, sorts[0], n: null);
        }
    }

    [Fact]
    public void TrySearch_TwoWords_LeftToLucene()
    {
        var query = _searcher.Rewrite(SearchIndex.WithoutAbsentTerms(SolrQuery.Dismax("ประชากร water", null, 0.1f), _reader)!);
        Assert.Null(DisjunctionSearch.TrySearch(_searcher, query, Filter("public"), Sort.RELEVANCE, null, 10, new FacetCounts.Collector(Fields)));
    }

    [Fact]
    public void TrySearch_FilterFirstMatchBeyondHundred_LeftToLucene()
    {
        // Only private datasets, and none in the first 150 of a segment: Lucene steps the filter and the query in turn.
        var query = _searcher.Rewrite(SearchIndex.WithoutAbsentTerms(SolrQuery.Dismax("ประชากร", null, 0.1f), _reader)!);
        Assert.Null(DisjunctionSearch.TrySearch(_searcher, query, Filter("private"), Sort.RELEVANCE, null, 10, new FacetCounts.Collector(Fields)));
    }

    /// <summary>As package_search's permission filter: cached as bit sets, handed to the query as accepted documents.</summary>
    private static SearchIndex.BitSetCachingFilter Filter(params string[] capacities)
    {
        var any = new BooleanQuery();
        foreach (var capacity in capacities)
        {
            any.Add(new TermQuery(new Term("capacity", capacity)), Occur.SHOULD);
        }
        return new SearchIndex.BitSetCachingFilter(new QueryWrapperFilter(any));
    }

    /// <param name="n">The page size; null to count only.</param>
    private void AssertSame(Query query, Filter filter, Sort sort, int? n)
    {
        var expectedTop = n is { } k ? TopFieldCollector.Create(sort, k, true, true, true, false) : null;
        var expectedFacets = new FacetCounts.Collector(Fields);
        ICollector expectedCounter = expectedTop as ICollector ?? new TotalHitCountCollector();
        _searcher.Search(query, filter, MultiCollector.Wrap(expectedCounter, expectedFacets));
        expectedFacets.Finish();

        var actualTop = n is { } m ? TopFieldCollector.Create(sort, m, true, true, true, false) : null;
        var actualFacets = new FacetCounts.Collector(Fields);
        var total = DisjunctionSearch.TrySearch(_searcher, query, filter, sort, actualTop, n ?? 0, actualFacets);
        actualFacets.Finish();

        Assert.NotNull(total);
        var expectedTotal = expectedTop?.TotalHits ?? ((TotalHitCountCollector)expectedCounter).TotalHits;
        Assert.True(expectedTotal > 0);
        Assert.Equal(expectedTotal, total);
        if (expectedTop is not null)
        {
            var expected = expectedTop.GetTopDocs().ScoreDocs.Select(d => (d.Doc, BitConverter.SingleToInt32Bits(d.Score))).ToList();
            var actual = actualTop!.GetTopDocs().ScoreDocs.Select(d => (d.Doc, BitConverter.SingleToInt32Bits(d.Score))).ToList();
            Assert.Equal(expected, actual);
        }
        foreach (var field in Fields)
        {
            Assert.Equal(expectedFacets.Counts[field].OrderBy(kv => kv.Key, StringComparer.Ordinal),
                actualFacets.Counts[field].OrderBy(kv => kv.Key, StringComparer.Ordinal));
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _dir.Dispose();
    }
}
