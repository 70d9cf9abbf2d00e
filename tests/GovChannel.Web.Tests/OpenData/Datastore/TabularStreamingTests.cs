using System.Text;
using GovChannel.Web.Areas.OpenData.Datastore;

namespace GovChannel.Web.Tests.OpenData.Datastore;

/// <summary>
/// The loader streams: a file of several hundred MB goes through the reader with only a buffer and the current row in
/// memory (a 1 GB file is run in bench/Datastore, with its peak RSS). No database: this is the reader alone, the part
/// that would hold a file if anything did (the load keeps its first 1,000 rows for type guessing, then rows one by one).
/// </summary>
/// <remarks>
/// Memory is process-wide, so this class runs alone (its collection is not run in parallel with others) and measures
/// what is still reachable after a full collection, against the figure before the read: garbage from other tests
/// cannot count, and a reader that kept its rows would.
/// </remarks>
[Collection(ProcessMemoryCollection.Name)]
public sealed class TabularStreamingTests
{
    [Fact]
    public void CsvSource_300MbGeneratedStream_ReadLazilyInBoundedMemory()
    {
        const long size = 300L << 20;
        using var stream = new GeneratedCsv(size);
        using var source = TabularSource.Open(stream, "CSV");
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long rows = 0;
        long peak = 0;
        var first = source.Next()!.Value.Cells;
        Assert.Equal("id,ตำบล,ประชากร", string.Join(",", first));
        while (source.Next() is { } row)
        {
            rows++;
            if (rows % 500_000 == 0)
            {
                Assert.Equal(rows.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Cells[0]);
                // The stream is read as the rows are: never more than the reader's buffers ahead.
                Assert.InRange(stream.Produced, 0, GeneratedCsv.Header.Length + (rows + 1) * GeneratedCsv.RowBytes + (1 << 20));
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }
        }
        Assert.Equal(stream.Rows, rows);
        Assert.True(stream.Produced >= size);
        // The whole file as text would be over 600 MB; the reader's buffers and one row are well under a megabyte.
        Assert.True(peak < 32L << 20, $"memory still reachable while reading: {peak:N0} bytes above the start");
    }

    /// <summary>An endless-looking CSV made on demand: a header, then numbered rows up to about <c>size</c> bytes; not seekable, like a download.</summary>
    private sealed class GeneratedCsv(long size) : Stream
    {
        public static readonly byte[] Header = Encoding.UTF8.GetBytes("id,ตำบล,ประชากร\n");
        private static readonly byte[] Body = Encoding.UTF8.GetBytes(",\"พระบรมมหาราชวัง, เขตพระนคร\",12345\n");
        public static readonly int RowBytes = Body.Length + 12;
        private byte[] _pending = Header;
        private int _offset;

        public long Produced { get; private set; }
        public long Rows { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var written = 0;
            while (written < count)
            {
                if (_offset == _pending.Length)
                {
                    if (Produced >= size)
                    {
                        break;
                    }
                    Rows++;
                    _pending = [.. Encoding.ASCII.GetBytes(Rows.ToString(System.Globalization.CultureInfo.InvariantCulture)), .. Body];
                    _offset = 0;
                }
                var n = Math.Min(count - written, _pending.Length - _offset);
                Array.Copy(_pending, _offset, buffer, offset + written, n);
                _offset += n;
                written += n;
                Produced += n;
            }
            return written;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Produced; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>Tests that measure the process's memory: run after the parallel tests, one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMemoryCollection
{
    public const string Name = "Process memory";
}
