using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace GovChannel.Web.Areas.OpenData.Search;

/// <summary>
/// Facet counting over the documents a search matches. Reading doc values per hit (a packed, on-disk structure) was
/// most of a broad search's cost, so each segment's values of a field are read once into plain arrays (document →
/// value ordinals, ordinal → value) and kept while the segment lives: segments never change, and the cache is keyed by
/// the segment's core, so a reopen after a write reads only the new segments (Lucene's own global-ordinal facets do
/// the same per reader). Counting a hit is then an array walk; values are turned into strings once per segment, not
/// per query. Fields without sorted doc values (text, numbers) have no facet values, as before.
/// </summary>
internal static class FacetCounts
{
    /// <summary>The facets the portal asks for on every dataset list; warmed when a segment is opened or merged.</summary>
    public static readonly string[] Common = ["organization", "groups", "tags", "res_format", "license_id"];

    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, SegmentValues>> Cache = new();

    /// <summary>The values of one field in one segment, as arrays.</summary>
    internal sealed class SegmentValues
    {
        /// <summary>Ordinals of document d are <c>Ords[Start[d]..Start[d + 1]]</c>.</summary>
        public required int[] Start { get; init; }
        public required int[] Ords { get; init; }
        /// <summary>For a field with at most one value per document (organization, license_id): its ordinal, or -1.</summary>
        public int[]? Single { get; init; }
        /// <summary>For a field of at most 64 values (groups, formats): each document's ordinals as bits.</summary>
        public ulong[]? Mask { get; init; }
        /// <summary>The value of each ordinal, in the segment's (byte) order.</summary>
        public required string[] Values { get; init; }
    }

    public static SegmentValues For(AtomicReader reader, string field) =>
        Cache.GetValue(reader.CoreCacheKey, _ => new ConcurrentDictionary<string, SegmentValues>(StringComparer.Ordinal))
            .GetOrAdd(field, f => Read(reader, f));

    /// <summary>
    /// Build the arrays of the common facet fields for a segment before searches need them, and of the default sort's
    /// tie-break (<c>score desc, metadata_modified desc</c>; <see cref="NumberValues"/>).
    /// </summary>
    public static void Warm(IndexReader reader)
    {
        foreach (var leaf in reader.Leaves)
        {
            foreach (var field in Common)
            {
                For(leaf.AtomicReader, field);
            }
            NumberValues.For(leaf.AtomicReader, "metadata_modified");
        }
    }

    private static SegmentValues Read(AtomicReader reader, string field)
    {
        // Resource URLs are one binary doc value a document since layout 5 (ResourceUrls); the fields IndexFields
        // indexes as terms only are read from their terms, which every layout has.
        var values = (field == "res_url" ? ResourceUrls.AsSortedSet(reader)
                : IndexFields.IsTermsOnly(field) ? FromTerms(reader, field)
                : reader.GetSortedSetDocValues(field))
            ?? (reader.GetSortedDocValues(field) is { } single ? DocValues.Singleton(single) : DocValues.EMPTY_SORTED_SET);
        var maxDoc = reader.MaxDoc;
        var start = new int[maxDoc + 1];
        var ords = new List<int>(maxDoc);
        for (var doc = 0; doc < maxDoc; doc++)
        {
            start[doc] = ords.Count;
            values.SetDocument(doc);
            long ord;
            while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
            {
                ords.Add((int)ord);
            }
        }
        start[maxDoc] = ords.Count;
        int[]? one = new int[maxDoc];
        for (var doc = 0; doc < maxDoc && one is not null; doc++)
        {
            var count = start[doc + 1] - start[doc];
            one[doc] = count == 0 ? -1 : ords[start[doc]];
            one = count > 1 ? null : one;
        }
        ulong[]? mask = null;
        if (one is null && values.ValueCount <= 64)
        {
            mask = new ulong[maxDoc];
            for (var doc = 0; doc < maxDoc; doc++)
            {
                for (var j = start[doc]; j < start[doc + 1]; j++)
                {
                    mask[doc] |= 1UL << ords[j];
                }
            }
        }
        var strings = new string[values.ValueCount];
        var bytes = new BytesRef();
        for (var ord = 0; ord < strings.Length; ord++)
        {
            values.LookupOrd(ord, bytes);
            strings[ord] = bytes.Utf8ToString();
        }
        return new SegmentValues { Start = start, Ords = [.. ords], Values = strings, Single = one, Mask = mask };
    }

    /// <summary>A field's terms as sorted-set doc values: each term is an ordinal, in the terms' (byte) order.</summary>
    private static SortedSetDocValues? FromTerms(AtomicReader reader, string field)
    {
        if (reader.GetTerms(field) is not { } terms)
        {
            return null;
        }
        var maxDoc = reader.MaxDoc;
        var perDoc = new int[maxDoc + 1];
        var values = new List<BytesRef>();
        // Two passes over the postings: count each document's values, then place them.
        for (var pass = 0; pass < 2; pass++)
        {
            var ords = pass == 0 ? null : new int[perDoc[maxDoc]];
            var next = pass == 0 ? null : perDoc[..maxDoc];
            var termsEnum = terms.GetEnumerator();
            DocsEnum? docs = null;
            var ord = 0;
            while (termsEnum.MoveNext())
            {
                if (pass == 0)
                {
                    values.Add(BytesRef.DeepCopyOf(termsEnum.Term));
                }
                docs = termsEnum.Docs(null, docs, DocsFlags.NONE);
                int doc;
                while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
                {
                    if (pass == 0)
                    {
                        perDoc[doc]++;
                    }
                    else
                    {
                        ords![next![doc]++] = ord;
                    }
                }
                ord++;
            }
            if (pass == 0)
            {
                // Counts become start offsets.
                var total = 0;
                for (var doc = 0; doc <= maxDoc; doc++)
                {
                    (perDoc[doc], total) = (total, total + perDoc[doc]);
                }
            }
            else
            {
                return new InMemorySortedSet(perDoc, ords!, [.. values]);
            }
        }
        return null;
    }

    /// <summary>Sorted-set doc values held in memory: the ordinals of document d are <c>ords[start[d]..start[d + 1]]</c>, ascending.</summary>
    internal sealed class InMemorySortedSet(int[] start, int[] ords, BytesRef[] values) : SortedSetDocValues
    {
        private int _next;
        private int _end;

        public override long ValueCount => values.Length;

        public override void SetDocument(int docID)
        {
            _next = start[docID];
            _end = start[docID + 1];
        }

        public override long NextOrd() => _next < _end ? ords[_next++] : NO_MORE_ORDS;

        public override void LookupOrd(long ord, BytesRef result)
        {
            var value = values[ord];
            result.Bytes = value.Bytes;
            result.Offset = value.Offset;
            result.Length = value.Length;
        }
    }

    /// <summary>
    /// The values of several fields in one segment packed into one number per document (a single-valued field as its
    /// ordinal + 1, a field of few values as its bit mask), when they fit in 64 bits: counting a hit is then one read
    /// instead of one per field. The reads are the cost (a broad word's 50,000 hits are spread over the segment), so
    /// the package_search facets (organization, groups, res_format) cost a third.
    /// </summary>
    internal sealed class PackedValues
    {
        public required ulong[] Values { get; init; }
        public required (SegmentValues Field, int Shift, ulong Mask)[] Layout { get; init; }

        // At most this many field sets are packed per segment (each is 8 bytes per document); others count field by field.
        private const int SetsPerSegment = 8;
        private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, PackedValues?>> Packed = new();

        public static PackedValues? For(AtomicReader reader, IReadOnlyList<string> fields)
        {
            var sets = Packed.GetValue(reader.CoreCacheKey, _ => new ConcurrentDictionary<string, PackedValues?>(StringComparer.Ordinal));
            var key = string.Join('\n', fields);
            if (sets.TryGetValue(key, out var packed))
            {
                return packed;
            }
            return sets.Count >= SetsPerSegment ? null : sets.GetOrAdd(key, _ => Pack(reader, fields));
        }

        private static PackedValues? Pack(AtomicReader reader, IReadOnlyList<string> fields)
        {
            var layout = new List<(SegmentValues, int, ulong)>();
            var shift = 0;
            foreach (var field in fields)
            {
                var segment = FacetCounts.For(reader, field);
                var width = segment.Single is not null ? 64 - BitOperations.LeadingZeroCount((ulong)segment.Values.Length)
                    : segment.Mask is not null ? segment.Values.Length
                    : 65;
                if (shift + width > 64)
                {
                    return null;
                }
                layout.Add((segment, shift, width == 64 ? ulong.MaxValue : (1UL << width) - 1));
                shift += width;
            }
            var values = new ulong[reader.MaxDoc];
            foreach (var (segment, at, _) in layout)
            {
                for (var doc = 0; doc < values.Length; doc++)
                {
                    values[doc] |= (segment.Single is { } single ? (ulong)(single[doc] + 1) : segment.Mask![doc]) << at;
                }
            }
            return new PackedValues { Values = values, Layout = [.. layout] };
        }
    }

    /// <summary>
    /// Counting the bits of many masks: a loop over each mask's set bits mispredicts its end on almost every document
    /// (datasets have one to five groups and formats), which made two mask fields three quarters of the facet cost.
    /// Instead each byte of a mask counts in a histogram of that byte's 256 values (one increment per byte, no branch),
    /// and the histograms become per-bit counts once per segment.
    /// </summary>
    internal static class ByteHistogram
    {
        public static int Size(int bits) => (bits + 7) / 8 * 256;

        public static void Add(int[] histogram, ulong mask)
        {
            for (var at = 0; at < histogram.Length; at += 256)
            {
                histogram[at + (int)(mask & 0xFF)]++;
                mask >>= 8;
            }
        }

        public static int[] Counts(int[] histogram, int bits)
        {
            var counts = new int[bits];
            for (var at = 0; at < histogram.Length; at += 256)
            {
                for (var value = 1; value < 256; value++)
                {
                    var count = histogram[at + value];
                    for (var rest = (uint)value; count != 0 && rest != 0; rest &= rest - 1)
                    {
                        counts[at / 32 + BitOperations.TrailingZeroCount(rest)] += count;
                    }
                }
            }
            return counts;
        }
    }

    /// <summary>Warms the facet arrays of a merged segment before near-real-time readers see it.</summary>
    public sealed class MergeWarmer : IndexWriter.IndexReaderWarmer
    {
        public override void Warm(AtomicReader reader) => FacetCounts.Warm(reader);
    }

    /// <summary>
    /// Counts values of the given fields over the collected documents. A segment's hits are gathered first and counted
    /// when the segment ends: a single-valued field is one ordinal per document and a field of few values a bit mask,
    /// and when the asked fields fit together they are read as one packed number per hit (<see cref="PackedValues"/>),
    /// else field by field.
    /// </summary>
    public sealed class Collector(IReadOnlyList<string> fields) : ICollector
    {
        private AtomicReader? _reader;
        private int[] _docs = new int[1024];
        private int _count;

        public Dictionary<string, Dictionary<string, int>> Counts { get; } =
            fields.Distinct(StringComparer.Ordinal).ToDictionary(f => f, _ => new Dictionary<string, int>(StringComparer.Ordinal), StringComparer.Ordinal);

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer)
        {
        }

        public void SetNextReader(AtomicReaderContext context)
        {
            Flush();
            _reader = context.AtomicReader;
        }

        public void Collect(int doc)
        {
            if (_count == _docs.Length)
            {
                Array.Resize(ref _docs, _docs.Length * 2);
            }
            _docs[_count++] = doc;
        }

        public void Finish() => Flush();

        private void Flush()
        {
            if (_reader is null || _count == 0)
            {
                _count = 0;
                return;
            }
            var docs = _docs.AsSpan(0, _count);
            var fieldList = Counts.Keys.ToList();
            if (PackedValues.For(_reader, fieldList) is { } packed)
            {
                CountPacked(packed, docs, fieldList);
            }
            else
            {
                foreach (var field in fieldList)
                {
                    CountField(For(_reader, field), docs, field);
                }
            }
            _count = 0;
            _reader = null;
        }

        private void CountPacked(PackedValues packed, Span<int> docs, List<string> fieldList)
        {
            var layout = packed.Layout;
            var shifts = layout.Select(l => l.Shift).ToArray();
            var masks = layout.Select(l => l.Mask).ToArray();
            var single = layout.Select(l => l.Field.Single is not null).ToArray();
            // A single-valued field counts its ordinal; a mask field counts each byte of its mask (see ByteHistogram).
            var counts = layout.Select(l => new int[l.Field.Single is not null ? l.Field.Values.Length : ByteHistogram.Size(l.Field.Values.Length)]).ToArray();
            var values = packed.Values;
            foreach (var doc in docs)
            {
                var value = values[doc];
                for (var f = 0; f < counts.Length; f++)
                {
                    var bits = (value >> shifts[f]) & masks[f];
                    if (single[f])
                    {
                        if (bits != 0)
                        {
                            counts[f][bits - 1]++;
                        }
                    }
                    else
                    {
                        ByteHistogram.Add(counts[f], bits);
                    }
                }
            }
            for (var f = 0; f < counts.Length; f++)
            {
                var segment = layout[f].Field;
                Add(fieldList[f], segment, single[f] ? counts[f] : ByteHistogram.Counts(counts[f], segment.Values.Length));
            }
        }

        private void CountField(SegmentValues segment, Span<int> docs, string field)
        {
            if (segment.Values.Length == 0)
            {
                return;
            }
            var counts = new int[segment.Values.Length];
            if (segment.Single is { } single)
            {
                foreach (var doc in docs)
                {
                    if (single[doc] is var ord and >= 0)
                    {
                        counts[ord]++;
                    }
                }
            }
            else if (segment.Mask is { } mask)
            {
                var histogram = new int[ByteHistogram.Size(segment.Values.Length)];
                foreach (var doc in docs)
                {
                    ByteHistogram.Add(histogram, mask[doc]);
                }
                counts = ByteHistogram.Counts(histogram, segment.Values.Length);
            }
            else
            {
                var start = segment.Start;
                var ords = segment.Ords;
                foreach (var doc in docs)
                {
                    for (var j = start[doc]; j < start[doc + 1]; j++)
                    {
                        counts[ords[j]]++;
                    }
                }
            }
            Add(field, segment, counts);
        }

        private void Add(string field, SegmentValues segment, int[] counts)
        {
            var target = Counts[field];
            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] != 0)
                {
                    ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(target, segment.Values[ord], out _);
                    count += counts[ord];
                }
            }
        }
    }
}
