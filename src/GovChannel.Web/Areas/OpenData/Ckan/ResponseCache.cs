using System.Collections.Concurrent;
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

    public byte[]? Get(long generation, string key)
    {
        var bucket = _bucket;
        return bucket.Generation == generation && bucket.Entries.TryGetValue(key, out var body) ? body : null;
    }

    /// <summary>Keep a response computed from <paramref name="generation"/>; dropped if the index has moved on since.</summary>
    public void Put(long generation, string key, byte[] body)
    {
        if (!Enabled || body.Length + key.Length * 2 > _budget / LargestShare)
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
            if (bucket.Generation < generation || bucket.Bytes + body.Length > _budget)
            {
                // A newer index, or full: start again. Losing a concurrent writer's entry to this swap is harmless.
                Interlocked.CompareExchange(ref _bucket, new Bucket(generation), bucket);
                continue;
            }
            if (bucket.Entries.TryAdd(key, body))
            {
                Interlocked.Add(ref bucket.Bytes, body.Length + key.Length * 2);
            }
            return;
        }
    }

    private sealed class Bucket(long generation)
    {
        public readonly long Generation = generation;
        public readonly ConcurrentDictionary<string, byte[]> Entries = new(StringComparer.Ordinal);
        public long Bytes;
    }
}
