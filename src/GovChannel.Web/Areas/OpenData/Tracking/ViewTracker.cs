using System.Security.Cryptography;
using System.Text;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.OpenData.Tracking;

/// <summary>
/// Counts dataset page views and resource downloads once per visitor per day, without cookies and without storing
/// anything about the visitor. A visitor is SHA-256(daily salt + IP + User-Agent + what was viewed); the salt is random,
/// lives only in this process's memory and is replaced at each UTC midnight, so yesterday's hashes cannot be linked to
/// today's or reversed. Only the per-day counts reach the database (<see cref="ViewCount"/>).
/// What to watch: each node has its own salt, so a visitor served by two nodes on one day can count twice, and a
/// restart starts a new salt for the rest of the day. Both over-count slightly; neither records anyone.
/// </summary>
public sealed class ViewTracker(TimeProvider time, IServiceScopeFactory scopes, ILogger<ViewTracker> log)
{
    /// <summary>"Recent" as CKAN's tracking_summary means it: the last 14 days.</summary>
    public const int RecentDays = 14;
    private const int MaxVisitorsPerDay = 1_000_000;

    private readonly Lock _lock = new();
    private DateOnly _day;
    private byte[] _salt = [];
    private HashSet<string> _seen = new(StringComparer.Ordinal);

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Count one view (resourceId empty) or download, if this visitor has not been counted for it today.</summary>
    public async Task CountAsync(HttpContext http, string datasetId, string resourceId = "")
    {
        var agent = http.Request.Headers.UserAgent.ToString();
        if (agent.Length == 0 || IsRobot(agent) || !HttpMethods.IsGet(http.Request.Method))
        {
            return;
        }
        var day = Today;
        lock (_lock)
        {
            if (day != _day)
            {
                _day = day;
                _salt = RandomNumberGenerator.GetBytes(32);
                _seen = new HashSet<string>(StringComparer.Ordinal);
            }
            var visitor = Convert.ToHexString(SHA256.HashData([.. _salt, .. Encoding.UTF8.GetBytes(
                $"{http.Connection.RemoteIpAddress}\n{agent}\n{datasetId}\n{resourceId}")]));
            if (_seen.Count >= MaxVisitorsPerDay || !_seen.Add(visitor))
            {
                return;
            }
        }
        try
        {
            await IncrementAsync(datasetId, resourceId, day);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException)
        {
            // A lost view is not worth a failed page.
            log.LogWarning(e, "Could not count a view of {Dataset}", datasetId);
        }
    }

    private async Task IncrementAsync(string datasetId, string resourceId, DateOnly day)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GovDb>();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var updated = await db.ViewCounts.Where(v => v.DatasetId == datasetId && v.ResourceId == resourceId && v.Day == day)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.Count, v => v.Count + 1));
            if (updated > 0)
            {
                return;
            }
            db.ViewCounts.Add(new ViewCount { DatasetId = datasetId, ResourceId = resourceId, Day = day, Count = 1 });
            try
            {
                await db.SaveChangesAsync();
                return;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Another request inserted today's row first: increment it instead.
                db.ChangeTracker.Clear();
            }
        }
    }

    private static bool IsRobot(string agent) =>
        agent.Contains("bot", StringComparison.OrdinalIgnoreCase) || agent.Contains("spider", StringComparison.OrdinalIgnoreCase)
        || agent.Contains("crawl", StringComparison.OrdinalIgnoreCase) || agent.Contains("slurp", StringComparison.OrdinalIgnoreCase);

    /// <summary>The first day of the recent window that ends today.</summary>
    public static DateOnly RecentSince(TimeProvider time) =>
        DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-(RecentDays - 1));

    /// <summary>Page views of one dataset over the last <see cref="RecentDays"/> days.</summary>
    public async Task<int> RecentViewsAsync(GovDb db, string datasetId, CancellationToken ct)
    {
        var since = RecentSince(time);
        return await db.ViewCounts.Where(v => v.DatasetId == datasetId && v.ResourceId == "" && v.Day >= since).SumAsync(v => v.Count, ct);
    }

    /// <summary>
    /// Page views per dataset (CKAN's tracking_summary: recent and total) for the datasets whose rows
    /// <paramref name="counts"/> selects: one grouped query for a whole page of datasets, as the search index reads them.
    /// Datasets never viewed are absent.
    /// </summary>
    public static async Task<Dictionary<string, DatasetViews>> SummariesAsync(IQueryable<ViewCount> counts, DateOnly since, CancellationToken ct) =>
        await counts.Where(v => v.ResourceId == "").GroupBy(v => v.DatasetId)
            .Select(g => new { g.Key, Recent = g.Sum(v => v.Day >= since ? v.Count : 0), Total = g.Sum(v => v.Count) })
            .ToDictionaryAsync(x => x.Key, x => new DatasetViews(x.Recent, x.Total), StringComparer.Ordinal, ct);

    /// <summary>
    /// <c>/dataset/{id}/resource/{resourceId}/go</c>: counts a download of a linked (not uploaded) resource and sends
    /// the visitor on to its URL. Only the resource's own http(s) URL is ever a target, so this is no open redirect.
    /// </summary>
    public static void Map(WebApplication app) =>
        app.MapGet("/dataset/{id}/resource/{resourceId}/go", async (HttpContext http, string id, string resourceId, GovDb db, ViewTracker tracker) =>
        {
            var r = await db.Resources.Include(x => x.Dataset)
                .SingleOrDefaultAsync(x => x.Id == resourceId && x.State == "active", http.RequestAborted);
            if (r?.Dataset is null || (r.Dataset.Id != id && r.Dataset.Name != id))
            {
                return Results.NotFound();
            }
            var ctx = new ActionContext(http, db, await CkanApi.CurrentUserAsync(http, db), [], "resource_go");
            if (!await Authz.CanReadDatasetAsync(ctx, r.Dataset))
            {
                return Results.NotFound();
            }
            if (r.UrlType == "upload")
            {
                // Uploads are counted by the download endpoint itself.
                return Results.Redirect($"/dataset/{r.DatasetId}/resource/{r.Id}/download/{Uri.EscapeDataString(r.Url)}");
            }
            if (!Uri.TryCreate(r.Url, UriKind.Absolute, out var target) || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
            {
                return Results.NotFound();
            }
            await tracker.CountAsync(http, r.DatasetId, r.Id);
            return Results.Redirect(target.AbsoluteUri);
        });
}

/// <summary>A dataset's page views: over the last <see cref="ViewTracker.RecentDays"/> days and in all.</summary>
public readonly record struct DatasetViews(int Recent, int Total);
