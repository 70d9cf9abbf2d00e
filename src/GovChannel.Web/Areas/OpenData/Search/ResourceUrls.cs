using System.Buffers.Binary;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Lucene.Net.Util.Automaton;

namespace GovChannel.Web.Areas.OpenData.Search;

/// <summary>
/// The URLs of a dataset's resources (CKAN's <c>res_url</c>), read from a segment of any index layout. Since layout 5 a
/// document holds them in one binary doc value (<see cref="IndexFields.ResourceUrls"/>: each URL's UTF-8 length as two
/// bytes, little-endian, then its bytes). Before, they were sorted-set doc values, and sorting a million and a half
/// URLs that are all different at every flush was 7 % of a rebuild's CPU, for a field that is seldom queried. A segment
/// merged from both layouts has each document's URLs in one of the two.
/// </summary>
internal sealed class ResourceUrls
{
    private readonly BinaryDocValues? _packed;
    private readonly SortedSetDocValues? _old;
    private readonly BytesRef _value = new();
    private readonly BytesRef _url = new();

    private ResourceUrls(BinaryDocValues? packed, SortedSetDocValues? old)
    {
        _packed = packed;
        _old = old;
    }

    /// <summary>A reader of the segment's resource URLs (for one thread), or null when no document has one.</summary>
    public static ResourceUrls? For(AtomicReader reader)
    {
        var packed = reader.GetBinaryDocValues(IndexFields.ResourceUrls);
        var old = reader.GetSortedSetDocValues("res_url");
        return packed is null && old is null ? null : new ResourceUrls(packed, old);
    }

    /// <summary>Appends one URL to a document's packed value.</summary>
    public static void Append(List<byte> packed, string url)
    {
        // IndexFields truncates a value to 4,000 characters, which is at most 12,000 UTF-8 bytes.
        var length = System.Text.Encoding.UTF8.GetByteCount(url);
        Span<byte> prefix = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(prefix, checked((ushort)length));
        packed.AddRange(prefix);
        var start = packed.Count;
        System.Runtime.InteropServices.CollectionsMarshal.SetCount(packed, start + length);
        System.Text.Encoding.UTF8.GetBytes(url, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(packed)[start..]);
    }

    /// <summary>Whether any URL of the document satisfies <paramref name="match"/>; the bytes passed are valid during the call only.</summary>
    public bool Any(int doc, Func<BytesRef, bool> match)
    {
        if (_packed is not null)
        {
            _packed.Get(doc, _value);
            if (_value.Length > 0)
            {
                _url.Bytes = _value.Bytes;
                var at = _value.Offset;
                var end = _value.Offset + _value.Length;
                while (at + 2 <= end)
                {
                    _url.Length = BinaryPrimitives.ReadUInt16LittleEndian(_value.Bytes.AsSpan(at, 2));
                    _url.Offset = at + 2;
                    if (match(_url))
                    {
                        return true;
                    }
                    at = _url.Offset + _url.Length;
                }
                return false;
            }
        }
        if (_old is not null)
        {
            _old.SetDocument(doc);
            long ord;
            while ((ord = _old.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
            {
                _old.LookupOrd(ord, _url);
                if (match(_url))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>
    /// The segment's URLs as sorted-set doc values, for facet counting (<see cref="FacetCounts"/>): built in memory
    /// from the documents' values, in Lucene's (byte) order.
    /// </summary>
    public static SortedSetDocValues? AsSortedSet(AtomicReader reader)
    {
        if (For(reader) is not { } urls)
        {
            return null;
        }
        var maxDoc = reader.MaxDoc;
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var start = new int[maxDoc + 1];
        var docIds = new List<int>();
        for (var doc = 0; doc < maxDoc; doc++)
        {
            start[doc] = docIds.Count;
            urls.Any(doc, url =>
            {
                var value = url.Utf8ToString();
                if (!ids.TryGetValue(value, out var id))
                {
                    ids[value] = id = ids.Count;
                }
                if (docIds.IndexOf(id, start[doc]) < 0)
                {
                    docIds.Add(id);
                }
                return false;
            });
        }
        start[maxDoc] = docIds.Count;
        // UTF-8 byte order (Lucene's) is code point order, which ordinal comparison of UTF-16 strings is not (surrogates).
        var sorted = ids.Select(v => (Id: v.Value, Bytes: new BytesRef(v.Key))).ToArray();
        Array.Sort(sorted, (a, b) => Compare(a.Bytes, b.Bytes));
        var ordOf = new int[sorted.Length];
        for (var ord = 0; ord < sorted.Length; ord++)
        {
            ordOf[sorted[ord].Id] = ord;
        }
        var ords = docIds.Select(id => ordOf[id]).ToArray();
        for (var doc = 0; doc < maxDoc; doc++)
        {
            Array.Sort(ords, start[doc], start[doc + 1] - start[doc]);
        }
        return new FacetCounts.InMemorySortedSet(start, ords, [.. sorted.Select(v => v.Bytes)]);
    }

    /// <summary>
    /// The documents with a resource URL that a term, range, prefix, wildcard, regular expression or fuzzy query on
    /// <c>res_url</c> matches (constant score, as a string field's multi-term query is): each document's URLs are tested
    /// in turn, which for half a million datasets is a pass of some tens of milliseconds.
    /// </summary>
    public sealed class Filter(MultiTermQuery query) : Lucene.Net.Search.Filter
    {
        private readonly MultiTermQuery _query = query;
        private readonly Func<BytesRef, bool> _match = Matcher(query);

        public override DocIdSet? GetDocIdSet(AtomicReaderContext context, IBits? acceptDocs)
        {
            var reader = context.AtomicReader;
            if (For(reader) is not { } urls)
            {
                return null;
            }
            var matches = new FixedBitSet(reader.MaxDoc);
            for (var doc = 0; doc < reader.MaxDoc; doc++)
            {
                if (urls.Any(doc, _match))
                {
                    matches.Set(doc);
                }
            }
            return BitsFilteredDocIdSet.Wrap(matches, acceptDocs);
        }

        private static Func<BytesRef, bool> Matcher(MultiTermQuery query)
        {
            switch (query)
            {
                case TermRangeQuery { LowerTerm: { } lower, UpperTerm: { } upper, IncludesLower: true, IncludesUpper: true } when lower.BytesEquals(upper):
                    // One value (IndexFields.ExactQuery): most URLs differ in length, which is checked first.
                    return url => Bytes(url).SequenceEqual(Bytes(lower));
                case TermRangeQuery range:
                    return url => (range.LowerTerm is not { } lower || Compare(url, lower) is var l && (l > 0 || l == 0 && range.IncludesLower))
                        && (range.UpperTerm is not { } upper || Compare(url, upper) is var u && (u < 0 || u == 0 && range.IncludesUpper));
                case PrefixQuery prefix:
                    var start = prefix.Prefix.Bytes;
                    return url => Bytes(url).StartsWith(Bytes(start));
                case AutomatonQuery automaton:
                    return Run(new ByteRunAutomaton(automaton.Automaton));
                case FuzzyQuery fuzzy:
                    // As Lucene's FuzzyTermsEnum: the first PrefixLength code points exactly, the rest within MaxEdits.
                    var runes = fuzzy.Term.Text.EnumerateRunes().Select(r => r.ToString()).ToArray();
                    var prefixLength = Math.Min(fuzzy.PrefixLength, runes.Length);
                    var rest = new LevenshteinAutomata(string.Concat(runes[prefixLength..]), fuzzy.Transpositions).ToAutomaton(fuzzy.MaxEdits);
                    var head = BasicAutomata.MakeString(string.Concat(runes[..prefixLength]));
                    return Run(new ByteRunAutomaton(BasicOperations.Concatenate(head, rest)));
                default:
                    throw new ArgumentException($"A {query.GetType().Name} on res_url is not supported.", nameof(query));
            }

            static Func<BytesRef, bool> Run(ByteRunAutomaton run) => url => run.Run(url.Bytes, url.Offset, url.Length);
        }

        public override string ToString() => _query.ToString();

        public override bool Equals(object? obj) => obj is Filter other && other._query.Equals(_query);

        public override int GetHashCode() => _query.GetHashCode();
    }

    private static ReadOnlySpan<byte> Bytes(BytesRef b) => b.Bytes.AsSpan(b.Offset, b.Length);

    // UTF-8 bytes compared unsigned: Lucene's term order.
    private static int Compare(BytesRef a, BytesRef b) => Bytes(a).SequenceCompareTo(Bytes(b));
}
