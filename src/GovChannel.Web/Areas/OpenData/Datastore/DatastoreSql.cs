using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Ckan;
using Microsoft.Data.Sqlite;
using Npgsql;
using SQLitePCL;

namespace GovChannel.Web.Areas.OpenData.Datastore;

/// <summary>
/// <c>datastore_search_sql</c> (reference/ckan.md §5), off unless <c>GovChannel__DatastoreSqlSearch=true</c>. Layers,
/// each enough on its own for what it guards:
/// <list type="number">
/// <item>The text: one statement starting with SELECT or WITH; no comments, no dollar or prefixed string literals
/// (they could hide text from this check), no INTO; every function called is on the allow-list
/// (<see cref="DatastoreSettings.DatastoreSqlFunctions"/>).</item>
/// <item>The tables: the engine says which ones the query reads (PostgreSQL: <c>EXPLAIN (VERBOSE, FORMAT JSON)</c>;
/// SQLite: the authorizer while the statement is prepared). Each must be a DataStore table of a resource the caller
/// may read; catalogue tables, the DataStore's own bookkeeping and system catalogs are refused.</item>
/// <item>The engine: PostgreSQL runs it in a READ ONLY transaction with <c>statement_timeout</c>, on the datastore
/// schema's search path; SQLite on a read-only connection whose authorizer allows only reads and allowed functions,
/// with a progress handler that stops it at the timeout.</item>
/// </list>
/// </summary>
public static class DatastoreSql
{
    // Words that may stand before "(" without being a function call.
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "select", "from", "where", "and", "or", "not", "in", "exists", "as", "on", "using", "join", "over", "filter", "within",
        "values", "any", "all", "some", "array", "row", "cast", "coalesce", "nullif", "greatest", "least", "extract",
        "position", "substring", "trim", "overlay", "case", "when", "then", "else", "by", "having", "union", "intersect",
        "except", "lateral", "distinct", "is", "between", "like", "ilike", "with", "recursive", "limit", "offset", "end",
        "group", "order", "partition", "asc", "desc", "null", "interval", "then", "escape", "inner", "left", "right", "full",
        "outer", "cross", "natural",
    };

    private static readonly HashSet<string> Refused = new(StringComparer.OrdinalIgnoreCase)
    {
        "into", "insert", "update", "delete", "merge", "create", "drop", "alter", "truncate", "grant", "revoke", "copy",
        "call", "do", "set", "reset", "lock", "vacuum", "analyze", "explain", "listen", "notify", "execute", "prepare",
        "attach", "detach", "pragma", "reindex", "replace", "upsert", "returning",
    };

    private const int QueryCanceled = 9; // SQLITE_INTERRUPT

    /// <summary>The statement without a trailing semicolon, after the text checks; a <see cref="CkanException"/> otherwise.</summary>
    /// <param name="cteNames">Filled with the names the query gives its CTEs (WITH name …), when given.</param>
    public static string Check(string sql, ISet<string> allowedFunctions, ISet<string>? cteNames = null)
    {
        var text = sql.Trim();
        if (text.EndsWith(';'))
        {
            text = text[..^1].TrimEnd();
        }
        var first = true;
        // CTE column lists (WITH x(a, b) AS (…)): a name followed by "(" is a call except where a WITH list expects a
        // name. withDepths holds the parenthesis depth of each WITH list still open; it ends at the first word at that
        // depth that is not part of a CTE head (the main SELECT).
        var depth = 0;
        var withDepths = new Stack<int>();
        var expectCteName = false;
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
            }
            else if (c == ',' && withDepths.TryPeek(out var listDepth) && listDepth == depth)
            {
                expectCteName = true;
            }
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            if (c == '-' && i + 1 < text.Length && text[i + 1] == '-' || c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                throw new ValidationError("query", "Comments are not allowed in the query.");
            }
            if (c == ';')
            {
                throw new ValidationError("query", "Query is not a single statement.");
            }
            if (c == '$')
            {
                throw new ValidationError("query", "Dollar-quoted strings and parameters are not allowed in the query.");
            }
            if (c == '\'')
            {
                if (i > 0 && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] is '_' or '&'))
                {
                    throw new ValidationError("query", "Prefixed string literals (E'…', U&'…') are not allowed in the query; write a plain '…' literal.");
                }
                i = EndOfQuoted(text, i, '\'');
                continue;
            }
            string word;
            bool quoted;
            var start = i;
            if (c == '"')
            {
                i = EndOfQuoted(text, i, '"');
                word = text[(start + 1)..(i - 1)].Replace("\"\"", "\"", StringComparison.Ordinal);
                quoted = true;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '$'))
                {
                    i++;
                }
                word = text[start..i];
                quoted = false;
            }
            else
            {
                i++;
                first = false;
                continue;
            }
            if (first)
            {
                if (quoted || !(word.Equals("select", StringComparison.OrdinalIgnoreCase) || word.Equals("with", StringComparison.OrdinalIgnoreCase)))
                {
                    throw new ValidationError("query", "Only a SELECT statement is allowed.");
                }
                first = false;
            }
            if (!quoted && Refused.Contains(word))
            {
                throw new ValidationError("query", $"\"{word}\" is not allowed: the query must only read (one SELECT).");
            }
            var cteName = false;
            if (!quoted && word.Equals("with", StringComparison.OrdinalIgnoreCase))
            {
                withDepths.Push(depth);
                expectCteName = true;
            }
            else if (withDepths.TryPeek(out var withDepth) && withDepth == depth)
            {
                if (expectCteName && !(!quoted && word.Equals("recursive", StringComparison.OrdinalIgnoreCase)))
                {
                    cteName = true;
                    cteNames?.Add(word);
                    expectCteName = false;
                }
                else if (quoted || !(word.Equals("as", StringComparison.OrdinalIgnoreCase) || word.Equals("not", StringComparison.OrdinalIgnoreCase)
                    || word.Equals("materialized", StringComparison.OrdinalIgnoreCase) || word.Equals("recursive", StringComparison.OrdinalIgnoreCase)))
                {
                    withDepths.Pop();
                    expectCteName = false;
                }
            }
            var next = i;
            while (next < text.Length && char.IsWhiteSpace(text[next]))
            {
                next++;
            }
            var isCall = !cteName && next < text.Length && text[next] == '(' && (quoted || !Keywords.Contains(word));
            if (isCall && !allowedFunctions.Contains(word.ToLowerInvariant()))
            {
                throw new NotAuthorized($"Not authorized to call function {word}");
            }
        }
        if (first)
        {
            throw new ValidationError("query", "Missing value");
        }
        return text;
    }

    private static int EndOfQuoted(string text, int start, char quote)
    {
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    i++;
                    continue;
                }
                return i + 1;
            }
        }
        throw new ValidationError("query", "Unterminated quoted string or identifier.");
    }

    public static async Task<JsonNode?> SearchSql(ActionContext ctx)
    {
        var settings = ctx.Service<DatastoreSettings>();
        if (!settings.DatastoreSqlSearch)
        {
            throw new NotAuthorized("datastore_search_sql is disabled (GovChannel:DatastoreSqlSearch=false)");
        }
        var allowed = settings.DatastoreSqlFunctions.Split([' ', ',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(f => f.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var cteNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var sql = Check(ctx.Required("sql"), allowed, cteNames);
        var store = ctx.Service<DatastoreDb>();
        var ct = ctx.Http.RequestAborted;
        return store.IsPostgres
            ? await PostgresAsync(ctx, store, settings, sql, ct)
            : await SqliteAsync(ctx, store, settings, sql, allowed, cteNames, ct);
    }

    /// <summary>Every table the query reads must be a DataStore table the caller may read.</summary>
    private static async Task CheckTablesAsync(ActionContext ctx, DatastoreDb store, IEnumerable<(string? Schema, string Table)> tables, CancellationToken ct)
    {
        foreach (var (schema, table) in tables.Distinct())
        {
            var systemOrOwn = table.StartsWith('_') || table.StartsWith("sqlite_", StringComparison.OrdinalIgnoreCase)
                || (schema is not null && schema != (store.IsPostgres ? "datastore" : "main"));
            // An alias is a view over its resource's table (the engines usually report the table itself).
            var resourceId = systemOrOwn ? null : await store.ExistsAsync(table, ct) ? table : await store.AliasTargetAsync(table, ct);
            if (resourceId is null)
            {
                throw new NotAuthorized($"Not authorized to read table \"{(schema is null ? "" : schema + ".")}{table}\": only DataStore resource tables can be queried");
            }
            await DatastoreActions.ResourceAsync(ctx, resourceId, write: false);
        }
    }

    private static async Task<JsonNode?> PostgresAsync(ActionContext ctx, DatastoreDb store, DatastoreSettings settings, string sql, CancellationToken ct)
    {
        await using var conn = (NpgsqlConnection)await store.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        try
        {
            await DatastoreDb.ExecAsync(conn, tx,
                "SET TRANSACTION READ ONLY; SET LOCAL search_path = datastore; SET LOCAL statement_timeout = " +
                settings.DatastoreSqlTimeoutMs.ToString(CultureInfo.InvariantCulture), ct);
            var tables = new List<(string?, string)>();
            await using (var explain = new NpgsqlCommand("EXPLAIN (VERBOSE, FORMAT JSON) " + sql, conn, tx))
            {
                var plan = JsonNode.Parse((string)(await explain.ExecuteScalarAsync(ct))!)!;
                Relations(plan, tables);
            }
            await CheckTablesAsync(ctx, store, tables, ct);
            await using var cmd = new NpgsqlCommand(sql, conn, tx);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            return await ResultAsync(reader, settings.DatastoreSearchRowsMax, i => reader.GetDataTypeName(i), ct);
        }
        catch (PostgresException e)
        {
            throw e.SqlState switch
            {
                "57014" => new ValidationError("query", "Search took too long"),
                "25006" => new ValidationError("query", "The query must only read: " + e.MessageText),
                "42501" => new NotAuthorized(e.MessageText),
                _ => new ValidationError("query", e.MessageText),
            };
        }
    }

    /// <summary>The tables (schema, name) every node of an EXPLAIN plan scans.</summary>
    private static void Relations(JsonNode? node, List<(string?, string)> tables)
    {
        switch (node)
        {
            case JsonArray a:
                foreach (var item in a)
                {
                    Relations(item, tables);
                }
                break;
            case JsonObject o:
                if (o["Relation Name"] is JsonValue name)
                {
                    tables.Add((o["Schema"]?.GetValue<string>(), name.GetValue<string>()));
                }
                foreach (var (_, child) in o)
                {
                    if (child is JsonObject or JsonArray)
                    {
                        Relations(child, tables);
                    }
                }
                break;
        }
    }

    private static async Task<JsonNode?> SqliteAsync(ActionContext ctx, DatastoreDb store, DatastoreSettings settings, string sql, HashSet<string> allowed, HashSet<string> cteNames, CancellationToken ct)
    {
        await using var conn = await store.OpenReadOnlyAsync(ct);
        var db = conn.Handle!;
        var tables = new List<(string?, string)>();
        var unqualified = new List<string>();
        string? refused = null;
        // SQLite asks before it compiles each read and function call: allow plain reads of tables, allowed functions
        // and nothing else (no PRAGMA, ATTACH, writes, or schema changes).
        raw.sqlite3_set_authorizer(db, (object _, int action, string param0, string param1, string dbName, string _) =>
        {
            switch (action)
            {
                case raw.SQLITE_SELECT or raw.SQLITE_RECURSIVE:
                    return raw.SQLITE_OK;
                case raw.SQLITE_READ when string.IsNullOrEmpty(dbName) && cteNames.Contains(param0):
                    // No database: a recursive CTE reading itself (WITH RECURSIVE c(k) AS (… FROM c)), or a table read
                    // without columns (count(*)). Told apart below, once the statement is prepared.
                    unqualified.Add(param0);
                    return raw.SQLITE_OK;
                case raw.SQLITE_READ:
                    tables.Add((dbName, param0));
                    return raw.SQLITE_OK;
                case raw.SQLITE_FUNCTION when allowed.Contains(param1.ToLowerInvariant()):
                    return raw.SQLITE_OK;
                case raw.SQLITE_FUNCTION:
                    refused = $"Not authorized to call function {param1}";
                    return raw.SQLITE_DENY;
                default:
                    refused = "The query must only read (one SELECT).";
                    return raw.SQLITE_DENY;
            }
        }, null);
        var deadline = Environment.TickCount64 + settings.DatastoreSqlTimeoutMs;
        raw.sqlite3_progress_handler(db, 10_000, _ => Environment.TickCount64 > deadline ? 1 : 0, null);
        try
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            cmd.Prepare();
            await using (var schema = await store.OpenAsync(ct))
            {
                foreach (var name in unqualified.Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    // A CTE's name that is also a table's could be either: checked as the table (refused if not readable).
                    await using var exists = DatastoreDb.Command(schema, null, "SELECT 1 FROM sqlite_master WHERE name = @n COLLATE NOCASE", ("@n", name));
                    if (await exists.ExecuteScalarAsync(ct) is not null)
                    {
                        tables.Add(("main", name));
                    }
                }
            }
            await CheckTablesAsync(ctx, store, tables, ct);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            return await ResultAsync(reader, settings.DatastoreSearchRowsMax, i => SqliteType(reader, i), ct);
        }
        catch (SqliteException e)
        {
            if (refused is not null)
            {
                throw refused.StartsWith("Not authorized", StringComparison.Ordinal) ? new NotAuthorized(refused) : new ValidationError("query", refused);
            }
            throw e.SqliteErrorCode == QueryCanceled
                ? new ValidationError("query", "Search took too long")
                : new ValidationError("query", e.Message.Replace("SQLite Error " + e.SqliteErrorCode.ToString(CultureInfo.InvariantCulture) + ": ", "", StringComparison.Ordinal));
        }
        finally
        {
            raw.sqlite3_set_authorizer(db, (strdelegate_authorizer?)null, null);
            raw.sqlite3_progress_handler(db, 0, null, null);
        }
    }

    private static string SqliteType(DbDataReader reader, int i)
    {
        var declared = reader.GetDataTypeName(i).ToUpperInvariant();
        return declared switch
        {
            "INTEGER" => "int8",
            "REAL" => "float8",
            "NUMERIC" => "numeric",
            _ => "text",
        };
    }

    /// <summary>CKAN's shape: <c>{fields:[{id, type}], records:[…]}</c>, and <c>records_truncated</c> past rows_max.</summary>
    private static async Task<JsonObject> ResultAsync(DbDataReader reader, int max, Func<int, string> type, CancellationToken ct)
    {
        var fields = new JsonArray();
        var types = new string[reader.FieldCount];
        for (var i = 0; i < reader.FieldCount; i++)
        {
            types[i] = type(i);
            fields.Add(new JsonObject { ["id"] = reader.GetName(i), ["type"] = types[i] });
        }
        var records = new JsonArray();
        var truncated = false;
        while (await reader.ReadAsync(ct))
        {
            if (records.Count == max)
            {
                truncated = true;
                break;
            }
            var o = new JsonObject();
            for (var i = 0; i < types.Length; i++)
            {
                o[reader.GetName(i)] = Value(reader.IsDBNull(i) ? null : reader.GetValue(i));
            }
            records.Add(o);
        }
        var result = new JsonObject { ["records"] = records, ["fields"] = fields };
        if (truncated)
        {
            result["records_truncated"] = true;
        }
        return result;
    }

    private static JsonNode? Value(object? value) => value switch
    {
        null => null,
        string s => s,
        long l => l,
        int n => n,
        short h => h,
        decimal m => m,
        double d => d,
        float f => f,
        bool b => b,
        DateTime dt => DsTypes.FormatTimestamp(dt),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
