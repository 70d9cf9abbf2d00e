using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GovChannel.Thai;
using GovChannel.Web.Data;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace GovChannel.Web.Areas.OpenData.Datastore;

public sealed record DsIndex(string Name, List<string> Columns, bool Unique);

/// <summary>What the DataStore knows about one table: its data dictionary, primary key and the indexes we made.</summary>
public sealed class TableMeta
{
    public required string Id { get; init; }
    public List<DsField> Fields { get; init; } = [];
    public List<string> PrimaryKey { get; set; } = [];
    public List<DsIndex> Indexes { get; init; } = [];
    /// <summary>
    /// False after a file load until the full-text step has filled <c>_full_text</c> and built its index
    /// (<see cref="FullTextStep"/>); <c>q</c> falls back to a substring scan meanwhile.
    /// </summary>
    public bool FullTextReady { get; set; } = true;
    /// <summary>A new value per file load: the full-text step writes only into the table it started on.</summary>
    public string? LoadId { get; init; }

    public DsField? Field(string id) => Fields.FirstOrDefault(f => f.Id == id);

    public string ToJson() => new JsonObject
    {
        ["fields"] = new JsonArray(Fields.Select(f => (JsonNode)f.ToJson()).ToArray()),
        ["primary_key"] = new JsonArray(PrimaryKey.Select(p => (JsonNode)p).ToArray()),
        ["indexes"] = new JsonArray(Indexes.Select(i => (JsonNode)new JsonObject
        {
            ["name"] = i.Name, ["columns"] = new JsonArray(i.Columns.Select(c => (JsonNode)c).ToArray()), ["unique"] = i.Unique,
        }).ToArray()),
        ["full_text_ready"] = FullTextReady,
        ["load_id"] = LoadId,
    }.ToJsonString();

    public static TableMeta FromJson(string id, string json)
    {
        var o = JsonNode.Parse(json)!.AsObject();
        return new TableMeta
        {
            Id = id,
            Fields = o["fields"]!.AsArray().Select(f => new DsField(f!["id"]!.GetValue<string>(), f["type"]!.GetValue<string>(), f["info"] as JsonObject is { } info ? (JsonObject)info.DeepClone() : null)).ToList(),
            PrimaryKey = o["primary_key"]?.AsArray().Select(p => p!.GetValue<string>()).ToList() ?? [],
            Indexes = o["indexes"]?.AsArray().Select(i => new DsIndex(i!["name"]!.GetValue<string>(),
                i["columns"]!.AsArray().Select(c => c!.GetValue<string>()).ToList(), i["unique"]!.GetValue<bool>())).ToList() ?? [],
            FullTextReady = o["full_text_ready"]?.GetValue<bool>() ?? true,
            LoadId = o["load_id"]?.GetValue<string>(),
        };
    }
}

/// <summary>
/// The DataStore's own storage, in plain ADO.NET: on PostgreSQL the <c>datastore</c> schema of the main database; on
/// SQLite a separate file <c>{DataDirectory}/datastore.db</c>, so large tables never bloat or lock the catalogue.
/// One table per resource, named by the resource id, with <c>_id</c> and <c>_full_text</c> (Thai-segmented words,
/// space-separated). <c>_table_metadata</c> holds the data dictionary, <c>_table_stats</c> the cached row counts (so a
/// total never scans: ckan/ckan#3450), <c>_jobs</c> the loader's durable queue.
/// Identifiers come from users ("the year"): every identifier goes through <see cref="Q"/>, every value is a parameter.
/// </summary>
public sealed class DatastoreDb : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _pg;
    private readonly NpgsqlDataSource? _pgBulk;
    private readonly string? _sqlite;
    private readonly string? _sqliteJobs;
    private readonly SemaphoreSlim _init = new(1, 1);
    private bool _ready;

    public DatastoreDb(IConfiguration config, GovChannelSettings settings)
    {
        if (Database.IsPostgres(config))
        {
            _pg = NpgsqlDataSource.Create(config.GetConnectionString("GovChannel")!);
            // Loads, the full-text step and VACUUM run as long as the table needs (a GIN build over millions of rows
            // takes minutes); requests keep the connection string's command timeout.
            _pgBulk = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(config.GetConnectionString("GovChannel")!) { CommandTimeout = 0 }.ConnectionString);
        }
        else
        {
            Directory.CreateDirectory(settings.DataDirectory);
            _sqlite = new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(settings.DataDirectory, "datastore.db"),
                DefaultTimeout = 60,
                Pooling = true,
            }.ToString();
            // The job queue has its own file: a long SQLite load holds the datastore file's write lock, and enqueueing
            // or reporting progress must not wait for it.
            _sqliteJobs = new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(settings.DataDirectory, "datastore-jobs.db"),
                DefaultTimeout = 30,
                Pooling = true,
            }.ToString();
        }
    }

    public bool IsPostgres => _pg is not null;

    /// <summary>
    /// Full-text terms per row: the segmenter's words, plus Thai character-cluster bigrams (<c>~</c>-prefixed) over every
    /// run of Thai letters. The segmenter keeps a dictionary compound such as สำนักงานสถิติแห่งชาติ whole; the bigrams let
    /// สถิติ inside it still match (DESIGN decision 5: a segmentation choice must not lose a match).
    /// </summary>
    public static string FullText(IEnumerable<string?> values)
    {
        var sb = new StringBuilder();
        foreach (var value in values)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }
            foreach (var word in ThaiSegmenter.Default.Words(value))
            {
                Append(sb, word);
            }
            if (value.Any(IsThai))
            {
                foreach (var run in ThaiRuns(ThaiNormalizer.Normalize(value)))
                {
                    var clusters = Clusters(run);
                    for (var i = 0; i + 1 < clusters.Count; i++)
                    {
                        Append(sb, "~" + clusters[i] + clusters[i + 1]);
                    }
                }
            }
            if (sb.Length > 100_000)
            {
                break;
            }
        }
        return sb.ToString();
    }

    /// <summary>The terms a query must all match: words, with a Thai word of two or more clusters as its cluster bigrams.</summary>
    public static List<string> QueryTerms(string q)
    {
        var terms = new List<string>();
        foreach (var word in ThaiSegmenter.Default.Words(q))
        {
            var clusters = word.All(IsThai) ? Clusters(word) : [];
            if (clusters.Count < 2)
            {
                terms.Add(word);
                continue;
            }
            for (var i = 0; i + 1 < clusters.Count; i++)
            {
                terms.Add("~" + clusters[i] + clusters[i + 1]);
            }
        }
        return terms.Distinct(StringComparer.Ordinal).ToList();
    }

    private static void Append(StringBuilder sb, string term)
    {
        if (sb.Length > 0)
        {
            sb.Append(' ');
        }
        sb.Append(term);
    }

    private static bool IsThai(char c) => c is >= '\u0E01' and <= '\u0E4E';

    private static IEnumerable<string> ThaiRuns(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var thai = i < text.Length && IsThai(text[i]);
            if (thai && start < 0)
            {
                start = i;
            }
            else if (!thai && start >= 0)
            {
                yield return text[start..i];
                start = -1;
            }
        }
    }

    /// <summary>A simple cluster split: a consonant or leading vowel starts a cluster; marks and following vowels join it.</summary>
    private static List<string> Clusters(string run)
    {
        var result = new List<string>();
        var start = 0;
        for (var i = 1; i < run.Length; i++)
        {
            var c = run[i];
            var startsCluster = (c is >= '\u0E01' and <= '\u0E2E' || c is >= '\u0E40' and <= '\u0E44') && run[i - 1] is not (>= '\u0E40' and <= '\u0E44');
            if (startsCluster)
            {
                result.Add(run[start..i]);
                start = i;
            }
        }
        if (run.Length > 0)
        {
            result.Add(run[start..]);
        }
        return result;
    }

    public static string Q(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public string T(string table) => IsPostgres ? "datastore." + Q(table) : Q(table);

    /// <param name="bulk">For the loader's background work: no command timeout on PostgreSQL.</param>
    public async Task<DbConnection> OpenAsync(CancellationToken ct, bool bulk = false)
    {
        await EnsureSchemaAsync(ct);
        return bulk && _pgBulk is not null ? await _pgBulk.OpenConnectionAsync(ct) : await OpenRawAsync(ct);
    }

    /// <summary>The loader's job table: in the datastore schema on PostgreSQL, in its own file on SQLite.</summary>
    public async Task<DbConnection> OpenJobsAsync(CancellationToken ct)
    {
        await EnsureSchemaAsync(ct);
        if (_pg is not null)
        {
            return await _pg.OpenConnectionAsync(ct);
        }
        var conn = new SqliteConnection(_sqliteJobs);
        await conn.OpenAsync(ct);
        return conn;
    }

    /// <summary>datastore_search_sql on SQLite: a read-only, unpooled connection (it gets its own authorizer).</summary>
    public async Task<SqliteConnection> OpenReadOnlyAsync(CancellationToken ct)
    {
        await EnsureSchemaAsync(ct);
        var conn = new SqliteConnection(new SqliteConnectionStringBuilder(_sqlite) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await conn.OpenAsync(ct);
        return conn;
    }

    private async Task<DbConnection> OpenRawAsync(CancellationToken ct)
    {
        if (_pg is not null)
        {
            return await _pg.OpenConnectionAsync(ct);
        }
        var conn = new SqliteConnection(_sqlite);
        await conn.OpenAsync(ct);
        conn.CreateFunction<string?, string?>(FoldFunction, s => s is null ? null : Fold(s), isDeterministic: true);
        return conn;
    }

    private async Task EnsureSchemaAsync(CancellationToken ct)
    {
        if (_ready)
        {
            return;
        }
        await _init.WaitAsync(ct);
        try
        {
            if (_ready)
            {
                return;
            }
            await using var conn = await OpenRawAsync(ct);
            var sql = IsPostgres
                ? """
                  CREATE SCHEMA IF NOT EXISTS datastore;
                  CREATE TABLE IF NOT EXISTS datastore._table_metadata (id text PRIMARY KEY, meta text NOT NULL);
                  CREATE TABLE IF NOT EXISTS datastore._table_stats (id text PRIMARY KEY, row_count bigint NOT NULL, version text NOT NULL DEFAULT '');
                  ALTER TABLE datastore._table_stats ADD COLUMN IF NOT EXISTS version text NOT NULL DEFAULT '';
                  CREATE TABLE IF NOT EXISTS datastore._aliases (name text PRIMARY KEY, resource_id text NOT NULL);
                  CREATE TABLE IF NOT EXISTS datastore._jobs (resource_id text PRIMARY KEY, job_id text NOT NULL, status text NOT NULL,
                    created text NOT NULL, updated text NOT NULL, rows_loaded bigint NOT NULL DEFAULT 0, percent double precision NOT NULL DEFAULT 0,
                    message text, errors text NOT NULL DEFAULT '[]', notes text NOT NULL DEFAULT '[]');
                  ALTER TABLE datastore._jobs ADD COLUMN IF NOT EXISTS table_version text;
                  """
                : """
                  PRAGMA journal_mode=WAL;
                  CREATE TABLE IF NOT EXISTS _table_metadata (id TEXT PRIMARY KEY, meta TEXT NOT NULL);
                  CREATE TABLE IF NOT EXISTS _table_stats (id TEXT PRIMARY KEY, row_count INTEGER NOT NULL, version TEXT NOT NULL DEFAULT '');
                  CREATE TABLE IF NOT EXISTS _aliases (name TEXT PRIMARY KEY, resource_id TEXT NOT NULL);
                  """;
            if (IsPostgres)
            {
                // Two application nodes starting at once must not race on CREATE SCHEMA.
                sql = "SELECT pg_advisory_xact_lock(7461); " + sql;
                await using var tx = await conn.BeginTransactionAsync(ct);
                await ExecAsync(conn, tx, sql, ct);
                await tx.CommitAsync(ct);
            }
            else
            {
                await ExecAsync(conn, null, sql, ct);
                // Files written before _table_stats had a version (SQLite has no ADD COLUMN IF NOT EXISTS).
                await using (var has = Command(conn, null, "SELECT COUNT(*) FROM pragma_table_info('_table_stats') WHERE name = 'version'"))
                {
                    if (Convert.ToInt64(await has.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) == 0)
                    {
                        await ExecAsync(conn, null, "ALTER TABLE _table_stats ADD COLUMN version TEXT NOT NULL DEFAULT ''", ct);
                    }
                }
                await using var jobs = new SqliteConnection(_sqliteJobs);
                await jobs.OpenAsync(ct);
                await ExecAsync(jobs, null, """
                    PRAGMA journal_mode=WAL;
                    CREATE TABLE IF NOT EXISTS _jobs (resource_id TEXT PRIMARY KEY, job_id TEXT NOT NULL, status TEXT NOT NULL,
                      created TEXT NOT NULL, updated TEXT NOT NULL, rows_loaded INTEGER NOT NULL DEFAULT 0, percent REAL NOT NULL DEFAULT 0,
                      message TEXT, errors TEXT NOT NULL DEFAULT '[]', notes TEXT NOT NULL DEFAULT '[]');
                    """, ct);
                await using var hasVersion = Command(jobs, null, "SELECT COUNT(*) FROM pragma_table_info('_jobs') WHERE name = 'table_version'");
                if (Convert.ToInt64(await hasVersion.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) == 0)
                {
                    await ExecAsync(jobs, null, "ALTER TABLE _jobs ADD COLUMN table_version TEXT", ct);
                }
            }
            _ready = true;
        }
        finally
        {
            _init.Release();
        }
    }

    public static async Task<int> ExecAsync(DbConnection conn, DbTransaction? tx, string sql, CancellationToken ct, params (string Name, object? Value)[] args)
    {
        await using var cmd = Command(conn, tx, sql, args);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    public static DbCommand Command(DbConnection conn, DbTransaction? tx, string sql, params (string Name, object? Value)[] args)
    {
        var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in args)
        {
            Param(cmd, name, value);
        }
        return cmd;
    }

    public static DbParameter Param(DbCommand cmd, string name, object? value, string? type = null)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        if (p is NpgsqlParameter np)
        {
            if (type == "json")
            {
                np.NpgsqlDbType = NpgsqlDbType.Jsonb;
            }
            else if (type == "text" || (value is null && type is null))
            {
                np.NpgsqlDbType = NpgsqlDbType.Text;
            }
            else if (value is null && type is not null)
            {
                np.DataTypeName = DsTypes.Native(type, true);
            }
        }
        cmd.Parameters.Add(p);
        return p;
    }

    /// <param name="forUpdate">
    /// PostgreSQL: lock the metadata row until the transaction ends, for a read-modify-write of the data dictionary.
    /// Everything that locks both takes the metadata row first and the table second, so they never deadlock.
    /// (SQLite's write transactions are serial already.)
    /// </param>
    public async Task<TableMeta?> MetaAsync(DbConnection conn, DbTransaction? tx, string id, CancellationToken ct, bool forUpdate = false)
    {
        var lockRow = forUpdate && IsPostgres ? " FOR UPDATE" : "";
        await using var cmd = Command(conn, tx, $"SELECT meta FROM {T("_table_metadata")} WHERE id = @id{lockRow}", ("@id", id));
        return await cmd.ExecuteScalarAsync(ct) is string json ? TableMeta.FromJson(id, json) : null;
    }

    public async Task<bool> ExistsAsync(string id, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        return await MetaAsync(conn, null, id, ct) is not null;
    }

    public async Task SaveMetaAsync(DbConnection conn, DbTransaction tx, TableMeta meta, CancellationToken ct)
    {
        var sql = $"INSERT INTO {T("_table_metadata")} (id, meta) VALUES (@id, @meta) ON CONFLICT (id) DO UPDATE SET meta = excluded.meta";
        await ExecAsync(conn, tx, sql, ct, ("@id", meta.Id), ("@meta", meta.ToJson()));
    }

    /// <summary>The stored row count and the table's version (a new random value on every write).</summary>
    public sealed record TableStats(long Rows, string Version);

    public async Task<TableStats> StatsAsync(DbConnection conn, DbTransaction? tx, string id, CancellationToken ct)
    {
        await using var cmd = Command(conn, tx, $"SELECT row_count, version FROM {T("_table_stats")} WHERE id = @id", ("@id", id));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new TableStats(reader.GetInt64(0), reader.GetString(1)) : new TableStats(0, "");
    }

    public async Task<long> CountAsync(DbConnection conn, DbTransaction? tx, string id, CancellationToken ct) =>
        (await StatsAsync(conn, tx, id, ct)).Rows;

    /// <summary>
    /// Adjust the cached count inside the writing transaction, so it is exact without ever counting, and give the table
    /// a new version: every write (datastore_create, upsert, records_delete, a load's swap) comes through here or
    /// <see cref="SetCountAsync"/>. The version lives in the database, so every node sees it move.
    /// </summary>
    public async Task AddCountAsync(DbConnection conn, DbTransaction tx, string id, long delta, CancellationToken ct)
    {
        var sql = $"INSERT INTO {T("_table_stats")} (id, row_count, version) VALUES (@id, @n, @v) ON CONFLICT (id) DO UPDATE SET row_count = {T("_table_stats")}.row_count + excluded.row_count, version = excluded.version";
        await ExecAsync(conn, tx, sql, ct, ("@id", id), ("@n", delta), ("@v", NewVersion()));
    }

    public async Task SetCountAsync(DbConnection conn, DbTransaction tx, string id, long count, CancellationToken ct)
    {
        var sql = $"INSERT INTO {T("_table_stats")} (id, row_count, version) VALUES (@id, @n, @v) ON CONFLICT (id) DO UPDATE SET row_count = excluded.row_count, version = excluded.version";
        await ExecAsync(conn, tx, sql, ct, ("@id", id), ("@n", count), ("@v", NewVersion()));
    }

    // Random rather than a counter: a table dropped and created again must never meet its old version in a cache.
    private static string NewVersion() => Guid.NewGuid().ToString("N");

    // ---------------------------------------------------------------- totals

    private const int MaxCachedTotals = 50_000;
    private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);

    /// <summary>
    /// A search's total without scanning again: unfiltered, the stored row count; filtered, counted once per table
    /// version and query (<see cref="DatastoreQuery.TotalKey"/>) and kept in memory. The version is read from the
    /// database (<paramref name="stats"/>, before the records), so a write on any node makes older entries unreachable.
    /// An entry may hold a count from slightly newer data than its version (a write committed between the two reads);
    /// that version is then already replaced, so nobody is answered from it for long.
    /// </summary>
    public async Task<long> TotalAsync(DbConnection conn, DatastoreQuery query, TableStats stats, CancellationToken ct)
    {
        if (!query.HasConditions && !query.Distinct)
        {
            return stats.Rows;
        }
        var key = query.TotalKey(stats.Version);
        if (_totals.TryGetValue(key, out var cached))
        {
            return cached;
        }
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = query.CountSql();
        query.Bind(cmd);
        var total = Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        RememberTotal(key, total);
        return total;
    }

    /// <summary>
    /// After a page sorted by <c>_id</c>: the next keyset page (<c>_id</c> past <paramref name="lastId"/>, same filters)
    /// matches the rows this page did not reach, so its total is known without counting.
    /// </summary>
    public void RememberNextPageTotal(TableMeta meta, System.Text.Json.Nodes.JsonObject data, bool descending, TableStats stats, long total, long offset, int returned, long lastId)
    {
        if (DatastoreQuery.NextPageData(data, lastId, descending) is { } next)
        {
            RememberTotal(new DatastoreQuery(this, meta).Build(next).TotalKey(stats.Version), Math.Max(0, total - offset - returned));
        }
    }

    private void RememberTotal(string key, long total)
    {
        if (_totals.Count >= MaxCachedTotals)
        {
            // Entries of old versions are never asked for again; starting empty is the simplest bound.
            _totals.Clear();
        }
        _totals[key] = total;
    }

    // ---------------------------------------------------------------- Thai folding for the q fallback

    /// <summary>SQLite's name for <see cref="Fold"/>, registered on every connection this class opens.</summary>
    public const string FoldFunction = "gc_fold";

    /// <summary>Text as the full-text path compares it: <see cref="ThaiNormalizer.Normalize"/>, ASCII digits, lower case.</summary>
    public static string Fold(string text) => ThaiDigits.ToArabic(ThaiNormalizer.Normalize(text)).ToLowerInvariant();

    /// <summary>
    /// SQL for <see cref="Fold"/> of <paramref name="expression"/>: SQLite calls the C# function; PostgreSQL does the same
    /// steps in SQL (NFC; Thai digits to ASCII and zero-width characters removed; ํา to ำ; เเ to แ; a repeated above or
    /// below mark kept once; lower case).
    /// </summary>
    public string FoldSql(string expression)
    {
        if (!IsPostgres)
        {
            return $"{FoldFunction}({expression})";
        }
        // U&'…' UESCAPE '!': code points written out (no invisible characters in the source), backslash left literal.
        const string digitsAndZeroWidth = "U&'!0E50!0E51!0E52!0E53!0E54!0E55!0E56!0E57!0E58!0E59!200B!200C!200D!FEFF!2060' UESCAPE '!'";
        return $"lower(regexp_replace(replace(replace(translate(normalize({expression}, NFC), {digitsAndZeroWidth}, '0123456789'), "
            + "U&'!0E4D!0E32' UESCAPE '!', U&'!0E33' UESCAPE '!'), U&'!0E40!0E40' UESCAPE '!', U&'!0E41' UESCAPE '!'), "
            + @"U&'([!0E31!0E34-!0E3A!0E47-!0E4E])\1+' UESCAPE '!', '\1', 'g'))";
    }

    public string ColumnDef(DsField f) => Q(f.Id) + " " + DsTypes.Native(f.Type, IsPostgres);

    /// <summary>Create a physical table named <paramref name="table"/> with the meta's fields (and its indexes).</summary>
    /// <param name="keyLater">PostgreSQL: leave out the primary key on <c>_id</c> (a load adds it after the COPY, one sorted build instead of a row-by-row index).</param>
    public async Task CreateTableAsync(DbConnection conn, DbTransaction tx, string table, TableMeta meta, CancellationToken ct, bool keyLater = false)
    {
        var id = IsPostgres ? (keyLater ? "_id bigserial NOT NULL" : "_id bigserial PRIMARY KEY") : "_id INTEGER PRIMARY KEY AUTOINCREMENT";
        var cols = string.Concat(meta.Fields.Select(f => ", " + ColumnDef(f)));
        await ExecAsync(conn, tx, $"CREATE TABLE {T(table)} ({id}, _full_text text{cols})", ct);
        foreach (var index in meta.Indexes)
        {
            await CreateIndexAsync(conn, tx, table, index, ct);
        }
    }

    public async Task CreateIndexAsync(DbConnection conn, DbTransaction tx, string table, DsIndex index, CancellationToken ct)
    {
        var columns = index.Name.StartsWith("ft_", StringComparison.Ordinal) ? null : string.Join(", ", index.Columns.Select(Q));
        string sql;
        if (columns is null)
        {
            sql = IsPostgres
                ? $"CREATE INDEX {Q(index.Name)} ON {T(table)} USING gin ({FullTextTerms})"
                : "SELECT 1";
        }
        else
        {
            var unique = index.Unique ? "UNIQUE " : "";
            // PostgreSQL: a plain index ends with _id, so a filter on its columns reads its rows already in
            // datastore_search's default order (ORDER BY _id LIMIT n stops after n entries instead of sorting every
            // match). SQLite's indexes end with the rowid (_id) by themselves.
            var byId = IsPostgres && !index.Unique ? ", _id" : "";
            sql = $"CREATE {unique}INDEX {Q(index.Name)} ON {T(table)} ({columns}{byId})";
        }
        await ExecAsync(conn, tx, sql, ct);
    }

    /// <summary>
    /// The full-text index's expression on PostgreSQL: the terms as an array, GIN-indexed; <c>q</c> uses the same
    /// expression with <c>@&gt;</c>. Byte order (<c>COLLATE "C"</c>): the GIN build compares every term, and a locale's
    /// comparison made it nearly twice as slow; only equality matters here.
    /// </summary>
    public const string FullTextTerms = "string_to_array(_full_text COLLATE \"C\", ' ')";

    public static string NewIndexName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..16];

    /// <summary>
    /// After a bulk write (a load, the full-text step): planner statistics, and on PostgreSQL the visibility map, so a
    /// filtered total is an index-only count instead of a visit to every matching row. Outside any transaction.
    /// </summary>
    public async Task VacuumAsync(string table, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct, bulk: true);
        await ExecAsync(conn, null, IsPostgres ? $"VACUUM (ANALYZE) {T(table)}" : $"ANALYZE {T(table)}", ct);
    }

    public async Task DropTableAsync(DbConnection conn, DbTransaction tx, string table, CancellationToken ct) =>
        await ExecAsync(conn, tx, $"DROP TABLE IF EXISTS {T(table)}", ct);

    public async Task RenameTableAsync(DbConnection conn, DbTransaction tx, string from, string to, CancellationToken ct) =>
        await ExecAsync(conn, tx, $"ALTER TABLE {T(from)} RENAME TO {Q(to)}", ct);

    public async Task DeleteMetaAsync(DbConnection conn, DbTransaction tx, string id, CancellationToken ct)
    {
        await ExecAsync(conn, tx, $"DELETE FROM {T("_table_metadata")} WHERE id = @id", ct, ("@id", id));
        await ExecAsync(conn, tx, $"DELETE FROM {T("_table_stats")} WHERE id = @id", ct, ("@id", id));
    }

    // ---------------------------------------------------------------- aliases

    /// <summary>The resource an alias names, or null.</summary>
    public async Task<string?> AliasTargetAsync(string name, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = Command(conn, null, $"SELECT resource_id FROM {T("_aliases")} WHERE name = @n", ("@n", name));
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    public async Task<List<string>> AliasesAsync(DbConnection conn, DbTransaction? tx, string resourceId, CancellationToken ct)
    {
        var names = new List<string>();
        await using var cmd = Command(conn, tx, $"SELECT name FROM {T("_aliases")} WHERE resource_id = @r ORDER BY name", ("@r", resourceId));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }

    /// <summary>
    /// Replace a resource's aliases: a row each in <c>_aliases</c> (what datastore_search and datastore_info resolve)
    /// and a view each over the table (what datastore_search_sql reads, as CKAN's aliases are views). The caller has
    /// checked the names are free.
    /// </summary>
    public async Task SetAliasesAsync(DbConnection conn, DbTransaction tx, string resourceId, IReadOnlyList<string> names, CancellationToken ct)
    {
        await DropAliasViewsAsync(conn, tx, resourceId, ct);
        await ExecAsync(conn, tx, $"DELETE FROM {T("_aliases")} WHERE resource_id = @r", ct, ("@r", resourceId));
        foreach (var name in names)
        {
            await ExecAsync(conn, tx, $"INSERT INTO {T("_aliases")} (name, resource_id) VALUES (@n, @r)", ct, ("@n", name), ("@r", resourceId));
        }
        await CreateAliasViewsAsync(conn, tx, resourceId, ct);
    }

    /// <summary>
    /// Before the table is dropped, replaced or renamed: PostgreSQL refuses to drop a table a view depends on, and
    /// SQLite refuses a rename while a view names a missing table. <see cref="CreateAliasViewsAsync"/> puts them back.
    /// </summary>
    public async Task DropAliasViewsAsync(DbConnection conn, DbTransaction tx, string resourceId, CancellationToken ct)
    {
        foreach (var name in await AliasesAsync(conn, tx, resourceId, ct))
        {
            await ExecAsync(conn, tx, $"DROP VIEW IF EXISTS {T(name)}", ct);
        }
    }

    /// <summary>A view per alias with the table's columns as they are now (PostgreSQL fixes a view's columns when it is made).</summary>
    public async Task CreateAliasViewsAsync(DbConnection conn, DbTransaction tx, string resourceId, CancellationToken ct)
    {
        foreach (var name in await AliasesAsync(conn, tx, resourceId, ct))
        {
            await ExecAsync(conn, tx, $"DROP VIEW IF EXISTS {T(name)}", ct);
            await ExecAsync(conn, tx, $"CREATE VIEW {T(name)} AS SELECT * FROM {T(resourceId)}", ct);
        }
    }

    /// <summary>The whole table is going: its aliases go with it.</summary>
    public async Task DeleteAliasesAsync(DbConnection conn, DbTransaction tx, string resourceId, CancellationToken ct) =>
        await SetAliasesAsync(conn, tx, resourceId, [], ct);

    /// <summary>A prepared INSERT for one table; values are given in the meta's field order.</summary>
    public sealed class Inserter : IAsyncDisposable
    {
        private readonly DbCommand _cmd;
        private readonly List<DbParameter> _params = [];
        private readonly DbParameter _fullText;
        private readonly List<DsField> _fields;

        internal Inserter(DatastoreDb db, DbConnection conn, DbTransaction tx, string table, List<DsField> fields, bool returnId)
        {
            _fields = fields;
            var cols = string.Join(", ", fields.Select(f => Q(f.Id)).Prepend("_full_text"));
            var values = string.Join(", ", fields.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)).Prepend("@ft"));
            _cmd = Command(conn, tx, $"INSERT INTO {db.T(table)} ({cols}) VALUES ({values})" + (returnId ? " RETURNING _id" : ""));
            _fullText = Param(_cmd, "@ft", "", "text");
            for (var i = 0; i < fields.Count; i++)
            {
                _params.Add(Param(_cmd, "@p" + i.ToString(CultureInfo.InvariantCulture), null, fields[i].Type));
            }
        }

        /// <summary>Insert one row; a null <paramref name="fullText"/> leaves it for <see cref="FullTextStep"/>.</summary>
        public async Task<long?> InsertAsync(object?[] values, string? fullText, CancellationToken ct)
        {
            _fullText.Value = (object?)fullText ?? DBNull.Value;
            for (var i = 0; i < _fields.Count; i++)
            {
                _params[i].Value = values[i] ?? DBNull.Value;
                if (_params[i] is NpgsqlParameter np && _fields[i].Type is not ("json" or "text"))
                {
                    np.DataTypeName = DsTypes.Native(_fields[i].Type, true);
                }
            }
            var result = await _cmd.ExecuteScalarAsync(ct);
            return result is null or DBNull ? null : Convert.ToInt64(result, CultureInfo.InvariantCulture);
        }

        public ValueTask DisposeAsync() => _cmd.DisposeAsync();
    }

    public Inserter CreateInserter(DbConnection conn, DbTransaction tx, string table, List<DsField> fields, bool returnId = false) =>
        new(this, conn, tx, table, fields, returnId);

    /// <summary>The full-text words of one row: every non-null value's text.</summary>
    public static string RowFullText(List<DsField> fields, object?[] values) =>
        FullText(values.Select((v, i) => v is null ? null : DsTypes.ToText(fields[i].Type, v)));

    public static JsonNode Json(string text) => JsonNode.Parse(text) ?? new JsonArray();

    public static string JsonString(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public async ValueTask DisposeAsync()
    {
        if (_pg is not null)
        {
            await _pg.DisposeAsync();
        }
        if (_pgBulk is not null)
        {
            await _pgBulk.DisposeAsync();
        }
        _init.Dispose();
    }
}
