using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.OpenData.Files;
using GovChannel.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.OpenData.Datastore;

/// <summary>The live state of one load (or full-text step), as <c>xloader_status</c> shows it.</summary>
public sealed class LoadProgress
{
    public long Rows;
    public double Percent;
    public long Total;
}

/// <summary>
/// What XLoader does, in-process (DESIGN decision 7): a durable queue (<c>_jobs</c>) of resources to load, worked by
/// this BackgroundService. A job streams the stored upload (or the linked URL) through <see cref="TabularSource"/> into
/// a new table and swaps it in at the end, so a failed load leaves the previous table as it was. When no load is
/// waiting, the worker runs the full-text step (<see cref="FullTextStep"/>) of tables loaded without it; a queued load
/// interrupts that step, which resumes afterwards.
/// </summary>
public sealed class DatastoreLoader(
    IServiceProvider services, DatastoreDb store, DatastoreSettings settings, IFileStore files, TimeProvider time,
    IHttpClientFactory http, ILogger<DatastoreLoader> log) : BackgroundService
{
    public const string HttpClientName = "datastore-loader";

    private readonly SemaphoreSlim _signal = new(0);
    private readonly ConcurrentDictionary<string, LoadProgress> _live = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LoadProgress> _fullText = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _fullTextFailed = new(StringComparer.Ordinal);

    private string Now() => Clock.Iso(Clock.Now(time));

    public bool IsLoadable(Resource r)
    {
        if (r.UrlType == "datastore" || (r.StorageKey is null && !(r.Url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || r.Url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))))
        {
            return false;
        }
        var formats = settings.DatastoreLoadFormats.Split(' ', ',', StringSplitOptions.RemoveEmptyEntries);
        return formats.Any(f => string.Equals(f, FormatOf(r), StringComparison.OrdinalIgnoreCase));
    }

    private static string FormatOf(Resource r)
    {
        if (!string.IsNullOrEmpty(r.Format))
        {
            return r.Format;
        }
        var path = r.Url.Split('?')[0];
        return Path.GetExtension(path).TrimStart('.');
    }

    /// <summary>
    /// Called by resource_create/resource_update: once the catalogue transaction has committed (the response starts
    /// only after it), queue a load when a new file or URL is tabular.
    /// </summary>
    public static void EnqueueAfterCommit(ActionContext ctx, Resource r, string? previousUrl, string? previousStorageKey)
    {
        var loader = ctx.Service<DatastoreLoader>();
        var changed = previousUrl is null || previousUrl != r.Url || previousStorageKey != r.StorageKey;
        if (!changed || !loader.IsLoadable(r))
        {
            return;
        }
        var id = r.Id;
        ctx.Http.Response.OnStarting(async () =>
        {
            if (ctx.Http.Response.StatusCode == StatusCodes.Status200OK)
            {
                await loader.EnqueueAsync(id, CancellationToken.None);
            }
        });
    }

    public async Task<string> EnqueueAsync(string resourceId, CancellationToken ct)
    {
        var jobId = Guid.NewGuid().ToString();
        var now = Now();
        // The table as the load was asked for: a write through the API from here on wins over the file (LoadRun.StartVersion).
        string tableVersion;
        await using (var data = await store.OpenAsync(ct))
        {
            tableVersion = (await store.StatsAsync(data, null, resourceId, ct)).Version;
        }
        await using var conn = await store.OpenJobsAsync(ct);
        await DatastoreDb.ExecAsync(conn, null,
            $"INSERT INTO {Jobs} (resource_id, job_id, status, created, updated, rows_loaded, percent, message, errors, notes, table_version) " +
            "VALUES (@r, @j, 'pending', @now, @now, 0, 0, NULL, '[]', '[]', @v) ON CONFLICT (resource_id) DO UPDATE SET job_id = excluded.job_id, " +
            "status = 'pending', created = excluded.created, updated = excluded.updated, rows_loaded = 0, percent = 0, message = NULL, errors = '[]', notes = '[]', " +
            "table_version = excluded.table_version",
            ct, ("@r", resourceId), ("@j", jobId), ("@now", now), ("@v", tableVersion));
        _signal.Release();
        return jobId;
    }

    private string Jobs => store.T("_jobs");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // A job left 'running' by a stopped process starts again.
            await using (var conn = await store.OpenJobsAsync(stoppingToken))
            {
                await DatastoreDb.ExecAsync(conn, null, $"UPDATE {Jobs} SET status = 'pending' WHERE status = 'running'", stoppingToken);
            }
            while (!stoppingToken.IsCancellationRequested)
            {
                var job = await ClaimAsync(stoppingToken);
                if (job is not null)
                {
                    await RunAsync(job.Value.ResourceId, job.Value.JobId, job.Value.TableVersion, stoppingToken);
                    continue;
                }
                if (!await FullTextAsync(stoppingToken))
                {
                    await _signal.WaitAsync(TimeSpan.FromSeconds(5), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            log.LogError(e, "DataStore loader stopped");
        }
    }

    /// <summary>Run the full-text step of one table that needs it; false when there is none.</summary>
    private async Task<bool> FullTextAsync(CancellationToken ct)
    {
        string? id = null;
        await using (var conn = await store.OpenAsync(ct))
        await using (var cmd = DatastoreDb.Command(conn, null, $"SELECT id FROM {store.T("_table_metadata")} WHERE meta LIKE '%\"full_text_ready\":false%' ORDER BY id"))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                if (!_fullTextFailed.ContainsKey(reader.GetString(0)))
                {
                    id = reader.GetString(0);
                    break;
                }
            }
        }
        if (id is null)
        {
            return false;
        }
        var progress = new LoadProgress();
        _fullText[id] = progress;
        try
        {
            await new FullTextStep(store).RunAsync(id, progress, LoadWaitingAsync, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not retried in this process (a restart tries again); the rows stay searchable through the fallback.
            log.LogWarning(e, "Full-text step for resource {Resource} failed", id);
            _fullTextFailed[id] = true;
        }
        finally
        {
            _fullText.TryRemove(id, out _);
        }
        return true;
    }

    /// <summary>Statistics and the visibility map after a load; a failure here does not undo the load.</summary>
    private async Task VacuumAsync(string resourceId, CancellationToken ct)
    {
        try
        {
            await store.VacuumAsync(resourceId, ct);
        }
        catch (DbException e)
        {
            log.LogWarning(e, "VACUUM after loading resource {Resource} failed", resourceId);
        }
    }

    private async Task<bool> LoadWaitingAsync(CancellationToken ct)
    {
        await using var conn = await store.OpenJobsAsync(ct);
        await using var cmd = DatastoreDb.Command(conn, null, $"SELECT resource_id FROM {Jobs} WHERE status = 'pending' LIMIT 1");
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    private async Task<(string ResourceId, string JobId, string? TableVersion)?> ClaimAsync(CancellationToken ct)
    {
        await using var conn = await store.OpenJobsAsync(ct);
        string resourceId, jobId;
        string? tableVersion;
        await using (var cmd = DatastoreDb.Command(conn, null, $"SELECT resource_id, job_id, table_version FROM {Jobs} WHERE status = 'pending' ORDER BY updated LIMIT 1"))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct))
            {
                return null;
            }
            (resourceId, jobId, tableVersion) = (reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        }
        // Claim with a conditional update, so two nodes never run the same job.
        var claimed = await DatastoreDb.ExecAsync(conn, null, $"UPDATE {Jobs} SET status = 'running', updated = @now WHERE resource_id = @r AND job_id = @j AND status = 'pending'",
            ct, ("@now", Now()), ("@r", resourceId), ("@j", jobId));
        return claimed == 1 ? (resourceId, jobId, tableVersion) : null;
    }

    private async Task FinishAsync(string resourceId, string jobId, string status, long rows, string? message, JsonArray errors, List<string> notes)
    {
        await using var conn = await store.OpenJobsAsync(CancellationToken.None);
        await DatastoreDb.ExecAsync(conn, null,
            $"UPDATE {Jobs} SET status = @s, updated = @now, rows_loaded = @rows, percent = @p, message = @m, errors = @e, notes = @n WHERE resource_id = @r AND job_id = @j",
            CancellationToken.None, ("@s", status), ("@now", Now()), ("@rows", rows), ("@p", status == "complete" ? 100.0 : 0.0), ("@m", message),
            ("@e", DatastoreDb.JsonString(errors)), ("@n", DatastoreDb.JsonString(new JsonArray(notes.Select(n => (JsonNode)n).ToArray()))), ("@r", resourceId), ("@j", jobId));
    }

    private async Task RunAsync(string resourceId, string jobId, string? tableVersion, CancellationToken ct)
    {
        var progress = new LoadProgress();
        _live[resourceId] = progress;
        var notes = new List<string>();
        try
        {
            Resource? r;
            using (var scope = services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<GovDb>();
                r = await db.Resources.AsNoTracking().SingleOrDefaultAsync(x => x.Id == resourceId && x.State == "active", ct);
            }
            if (r is null)
            {
                await FinishAsync(resourceId, jobId, "error", 0, "The resource no longer exists.", [], notes);
                return;
            }
            // The table as it was when the load was asked for (a job queued before table_version existed: as it is now).
            var startVersion = tableVersion;
            if (startVersion is null)
            {
                await using var conn = await store.OpenAsync(ct);
                startVersion = (await store.StatsAsync(conn, null, resourceId, ct)).Version;
            }
            string? temp = null;
            try
            {
                if (r.StorageKey is null)
                {
                    temp = await DownloadAsync(r.Url, ct);
                }
                var format = FormatOf(r);
                async Task<ITabularSource> OpenAsync()
                {
                    var stream = temp is not null ? File.OpenRead(temp) : await files.OpenAsync(r.StorageKey!, ct)
                        ?? throw new TabularException("The uploaded file is missing from the file store.");
                    return TabularSource.Open(stream, format);
                }
                _fullTextFailed.TryRemove(resourceId, out _);
                var run = new LoadRun(store, settings, resourceId, progress, notes) { StartVersion = startVersion };
                var outcome = await run.ExecuteAsync(OpenAsync, ct);
                if (outcome.Superseded)
                {
                    await FinishAsync(resourceId, jobId, "superseded", 0, outcome.Message, [], notes);
                    return;
                }
                if (outcome.Errors.Count > 0)
                {
                    await FinishAsync(resourceId, jobId, "error", 0, outcome.Message, outcome.Errors, notes);
                    return;
                }
                using (var scope = services.CreateScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<GovDb>();
                    var tracked = await db.Resources.SingleAsync(x => x.Id == resourceId, ct);
                    await DatastoreActions.SetActiveAsync(db, tracked, true, ct);
                }
                await FinishAsync(resourceId, jobId, "complete", outcome.Rows, outcome.Message, [], notes);
                await VacuumAsync(resourceId, ct);
            }
            finally
            {
                if (temp is not null)
                {
                    File.Delete(temp);
                }
            }
        }
        catch (TabularException e)
        {
            await FinishAsync(resourceId, jobId, "error", 0, e.Message + " The previous table (if any) is unchanged.", [], notes);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Loading resource {Resource} failed", resourceId);
            await FinishAsync(resourceId, jobId, "error", 0, "The load failed: " + e.Message + " The previous table (if any) is unchanged.", [], notes);
        }
        finally
        {
            _live.TryRemove(resourceId, out _);
        }
    }

    /// <summary>
    /// A linked file is fetched to a temporary file first (streamed, up to the size limit), then loaded like an upload.
    /// Every failure is a message for the publisher, and the partial file is removed.
    /// </summary>
    private async Task<string> DownloadAsync(string url, CancellationToken ct)
    {
        var tooLarge = $"The file at {url} is larger than the {settings.DatastoreMaxLoadBytes:N0} bytes the loader accepts (GovChannel:DatastoreMaxLoadBytes).";
        var temp = Path.GetTempFileName();
        try
        {
            var client = http.CreateClient(HttpClientName);
            using var response = await client.GetAsync(new Uri(url), HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new TabularException($"Fetching {url} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
            }
            if (response.Content.Headers.ContentLength > settings.DatastoreMaxLoadBytes)
            {
                throw new TabularException(tooLarge);
            }
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            await using var file = File.Create(temp);
            var buffer = new byte[81920];
            long total = 0;
            int n;
            while ((n = await body.ReadAsync(buffer, ct)) > 0)
            {
                total += n;
                if (total > settings.DatastoreMaxLoadBytes)
                {
                    throw new TabularException(tooLarge);
                }
                await file.WriteAsync(buffer.AsMemory(0, n), ct);
            }
            return temp;
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            File.Delete(temp);
            throw new TabularException($"Fetching {url} failed: {e.Message}");
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public async Task<JsonObject?> StatusAsync(string resourceId, CancellationToken ct)
    {
        await using var conn = await store.OpenJobsAsync(ct);
        await using var cmd = DatastoreDb.Command(conn, null,
            $"SELECT job_id, status, created, updated, rows_loaded, percent, message, errors, notes FROM {Jobs} WHERE resource_id = @r", ("@r", resourceId));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }
        var status = reader.GetString(1);
        var rows = reader.GetInt64(4);
        var percent = reader.GetDouble(5);
        if (status == "running" && _live.TryGetValue(resourceId, out var live))
        {
            rows = Interlocked.Read(ref live.Rows);
            percent = Math.Round(live.Percent, 1);
        }
        var result = new JsonObject
        {
            ["job_id"] = reader.GetString(0),
            ["status"] = status,
            ["created"] = reader.GetString(2),
            ["last_updated"] = reader.GetString(3),
            ["rows"] = rows,
            ["percent"] = percent,
            ["message"] = reader.IsDBNull(6) ? null : reader.GetString(6),
            ["errors"] = DatastoreDb.Json(reader.GetString(7)),
            ["notes"] = DatastoreDb.Json(reader.GetString(8)),
        };
        if (status == "complete")
        {
            result["full_text"] = await FullTextStatusAsync(resourceId, ct);
        }
        return result;
    }

    /// <summary>
    /// The full-text step after a completed load: <c>ready</c>, or <c>pending</c>/<c>running</c> with rows done of the
    /// total; until it is ready, <c>q</c> searches by substring (slower, same rows for whole words).
    /// </summary>
    private async Task<JsonObject?> FullTextStatusAsync(string resourceId, CancellationToken ct)
    {
        TableMeta? meta;
        await using (var conn = await store.OpenAsync(ct))
        {
            meta = await store.MetaAsync(conn, null, resourceId, ct);
        }
        if (meta is null)
        {
            return null;
        }
        if (meta.FullTextReady)
        {
            return new JsonObject { ["status"] = "ready" };
        }
        if (_fullText.TryGetValue(resourceId, out var live))
        {
            var done = Interlocked.Read(ref live.Rows);
            return new JsonObject
            {
                ["status"] = "running", ["rows"] = done, ["total"] = live.Total,
                ["percent"] = live.Total > 0 ? Math.Round(Math.Min(100, 100.0 * done / live.Total), 1) : 0,
            };
        }
        return new JsonObject { ["status"] = _fullTextFailed.ContainsKey(resourceId) ? "error" : "pending" };
    }

    /// <summary>xloader_status {resource_id}: the latest job, with live progress while it runs.</summary>
    public static async Task<JsonNode?> StatusAction(ActionContext ctx)
    {
        var id = ctx.Required("resource_id");
        await DatastoreActions.ResourceAsync(ctx, id, write: false);
        return await ctx.Service<DatastoreLoader>().StatusAsync(id, ctx.Http.RequestAborted)
            ?? throw new NotFound("No DataStore load has been submitted for this resource.");
    }

    /// <summary>xloader_submit {resource_id}: (re)load the resource's file; needs package_update on its dataset.</summary>
    public static async Task<JsonNode?> SubmitAction(ActionContext ctx)
    {
        var r = await DatastoreActions.ResourceAsync(ctx, ctx.Required("resource_id"), write: true);
        var loader = ctx.Service<DatastoreLoader>();
        if (!loader.IsLoadable(r))
        {
            throw new ValidationError("resource_id", $"Resource format \"{r.Format}\" cannot be loaded into the DataStore (formats: {ctx.Service<DatastoreSettings>().DatastoreLoadFormats}).");
        }
        var id = r.Id;
        ctx.Http.Response.OnStarting(async () =>
        {
            if (ctx.Http.Response.StatusCode == StatusCodes.Status200OK)
            {
                await loader.EnqueueAsync(id, CancellationToken.None);
            }
        });
        return JsonValue.Create(true);
    }

    public override void Dispose()
    {
        _signal.Dispose();
        base.Dispose();
    }
}
