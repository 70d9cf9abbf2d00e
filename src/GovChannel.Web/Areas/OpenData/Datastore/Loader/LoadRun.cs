using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;

namespace GovChannel.Web.Areas.OpenData.Datastore;

/// <summary>
/// One load of a file into a resource's table. Decisions, in the order a file meets them:
/// <list type="bullet">
/// <item>The first non-blank row is the header unless every cell in it is a number or a date (then columns are
/// <c>column_1</c>…). Empty names become <c>column_N</c>, duplicates get <c>_2</c>, <c>_3</c>…, a leading <c>_</c> and
/// <c>"</c> are removed (CKAN forbids them); every rename is listed in the job's notes.</item>
/// <item>Types are guessed from the first 1,000 rows (integer → bigint, decimal → numeric, ISO date, ISO timestamp,
/// true/false → bool, else text; numbers with leading zeros, such as postcodes and phone numbers, stay text). A data
/// dictionary <c>type_override</c> wins. When a later value does not fit a guessed type, the load starts again with
/// that column widened (to numeric, else text) and says so in the notes: guessing never loses a value.</item>
/// <item>A bad row is never dropped and never loaded half: a row with more cells than the header, or a value that does
/// not fit a type the publisher set with type_override, rejects the whole load. The job lists the first N such errors
/// (row, column, value) and the previous table stays as it was. Short rows are padded with empty cells (noted).</item>
/// <item>Rows go into a new table (binary COPY on PostgreSQL; prepared inserts in one transaction on SQLite), which
/// replaces the old one in the same transaction, so readers see the old table until the new one is complete.</item>
/// </list>
/// </summary>
public sealed class LoadRun(DatastoreDb store, DatastoreSettings settings, string resourceId, LoadProgress progress, List<string> notes)
{
    private const int SampleRows = 1000;

    public sealed record Outcome(long Rows, string? Message, JsonArray Errors, bool Superseded = false);

    /// <summary>
    /// The table's version (<see cref="DatastoreDb.TableStats"/>) when the load was asked for (queued); null for no check.
    /// A write through the API since then (datastore_create with new rows or columns, datastore_upsert, datastore_delete,
    /// datastore_records_delete) makes the load give way at the swap: the API's table is kept, nothing of the file is
    /// written, and the job says so. Replacing rows a publisher wrote by hand, unseen, would lose them.
    /// </summary>
    public string? StartVersion { get; init; }

    private sealed class Retry(string column, string type, string reason) : Exception(reason)
    {
        public string Column { get; } = column;
        public string Type { get; } = type;
    }

    private readonly Dictionary<string, string> _widened = new(StringComparer.Ordinal);

    public async Task<Outcome> ExecuteAsync(Func<Task<ITabularSource>> open, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var source = await open();
            if (attempt == 0)
            {
                notes.AddRange(source.Notes);
            }
            try
            {
                return await LoadOnceAsync(source, ct);
            }
            catch (Retry retry) when (attempt < 200)
            {
                _widened[retry.Column] = retry.Type;
                notes.Add(retry.Message);
                Interlocked.Exchange(ref progress.Rows, 0);
            }
        }
    }

    private async Task<Outcome> LoadOnceAsync(ITabularSource source, CancellationToken ct)
    {
        var first = source.Next() ?? throw new TabularException("The file is empty: there is no header row and no data.");
        var sample = new List<(string?[] Cells, long Line)>();
        var hasHeader = LooksLikeHeader(first.Cells);
        if (!hasHeader)
        {
            sample.Add(first);
        }
        while (sample.Count < SampleRows && source.Next() is { } row)
        {
            sample.Add(row);
        }
        var width = hasHeader ? first.Cells.Length : sample.Max(r => r.Cells.Length);
        var names = hasHeader ? ColumnNames(first.Cells, notes) : Enumerable.Range(1, width).Select(i => "column_" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        if (!hasHeader && !notes.Contains("no header row: the first row is data"))
        {
            notes.Add("no header row: the first row is data");
        }
        if (sample.Count == 0 && !notes.Contains("header only: the table has its columns and no rows"))
        {
            notes.Add("header only: the table has its columns and no rows");
        }

        TableMeta? old;
        await using (var c = await store.OpenAsync(ct, bulk: true))
        {
            old = await store.MetaAsync(c, null, resourceId, ct);
        }
        var fields = new List<DsField>();
        var overridden = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            var info = old?.Field(name)?.Info;
            string type;
            if (old?.Field(name)?.TypeOverride is { } over && DsTypes.Canonical(over) is { } t)
            {
                type = t;
                overridden.Add(name);
            }
            else if (_widened.TryGetValue(name, out var widened))
            {
                type = widened;
            }
            else
            {
                var col = i;
                type = Guess(sample.Select(r => col < r.Cells.Length ? r.Cells[col] : null));
            }
            fields.Add(new DsField(name, type, info is null ? null : (JsonObject)info.DeepClone()));
        }
        // The rows become searchable at the swap; _full_text and its index follow in FullTextStep (as XLoader COPYs
        // first and indexes afterwards): Thai segmentation and the GIN build cost many times the COPY itself.
        var meta = new TableMeta { Id = resourceId, Fields = fields, FullTextReady = fields.Count == 0, LoadId = Guid.NewGuid().ToString("N") };
        foreach (var index in old?.Indexes.Where(i => i.Columns.Count > 0 && i.Columns.All(c => meta.Field(c) is not null)) ?? [])
        {
            meta.Indexes.Add(new DsIndex(DatastoreDb.NewIndexName(index.Unique ? "pk_" : "ix_"), index.Columns, index.Unique));
        }
        if (old is not null && old.PrimaryKey.All(k => meta.Field(k) is not null))
        {
            meta.PrimaryKey = old.PrimaryKey;
        }

        var newTable = resourceId + "_new";
        var errors = new JsonArray();
        long rows = 0;
        long shortRows = 0;
        await using var conn = await store.OpenAsync(ct, bulk: true);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await store.DropTableAsync(conn, tx, newTable, ct);
        await store.CreateTableAsync(conn, tx, newTable, new TableMeta { Id = newTable, Fields = fields }, ct, keyLater: true);
        var writer = store.IsPostgres ? (IRowWriter)new CopyWriter(store, (NpgsqlConnection)conn, newTable, fields) : new InsertWriter(store.CreateInserter(conn, tx, newTable, fields));
        await using (writer)
        {
            var values = new object?[fields.Count];
            foreach (var (cells, line) in sample.Concat(Rest(source)))
            {
                if (cells.Length > fields.Count && cells.Skip(fields.Count).Any(c => !string.IsNullOrEmpty(c)))
                {
                    errors.Add(Error(line, null, null, $"row has {cells.Length} cells but the header has {fields.Count} columns"));
                }
                else
                {
                    if (cells.Length < fields.Count)
                    {
                        shortRows++;
                    }
                    for (var i = 0; i < fields.Count; i++)
                    {
                        var text = i < cells.Length ? cells[i] : null;
                        if (string.IsNullOrEmpty(text) || (fields[i].Type != "text" && string.IsNullOrWhiteSpace(text)))
                        {
                            values[i] = null;
                            continue;
                        }
                        try
                        {
                            values[i] = DsTypes.Parse(fields[i].Type, text, store.IsPostgres);
                        }
                        catch (FormatException e)
                        {
                            if (overridden.Contains(fields[i].Id))
                            {
                                errors.Add(Error(line, fields[i].Id, text, e.Message + " (type_override " + fields[i].Type + ")"));
                                break;
                            }
                            var wider = fields[i].Type is "int" or "bigint" && decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? "numeric" : "text";
                            throw new Retry(fields[i].Id, wider,
                                $"column \"{fields[i].Id}\" was guessed as {fields[i].Type} but line {line} has \"{Shorten(text)}\": loaded as {wider}");
                        }
                    }
                }
                if (errors.Count > 0)
                {
                    if (errors.Count >= settings.DatastoreLoadErrorLimit)
                    {
                        break;
                    }
                    continue;
                }
                await writer.WriteAsync(values, ct);
                rows++;
                if (rows % settings.DatastoreLoadBatch == 0)
                {
                    Interlocked.Exchange(ref progress.Rows, rows);
                    progress.Percent = source.Percent;
                }
            }
            if (errors.Count > 0)
            {
                await writer.AbortAsync();
                await tx.RollbackAsync(ct);
                var more = errors.Count >= settings.DatastoreLoadErrorLimit ? $" (the first {errors.Count} are listed)" : "";
                return new Outcome(0, $"{errors.Count} row(s) could not be loaded{more}. Nothing was changed: the previous table (if any) is kept.", errors);
            }
            await writer.CompleteAsync(ct);
        }
        Interlocked.Exchange(ref progress.Rows, rows);
        progress.Percent = 100;
        if (shortRows > 0)
        {
            notes.Add($"{shortRows} row(s) had fewer cells than the header; the missing cells are empty");
        }
        foreach (var index in meta.Indexes)
        {
            await store.CreateIndexAsync(conn, tx, newTable, index, ct);
        }
        // Lock the metadata row before the table (the order every writer uses), then swap.
        var current = await store.MetaAsync(conn, tx, resourceId, ct, forUpdate: true);
        if (StartVersion is not null)
        {
            if (current is not null && store.IsPostgres)
            {
                // An upsert holds the table until it commits: wait for it, so its new version is seen below.
                await DatastoreDb.ExecAsync(conn, tx, $"LOCK TABLE {store.T(resourceId)} IN ACCESS EXCLUSIVE MODE", ct);
            }
            if ((await store.StatsAsync(conn, tx, resourceId, ct)).Version != StartVersion)
            {
                await tx.RollbackAsync(ct);
                return new Outcome(0, "Superseded: the table was changed through the DataStore API (datastore_create, datastore_upsert or " +
                    "datastore_delete) after this file was submitted for loading, so the file was not loaded and the table keeps those changes. " +
                    "Submit the load again (xloader_submit, or upload the file again) to replace the table with the file.", [], Superseded: true);
            }
        }
        // Labels and notes edited in the data dictionary while the file was loading are kept.
        for (var i = 0; i < meta.Fields.Count; i++)
        {
            if (current?.Field(meta.Fields[i].Id)?.Info is { } info)
            {
                meta.Fields[i] = meta.Fields[i] with { Info = (JsonObject)info.DeepClone() };
            }
        }
        await store.DropAliasViewsAsync(conn, tx, resourceId, ct);
        await store.DropTableAsync(conn, tx, resourceId, ct);
        await store.RenameTableAsync(conn, tx, newTable, resourceId, ct);
        await store.CreateAliasViewsAsync(conn, tx, resourceId, ct);
        await store.SaveMetaAsync(conn, tx, meta, ct);
        await store.SetCountAsync(conn, tx, resourceId, rows, ct);
        await tx.CommitAsync(ct);
        return new Outcome(rows, $"{rows} rows loaded into {fields.Count} columns.", errors);
    }

    private static IEnumerable<(string?[] Cells, long Line)> Rest(ITabularSource source)
    {
        while (source.Next() is { } row)
        {
            yield return row;
        }
    }

    private static JsonObject Error(long line, string? column, string? value, string message) => new()
    {
        ["row"] = line,
        ["column"] = column,
        ["value"] = value is null ? null : Shorten(value),
        ["message"] = message,
    };

    private static string Shorten(string value) => value.Length > 100 ? value[..100] + "…" : value;

    private static bool LooksLikeHeader(string?[] cells)
    {
        var nonEmpty = cells.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!.Trim()).ToList();
        return nonEmpty.Count == 0 || !nonEmpty.All(c => decimal.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || DsTypes.TryDate(c, out _));
    }

    public static List<string> ColumnNames(string?[] header, List<string> notes)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var names = new List<string>();
        for (var i = 0; i < header.Length; i++)
        {
            var raw = header[i]?.Trim() ?? "";
            var name = raw.Replace("\"", "", StringComparison.Ordinal).TrimStart('_').Trim();
            if (name.Length > 63)
            {
                name = name[..63];
            }
            var position = (i + 1).ToString(CultureInfo.InvariantCulture);
            if (name.Length == 0)
            {
                name = "column_" + position;
                notes.Add(raw.Length == 0 ? $"column {position} has no name: named \"{name}\"" : $"column {position} \"{raw}\" is not a valid name: named \"{name}\"");
            }
            else if (name != raw)
            {
                notes.Add($"column {position} \"{raw}\" renamed \"{name}\" (names may not start with _ or contain \")");
            }
            if (!used.Add(name))
            {
                var k = 2;
                var baseName = name.Length > 58 ? name[..58] : name;
                while (!used.Add(baseName + "_" + k.ToString(CultureInfo.InvariantCulture)))
                {
                    k++;
                }
                var renamed = baseName + "_" + k.ToString(CultureInfo.InvariantCulture);
                notes.Add($"column {position} \"{name}\" is a duplicate name: renamed \"{renamed}\"");
                name = renamed;
            }
            names.Add(name);
        }
        return names;
    }

    /// <summary>The narrowest type every sampled value fits; leading zeros (postcodes, phone numbers) keep a column text.</summary>
    public static string Guess(IEnumerable<string?> values)
    {
        bool isInt = true, isNum = true, isBool = true, isDate = true, isTs = true, any = false;
        foreach (var raw in values)
        {
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }
            any = true;
            var v = raw.Trim();
            var digits = v.StartsWith('-') ? v[1..] : v;
            var leadingZero = digits.Length > 1 && digits[0] == '0' && digits[1] != '.';
            isInt &= !leadingZero && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
            isNum &= !leadingZero && !v.StartsWith('+') && decimal.TryParse(v, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out _);
            isBool &= v.Equals("true", StringComparison.OrdinalIgnoreCase) || v.Equals("false", StringComparison.OrdinalIgnoreCase);
            isDate &= v.Length == 10 && DsTypes.TryDate(v, out _);
            isTs &= v.Length >= 16 && DsTypes.TryTimestamp(v, out _);
            if (!(isInt || isNum || isBool || isDate || isTs))
            {
                return "text";
            }
        }
        return !any ? "text" : isInt ? "bigint" : isNum ? "numeric" : isBool ? "bool" : isDate ? "date" : isTs ? "timestamp" : "text";
    }

    private interface IRowWriter : IAsyncDisposable
    {
        Task WriteAsync(object?[] values, CancellationToken ct);
        Task CompleteAsync(CancellationToken ct);
        Task AbortAsync();
    }

    private sealed class InsertWriter(DatastoreDb.Inserter inserter) : IRowWriter
    {
        public async Task WriteAsync(object?[] values, CancellationToken ct) => await inserter.InsertAsync(values, null, ct);
        public Task CompleteAsync(CancellationToken ct) => Task.CompletedTask;
        public Task AbortAsync() => Task.CompletedTask;
        public ValueTask DisposeAsync() => inserter.DisposeAsync();
    }

    /// <summary>
    /// PostgreSQL text COPY of the values already checked here, each written in PostgreSQL's own input form: the server
    /// parses the text on the second core while this one reads the file (a binary COPY spent more here than the
    /// server saved). <c>_id</c> is numbered here (a sequence call per row costs more than the row) and the sequence
    /// is moved past it at the end.
    /// </summary>
    private sealed class CopyWriter : IRowWriter
    {
        private static readonly SearchValues<char> Escaped = SearchValues.Create("\\\t\n\r");
        private readonly DatastoreDb _store;
        private readonly NpgsqlConnection _conn;
        private readonly string _table;
        private readonly TextWriter _writer;
        private readonly char[] _number = new char[64];
        private long _id;
        private bool _done;

        public CopyWriter(DatastoreDb store, NpgsqlConnection conn, string table, List<DsField> fields)
        {
            (_store, _conn, _table) = (store, conn, table);
            var cols = string.Join(", ", fields.Select(f => DatastoreDb.Q(f.Id)).Prepend("_id"));
            // FREEZE: the table was created in this transaction, so its rows can be written frozen and all-visible
            // (no hint-bit writes on the first reads, and the VACUUM after the load has next to nothing to do).
            _writer = conn.BeginTextImport($"COPY {store.T(table)} ({cols}) FROM STDIN (FREEZE)");
        }

        public Task WriteAsync(object?[] values, CancellationToken ct)
        {
            Formatted(++_id, default);
            foreach (var value in values)
            {
                _writer.Write('\t');
                switch (value)
                {
                    case null:
                        _writer.Write("\\N");
                        break;
                    case string s:
                        Text(s);
                        break;
                    case long l:
                        Formatted(l, default);
                        break;
                    case int n:
                        Formatted(n, default);
                        break;
                    case decimal m:
                        Formatted(m, default);
                        break;
                    case double d:
                        Formatted(d, "R");
                        break;
                    case bool b:
                        _writer.Write(b ? 't' : 'f');
                        break;
                    case DateOnly date:
                        Formatted(date, "yyyy-MM-dd");
                        break;
                    case DateTime ts:
                        Formatted(ts, "yyyy-MM-ddTHH:mm:ss.FFFFFFF");
                        break;
                    default:
                        Text(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
                        break;
                }
            }
            _writer.Write('\n');
            return Task.CompletedTask;
        }

        private void Formatted<T>(T value, ReadOnlySpan<char> format) where T : ISpanFormattable
        {
            if (value.TryFormat(_number, out var n, format, CultureInfo.InvariantCulture))
            {
                _writer.Write(_number, 0, n);
            }
            else
            {
                Text(value.ToString(format.IsEmpty ? null : format.ToString(), CultureInfo.InvariantCulture));
            }
        }

        /// <summary>COPY's text format: backslash, tab and line ends escaped.</summary>
        private void Text(string s)
        {
            var span = s.AsSpan();
            while (true)
            {
                var i = span.IndexOfAny(Escaped);
                if (i < 0)
                {
                    _writer.Write(span);
                    return;
                }
                _writer.Write(span[..i]);
                _writer.Write(span[i] switch
                {
                    '\\' => "\\\\",
                    '\t' => "\\t",
                    '\n' => "\\n",
                    _ => "\\r",
                });
                span = span[(i + 1)..];
            }
        }

        public async Task CompleteAsync(CancellationToken ct)
        {
            _done = true;
            await _writer.DisposeAsync();
            await using var cmd = new NpgsqlCommand($"ALTER TABLE {_store.T(_table)} ADD PRIMARY KEY (_id); SELECT setval(pg_get_serial_sequence(@t, '_id'), greatest(@n, 1), @n > 0)", _conn);
            cmd.Parameters.AddWithValue("t", _store.T(_table));
            cmd.Parameters.AddWithValue("n", _id);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        public async Task AbortAsync()
        {
            if (!_done)
            {
                _done = true;
                // Cancel rather than complete the COPY: the transaction is rolled back anyway.
                await ((NpgsqlCopyTextWriter)_writer).CancelAsync();
            }
        }

        public async ValueTask DisposeAsync() => await AbortAsync();
    }
}
