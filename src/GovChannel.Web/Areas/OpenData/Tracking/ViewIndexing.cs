using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Search;
using GovChannel.Web.Data;

namespace GovChannel.Web.Areas.OpenData.Tracking;

/// <summary>
/// Keeps the search index's <c>views_recent</c> and <c>views_total</c> current, as CKAN's cron of
/// <c>tracking update</c> and a search-index rebuild does, but only for the datasets that need it: every
/// <see cref="GovChannelSettings.ViewsIndexInterval"/> it compares each dataset's views over the last
/// <see cref="ViewTracker.RecentDays"/> days in the database with the value in the index and queues an index operation
/// for each that differs (new views, or old ones leaving the window at midnight). Comparing instead of remembering what
/// was counted makes it right after a restart, on every node, and after days without a run.
/// </summary>
public sealed class ViewIndexing(SearchIndex index, TimeProvider time, IServiceScopeFactory scopes, GovChannelSettings settings,
    ILogger<ViewIndexing> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.ViewsIndexInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await QueueChangedAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(e, "Queueing view counts for the search index failed; retrying at the next interval");
            }
        }
    }

    /// <summary>Queue (and apply on this node) an index operation for every dataset whose recent views changed; returns how many.</summary>
    public async Task<int> QueueChangedAsync(CancellationToken ct)
    {
        // Apply what is already queued first, so a dataset another node has just queued is not queued again.
        await index.CatchUpAsync(ct);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GovDb>();
        var since = ViewTracker.RecentSince(time);
        var counted = await ViewTracker.SummariesAsync(db.ViewCounts.Where(v => v.Day >= since), since, ct);
        var indexed = index.RecentViews();
        var changed = counted.Where(c => c.Value.Recent != indexed.GetValueOrDefault(c.Key)).Select(c => c.Key)
            .Concat(indexed.Keys.Where(id => !counted.ContainsKey(id)))
            .ToList();
        if (changed.Count == 0)
        {
            return 0;
        }
        var now = time.GetUtcNow().UtcDateTime;
        db.IndexOperations.AddRange(changed.Select(id => new IndexOperation { ItemId = id, At = now }));
        await db.SaveChangesAsync(ct);
        await index.CatchUpAsync(ct);
        return changed.Count;
    }
}
