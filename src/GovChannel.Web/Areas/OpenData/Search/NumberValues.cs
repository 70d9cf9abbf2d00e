using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace GovChannel.Web.Areas.OpenData.Search;

/// <summary>
/// The dates and counts of a segment's documents (<see cref="IndexFields.NumberFields"/>), one array per field, read
/// once and kept while the segment lives (segments never change; the cache is keyed by the segment's core, as
/// <see cref="FacetCounts"/> does). Ranges (<see cref="DocValuesRange"/>), sorting (<see cref="Sort"/>) and the views
/// re-indexing read them here. Layout 4 segments pack the six into one binary doc value (<see cref="IndexFields.Numbers"/>);
/// older segments have a numeric doc value per field; a segment merged from both has each document's values in one of them.
/// </summary>
internal static class NumberValues
{
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, long[]?>> Cache = new();

    /// <summary>The field's value for each document of the segment (0 where a document has none), or null if no document has one.</summary>
    public static long[]? For(AtomicReader reader, string field) =>
        Cache.GetValue(reader.CoreCacheKey, _ => new ConcurrentDictionary<string, long[]?>(StringComparer.Ordinal))
            .GetOrAdd(field, f => Read(reader, f));

    private static long[]? Read(AtomicReader reader, string field)
    {
        var index = Array.IndexOf(IndexFields.NumberFields, field);
        var packed = index < 0 ? null : reader.GetBinaryDocValues(IndexFields.Numbers);
        var single = reader.GetNumericDocValues(field);
        if (packed is null && single is null)
        {
            return null;
        }
        var values = new long[reader.MaxDoc];
        var bytes = new BytesRef();
        for (var doc = 0; doc < values.Length; doc++)
        {
            packed?.Get(doc, bytes);
            values[doc] = packed is not null && bytes.Length >= IndexFields.NumberFields.Length * 8
                ? BinaryPrimitives.ReadInt64LittleEndian(bytes.Bytes.AsSpan(bytes.Offset + index * 8, 8))
                : single?.Get(doc) ?? 0;
        }
        return values;
    }

    /// <summary>Sorts by a date or count field: one array read per document compared.</summary>
    public sealed class Sort : FieldComparerSource
    {
        public static readonly Sort Instance = new();

        public override FieldComparer NewComparer(string fieldname, int numHits, int sortPos, bool reversed) => new Comparer(fieldname, numHits);
    }

    // Lucene.NET's comparers hand values out as J2N's boxed numbers, as its own Int64Comparer does.
    private sealed class Comparer(string field, int slots) : FieldComparer<J2N.Numerics.Int64>
    {
        private readonly long[] _slots = new long[slots];
        private long[] _values = [];
        private long _bottom;
        private long _top;

        public override int Compare(int slot1, int slot2) => _slots[slot1].CompareTo(_slots[slot2]);

        public override void SetBottom(int slot) => _bottom = _slots[slot];

        public override void SetTopValue(J2N.Numerics.Int64 value) => _top = value.ToInt64();

        public override int CompareBottom(int doc) => _bottom.CompareTo(Value(doc));

        public override int CompareTop(int doc) => _top.CompareTo(Value(doc));

        public override void Copy(int slot, int doc) => _slots[slot] = Value(doc);

        public override FieldComparer SetNextReader(AtomicReaderContext context)
        {
            _values = For(context.AtomicReader, field) ?? [];
            return this;
        }

        public override J2N.Numerics.Int64 this[int slot] => J2N.Numerics.Int64.GetInstance(_slots[slot]);

        private long Value(int doc) => doc < _values.Length ? _values[doc] : 0;
    }
}
