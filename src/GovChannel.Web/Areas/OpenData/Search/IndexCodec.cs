using K4os.Compression.LZ4;
using Lucene.Net.Codecs;
using Lucene.Net.Codecs.Compressing;
using Lucene.Net.Codecs.Lucene46;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace GovChannel.Web.Areas.OpenData.Search;

/// <summary>
/// Lucene 4.6's codec with one change: the stored fields (each dataset's dict as JSON) are compressed with K4os's LZ4
/// instead of Lucene.NET's own. The chunks are Lucene's (16 KB of documents, each chunk one LZ4 block, which here also
/// carries its two lengths); only the compressor differs. In a 500,000-dataset rebuild, Lucene.NET's LZ4, which writes
/// its output a byte at a time into a checksummed file, was about 5 % of all the CPU time (bench/Catalog, fourth pass).
/// <para>
/// The codec's name is written into every segment it writes, so a reader must know it: <see cref="Register"/> adds it
/// to Lucene's codec factory, once per process, before any index is opened. Segments written by Lucene's own codec
/// (an index from before this codec, or an in-memory index) are still read by that codec, and merging them writes this one.
/// </para>
/// </summary>
[CodecName(CodecName)]
public sealed class IndexCodec() : FilterCodec(new Lucene46Codec())
{
    public const string CodecName = "GovChannel1";

    private static readonly StoredFieldsFormat Stored = new CompressingStoredFieldsFormat("GovChannelStoredFields", new Lz4Mode(), 1 << 14);
    private static readonly Lazy<Codec> Registered = new(() =>
    {
        Codec.SetCodecFactory(new DefaultCodecFactory { CustomCodecTypes = [typeof(IndexCodec)] });
        return Codec.ForName(CodecName);
    });

    public override StoredFieldsFormat StoredFieldsFormat => Stored;

    /// <summary>Makes the codec known to Lucene (once per process) and returns it, for <c>IndexWriterConfig.Codec</c>.</summary>
    public static Codec Register() => Registered.Value;

    /// <summary>
    /// Each call to <see cref="Compressor.Compress"/> writes one self-contained block: the original length, the
    /// compressed length, then the LZ4 block. Lucene's reader asks for a part of a block, and for a document too big for
    /// one chunk it asks slice by slice with the document's remaining length, which can be shorter than the slice; the
    /// stored original length tells the decompressor how much the block really holds.
    /// </summary>
    private sealed class Lz4Mode : CompressionMode
    {
        public override Compressor NewCompressor() => new Lz4Compressor();

        public override Decompressor NewDecompressor() => new Lz4Decompressor();

        public override string ToString() => "K4os.LZ4";
    }

    private sealed class Lz4Compressor : Compressor
    {
        private byte[] _buffer = [];

        public override void Compress(byte[] bytes, int off, int len, DataOutput output)
        {
            var max = LZ4Codec.MaximumOutputSize(len);
            if (_buffer.Length < max)
            {
                _buffer = new byte[ArrayUtil.Oversize(max, 1)];
            }
            var written = len == 0 ? 0 : LZ4Codec.Encode(bytes.AsSpan(off, len), _buffer);
            output.WriteVInt32(len);
            output.WriteVInt32(written);
            output.WriteBytes(_buffer, 0, written);
        }
    }

    private sealed class Lz4Decompressor : Decompressor
    {
        private byte[] _buffer = [];

        public override void Decompress(DataInput input, int originalLength, int offset, int length, BytesRef bytes)
        {
            var size = input.ReadVInt32();
            var compressed = input.ReadVInt32();
            if (size < offset + length || compressed < 0)
            {
                throw new CorruptIndexException($"Stored fields block of {size} bytes cannot hold bytes {offset} to {offset + length} (input={input})");
            }
            if (_buffer.Length < compressed)
            {
                _buffer = new byte[ArrayUtil.Oversize(compressed, 1)];
            }
            input.ReadBytes(_buffer, 0, compressed);
            if (bytes.Bytes.Length < size)
            {
                bytes.Bytes = new byte[ArrayUtil.Oversize(size, 1)];
            }
            var decoded = size == 0 ? 0 : LZ4Codec.Decode(_buffer.AsSpan(0, compressed), bytes.Bytes.AsSpan(0, size));
            if (decoded != size)
            {
                throw new CorruptIndexException($"Stored fields block decoded to {decoded} bytes, expected {size} (input={input})");
            }
            bytes.Offset = offset;
            bytes.Length = length;
        }

        public override object Clone() => new Lz4Decompressor();
    }
}
