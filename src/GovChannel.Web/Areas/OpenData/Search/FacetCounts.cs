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

    /// <summary>Build the arrays of the common facet fields for a segment before searches need them.</summary>
    public static void Warm(IndexReader reader)
    {
        foreach (var leaf in reader.Leaves)
        {
            foreach (var field in Common)
            {
                For(leaf.AtomicReader, field);
            }
        }
    }

    private static SegmentValues Read(AtomicReader reader, string field)
    {
        var values = reader.GetSortedSetDocValues(field)
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

    /// <summary>Warms the facet arrays of a merged segment before near-real-time readers see it.</summary>
    public sealed class MergeWarmer : IndexWriter.IndexReaderWarmer
    {
        public override void Warm(AtomicReader reader) => FacetCounts.Warm(reader);
    }

    /// <summary>
    /// Counts values of the given fields over the collected documents. A segment's hits are gathered first and counted
    /// field by field when the segment ends (one field's arrays at a time stay in the cache); a single-valued field is
    /// one ordinal per document and a field of few values a bit mask, so a hit costs one array read per field (the
    /// reads are most of the cost: 50,000 hits are scattered over the segment's arrays).
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
            foreach (var field in Counts.Keys)
            {
                var segment = For(_reader, field);
                if (segment.Values.Length == 0)
                {
                    continue;
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
                    foreach (var doc in docs)
                    {
                        for (var bits = mask[doc]; bits != 0; bits &= bits - 1)
                        {
                            counts[BitOperations.TrailingZeroCount(bits)]++;
                        }
                    }
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
            _count = 0;
            _reader = null;
        }
    }
}
