using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Tracking;
using GovChannel.Web.Areas.Search;
using GovChannel.Web.Data;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.EntityFrameworkCore;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace GovChannel.Web.Areas.OpenData.Search;

/// <summary>
/// The node-local Lucene index of the catalogue (DESIGN decision 4). The database is the source of truth: every change
/// appends an <see cref="IndexOperation"/>, and this index applies the operations above the last sequence it applied
/// (kept in the index's commit data), at start, after each write on this node, and for writes made by other nodes when
/// woken by one of them (PostgreSQL, <see cref="IndexWakeUp"/>) or else twice a second. Operations of the one search's
/// kinds (manuals, e-services, apps, news) go to <see cref="OneSearchIndex"/>. <c>search rebuild</c> builds a fresh
/// index beside the live one and swaps it in, so search never goes
/// empty while it runs.
/// </summary>
public sealed class SearchIndex : IDisposable
{
    private const string SeqKey = "seq";
    /// <summary>Commit data: the document layout (<see cref="IndexFields.Layout"/>) of the index's oldest documents.</summary>
    private const string LayoutKey = "layout";
    private const int OpsBatch = 5000;
    /// <summary>A sequence number still missing after this long belongs to a transaction that rolled back.</summary>
    private static readonly TimeSpan GapTimeout = TimeSpan.FromSeconds(10);

    // Before any index is opened: its segments name IndexCodec, which Lucene must know to read them.
    static SearchIndex() => IndexCodec.Register();

    private readonly GovChannelSettings _settings;
    private readonly TimeProvider _time;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<SearchIndex> _log;
    private readonly OneSearchIndex _oneSearch;
    private readonly SemaphoreSlim _gate = new(1, 1);
    /// <summary>Released when another node has written (<see cref="IndexWakeUp"/>): the loop applies at once.</summary>
    private readonly SemaphoreSlim _woken = new(0, 1);
    private IndexWakeUp? _wakeUp;
    private readonly CancellationTokenSource _stop = new();
    private readonly SortedSet<long> _appliedAbove = [];
    private volatile Live? _live;
    private long _watermark;
    private long _generation;
    private long? _gapSince;
    private bool _dirty;
    private Task? _loop;

    public SearchIndex(GovChannelSettings settings, TimeProvider time, IServiceScopeFactory scopes, ILogger<SearchIndex> log, OneSearchIndex oneSearch)
    {
        _settings = settings;
        _time = time;
        _scopes = scopes;
        _log = log;
        _oneSearch = oneSearch;
    }

    private string Root => Path.Combine(_settings.DataDirectory, "search");
    private string PointerFile => Path.Combine(Root, "current");

    /// <summary>
    /// Moves whenever searches may answer differently: after changes are applied to the index, and after a swap. A
    /// search reopens its searcher first if it is older than the generation it saw (<see cref="EnsureFresh"/>), so a
    /// result computed after reading generation G holds every change of G (Ckan/ResponseCache keys by it).
    /// </summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>
    /// Reopen the searcher if changes were applied since it was opened: a write is searchable on this node as soon as
    /// its action has answered. Searches that arrive during a reopen wait for it rather than use the older searcher.
    /// </summary>
    private void EnsureFresh(Live live)
    {
        var wanted = Generation;
        if (Volatile.Read(ref live.FreshAt) >= wanted)
        {
            return;
        }
        lock (live)
        {
            if (live.FreshAt >= wanted)
            {
                return;
            }
            // Everything applied up to this generation is in the writer before the reopen starts.
            var target = Generation;
            var started = Stopwatch.GetTimestamp();
            live.Manager.MaybeRefreshBlocking();
            Volatile.Write(ref live.FreshAt, target);
            if (_log.IsEnabled(LogLevel.Debug))
            {
                _log.LogDebug("Reopened the searcher at generation {Generation} in {Ms:0.0} ms", target, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
    }

    /// <summary>The sequence number up to which every index operation has been applied.</summary>
    public long AppliedSeq => Interlocked.Read(ref _watermark);

    /// <summary>Open the index (building it if it is missing), catch up, and start polling for other nodes' writes.</summary>
    public async Task StartAsync(IServiceProvider services, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            OpenCurrent();
        }
        finally
        {
            _gate.Release();
        }
        if (_live!.Writer.NumDocs == 0)
        {
            using var scope = _scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<GovDb>();
            if (await db.Datasets.AnyAsync(ct))
            {
                await RebuildAsync(services, TextWriter.Null, ct);
            }
        }
        await CatchUpAsync(ct);
        if (_loop is null)
        {
            var upgrade = _live?.Layout < IndexFields.Layout ? RebuildOldLayoutAsync(services, _stop.Token) : Task.CompletedTask;
            using (var scope = _scopes.CreateScope())
            {
                _wakeUp = IndexWakeUp.Start(scope.ServiceProvider.GetRequiredService<GovDb>(), Wake, _log);
            }
            _loop = Task.Run(async () =>
            {
                await WarmUpAsync(_stop.Token);
                await PollAsync(_stop.Token);
                await upgrade;
            }, CancellationToken.None);
        }
    }

    /// <summary>The document layout of the live index's oldest documents (<see cref="IndexFields.Layout"/> once rebuilt).</summary>
    public int Layout => _live?.Layout ?? IndexFields.Layout;

    /// <summary>
    /// An index written by an older version of the document layout still answers every query, so it keeps serving while
    /// a new one is built beside it and swapped in, as <c>search rebuild</c> does.
    /// </summary>
    private async Task RebuildOldLayoutAsync(IServiceProvider services, CancellationToken stop)
    {
        await Task.Yield();
        try
        {
            if (_log.IsEnabled(LogLevel.Information))
            {
                _log.LogInformation("The search index has document layout {Old}, this version writes {New}: rebuilding it in the background", Layout, IndexFields.Layout);
            }
            await RebuildAsync(services, TextWriter.Null, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not ObjectDisposedException)
        {
            _log.LogError(e, "Rebuilding the search index in the new document layout failed; the old index keeps serving");
        }
    }

    /// <summary>
    /// Runs the catch-up path once at start on a dataset already indexed: read it back, build and index its document,
    /// reopen the searcher and search. The first change applied after a start otherwise compiled all of that code
    /// (3 to 5 s at load 35 on 2 cores, against 30 to 80 ms afterwards), so another node's first write took that long
    /// to become searchable here. The document is replaced by itself as the database holds it, which is what applying
    /// an operation for it would do.
    /// </summary>
    private async Task WarmUpAsync(CancellationToken stop)
    {
        try
        {
            string? id;
            await _gate.WaitAsync(stop);
            try
            {
                if (_live is not { } live)
                {
                    return;
                }
                using var scope = _scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<GovDb>();
                id = await db.Datasets.AsNoTracking().OrderBy(d => d.Id).Select(d => d.Id).FirstOrDefaultAsync(stop);
                if (id is null)
                {
                    return;
                }
                await IndexDatasetsAsync(db, live.Writer, [id], stop);
                _dirty = true;
                Interlocked.Increment(ref _generation);
            }
            finally
            {
                _gate.Release();
            }
            Search(new TermQuery(new Term("id", id)), new MatchAllDocsQuery(), Sort.RELEVANCE, 0, 1, []);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not ObjectDisposedException)
        {
            _log.LogWarning(e, "Warming up the search index failed");
        }
    }

    private async Task PollAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                // Other nodes' writes are searchable here within the poll interval plus the time to apply them (target:
                // 2 s) unless a notification from the writer wakes the loop first.
                await _woken.WaitAsync(_settings.IndexPollInterval, stop);
                await _gate.WaitAsync(stop);
                try
                {
                    // Another process (`govchannel search rebuild`) may have swapped in a new index directory.
                    if (ReadPointer() is { } path && _live is { } live && !string.Equals(path, live.Path, StringComparison.Ordinal))
                    {
                        Swap(path);
                    }
                    await ApplyPendingAsync(stop);
                    CommitIfDirty();
                }
                finally
                {
                    _gate.Release();
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (Exception e)
            {
                _log.LogError(e, "Search index catch-up failed; retrying");
            }
        }
    }

    private void Wake()
    {
        try
        {
            if (_woken.CurrentCount == 0)
            {
                _woken.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already woken: one pass applies everything.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>
    /// Datasets package_create made on this node, by the sequence number of their index operation, as the action left
    /// them (whole, committed): the index takes one as it is when that operation is the dataset's latest in a batch,
    /// instead of reading the dataset back from the database.
    /// </summary>
    private readonly ConcurrentDictionary<long, Dataset> _created = new();
    private static readonly ILookup<string, string> NoCollaborators = Array.Empty<string>().ToLookup(x => x, StringComparer.Ordinal);

    /// <summary>Apply every pending index operation now (read-your-writes after a write action commits).</summary>
    /// <param name="created">Datasets the action created, with their (committed) index operations.</param>
    public async Task CatchUpAsync(CancellationToken ct, IReadOnlyList<(IndexOperation Operation, Dataset Dataset)>? created = null)
    {
        if (_live is null)
        {
            return;
        }
        foreach (var (op, d) in created ?? [])
        {
            _created[op.Seq] = d;
        }
        bool applied;
        await _gate.WaitAsync(ct);
        try
        {
            if (created is [var (first, _), ..] && IsApplied(first.Seq))
            {
                // Concurrent writers: another one's catch-up read this transaction's operations (committed together,
                // so seen together) while this one waited for the gate. Nothing to read again.
                foreach (var (op, _) in created)
                {
                    _created.TryRemove(op.Seq, out _);
                }
                applied = true;
            }
            else
            {
                applied = await ApplyPendingAsync(ct);
            }
        }
        finally
        {
            _gate.Release();
        }
        if (applied || created is { Count: > 0 })
        {
            // A write on this node: wake the other nodes (a no-op without PostgreSQL).
            _wakeUp?.Written();
        }
    }

    // Called under _gate.
    private bool IsApplied(long seq) => seq <= _watermark || _appliedAbove.Contains(seq);

    /// <returns>Whether any operation was applied (also one of the one search's). Called under _gate.</returns>
    private async Task<bool> ApplyPendingAsync(CancellationToken ct)
    {
        var live = _live;
        if (live is null)
        {
            return false;
        }
        var started = Stopwatch.GetTimestamp();
        using var scope = _scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GovDb>();
        var cursor = _watermark;
        var applied = false;
        var changed = false;
        while (true)
        {
            var from = cursor;
            var ops = await db.IndexOperations.AsNoTracking().Where(o => o.Seq > from).OrderBy(o => o.Seq).Take(OpsBatch)
                .Select(o => new { o.Seq, o.Kind, o.ItemId }).ToListAsync(ct);
            var fresh = ops.Where(o => !_appliedAbove.Contains(o.Seq)).ToList();
            if (fresh.Count > 0)
            {
                // The same log carries the one search's manuals, e-services, apps and news: its index applies those.
                await _oneSearch.ApplyAsync(db, fresh.Where(o => o.Kind is not null).Select(o => (o.Kind!, o.ItemId)).ToList(), ct);
                var toLoad = new List<string>();
                foreach (var latest in fresh.Where(o => o.Kind is null).GroupBy(o => o.ItemId, StringComparer.Ordinal).Select(g => g.MaxBy(o => o.Seq)!))
                {
                    if (_created.TryRemove(latest.Seq, out var d))
                    {
                        // A new dataset has no collaborators and no views yet.
                        live.Writer.UpdateDocument(new Term("id", d.Id), Document(d, NoCollaborators, []));
                    }
                    else
                    {
                        toLoad.Add(latest.ItemId);
                    }
                }
                await IndexDatasetsAsync(db, live.Writer, toLoad, ct);
                foreach (var op in fresh)
                {
                    _appliedAbove.Add(op.Seq);
                }
                applied = true;
                // Only dataset operations change this index: the others leave its searches (and cached answers) as they were.
                changed |= fresh.Any(o => o.Kind is null);
            }
            if (ops.Count < OpsBatch)
            {
                break;
            }
            cursor = ops[^1].Seq;
        }
        AdvanceWatermark();
        foreach (var seq in _created.Keys)
        {
            // Applied already (read back by another caller's catch-up, or superseded by a later change).
            if (IsApplied(seq))
            {
                _created.TryRemove(seq, out _);
            }
        }
        if (changed)
        {
            // The searcher reopens when a search next needs it (EnsureFresh), not here: a burst of writes with no search
            // between them costs one reopen instead of one each (every reopen flushes a small segment to disk).
            _dirty = true;
            Interlocked.Increment(ref _generation);
            if (_log.IsEnabled(LogLevel.Debug))
            {
                _log.LogDebug("Applied index operations up to #{Seq} in {Ms:0.0} ms", _watermark, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        return applied;
    }

    /// <summary>
    /// Sequence numbers can commit out of order (two transactions on PostgreSQL), so the watermark only moves over a
    /// contiguous run; a hole that stays open for <see cref="GapTimeout"/> was a rolled-back transaction.
    /// </summary>
    private void AdvanceWatermark()
    {
        while (true)
        {
            while (_appliedAbove.Count > 0 && _appliedAbove.Min <= _watermark + 1)
            {
                Interlocked.Exchange(ref _watermark, Math.Max(_watermark, _appliedAbove.Min));
                _appliedAbove.Remove(_appliedAbove.Min);
            }
            if (_appliedAbove.Count == 0)
            {
                _gapSince = null;
                return;
            }
            var now = Environment.TickCount64;
            _gapSince ??= now;
            if (now - _gapSince.Value < GapTimeout.TotalMilliseconds)
            {
                return;
            }
            Interlocked.Exchange(ref _watermark, _appliedAbove.Min - 1);
            _gapSince = null;
        }
    }

    private void CommitIfDirty()
    {
        if (!_dirty || _live is not { } live)
        {
            return;
        }
        live.Writer.SetCommitData(new Dictionary<string, string>
        {
            [SeqKey] = _watermark.ToString(CultureInfo.InvariantCulture),
            [LayoutKey] = live.Layout.ToString(CultureInfo.InvariantCulture),
        });
        live.Writer.Commit();
        _dirty = false;
    }

    private async Task IndexDatasetsAsync(GovDb db, IndexWriter writer, List<string> ids, CancellationToken ct)
    {
        foreach (var chunk in ids.Chunk(500))
        {
            var (datasets, collaborators) = await LoadAsync(db, db.Datasets.Where(d => chunk.Contains(d.Id)), ct);
            var views = await ViewTracker.SummariesAsync(db.ViewCounts.Where(v => chunk.Contains(v.DatasetId)), ViewTracker.RecentSince(_time), ct);
            var found = datasets.ToDictionary(d => d.Id, StringComparer.Ordinal);
            foreach (var id in chunk)
            {
                if (found.TryGetValue(id, out var d))
                {
                    writer.UpdateDocument(new Term("id", id), Document(d, collaborators, views));
                }
                else
                {
                    writer.DeleteDocuments(new Term("id", id));
                }
            }
        }
    }

    private static async Task<(List<Dataset>, ILookup<string, string>)> LoadAsync(GovDb db, IQueryable<Dataset> query, CancellationToken ct)
    {
        var datasets = await query.AsNoTracking().WithEverything().ToListAsync(ct);
        var ids = datasets.Select(d => d.Id).ToList();
        var collaborators = (await db.Collaborators.AsNoTracking().Where(c => ids.Contains(c.DatasetId))
            .Select(c => new { c.DatasetId, c.UserId }).ToListAsync(ct)).ToLookup(c => c.DatasetId, c => c.UserId, StringComparer.Ordinal);
        return (datasets, collaborators);
    }

    // One builder per thread: it reuses its Field instances between documents (see IndexFields.DocumentBuilder).
    [ThreadStatic]
    private static IndexFields.DocumentBuilder? t_builder;

    /// <summary>The document for a dataset; valid until the next call on the same thread (IndexWriter consumes it at once).</summary>
    private Lucene.Net.Documents.Document Document(Dataset d, ILookup<string, string> collaborators, Dictionary<string, DatasetViews> views) =>
        (t_builder ??= new IndexFields.DocumentBuilder()).Build(d, collaborators[d.Id], _settings.SiteId, views.GetValueOrDefault(d.Id));

    /// <summary>
    /// Build a new index from the database beside the live one, then swap it in. Operations recorded after the build
    /// started are applied afterwards, so nothing written meanwhile is lost.
    /// </summary>
    public async Task RebuildAsync(IServiceProvider services, TextWriter progress, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Root);
        var watch = Stopwatch.StartNew();
        var path = NewIndexPath();
        long startSeq;
        var count = 0;
        try
        {
            using var scope = _scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<GovDb>();
            startSeq = await db.IndexOperations.Select(o => (long?)o.Seq).MaxAsync(ct) ?? 0;
            var total = await db.Datasets.CountAsync(ct);
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Rebuilding the search index: {total} datasets into {path}"));
            using var dir = FSDirectory.Open(path);
            using var writer = new IndexWriter(dir, WriterConfig(OpenMode.CREATE, bulk: true));
            try
            {
                count = await IndexAllAsync(db, writer, total, watch, progress, ct);
                writer.SetCommitData(new Dictionary<string, string>
                {
                    [SeqKey] = startSeq.ToString(CultureInfo.InvariantCulture),
                    [LayoutKey] = IndexFields.Layout.ToString(CultureInfo.InvariantCulture),
                });
                writer.Commit();
            }
            catch
            {
                // Dispose would commit what is there; an abandoned build must leave nothing that looks finished.
                writer.Rollback();
                throw;
            }
        }
        catch
        {
            TryDelete(path);
            throw;
        }

        await _gate.WaitAsync(ct);
        try
        {
            WritePointer(path);
            if (_live is not null)
            {
                Swap(path);
                await ApplyPendingAsync(ct);
                CommitIfDirty();
            }
            else
            {
                DeleteStaleDirectories(path);
            }
        }
        finally
        {
            _gate.Release();
        }
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Indexed {count} datasets in {watch.Elapsed.TotalSeconds:0.0} s (operations after #{startSeq} applied on top)."));
    }

    /// <summary>
    /// Indexes every dataset with one thread per core while the next pages are read from the database. There is no
    /// barrier between pages: when IndexWriter flushes a segment on one thread (seconds for a large buffer) the other
    /// threads go on indexing.
    /// </summary>
    private async Task<int> IndexAllAsync(GovDb db, IndexWriter writer, int total, Stopwatch watch, TextWriter progress, CancellationToken ct)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var queue = Channel.CreateBounded<(Dataset Dataset, ILookup<string, string> Collaborators, Dictionary<string, DatasetViews> Views)>(
            new BoundedChannelOptions(2 * RebuildSource.PageSize) { SingleWriter = true });
        var indexed = 0;
        var workers = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(async () =>
        {
            try
            {
                while (await queue.Reader.WaitToReadAsync(failed.Token))
                {
                    while (queue.Reader.TryRead(out var item))
                    {
                        failed.Token.ThrowIfCancellationRequested();
                        writer.AddDocument(Document(item.Dataset, item.Collaborators, item.Views));
                        Interlocked.Increment(ref indexed);
                    }
                }
            }
            catch
            {
                await failed.CancelAsync();
                throw;
            }
        }, CancellationToken.None)).ToList();

        var earlyFlush = Task.CompletedTask;
        try
        {
            var source = await RebuildSource.OpenAsync(db, ViewTracker.RecentSince(_time), failed.Token);
            var reported = 0L;
            string? after = null;
            var read = 0;
            var earlyAt = total > EarlyFlushFrom ? total / 5 * 4 : int.MaxValue;
            while (true)
            {
                var (datasets, collaborators, views) = await source.PageAsync(after, failed.Token);
                if (datasets.Count == 0)
                {
                    break;
                }
                after = datasets[^1].Id;
                read += datasets.Count;
                if (read >= earlyAt && read - datasets.Count < earlyAt)
                {
                    // With four-fifths read, flush the buffers beside the indexing threads: by the RAM trigger one buffer can
                    // hold half the catalogue, and flushed at the end it kept one core busy for 11–13 s while the other
                    // idled; now the last buffers hold a fifth and the end's flush takes 4–5 s (500,000 datasets,
                    // interleaved pairs: 92.2 → 82.3 s mean wall). It costs one or two more segments.
                    progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {read}/{total} datasets read: flushing the buffers beside the indexing threads"));
                    earlyFlush = Task.Run(() => writer.Flush(triggerMerge: false, applyAllDeletes: false), CancellationToken.None);
                }
                foreach (var d in datasets)
                {
                    await queue.Writer.WriteAsync((d, collaborators, views), failed.Token);
                }
                if (watch.ElapsedMilliseconds - reported >= 1000)
                {
                    reported = watch.ElapsedMilliseconds;
                    Report(progress, Volatile.Read(ref indexed), total, watch);
                }
            }
            // Every page is read and at most two are left in the queue: flush the indexing threads' buffers now, on this
            // thread, while the indexing threads put the last pages into fresh buffers (one that finds a buffer waiting
            // helps flush it). Left to the commit, up to 512 MB of buffers were flushed one after the other on one
            // thread while the other core idled (about 5 % of a 500,000-dataset rebuild, all of a 100,000 one).
            queue.Writer.TryComplete();
            await earlyFlush;
            writer.Flush(triggerMerge: false, applyAllDeletes: false);
        }
        finally
        {
            queue.Writer.TryComplete();
            try
            {
                await Task.WhenAll([.. workers, earlyFlush]);
            }
            catch when (ct.IsCancellationRequested)
            {
            }
        }
        ct.ThrowIfCancellationRequested();
        Report(progress, indexed, total, watch);
        return indexed;
    }

    /// <summary>An early flush is for catalogues of more than two pages; below, the last page is most of what is left.</summary>
    private const int EarlyFlushFrom = 2 * RebuildSource.PageSize;

    private static void Report(TextWriter progress, int count, int total, Stopwatch watch) =>
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {count}/{total} datasets, {watch.Elapsed.TotalSeconds:0.0} s, {count / Math.Max(watch.Elapsed.TotalSeconds, 0.001):0}/s"));

    /// <summary>
    /// Reads the whole catalogue for a rebuild, a page at a time: the dataset rows, then their resources, tag and group
    /// links and collaborators by id range. Organisations, groups and tags are read once and shared by every dataset
    /// (EF's Include graph materialised them again for every row, about a third of the loading time).
    /// </summary>
    private sealed class RebuildSource
    {
        /// <summary>
        /// Small pages keep few datasets alive between being read and being indexed: with 5,000 a page (and two pages
        /// queued) every dataset's objects lived long enough to be copied into the older generations, and a 500,000-dataset
        /// rebuild spent 6.8 s in garbage-collection pauses; with 500, 2.9 s (three interleaved pairs: 74.6 → 70.1 s mean
        /// wall, peak RSS 1.45 → 1.26 GB). Each page is six indexed range queries.
        /// </summary>
        public const int PageSize = 500;
        private readonly GovDb _db;
        private readonly DateOnly _viewsSince;
        private readonly Dictionary<string, Group> _groups;
        private readonly Dictionary<string, Tag> _tags;

        private RebuildSource(GovDb db, DateOnly viewsSince, Dictionary<string, Group> groups, Dictionary<string, Tag> tags)
        {
            _db = db;
            _viewsSince = viewsSince;
            _groups = groups;
            _tags = tags;
        }

        public static async Task<RebuildSource> OpenAsync(GovDb db, DateOnly viewsSince, CancellationToken ct) =>
            new(db, viewsSince, await db.Groups.AsNoTracking().ToDictionaryAsync(g => g.Id, StringComparer.Ordinal, ct),
                await db.Tags.AsNoTracking().ToDictionaryAsync(t => t.Id, StringComparer.Ordinal, ct));

        public async Task<(List<Dataset>, ILookup<string, string>, Dictionary<string, DatasetViews>)> PageAsync(string? after, CancellationToken ct)
        {
            await Task.Yield();
            var db = _db;
            // Keyset paging by id: OFFSET would rescan the table once per page. The dependants are read by the same id
            // range, which holds exactly this page's datasets in the database's own order.
#pragma warning disable CA1309, CA1310 // EF translates string.Compare to the database's own comparison.
            var page = after is null ? db.Datasets : db.Datasets.Where(d => string.Compare(d.Id, after) > 0);
            var datasets = await page.AsNoTracking().OrderBy(d => d.Id).Take(PageSize).ToListAsync(ct);
            if (datasets.Count == 0)
            {
                return (datasets, Enumerable.Empty<string>().ToLookup(x => x, StringComparer.Ordinal), []);
            }
            var first = datasets[0].Id;
            var last = datasets[^1].Id;
            var resources = await db.Resources.AsNoTracking()
                .Where(r => string.Compare(r.DatasetId, first) >= 0 && string.Compare(r.DatasetId, last) <= 0).ToListAsync(ct);
            var tags = await db.DatasetTags.AsNoTracking()
                .Where(t => string.Compare(t.DatasetId, first) >= 0 && string.Compare(t.DatasetId, last) <= 0)
                .Select(t => new { t.DatasetId, t.TagId }).ToListAsync(ct);
            var groups = await db.DatasetGroups.AsNoTracking()
                .Where(g => string.Compare(g.DatasetId, first) >= 0 && string.Compare(g.DatasetId, last) <= 0)
                .Select(g => new { g.DatasetId, g.GroupId }).ToListAsync(ct);
            var collaborators = (await db.Collaborators.AsNoTracking()
                .Where(c => string.Compare(c.DatasetId, first) >= 0 && string.Compare(c.DatasetId, last) <= 0)
                .Select(c => new { c.DatasetId, c.UserId }).ToListAsync(ct)).ToLookup(c => c.DatasetId, c => c.UserId, StringComparer.Ordinal);
            var views = await ViewTracker.SummariesAsync(
                db.ViewCounts.Where(v => string.Compare(v.DatasetId, first) >= 0 && string.Compare(v.DatasetId, last) <= 0), _viewsSince, ct);
#pragma warning restore CA1309, CA1310

            // Organisations, groups or tags created since the rebuild started.
            var missingGroups = groups.Select(g => g.GroupId).Concat(datasets.Select(d => d.OwnerOrg).OfType<string>())
                .Where(id => !_groups.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
            if (missingGroups.Count > 0)
            {
                foreach (var g in await db.Groups.AsNoTracking().Where(g => missingGroups.Contains(g.Id)).ToListAsync(ct))
                {
                    _groups[g.Id] = g;
                }
            }
            var missingTags = tags.Select(t => t.TagId).Where(id => !_tags.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
            if (missingTags.Count > 0)
            {
                foreach (var t in await db.Tags.AsNoTracking().Where(t => missingTags.Contains(t.Id)).ToListAsync(ct))
                {
                    _tags[t.Id] = t;
                }
            }

            var byId = datasets.ToDictionary(d => d.Id, StringComparer.Ordinal);
            foreach (var r in resources)
            {
                if (byId.TryGetValue(r.DatasetId, out var d))
                {
                    d.Resources.Add(r);
                }
            }
            foreach (var t in tags)
            {
                if (byId.TryGetValue(t.DatasetId, out var d) && _tags.TryGetValue(t.TagId, out var tag))
                {
                    d.Tags.Add(new DatasetTag { DatasetId = t.DatasetId, TagId = t.TagId, Tag = tag });
                }
            }
            foreach (var g in groups)
            {
                if (byId.TryGetValue(g.DatasetId, out var d) && _groups.TryGetValue(g.GroupId, out var group))
                {
                    d.Groups.Add(new DatasetGroup { DatasetId = g.DatasetId, GroupId = g.GroupId, Group = group });
                }
            }
            foreach (var d in datasets)
            {
                d.Organization = d.OwnerOrg is { } org ? _groups.GetValueOrDefault(org) : null;
            }
            return (datasets, collaborators, views);
        }
    }

    // --- searching ---

    public sealed record Hits(int Count, List<string> Dicts, Dictionary<string, Dictionary<string, int>> Facets);

    /// <summary>Run a query with a filter; returns the total, the stored dicts of rows start..start+rows, and full facet counts.</summary>
    public Hits Search(Query query, Query filter, Sort sort, int start, int rows, IReadOnlyList<string> facetFields)
    {
        var live = _live ?? throw new InvalidOperationException("The search index is not open.");
        EnsureFresh(live);
        var searcher = live.Manager.Acquire();
        try
        {
            var n = (int)Math.Min((long)start + rows, Math.Max(1, searcher.IndexReader.MaxDoc));
            var facets = new FacetCounts.Collector(facetFields);
            ICollector main;
            TopFieldCollector? top = null;
            TotalHitCountCollector? counter = null;
            if (rows > 0 && start < searcher.IndexReader.MaxDoc)
            {
                top = TopFieldCollector.Create(sort, n, false, false, false, false);
                main = top;
            }
            else
            {
                counter = new TotalHitCountCollector();
                main = counter;
            }
            var pruned = searcher.Rewrite(WithoutAbsentTerms(query, searcher.IndexReader) ?? query);
            var cachedFilter = CachedFilter(filter);
            // A one-word dismax skips scoring the matches that cannot reach the page; the same results as Lucene's.
            var total = DisjunctionSearch.TrySearch(searcher, pruned, cachedFilter, sort, top, n, facets);
            if (total is null)
            {
                searcher.Search(pruned, cachedFilter, facetFields.Count > 0 ? MultiCollector.Wrap(main, facets) : main);
                total = counter?.TotalHits ?? top!.TotalHits;
            }
            facets.Finish();
            var dicts = new List<string>();
            if (top is not null)
            {
                var leaves = searcher.IndexReader.Leaves;
                foreach (var hit in top.GetTopDocs(start, rows).ScoreDocs)
                {
                    var leaf = leaves[ReaderUtil.SubIndex(hit.Doc, leaves)];
                    dicts.Add(StoredDict(leaf.AtomicReader, hit.Doc - leaf.DocBase));
                }
            }
            return new Hits(total.Value, dicts, facets.Counts);
        }
        finally
        {
            live.Manager.Release(searcher);
        }
    }

    // Stored dicts of recently shown documents, per segment core (Solr's documentCache): decompressing a dict's LZ4
    // chunk was about a tenth of a broad search. A segment's documents never change (an update is a new document in a
    // new segment, a deleted one is never a hit), so an entry is never stale; it goes with its segment.
    private const int StoredDictsPerSegment = 512;
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<int, string>> StoredDicts = new();
    private static readonly ISet<string> DataDictOnly = new HashSet<string> { IndexFields.DataDict };

    private static string StoredDict(AtomicReader segment, int doc)
    {
        var cache = StoredDicts.GetValue(segment.CoreCacheKey, _ => new ConcurrentDictionary<int, string>());
        if (cache.TryGetValue(doc, out var json))
        {
            return json;
        }
        // Stored as UTF-8 bytes; an index built before that holds it as a string.
        var field = segment.Document(doc, DataDictOnly).GetField(IndexFields.DataDict);
        json = field.GetBinaryValue() is { } bytes ? Encoding.UTF8.GetString(bytes.Bytes, bytes.Offset, bytes.Length) : field.GetStringValue(CultureInfo.InvariantCulture);
        if (cache.Count >= StoredDictsPerSegment)
        {
            cache.Clear();
        }
        cache[doc] = json;
        return json;
    }

    /// <summary>The indexed <c>views_recent</c> of every dataset that has any (for <see cref="ViewIndexing"/>).</summary>
    public Dictionary<string, int> RecentViews()
    {
        var live = _live ?? throw new InvalidOperationException("The search index is not open.");
        var searcher = live.Manager.Acquire();
        try
        {
            var collector = new ViewsCollector();
            searcher.Search(IndexFields.NumericRange("views_recent", 1, null, true, true), collector);
            return collector.Views;
        }
        finally
        {
            live.Manager.Release(searcher);
        }
    }

    private sealed class ViewsCollector : ICollector
    {
        private readonly BytesRef _id = new();
        private SortedDocValues? _ids;
        private long[]? _views;

        public Dictionary<string, int> Views { get; } = new(StringComparer.Ordinal);
        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer)
        {
        }

        public void SetNextReader(AtomicReaderContext context)
        {
            _ids = context.AtomicReader.GetSortedDocValues("id");
            _views = NumberValues.For(context.AtomicReader, "views_recent");
        }

        public void Collect(int doc)
        {
            if (_ids is null || _views is null)
            {
                return;
            }
            _ids.Get(doc, _id);
            Views[_id.Utf8ToString()] = (int)_views[doc];
        }
    }

    /// <summary>
    /// The query less its optional terms that no document holds (null if nothing is left of it). The dismax asks for
    /// every word in five fields, and for each Thai word also its sub-word form, and most of those terms are in no
    /// document; each still cost a scorer layer per match. With BM25 (no coordination factor, no query norm) a clause
    /// that matches nothing adds nothing to any score, so results and scores stay exactly the same.
    /// </summary>
    internal static Query? WithoutAbsentTerms(Query query, IndexReader reader)
    {
        switch (query)
        {
            case TermQuery term:
            {
                // The looked-up term goes into the query, so that searching does not look it up again.
                var states = TermContext.Build(reader.Context, term.Term);
                return states.DocFreq == 0 ? null : new TermQuery(term.Term, states) { Boost = term.Boost };
            }
            case DisjunctionMaxQuery dismax:
            {
                var kept = dismax.Disjuncts.Select(d => WithoutAbsentTerms(d, reader)).OfType<Query>().ToList();
                return kept.Count == 0 ? null : new DisjunctionMaxQuery(kept, dismax.TieBreakerMultiplier) { Boost = dismax.Boost };
            }
            case BooleanQuery boolean when boolean.MinimumNumberShouldMatch == 0:
            {
                var pruned = new BooleanQuery(boolean.CoordDisabled) { Boost = boolean.Boost };
                foreach (var clause in boolean.Clauses)
                {
                    if (clause.Occur != Occur.SHOULD)
                    {
                        // A required clause that matches nothing empties the query; Lucene finds that out cheaply.
                        pruned.Add(clause.Occur == Occur.MUST ? WithoutAbsentTerms(clause.Query, reader) ?? clause.Query : clause.Query, clause.Occur);
                    }
                    else if (WithoutAbsentTerms(clause.Query, reader) is { } kept)
                    {
                        pruned.Add(kept, Occur.SHOULD);
                    }
                }
                return pruned.Clauses.Count == 0 ? null : pruned;
            }
            default:
                return query;
        }
    }

    // Permission filters repeat: every anonymous search has the same one, each signed-in user has theirs. Evaluated
    // afresh, the filter read the postings of "public" (almost every document) on every query: at 500,000 datasets
    // that was most of a search's CPU. Cached, it is a bit set per segment, computed once per segment and applied while
    // the query is scored. Lucene queries compare by value, so equal filters share an entry.
    private const int FilterCacheLimit = 256;
    private readonly ConcurrentDictionary<Query, Filter> _filters = new();

    private Filter CachedFilter(Query filter)
    {
        if (_filters.TryGetValue(filter, out var cached))
        {
            return cached;
        }
        if (_filters.Count >= FilterCacheLimit)
        {
            _filters.Clear();
        }
        return _filters.GetOrAdd(filter, f => new BitSetCachingFilter(new QueryWrapperFilter(f)));
    }

    /// <summary>
    /// Caches a filter as a plain bit set per segment. Lucene's default (a compressed set) can only be iterated, so a
    /// filtered search stepped the filter and the query in turn; a bit set is handed to the query as its accepted
    /// documents instead, as deletions are, which costs a bit test per match.
    /// </summary>
    internal sealed class BitSetCachingFilter(Filter filter) : CachingWrapperFilter(filter)
    {
        protected override DocIdSet CacheImpl(DocIdSetIterator iterator, AtomicReader reader)
        {
            var bits = new FixedBitSet(reader.MaxDoc);
            bits.Or(iterator);
            return bits;
        }
    }

    /// <summary>Counts values of string fields over the documents matching query and filter (facets, autocomplete).</summary>
    public Dictionary<string, Dictionary<string, int>> Facets(Query query, Query filter, IReadOnlyList<string> fields) =>
        Search(query, filter, Sort.RELEVANCE, 0, 0, fields).Facets;

    /// <summary>
    /// Dataset counts per value of <paramref name="field"/> (<c>organization</c> or <c>groups</c>: names) over the
    /// datasets the caller may see, with package_search's permission filters. For package_count in organization_show,
    /// group_show and group_list (CKAN counts private datasets only for organisations, via include_private).
    /// </summary>
    public Task<Dictionary<string, int>> CountByAsync(Ckan.ActionContext ctx, string field, bool includePrivate = false) =>
        SearchActions.CountByAsync(ctx, field, includePrivate);

    // --- index directories ---

    // A rebuild flushes a segment per filled buffer: 512 MB gives 500,000 datasets in three segments, which need no
    // merging (256 MB gave six and the rebuild process peaked at 1.1 GB). Compound files would copy every flushed
    // segment into one file once more; a rebuilt index is a handful of segments, so it does without.
    private IndexWriterConfig WriterConfig(OpenMode mode, bool bulk = false) => new(TextAnalysis.Version, TextAnalysis.Text)
    {
        OpenMode = mode,
        Codec = IndexCodec.Register(),
        Similarity = new BM25Similarity(),
        RAMBufferSizeMB = bulk ? 512 : 32,
        UseCompoundFile = !bulk,
        MergedSegmentWarmer = new FacetCounts.MergeWarmer(),
    };

    private string NewIndexPath() =>
        Path.Combine(Root, "index-" + Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6]);

    private string? ReadPointer()
    {
        try
        {
            var name = File.ReadAllText(PointerFile).Trim();
            return name.Length > 0 ? Path.Combine(Root, name) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Point at a new index directory: write a temporary file and rename it, which is atomic.</summary>
    private void WritePointer(string path)
    {
        var temp = PointerFile + "." + Guid.NewGuid().ToString("N")[..6];
        File.WriteAllText(temp, Path.GetFileName(path));
        File.Move(temp, PointerFile, overwrite: true);
    }

    // Called under _gate (or before anything else runs).
    private void OpenCurrent()
    {
        if (_live is not null)
        {
            return;
        }
        System.IO.Directory.CreateDirectory(Root);
        var path = ReadPointer();
        if (path is null || !System.IO.Directory.Exists(path))
        {
            path = NewIndexPath();
            WritePointer(path);
        }
        _live = Open(path);
        ResetWatermark(_live);
        DeleteStaleDirectories(path);
    }

    private Live Open(string path)
    {
        var dir = FSDirectory.Open(path);
        var writer = new IndexWriter(dir, WriterConfig(OpenMode.CREATE_OR_APPEND));
        if (!DirectoryReader.IndexExists(dir))
        {
            writer.Commit();
        }
        var manager = new SearcherManager(writer, true, new Bm25SearcherFactory());
        // An empty index takes this version's layout; one without the key was written before layouts were recorded.
        var layout = writer.NumDocs == 0 ? IndexFields.Layout
            : writer.CommitData.TryGetValue(LayoutKey, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : 1;
        return new Live(path, dir, writer, manager) { Layout = layout };
    }

    private void ResetWatermark(Live live)
    {
        var seq = live.Writer.CommitData.TryGetValue(SeqKey, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : 0;
        Interlocked.Exchange(ref _watermark, seq);
        _appliedAbove.Clear();
        _gapSince = null;
        _dirty = false;
    }

    // Called under _gate.
    private void Swap(string path)
    {
        var old = _live;
        if (old is not null)
        {
            CommitIfDirty();
        }
        var fresh = Open(path);
        _live = fresh;
        Interlocked.Increment(ref _generation);
        ResetWatermark(fresh);
        if (old is not null)
        {
            // Searches that acquired the old searcher finish on it; close it once they have had time to.
            _ = Task.Delay(TimeSpan.FromSeconds(2)).ContinueWith(_ =>
            {
                old.Dispose();
                DeleteStaleDirectories(_live?.Path ?? path);
            }, TaskScheduler.Default);
        }
    }

    private void DeleteStaleDirectories(string keep)
    {
        foreach (var dir in System.IO.Directory.EnumerateDirectories(Root, "index-*"))
        {
            if (string.Equals(Path.GetFullPath(dir), Path.GetFullPath(keep), StringComparison.Ordinal))
            {
                continue;
            }
            try
            {
                using var d = FSDirectory.Open(dir);
                if (IndexWriter.IsLocked(d))
                {
                    continue;
                }
            }
            catch (IOException)
            {
                continue;
            }
            TryDelete(dir);
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            System.IO.Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public void Dispose()
    {
        _wakeUp?.Dispose();
        _stop.Cancel();
        try
        {
            _loop?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
        if (_gate.Wait(TimeSpan.FromSeconds(5)))
        {
            try
            {
                CommitIfDirty();
                _live?.Dispose();
                _live = null;
            }
            catch (Exception e)
            {
                _log.LogWarning(e, "Closing the search index failed");
            }
        }
        _stop.Dispose();
    }

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader)
        {
            FacetCounts.Warm(reader);
            return new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        }
    }

    private sealed class Live(string path, LuceneDirectory dir, IndexWriter writer, SearcherManager manager) : IDisposable
    {
        public string Path { get; } = path;
        public IndexWriter Writer { get; } = writer;
        public SearcherManager Manager { get; } = manager;
        /// <summary>The generation the searcher holds every change of (see EnsureFresh).</summary>
        public long FreshAt;
        public required int Layout { get; init; }

        public void Dispose()
        {
            Manager.Dispose();
            Writer.Dispose();
            dir.Dispose();
        }
    }
}
