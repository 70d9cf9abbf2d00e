using System.Collections.Concurrent;
using GovChannel.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.OpenData.Search;

/// <summary>
/// The titles of organisations and groups, for the display names of package_search's facets. Reading them from the
/// database cost each search a query; they are kept for as long as the index's <see cref="SearchIndex.Generation"/>
/// stays the same, because a changed title reindexes the group's datasets (GroupWriter.UpdateAsync), which moves the
/// generation on. A group that no indexed dataset names never appears in a facet.
/// </summary>
public sealed class GroupTitles(SearchIndex index)
{
    private sealed record Snapshot(long Generation, ConcurrentDictionary<string, string?> Titles);

    private Snapshot _snapshot = new(-1, new(StringComparer.Ordinal));

    public async Task<IReadOnlyDictionary<string, string?>> GetAsync(GovDb db, IReadOnlyCollection<string> names, CancellationToken ct)
    {
        // Read the generation before the database: a title read later than a change is at worst newer than its snapshot.
        var generation = index.Generation;
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot.Generation != generation)
        {
            snapshot = new Snapshot(generation, new(StringComparer.Ordinal));
            Volatile.Write(ref _snapshot, snapshot);
        }
        var missing = names.Where(n => !snapshot.Titles.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            var rows = await db.Groups.Where(g => missing.Contains(g.Name)).Select(g => new { g.Name, g.Title }).ToListAsync(ct);
            foreach (var row in rows)
            {
                snapshot.Titles[row.Name] = row.Title;
            }
            foreach (var name in missing)
            {
                // A name no group has (a dataset indexed before its group was purged): remembered too, as untitled.
                snapshot.Titles.TryAdd(name, null);
            }
        }
        return snapshot.Titles;
    }
}
