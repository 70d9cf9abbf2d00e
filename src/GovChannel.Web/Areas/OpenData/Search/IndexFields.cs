using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.OpenData.Tracking;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace GovChannel.Web.Areas.OpenData.Search;

/// <summary>
/// The index fields CKAN clients rely on (reference/ckan.md §3.4) and how a dataset becomes a Lucene document.
/// String fields are exact and case-sensitive and carry doc values, so they can be faceted (and, when single-valued,
/// sorted); text fields are analysed; dates are longs (UTC ticks) for ranges and sorting.
/// </summary>
public static class IndexFields
{
    public const string DataDict = "data_dict";
    /// <summary>Lower-cased title kept whole, for infix autocomplete.</summary>
    public const string TitleLower = "title_lc";

    private static readonly HashSet<string> TextFields = new(StringComparer.Ordinal)
    {
        "title", "notes", "text", "res_name", "res_description", "author", "maintainer", "author_email", "maintainer_email",
    };

    /// <summary>Single-valued string fields: sortable (SortedDocValues, or the terms of <see cref="TermsOnly"/>) and facetable.</summary>
    private static readonly HashSet<string> SingleStrings = new(StringComparer.Ordinal)
    {
        "id", "name", "site_id", "state", "dataset_type", "entity_type", "capacity", "license_id", "organization", "owner_org",
        "creator_user_id", "title_string", "version", "url",
    };

    /// <summary>
    /// Exact fields whose values are almost all different (a URL, a title) and which are sorted on, faceted or
    /// autocompleted but rarely queried: they are indexed as doc values only. Hashing, sorting and writing the same
    /// million values a second time as terms was about a fifth of Lucene's work in a rebuild. Queries on them (term,
    /// wildcard, range) find the matching values in the doc values instead (<see cref="OnDocValues"/>), so
    /// <c>q=res_url:…</c> and <c>fq=title_string:…</c> still answer as CKAN's Solr does.
    /// </summary>
    private static readonly HashSet<string> DocValuesOnly = new(StringComparer.Ordinal) { "url", "res_url", "title_string", TitleLower };

    /// <summary>
    /// The document layout a rebuild writes into the index's commit data. An index of an older layout is rebuilt in the
    /// background when the server starts (SearchIndex.StartAsync); until then it still answers every query (for a
    /// field that had terms and no doc values, FieldCache un-inverts the terms). 2: <see cref="DocValuesOnly"/>.
    /// 3: dates and counts are doc values only (<see cref="NumericRange"/>). 4: they are packed into one binary doc value
    /// (<see cref="Numbers"/>). 5: so are the resources' URLs (<see cref="ResourceUrls"/>), and the few-valued
    /// fields of <see cref="TermsOnly"/> have no doc values.
    /// </summary>
    public const int Layout = 5;

    /// <summary>The binary doc value that holds the URLs of a document's resources (<c>res_url</c>); read through <see cref="Search.ResourceUrls"/>.</summary>
    public const string ResourceUrls = "res_urls";

    /// <summary>
    /// The binary doc value that holds a document's dates and counts: the <see cref="NumberFields"/> in that order, eight
    /// bytes each, little-endian. Lucene.NET's numeric doc values writer measures its bit set by reflection on every value
    /// it is given (RamUsageEstimator.SizeOf of the FixedBitSet object instead of its array), so six numeric doc values a
    /// document were six reflective walks; one binary value is one. Read through <see cref="NumberValues"/>.
    /// </summary>
    public const string Numbers = "numbers";

    /// <summary>
    /// The dates (UTC ticks) and counts of a document, in the order <see cref="Numbers"/> packs them: the dates first
    /// (<see cref="DateFields"/>), then the counts (<see cref="IntFields"/>). A new one goes at the end, with a new <see cref="Layout"/>.
    /// </summary>
    public static readonly string[] NumberFields = ["metadata_created", "metadata_modified", "views_recent", "views_total", "num_resources", "num_tags"];

    public static bool IsDocValuesOnly(string field) => DocValuesOnly.Contains(field);

    /// <summary>
    /// Single-valued string fields of few distinct values that are filtered on (terms) and only now and then faceted or
    /// sorted on: since layout 5 they have terms and no doc values. Adding a doc value for each of them to every
    /// document, and writing them, was 2–3 % of a rebuild's CPU. A facet reads their values from the terms
    /// (<see cref="FacetCounts"/>, once per segment, as it reads doc values); a sort un-inverts the terms (Lucene's
    /// FieldCache), also once per segment. Until an older index is rebuilt, a segment merged from its documents and
    /// newer ones sorts the newer ones on these fields as if they had no value; facets are right in every layout.
    /// </summary>
    private static readonly HashSet<string> TermsOnly = new(StringComparer.Ordinal)
    {
        "site_id", "state", "dataset_type", "entity_type", "capacity", "creator_user_id", "license_id", "owner_org", "version",
    };

    public static bool IsTermsOnly(string field) => TermsOnly.Contains(field);

    /// <summary>Makes a term, wildcard, prefix or range query on a <see cref="IsDocValuesOnly"/> field match through its doc values.</summary>
    public static Query OnDocValues(MultiTermQuery query)
    {
        if (query.Field == "res_url")
        {
            return new ConstantScoreQuery(new ResourceUrls.Filter(query)) { Boost = query.Boost };
        }
        query.MultiTermRewriteMethod = new FieldCacheRewriteMethod();
        return query;
    }

    /// <summary>The query for one exact value of a string field.</summary>
    public static Query ExactQuery(Term term) =>
        IsDocValuesOnly(term.Field) ? OnDocValues(new TermRangeQuery(term.Field, term.Bytes, term.Bytes, true, true)) : new TermQuery(term);

    /// <summary>The first two <see cref="NumberFields"/>: dates, as UTC ticks.</summary>
    public static readonly IReadOnlySet<string> DateFields = NumberFields[..2].ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// A range of a date (UTC ticks) or count field, null for an open end. Dates and counts are indexed as doc values
    /// only, which they need for sorting anyway: their trie terms (four a value, 24 a dataset) were, for the dates, 2.8
    /// million distinct terms at 500,000 datasets, almost two-thirds of all the distinct terms a rebuild hashed and sorted.
    /// A range reads the values from an array kept per segment (<see cref="DocValuesRange"/>) and scores a constant, as
    /// the numeric range query did. Older segments, which also have the terms, answer the same way.
    /// </summary>
    public static Query NumericRange(string field, long? min, long? max, bool minInclusive, bool maxInclusive)
    {
        var low = min ?? long.MinValue;
        if (min is not null && !minInclusive)
        {
            if (low == long.MaxValue)
            {
                return Range(1, 0);
            }
            low++;
        }
        var high = max ?? long.MaxValue;
        if (max is not null && !maxInclusive)
        {
            if (high == long.MinValue)
            {
                return Range(1, 0);
            }
            high--;
        }
        return Range(low, high);

        Query Range(long from, long to) => new ConstantScoreQuery(new DocValuesRange(field, from, to));
    }

    /// <summary>The other <see cref="NumberFields"/>: counts.</summary>
    public static readonly IReadOnlySet<string> IntFields = NumberFields[2..].ToHashSet(StringComparer.Ordinal);

    /// <summary>Top-level dict keys an extra must not shadow when it is copied to its own field.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "id", "name", "title", "notes", "text", "tags", "groups", "organization", "state", "site_id", "capacity", "dataset_type",
        "entity_type", "license_id", "res_name", "res_description", "res_format", "res_url", "res_type", "permission_labels",
        "metadata_created", "metadata_modified", "author", "maintainer", "url", "version", "owner_org", "creator_user_id",
        "title_string", "views_recent", "views_total", "num_resources", "num_tags", DataDict, TitleLower, Numbers, ResourceUrls, "private", "type",
    };

    /// <summary>
    /// Text fields whose tokens are exactly the catch-all <c>text</c> field's for the same value, so a document reuses
    /// them instead of analysing the value twice. <c>notes</c> and <c>res_description</c> are indexed without Thai
    /// sub-words (TextAnalysis), which is the catch-all's analysis less the marked terms. A test holds this to the analyzer.
    /// </summary>
    public static bool SameAnalysisAsCatchAll(string field) => TextAnalysis.IndexesSubwords(field);

    public static bool IsText(string field) => TextFields.Contains(field) || field.StartsWith("extras_", StringComparison.Ordinal);

    public static bool IsSortableString(string field) => SingleStrings.Contains(field);

    // Lucene refuses terms over 32 766 UTF-8 bytes; a URL or a pasted value can be longer.
    private const int MaxStringChars = 4000;

    /// <summary>A new document for one dataset (for callers that keep it; bulk indexing uses a <see cref="DocumentBuilder"/>).</summary>
    public static Document Build(Dataset d, IEnumerable<string> collaboratorIds, string siteId, DatasetViews views = default) =>
        new DocumentBuilder().Build(d, collaboratorIds, siteId, views);

    /// <summary>
    /// Turns datasets into Lucene documents for one thread at a time. Profiling a rebuild showed most of the indexing
    /// time outside analysis went into making a token stream (and its attributes) for every field of every document,
    /// so the builder keeps its Field instances (each with its token stream) and reuses them: the document it returns
    /// is valid until the next <see cref="Build"/> on the same builder, which is how IndexWriter.AddDocument uses it.
    /// Text is analysed once per value: the catch-all <c>text</c> field replays the tokens of the title, notes
    /// and resource names instead of analysing them again, and short repeated values (agency and category names,
    /// tags, GDC values) come from a shared cache.
    /// </summary>
    public sealed class DocumentBuilder
    {
        private readonly Dictionary<string, Pool>[] _pools = [.. Enumerable.Range(0, (int)Kind.Count).Select(_ => new Dictionary<string, Pool>(StringComparer.Ordinal))];
        private readonly List<Pool> _touched = [];
        private readonly List<AnalysedText.Value> _catchAll = [];
        private readonly List<byte> _urls = [];
        private readonly ArrayBufferWriter<byte> _json = new(16 * 1024);
        private Utf8JsonWriter? _writer;
        private Document _doc = new();
        private int _catchAllValues;
        private int _pendingGap;

        private enum Kind
        {
            String, StoredString, Sorted, SortedSet, Text, Binary, Stored, Count,
        }

        private sealed class Pool
        {
            public readonly List<Field> Fields = [];
            public int Used;
        }

        /// <param name="views">The dataset's page views, read for a whole page of datasets at once (ViewTracker.SummariesAsync).</param>
        public Document Build(Dataset d, IEnumerable<string> collaboratorIds, string siteId, DatasetViews views = default)
        {
            foreach (var pool in _touched)
            {
                pool.Used = 0;
            }
            _touched.Clear();
            _catchAll.Clear();
            _catchAllValues = 0;
            _pendingGap = 0;
            _doc = new Document();

            Add(Kind.StoredString, "id", d.Id);
            Add(Kind.Sorted, "id", d.Id);
            Single("name", d.Name);
            Single("site_id", siteId);
            Single("state", d.State);
            Single("dataset_type", string.IsNullOrEmpty(d.Type) ? "dataset" : d.Type);
            Single("entity_type", "package");
            Single("capacity", d.Private ? "private" : "public");
            Single("license_id", d.LicenseId);
            Single("organization", d.Organization?.Name);
            Single("owner_org", d.OwnerOrg);
            Single("creator_user_id", d.CreatorUserId);
            Single("version", d.Version);
            Single("url", d.Url);

            var title = PackageDict.Title(d);
            Single("title_string", title);
            Single(TitleLower, TextAnalysis.Fold(title));
            var titleTokens = Text("title", title);
            var notesTokens = Text("notes", d.Notes);
            var authorTokens = Text("author", d.Author);
            var maintainerTokens = Text("maintainer", d.Maintainer);
            Text("author_email", d.AuthorEmail);
            Text("maintainer_email", d.MaintainerEmail);
            CatchAll(d.Name, repeated: false);
            CatchAll(title, titleTokens, repeated: false);
            CatchAll(d.Notes, notesTokens, repeated: false);
            CatchAll(d.Author, authorTokens);
            CatchAll(d.Maintainer, maintainerTokens);
            CatchAll(d.Version);
            if (d.Organization is { } org)
            {
                CatchAll(org.Name);
                CatchAll(org.Title);
            }

            foreach (var group in d.Groups.Where(g => g.Group is { State: "active" }).Select(g => g.Group!))
            {
                Multi("groups", group.Name);
                CatchAll(group.Name);
                CatchAll(group.Title);
            }
            foreach (var tag in d.Tags.Where(t => t.Tag is { VocabularyId: null }).Select(t => t.Tag!.Name))
            {
                Multi("tags", tag);
                CatchAll(tag);
            }

            // The values below are the dict's (PackageDict.Write), read from the entities and stored columns it is written from.
            var resources = PackageDict.ActiveResources(d);
            _urls.Clear();
            foreach (var r in resources)
            {
                Multi("res_format", r.Format);
                if (PackageDict.ResourceUrl(r, d) is { Length: > 0 } url)
                {
                    Search.ResourceUrls.Append(_urls, Truncate(url));
                }
                Multi("res_type", r.ResourceType);
                CatchAll(r.Name, Text("res_name", r.Name));
                CatchAll(r.Description, Text("res_description", r.Description));
            }
            if (_urls.Count > 0)
            {
                Bytes(Kind.Binary, ResourceUrls, CollectionsMarshal.AsSpan(_urls));
            }

            using (var extras = PackageDict.ParseStored(d.ExtrasJson, JsonValueKind.Array))
            {
                foreach (var extra in extras?.RootElement.EnumerateArray() ?? default)
                {
                    if (extra.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }
                    var key = extra.TryGetProperty("key", out var k) ? Params.AsString(k) : null;
                    var value = extra.TryGetProperty("value", out var v) ? Params.AsString(v) : null;
                    if (string.IsNullOrEmpty(key) || value is null)
                    {
                        continue;
                    }
                    var tokens = Text("extras_" + key, value);
                    if (!Reserved.Contains(key))
                    {
                        Multi(key, value);
                    }
                    CatchAll(value, tokens);
                }
            }

            using (var fields = PackageDict.ParseStored(d.FieldsJson, JsonValueKind.Object))
            {
                // In the order of GdcFields.All, as before (it decides the catch-all's positions).
                foreach (var field in fields is null ? [] : GdcFields.All)
                {
                    if (!fields!.RootElement.TryGetProperty(field, out var value))
                    {
                        continue;
                    }
                    if (value.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var item in value.EnumerateArray())
                        {
                            var v = Params.AsString(item);
                            Multi(field, v);
                            CatchAll(v);
                        }
                    }
                    else if (Params.AsString(value) is { } v && value.ValueKind != JsonValueKind.Object)
                    {
                        Multi(field, v);
                        CatchAll(v);
                    }
                }
            }

            foreach (var label in Authz.DatasetLabels(d, collaboratorIds))
            {
                Multi("permission_labels", label);
            }

            // In the order of NumberFields. Views as of the last time the dataset was indexed: ViewIndexing re-queues
            // datasets whose recent views changed.
            Numbers(d.MetadataCreated.Ticks, d.MetadataModified.Ticks, views.Recent, views.Total, resources.Count, PackageDict.FreeTags(d).Count);

            if (_catchAll.Count > 0)
            {
                var field = Next(Kind.Text, "text");
                ((AnalysedText)field.GetTokenStreamValue()).SetValues(_catchAll);
                _doc.Add(field);
            }
            StoreDict(d);
            return _doc;
        }

        /// <summary>
        /// Stores the dict as UTF-8 bytes written straight from the JSON writer into a buffer the builder keeps (the
        /// stored fields writer copies them at once). As a string it was serialised to UTF-8, turned into a UTF-16 string,
        /// and converted back to UTF-8 by the stored fields writer into a new array three times the string's length.
        /// </summary>
        private void StoreDict(Dataset d)
        {
            _json.ResetWrittenCount();
            _writer ??= new Utf8JsonWriter(_json, PackageDict.Utf8);
            _writer.Reset(_json);
            PackageDict.Write(_writer, d);
            _writer.Flush();
            Bytes(Kind.Stored, DataDict, _json.WrittenSpan);
        }

        private Field Next(Kind kind, string name)
        {
            if (!_pools[(int)kind].TryGetValue(name, out var pool))
            {
                pool = new Pool();
                _pools[(int)kind][name] = pool;
            }
            if (pool.Used == 0)
            {
                _touched.Add(pool);
            }
            if (pool.Used == pool.Fields.Count)
            {
                pool.Fields.Add(kind switch
                {
                    Kind.String => new StringField(name, "", Field.Store.NO),
                    // Only the id is stored besides the dict.
                    Kind.StoredString => new StringField(name, "", Field.Store.YES),
                    Kind.Sorted => new SortedDocValuesField(name, new BytesRef()),
                    Kind.SortedSet => new SortedSetDocValuesField(name, new BytesRef()),
                    Kind.Text => new TextField(name, new AnalysedText()),
                    Kind.Binary => new BinaryDocValuesField(name, new BytesRef()),
                    _ => new StoredField(name, new BytesRef()),
                });
            }
            return pool.Fields[pool.Used++];
        }

        private void Add(Kind kind, string name, string value)
        {
            var field = Next(kind, name);
            switch (kind)
            {
                case Kind.Sorted or Kind.SortedSet:
                    // The doc values writer copies the bytes when the document is added, so the field's array is reused.
                    UnicodeUtil.UTF16toUTF8(value, 0, value.Length, field.GetBinaryValue());
                    break;
                default:
                    field.SetStringValue(value);
                    break;
            }
            _doc.Add(field);
        }

        private void Single(string field, string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return;
            }
            value = Truncate(value);
            if (!IsDocValuesOnly(field))
            {
                Add(Kind.String, field, value);
            }
            if (!IsTermsOnly(field))
            {
                Add(Kind.Sorted, field, value);
            }
        }

        private void Multi(string field, string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return;
            }
            value = Truncate(value);
            if (!IsDocValuesOnly(field))
            {
                Add(Kind.String, field, value);
            }
            Add(Kind.SortedSet, field, value);
        }

        /// <summary>Adds a text field; returns the value's tokens as the catch-all <c>text</c> indexes them.</summary>
        private AnalysedText.Token[]? Text(string name, string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }
            var tokens = AnalysedText.Analyse(value, repeated: name is not ("title" or "notes"));
            var field = Next(Kind.Text, name);
            ((AnalysedText)field.GetTokenStreamValue()).Set(SameAnalysisAsCatchAll(name) ? tokens : WithoutSubwords(tokens));
            _doc.Add(field);
            return tokens;
        }

        /// <summary>
        /// The tokens less the marked sub-words: the same array when there are none, else one array of the exact size
        /// (Array.FindAll grew a list for every value; with the reused token list, a tenth of a rebuild's allocation).
        /// </summary>
        private static AnalysedText.Token[] WithoutSubwords(AnalysedText.Token[] tokens)
        {
            var words = 0;
            foreach (var t in tokens)
            {
                words += TextAnalysis.IsSubwordTerm(t.Term) ? 0 : 1;
            }
            if (words == tokens.Length)
            {
                return tokens;
            }
            var result = new AnalysedText.Token[words];
            var i = 0;
            foreach (var t in tokens)
            {
                if (!TextAnalysis.IsSubwordTerm(t.Term))
                {
                    result[i++] = t;
                }
            }
            return result;
        }

        /// <summary>
        /// One value of the catch-all <c>text</c> field. Its values are indexed as one token stream with the analyzer's
        /// position gap before each value after the first, which is what Lucene does for a multi-valued field. The
        /// value's tokens are not copied: the stream adds the gap to the first token's increment as it plays them.
        /// </summary>
        private void CatchAll(string? value, AnalysedText.Token[]? tokens = null, bool repeated = true)
        {
            if (string.IsNullOrEmpty(value))
            {
                return;
            }
            tokens ??= AnalysedText.Analyse(value, repeated);
            if (_catchAllValues++ > 0)
            {
                // Carried over a value without tokens, as Lucene adds the gap before every value after the first.
                _pendingGap += TextAnalysis.Text.GetPositionIncrementGap("text");
            }
            if (tokens.Length > 0)
            {
                _catchAll.Add(new AnalysedText.Value(tokens, _pendingGap));
                _pendingGap = 0;
            }
        }

        private void Numbers(params ReadOnlySpan<long> values)
        {
            Span<byte> bytes = stackalloc byte[NumberFields.Length * 8];
            for (var i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteInt64LittleEndian(bytes[(i * 8)..], values[i]);
            }
            Bytes(Kind.Binary, IndexFields.Numbers, bytes[..(values.Length * 8)]);
        }

        /// <summary>A stored or binary doc value field of these bytes.</summary>
        private void Bytes(Kind kind, string name, ReadOnlySpan<byte> value)
        {
            // The stored fields and doc values writers copy the bytes when the document is added, so the field's array is reused.
            var field = Next(kind, name);
            var bytes = field.GetBinaryValue();
            if (bytes.Bytes.Length < value.Length)
            {
                bytes.Bytes = new byte[ArrayUtil.Oversize(value.Length, 1)];
            }
            value.CopyTo(bytes.Bytes);
            bytes.Offset = 0;
            bytes.Length = value.Length;
            _doc.Add(field);
        }
    }

    private static string Truncate(string value) => value.Length > MaxStringChars ? value[..MaxStringChars] : value;
}

/// <summary>
/// A text value analysed once by <see cref="TextAnalysis.Text"/> and replayed as a token stream, so that one analysis
/// can serve a field and the catch-all <c>text</c> (see <see cref="IndexFields.SameAnalysisAsCatchAll"/>).
/// </summary>
internal sealed class AnalysedText : TokenStream
{
    public readonly record struct Token(string Term, int PositionIncrement, int Start, int End);

    /// <summary>One value's tokens in a multi-valued stream, with the position gap added before its first token.</summary>
    public readonly record struct Value(Token[] Tokens, int Gap);

    // Agency and category names, tags and GDC values repeat across most datasets; titles and notes rarely do.
    private const int CacheMaxChars = 200;
    private const int CacheLimit = 200_000;
    private static readonly ConcurrentDictionary<string, Token[]> Cache = new(StringComparer.Ordinal);
    // ConcurrentDictionary.Count takes every lock; a rebuild spent 6% of its time there when it was read per value.
    private static int _cached;
    [ThreadStatic]
    private static List<Token>? t_tokens;

    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _increment;
    private readonly IOffsetAttribute _offset;
    private readonly List<Value> _single = [];
    private List<Value> _values = [];
    // The value being played (its tokens and gap are copied out of the list once per value) and the next token in it.
    private int _value;
    private Token[] _current = [];
    private int _gap;
    private int _next;

    public AnalysedText()
    {
        _term = AddAttribute<ICharTermAttribute>();
        _increment = AddAttribute<IPositionIncrementAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
    }

    public void Set(Token[] tokens)
    {
        _single.Clear();
        _single.Add(new Value(tokens, 0));
        SetValues(_single);
    }

    /// <summary>Plays the values one after the other; the list is read while the document is indexed.</summary>
    public void SetValues(List<Value> values)
    {
        _values = values;
        Reset();
    }

    /// <summary>
    /// The tokens of <paramref name="value"/> as the index analyzer makes them for the catch-all <c>text</c>; cached if
    /// the value is likely <paramref name="repeated"/> across datasets.
    /// </summary>
    public static Token[] Analyse(string value, bool repeated)
    {
        // Caching a value that never comes back (a title, a description) only churns the cache.
        var cacheable = repeated && value.Length <= CacheMaxChars;
        var key = cacheable ? value : null;
        if (cacheable && Cache.TryGetValue(key!, out var cached))
        {
            return cached;
        }
        // The list is the thread's own and reused: only the array of the value's tokens is new.
        var tokens = t_tokens ??= [];
        tokens.Clear();
        TextAnalysis.IndexTokens(value, tokens);
        var result = tokens.ToArray();
        if (cacheable)
        {
            if (Interlocked.Increment(ref _cached) > CacheLimit)
            {
                Cache.Clear();
                Interlocked.Exchange(ref _cached, 0);
            }
            Cache.TryAdd(key!, result);
        }
        return result;
    }

    public override bool IncrementToken()
    {
        while (_next >= _current.Length)
        {
            if (_value >= _values.Count)
            {
                return false;
            }
            (_current, _gap) = _values[_value++];
            _next = 0;
        }
        ClearAttributes();
        var token = _current[_next];
        _term.SetEmpty().Append(token.Term);
        _increment.PositionIncrement = _next == 0 ? token.PositionIncrement + _gap : token.PositionIncrement;
        _offset.SetOffset(token.Start, token.End);
        _next++;
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _value = 0;
        _current = [];
        _next = 0;
    }
}
