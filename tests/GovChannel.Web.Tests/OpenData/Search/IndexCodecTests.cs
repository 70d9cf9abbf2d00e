using System.Text;
using GovChannel.Web.Areas.OpenData.Search;
using Lucene.Net.Codecs.Lucene46;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace GovChannel.Web.Tests.OpenData.Search;

/// <summary>Stored values written with <see cref="IndexCodec"/> read back byte for byte, beside segments of Lucene's own codec and after merging.</summary>
public sealed class IndexCodecTests
{
    [Fact]
    public void StoredValues_EverySizeAndOldCodecSegments_ReadBackExactly_AlsoAfterMerge()
    {
        var random = new Random(11);
        var expected = new List<byte[]>();
        using var dir = new RAMDirectory();

        // One segment by Lucene's own codec, as an index from before IndexCodec has.
        using (var writer = new IndexWriter(dir, Config(new Lucene46Codec())))
        {
            for (var i = 0; i < 40; i++)
            {
                Add(writer, Value(random, random.Next(1, 3000)));
            }
            writer.Commit();
        }
        using (var writer = new IndexWriter(dir, Config(IndexCodec.Register())))
        {
            for (var i = 0; i < 400; i++)
            {
                // Mostly dict-sized values; some empty, and some larger than two 16 KB chunks, which are compressed in slices
                // and read back slice by slice.
                var size = (i % 50) switch
                {
                    0 => 0,
                    1 => 40_000 + random.Next(30_000),
                    2 => 1 << 15,
                    _ => random.Next(200, 6000),
                };
                Add(writer, Value(random, size));
                if (i % 150 == 149)
                {
                    writer.Commit();
                }
            }
            writer.Commit();
        }

        using (var reader = DirectoryReader.Open(dir))
        {
            Assert.Equal(4, reader.Leaves.Count);
            Assert.Contains(reader.Leaves, l => ((SegmentReader)l.AtomicReader).SegmentInfo.Info.Codec.Name == "Lucene46");
            Assert.Contains(reader.Leaves, l => ((SegmentReader)l.AtomicReader).SegmentInfo.Info.Codec.Name == IndexCodec.CodecName);
            AssertStored(reader);
        }

        // Merging copies this codec's chunks as they are and re-compresses the old codec's documents.
        using (var writer = new IndexWriter(dir, new IndexWriterConfig(TextAnalysis.Version, TextAnalysis.Text) { Codec = IndexCodec.Register() }))
        {
            writer.ForceMerge(1);
            writer.Commit();
        }
        using (var reader = DirectoryReader.Open(dir))
        {
            var leaf = Assert.Single(reader.Leaves);
            Assert.Equal(IndexCodec.CodecName, ((SegmentReader)leaf.AtomicReader).SegmentInfo.Info.Codec.Name);
            AssertStored(reader);
        }

        void Add(IndexWriter writer, byte[] value)
        {
            expected.Add(value);
            writer.AddDocument(new Document
            {
                new StringField("n", expected.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Field.Store.YES),
                new StoredField(IndexFields.DataDict, new BytesRef(value)),
            });
        }

        void AssertStored(DirectoryReader reader)
        {
            Assert.Equal(expected.Count, reader.NumDocs);
            for (var doc = 0; doc < reader.MaxDoc; doc++)
            {
                var stored = reader.Document(doc);
                var n = int.Parse(stored.Get("n", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
                var bytes = stored.GetBinaryValue(IndexFields.DataDict);
                Assert.Equal(expected[n - 1], bytes.Bytes.AsSpan(bytes.Offset, bytes.Length).ToArray());
            }
        }
    }

    private static IndexWriterConfig Config(Lucene.Net.Codecs.Codec codec) =>
        new(TextAnalysis.Version, TextAnalysis.Text) { Codec = codec, MergePolicy = NoMergePolicy.NO_COMPOUND_FILES };

    /// <summary>JSON-like Thai and ASCII text, compressible as a dict is, with random runs so chunks differ.</summary>
    private static byte[] Value(Random random, int size)
    {
        var sb = new StringBuilder();
        var length = 0;
        while (length < size)
        {
            var piece = random.Next(3) switch
            {
                0 => "{\"name\":\"ข้อมูลสถิติประชากร\",",
                1 => "\"url\":\"https://data.go.th/r/" + random.Next(100_000) + "\"},",
                _ => new string((char)('a' + random.Next(26)), random.Next(1, 20)),
            };
            sb.Append(piece);
            length += Encoding.UTF8.GetByteCount(piece);
        }
        return Encoding.UTF8.GetBytes(sb.ToString())[..size];
    }
}
