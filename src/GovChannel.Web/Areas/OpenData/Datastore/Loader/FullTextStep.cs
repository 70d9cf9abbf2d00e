using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace GovChannel.Web.Areas.OpenData.Datastore;

/// <summary>
/// The loader's second step (XLoader also COPYs first and indexes afterwards): fill <c>_full_text</c> for the rows a
/// load wrote without it, then build the full-text index and mark the table ready. Until then the rows are already
/// searchable and <c>q</c> falls back to a substring scan (<see cref="DatastoreQuery"/>).
/// <list type="bullet">
/// <item>Batches by <c>_id</c>, each in its own short transaction, only into rows whose <c>_full_text</c> is still null:
/// an upsert meanwhile writes its own full text and is never overwritten; a stopped process resumes where it was.</item>
/// <item>Each batch first locks the table, then checks the table is still the load it started on (<see cref="TableMeta.LoadId"/>);
/// a reload swapped in meanwhile is left to its own step. The last step locks the metadata row, so a data-dictionary
/// change made meanwhile (datastore_create) is kept.</item>
/// <item>Segmentation runs on every core (it is the cost: the COPY itself is several times faster).</item>
/// </list>
/// </summary>
public sealed class FullTextStep(DatastoreDb store)
{
    private const int Batch = 10_000;

    /// <summary>True when the table is ready (or gone); false when it stopped early because <paramref name="yieldNow"/> said so.</summary>
    public async Task<bool> RunAsync(string id, LoadProgress progress, Func<CancellationToken, Task<bool>> yieldNow, CancellationToken ct)
    {
        TableMeta? meta;
        await using (var c = await store.OpenAsync(ct, bulk: true))
        {
            meta = await store.MetaAsync(c, null, id, ct);
            if (meta is null || meta.FullTextReady)
            {
                return true;
            }
            progress.Total = await store.CountAsync(c, null, id, ct);
        }
        var cols = string.Join(", ", meta.Fields.Select(f => DatastoreDb.Q(f.Id)));
        long last = 0;
        while (true)
        {
            var ids = new List<long>(Batch);
            var rows = new List<object?[]>(Batch);
            await using (var conn = await store.OpenAsync(ct, bulk: true))
            await using (var cmd = DatastoreDb.Command(conn, null,
                $"SELECT _id, {cols} FROM {store.T(id)} WHERE _id > @last AND _full_text IS NULL ORDER BY _id LIMIT {Batch.ToString(CultureInfo.InvariantCulture)}", ("@last", last)))
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    ids.Add(reader.GetInt64(0));
                    var values = new object?[meta.Fields.Count];
                    for (var i = 0; i < values.Length; i++)
                    {
                        values[i] = reader.IsDBNull(i + 1) ? null : reader.GetValue(i + 1);
                    }
                    rows.Add(values);
                }
            }
            if (ids.Count == 0)
            {
                break;
            }
            var texts = new string[ids.Count];
            Parallel.For(0, ids.Count, new ParallelOptions { CancellationToken = ct }, i => texts[i] = DatastoreDb.RowFullText(meta.Fields, rows[i]));
            if (!await WriteAsync(id, meta.LoadId, ids, texts, ct))
            {
                return true;
            }
            last = ids[^1];
            Interlocked.Add(ref progress.Rows, ids.Count);
            if (await yieldNow(ct))
            {
                return false;
            }
        }
        return await FinishAsync(id, meta.LoadId, ct);
    }

    /// <summary>Lock the table, check it is still our load, write the batch; false when the table was replaced or dropped.</summary>
    private async Task<bool> WriteAsync(string id, string? loadId, List<long> ids, string[] texts, CancellationToken ct)
    {
        await using var conn = await store.OpenAsync(ct, bulk: true);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (store.IsPostgres)
        {
            // The table before reading which load it holds: a swap (which holds the table until it commits) cannot
            // slip in between the check and the write.
            await DatastoreDb.ExecAsync(conn, tx, $"LOCK TABLE {store.T(id)} IN ROW EXCLUSIVE MODE", ct);
        }
        if (!await SameLoadAsync(conn, tx, id, loadId, ct))
        {
            return false;
        }
        if (store.IsPostgres)
        {
            await DatastoreDb.ExecAsync(conn, tx,
                $"UPDATE {store.T(id)} AS t SET _full_text = v.ft FROM unnest(@ids, @fts) AS v(id, ft) WHERE t._id = v.id AND t._full_text IS NULL",
                ct, ("@ids", ids.ToArray()), ("@fts", texts));
        }
        else
        {
            await using var cmd = DatastoreDb.Command(conn, tx, $"UPDATE {store.T(id)} SET _full_text = @ft WHERE _id = @id AND _full_text IS NULL");
            var ft = DatastoreDb.Param(cmd, "@ft", "", "text");
            var rowId = DatastoreDb.Param(cmd, "@id", 0L);
            for (var i = 0; i < ids.Count; i++)
            {
                ft.Value = texts[i];
                rowId.Value = ids[i];
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Every row has its full text: build the index and mark the table ready, in one transaction.</summary>
    private async Task<bool> FinishAsync(string id, string? loadId, CancellationToken ct)
    {
        await using var conn = await store.OpenAsync(ct, bulk: true);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // The metadata row first (datastore_create may be changing the data dictionary), then the table.
        var meta = await store.MetaAsync(conn, tx, id, ct, forUpdate: true);
        if (meta is null || meta.LoadId != loadId || meta.FullTextReady)
        {
            return true;
        }
        await using (var cmd = DatastoreDb.Command(conn, tx, $"SELECT _id FROM {store.T(id)} WHERE _full_text IS NULL LIMIT 1"))
        {
            if (await cmd.ExecuteScalarAsync(ct) is not null)
            {
                // Rows written without full text after we passed them (not done by our writers): another round.
                return false;
            }
        }
        if (store.IsPostgres)
        {
            // The GIN build sorts every term: give it room (PostgreSQL's default is 64 MB).
            await DatastoreDb.ExecAsync(conn, tx, "SET LOCAL maintenance_work_mem = '256MB'", ct);
        }
        var index = new DsIndex(DatastoreDb.NewIndexName("ft_"), [], false);
        await store.CreateIndexAsync(conn, tx, id, index, ct);
        meta.Indexes.Add(index);
        meta.FullTextReady = true;
        await store.SaveMetaAsync(conn, tx, meta, ct);
        await tx.CommitAsync(ct);
        // Every row was rewritten once: reclaim the old versions and set the visibility map again.
        await store.VacuumAsync(id, ct);
        return true;
    }

    private async Task<bool> SameLoadAsync(DbConnection conn, DbTransaction tx, string id, string? loadId, CancellationToken ct) =>
        await store.MetaAsync(conn, tx, id, ct) is { FullTextReady: false } meta && meta.LoadId == loadId;
}
