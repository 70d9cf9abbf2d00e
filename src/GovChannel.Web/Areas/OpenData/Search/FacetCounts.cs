using System.Collections.Concurrent;
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
        var strings = new string[values.ValueCount];
        var bytes = new BytesRef();
        for (var ord = 0; ord < strings.Length; ord++)
        {
            values.LookupOrd(ord, bytes);
            strings[ord] = bytes.Utf8ToString();
        }
        return new SegmentValues { Start = start, Ords = [.. ords], Values = strings };
    }

    /// <summary>Warms the facet arrays of a merged segment before near-real-time readers see it.</summary>
    public sealed class MergeWarmer : IndexWriter.IndexReaderWarmer
    {
        public override void Warm(AtomicReader reader) => FacetCounts.Warm(reader);
    }

    /// <summary>Counts values of the given fields over the collected documents.</summary>
    public sealed class Collector(IReadOnlyList<string> fields) : ICollector
    {
        private readonly SegmentValues?[] _segment = new SegmentValues?[fields.Count];
        private readonly int[]?[] _counts = new int[]?[fields.Count];

        public Dictionary<string, Dictionary<string, int>> Counts { get; } =
            fields.Distinct(StringComparer.Ordinal).ToDictionary(f => f, _ => new Dictionary<string, int>(StringComparer.Ordinal), StringComparer.Ordinal);

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer)
        {
        }

        public void SetNextReader(AtomicReaderContext context)
        {
            Flush();
            for (var i = 0; i < fields.Count; i++)
            {
                var segment = For(context.AtomicReader, fields[i]);
                _segment[i] = segment;
                _counts[i] = segment.Values.Length == 0 ? null : new int[segment.Values.Length];
            }
        }

        public void Collect(int doc)
        {
            for (var i = 0; i < _segment.Length; i++)
            {
                if (_counts[i] is not { } counts)
                {
                    continue;
                }
                var segment = _segment[i]!;
                var ords = segment.Ords;
                var end = segment.Start[doc + 1];
                for (var j = segment.Start[doc]; j < end; j++)
                {
                    counts[ords[j]]++;
                }
            }
        }

        public void Finish() => Flush();

        private void Flush()
        {
            for (var i = 0; i < _segment.Length; i++)
            {
                if (_counts[i] is not { } counts)
                {
                    continue;
                }
                var values = _segment[i]!.Values;
                var target = Counts[fields[i]];
                for (var ord = 0; ord < counts.Length; ord++)
                {
                    if (counts[ord] != 0)
                    {
                        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(target, values[ord], out _);
                        count += counts[ord];
                    }
                }
                _segment[i] = null;
                _counts[i] = null;
            }
        }
    }
}
