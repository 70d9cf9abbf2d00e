using System.Collections.Concurrent;
using System.IO.Compression;
using GovChannel.Web.Data;

namespace GovChannel.Web.Areas.OpenData.Ckan;

/// <summary>
/// Whole responses of read actions whose answer depends only on the search index, the caller's permissions and the
/// request (package_search), as Solr's queryResultCache or a Varnish in front of CKAN would keep them. An entry is
/// keyed by the index generation it was computed from (any applied change, from this node or another, moves the
/// generation and empties the cache), the caller's permission scope (so one caller's private datasets never reach
/// another) and the normalised parameters. Bounded by <see cref="GovChannelSettings.ResponseCacheMegabytes"/>: when
/// full, it starts again empty.
/// </summary>
public sealed class ResponseCache(GovChannelSettings settings)
{
    /// <summary>A response larger than this share of the budget is not kept (it would push out many others).</summary>
    private const int LargestShare = 16;

    private readonly long _budget = Math.Max(0, settings.ResponseCacheMegabytes) * 1024L * 1024L;
    private volatile Bucket _bucket = new(long.MinValue);

    public bool Enabled => _budget > 0;

    public ResponseBody? Get(long generation, string key)
    {
        var bucket = _bucket;
        return bucket.Generation == generation && bucket.Entries.TryGetValue(key, out var body) ? body : null;
    }

    /// <summary>Keep a response computed from <paramref name="generation"/>; dropped if the index has moved on since.</summary>
    public void Put(long generation, string key, ResponseBody body)
    {
        // A quarter of the body is counted for its gzip copy (JSON compresses to well under that).
        var size = body.Bytes.Length + body.Bytes.Length / 4 + key.Length * 2;
        if (!Enabled || size > _budget / LargestShare)
        {
            return;
        }
        while (true)
        {
            var bucket = _bucket;
            if (bucket.Generation > generation)
            {
                return;
            }
            if (bucket.Generation < generation || bucket.Bytes + size > _budget)
            {
                // A newer index, or full: start again. Losing a concurrent writer's entry to this swap is harmless.
                Interlocked.CompareExchange(ref _bucket, new Bucket(generation), bucket);
                continue;
            }
            if (bucket.Entries.TryAdd(key, body))
            {
                Interlocked.Add(ref bucket.Bytes, size);
            }
            return;
        }
    }

    private sealed class Bucket(long generation)
    {
        public readonly long Generation = generation;
        public readonly ConcurrentDictionary<string, ResponseBody> Entries = new(StringComparer.Ordinal);
        public long Bytes;
    }
}

/// <summary>
/// A serialised JSON response and, once a client that accepts gzip has asked for it, its gzip form, kept beside it: a
/// cached answer is compressed once, not per request. (The Thai answers are mostly CKAN's six-byte <c>\uXXXX</c>
/// escapes, so they shrink about tenfold.)
/// </summary>
public sealed class ResponseBody(byte[] bytes)
{
    /// <summary>Smaller bodies are sent as they are: they fit in one TCP segment anyway.</summary>
    public const int CompressFrom = 1400;

    private byte[]? _gzip;

    public byte[] Bytes => bytes;

    /// <param name="level">Optimal for a body that will be sent again (cached), Fastest for one sent once.</param>
    public byte[] Gzip(CompressionLevel level)
    {
        if (_gzip is { } done)
        {
            return done;
        }
        using var output = new MemoryStream(bytes.Length / 4 + 64);
        using (var gzip = new GZipStream(output, level, leaveOpen: true))
        {
            gzip.Write(bytes);
        }
        // Two threads may both compress the first time; either result is the same text.
        return _gzip = output.ToArray();
    }
}
