using GovChannel.Web.Areas.OpenData.Search;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;

namespace GovChannel.ThaiSearch.Bench;

internal interface ISearchSystem
{
    string Name { get; }

    /// <summary>Every matching dataset, best first.</summary>
    List<int> Search(string q);
}

/// <summary>
/// A Lucene index with the fields package_search's dismax uses (name^4 title^4 tags^2 text; reference/ckan.md §3.1):
/// name and tags are exact strings, title, notes and the catch-all text are analysed by the given analyzer.
/// </summary>
internal sealed class LuceneSystem : ISearchSystem
{
    private readonly IndexSearcher _searcher;
    private readonly Func<string, Query> _parse;
    private readonly int _count;

    public LuceneSystem(string name, List<Dataset> catalogue, Analyzer analyzer, Func<string, Query> parse)
    {
        Name = name;
        _parse = parse;
        _count = catalogue.Count;
        var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(TextAnalysis.Version, analyzer)))
        {
            foreach (var d in catalogue)
            {
                writer.AddDocument(Document(d));
            }
        }
        _searcher = new IndexSearcher(DirectoryReader.Open(directory));
    }

    public static Document Document(Dataset d)
    {
        var doc = new Document
        {
            new StringField("name", d.Name, Field.Store.NO),
            new StoredField("index", d.Index),
            new TextField("title", d.Title, Field.Store.NO),
            new TextField("notes", d.Notes, Field.Store.NO),
        };
        foreach (var tag in d.Tags)
        {
            doc.Add(new StringField("tags", tag, Field.Store.NO));
        }
        foreach (var part in (string[])[d.Name, d.Title, d.Notes, d.Organization, .. d.Tags])
        {
            doc.Add(new TextField("text", part, Field.Store.NO));
        }
        return doc;
    }

    public string Name { get; }

    public List<int> Search(string q)
    {
        var hits = _searcher.Search(_parse(q), _count);
        return [.. hits.ScoreDocs.Select(h => _searcher.Doc(h.Doc).GetField("index").GetInt32Value()!.Value)];
    }

    /// <summary>GovChannel's own q parsing: package_search without a colon.</summary>
    public static Query Dismax(string q) => SolrQuery.Dismax(q, null, 0.1f);

    /// <summary>Stock CKAN: every whitespace token must match name^4 title^4 tags^2 text as a whole token.</summary>
    public static Query WhitespaceDismax(string q)
    {
        var query = new BooleanQuery();
        foreach (var word in q.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var folded = word.ToLowerInvariant();
            var dismax = new DisjunctionMaxQuery(0.1f)
            {
                new TermQuery(new Term("name", word)) { Boost = 4 },
                new TermQuery(new Term("title", folded)) { Boost = 4 },
                new TermQuery(new Term("tags", word)) { Boost = 2 },
                new TermQuery(new Term("text", folded)),
            };
            query.Add(dismax, Occur.MUST);
        }
        return query;
    }
}

/// <summary>
/// Thai GDC's workaround (reference/ckan.md §10.3 item 3): every term becomes <c>*term*</c> over
/// name^4 title^4 tags^3 organization^2 notes^2 text, all terms required. Wildcards score as constants in Solr,
/// so the score is the sum over terms of the best field weight; ties keep index order.
/// </summary>
internal sealed class SubstringSystem(List<Dataset> catalogue) : ISearchSystem
{
    public string Name => "substring *term* (Thai GDC)";

    public List<int> Search(string q)
    {
        var terms = q.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => t.ToLowerInvariant()).ToArray();
        var scored = new List<(int Index, float Score)>();
        foreach (var d in catalogue)
        {
            var fields = new (string Text, float Boost)[]
            {
                (d.Name, 4), (d.Title.ToLowerInvariant(), 4), (string.Join(' ', d.Tags).ToLowerInvariant(), 3), (d.Organization, 2), (d.Notes.ToLowerInvariant(), 2),
            };
            var score = 0f;
            var all = true;
            foreach (var term in terms)
            {
                var best = fields.Where(f => f.Text.Contains(term, StringComparison.Ordinal)).Select(f => f.Boost).DefaultIfEmpty(0).Max();
                all &= best > 0;
                score += best;
            }
            if (all)
            {
                scored.Add((d.Index, score));
            }
        }
        return [.. scored.OrderByDescending(s => s.Score).ThenBy(s => s.Index).Select(s => s.Index)];
    }
}

internal static class Analyzers
{
    /// <summary>GovChannel's analyzer as it was before the sub-word safety net: segmented words only.</summary>
    public static readonly Analyzer WordsOnly = Analyzer.NewAnonymous((field, reader) =>
    {
        var source = new WordsTokenizer(reader);
        TokenStream stream = new LowerCaseFilter(TextAnalysis.Version, source);
        stream = new ASCIIFoldingFilter(stream);
        return new TokenStreamComponents(source, stream);
    });

    /// <summary>Stock CKAN's text field without stemming: white-space tokens, punctuation around them dropped, lower-cased.</summary>
    public static readonly Analyzer Whitespace = Analyzer.NewAnonymous((field, reader) =>
    {
        var source = new WhitespaceishTokenizer(reader);
        return new TokenStreamComponents(source, new LowerCaseFilter(TextAnalysis.Version, source));
    });

    private sealed class WhitespaceishTokenizer(TextReader reader) : CharTokenizer(TextAnalysis.Version, reader)
    {
        protected override bool IsTokenChar(int c) => !char.IsWhiteSpace((char)c) && c is not ('(' or ')' or ',' or ':' or ';' or '"');
    }

    private sealed class WordsTokenizer : Tokenizer
    {
        private readonly ICharTermAttribute _term;
        private readonly IOffsetAttribute _offset;
        private List<(string Word, int Start, int End)>? _words;
        private int _next;

        public WordsTokenizer(TextReader input) : base(input)
        {
            _term = AddAttribute<ICharTermAttribute>();
            _offset = AddAttribute<IOffsetAttribute>();
        }

        public override bool IncrementToken()
        {
            ClearAttributes();
            _words ??= [.. TextAnalysis.Segment(m_input.ReadToEnd())];
            if (_next >= _words.Count)
            {
                return false;
            }
            var (word, start, end) = _words[_next++];
            _term.SetEmpty().Append(word);
            _offset.SetOffset(CorrectOffset(start), CorrectOffset(end));
            return true;
        }

        public override void Reset()
        {
            base.Reset();
            _words = null;
            _next = 0;
        }
    }
}
