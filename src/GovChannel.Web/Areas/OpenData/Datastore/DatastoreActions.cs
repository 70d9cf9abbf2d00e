using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.OpenData.Datastore;

/// <summary>
/// The DataStore actions (reference/ckan.md §5), CKAN-exact in names, parameters, results and error dicts.
/// Permissions follow the parent dataset: reading needs read access (and Thai GDC's resource_private), writing needs
/// package_update. A resource whose url_type is not <c>datastore</c> is read-only unless <c>force</c> is true.
/// </summary>
public static class DatastoreActions
{
    public static void Register(ActionTable t)
    {
        t.Write("datastore_create", Create);
        t.Write("datastore_upsert", Upsert);
        t.Read("datastore_search", Search);
        t.Read("datastore_search_sql", DatastoreSql.SearchSql);
        t.Read("datastore_info", Info);
        t.Write("datastore_delete", ctx => Delete(ctx, recordsOnly: false));
        t.Write("datastore_records_delete", ctx => Delete(ctx, recordsOnly: true));
        t.Read("xloader_status", DatastoreLoader.StatusAction);
        t.Write("xloader_submit", DatastoreLoader.SubmitAction);
    }

    private const string ReadOnlyMessage = "Cannot edit read-only resource. Either pass\"force=True\" or change url_type to \"datastore\"";

    private static CancellationToken Ct(ActionContext ctx) => ctx.Http.RequestAborted;

    /// <summary>The resource and its dataset, after the read or write permission check.</summary>
    internal static async Task<Resource> ResourceAsync(ActionContext ctx, string id, bool write)
    {
        var r = await ctx.Db.Resources.Include(x => x.Dataset).SingleOrDefaultAsync(x => x.Id == id && x.State == "active", Ct(ctx));
        if (r?.Dataset is null)
        {
            throw new NotFound($"Resource \"{id}\" was not found.");
        }
        if (write)
        {
            await Authz.RequireUpdateAsync(ctx, r.Dataset);
        }
        else
        {
            await Authz.RequireReadAsync(ctx, r.Dataset);
            if (!await CanReadResourceAsync(ctx, r))
            {
                throw new NotAuthorized($"User {ctx.User?.Name} not authorized to read resource {r.Id}");
            }
        }
        return r;
    }

    /// <summary>Read access to a resource: its dataset's, and Thai GDC's resource_private limits it to the dataset's editors.</summary>
    private static async Task<bool> CanReadResourceAsync(ActionContext ctx, Resource r) =>
        await Authz.CanReadDatasetAsync(ctx, r.Dataset!)
        && (PackageDict.ParseObject(r.ExtrasJson)["resource_private"] is not { } p || Params.AsString(p) != "True" || await Authz.CanUpdateDatasetAsync(ctx, r.Dataset!));

    /// <summary>datastore_active lives in the resource's extras (a top-level resource key), so no catalogue migration is needed.</summary>
    internal static async Task SetActiveAsync(GovDb db, Resource r, bool active, CancellationToken ct)
    {
        var extras = PackageDict.ParseObject(r.ExtrasJson);
        if (extras["datastore_active"] is JsonValue v && v.GetValueKind() == (active ? JsonValueKind.True : JsonValueKind.False))
        {
            return;
        }
        extras["datastore_active"] = active;
        r.ExtrasJson = extras.ToJsonString();
        db.IndexOperations.Add(new IndexOperation { ItemId = r.DatasetId, At = r.MetadataModified ?? r.Created });
        await db.SaveChangesAsync(ct);
    }

    private static DatastoreDb Store(ActionContext ctx) => ctx.Service<DatastoreDb>();

    private static void CheckReadOnly(ActionContext ctx, Resource r)
    {
        if (!ctx.Bool("force") && r.UrlType != "datastore")
        {
            throw new ValidationError("read-only", ReadOnlyMessage);
        }
    }

    private static JsonArray? ListParam(ActionContext ctx, string key)
    {
        if (ctx.Data[key] is not { } node)
        {
            return null;
        }
        return DatastoreQuery.ParseJsonParam(node, key) switch
        {
            null => null,
            JsonArray a => a,
            _ => throw new ValidationError(key, "Not a list"),
        };
    }

    private static List<string> NameList(ActionContext ctx, string key) => Params.AsList(ctx.Data[key]) ?? [];

    // ---------------------------------------------------------------- datastore_create

    private static async Task<JsonNode?> Create(ActionContext ctx)
    {
        var hasId = ctx.Has("resource_id");
        var hasResource = ctx.Has("resource");
        if (hasId && hasResource)
        {
            throw new ValidationError("resource", "resource cannot be used with resource_id");
        }
        if (!hasId && !hasResource)
        {
            throw new ValidationError("resource_id", "resource_id or resource required");
        }
        Resource r;
        if (hasResource)
        {
            if (DatastoreQuery.ParseJsonParam(ctx.Data["resource"]!, "resource") is not JsonObject dict)
            {
                throw new ValidationError("resource", "Not a json object");
            }
            dict = (JsonObject)dict.DeepClone();
            if (!dict.ContainsKey("url") || string.IsNullOrEmpty(Params.AsString(dict["url"])))
            {
                dict["url"] = "";
                dict["url_type"] = "datastore";
            }
            var create = CkanApi.Actions.Find("resource_create")!.Handler;
            var created = await create(new ActionContext(ctx.Http, ctx.Db, ctx.User, dict, "resource_create"));
            r = await ResourceAsync(ctx, created!["id"]!.GetValue<string>(), write: true);
        }
        else
        {
            r = await ResourceAsync(ctx, ctx.Required("resource_id"), write: true);
            CheckReadOnly(ctx, r);
        }

        var fields = ParseFields(ListParam(ctx, "fields"));
        var records = RecordsParam(ctx, required: false);
        var aliases = AliasesParam(ctx);
        var store = Store(ctx);
        await using var conn = await store.OpenAsync(Ct(ctx));
        await using var tx = await conn.BeginTransactionAsync(Ct(ctx));
        var meta = await store.MetaAsync(conn, tx, r.Id, Ct(ctx), forUpdate: true);
        var isNew = meta is null;
        meta ??= new TableMeta { Id = r.Id };

        // Declared fields first, then any new key the records bring, typed from its first value (CKAN's _guess_type).
        var added = new List<DsField>();
        foreach (var f in fields)
        {
            var existing = meta.Field(f.Id);
            if (existing is null)
            {
                var type = f.Type.Length > 0 ? f.Type : Guess(records, f.Id);
                var nf = new DsField(f.Id, type, f.Info);
                meta.Fields.Add(nf);
                added.Add(nf);
            }
            else
            {
                if (f.Type.Length > 0 && f.Type != existing.Type)
                {
                    throw new ValidationError("fields", $"field \"{f.Id}\" type cannot be changed from {existing.Type} to {f.Type}");
                }
                meta.Fields[meta.Fields.IndexOf(existing)] = existing with { Info = f.Info ?? existing.Info };
            }
        }
        foreach (var record in records)
        {
            foreach (var (key, _) in record)
            {
                if (meta.Field(key) is null && key != "_id")
                {
                    if (!ValidFieldName(key))
                    {
                        throw new ValidationError("fields", $"\"{key}\" is not a valid field name");
                    }
                    var nf = new DsField(key, Guess(records, key), null);
                    meta.Fields.Add(nf);
                    added.Add(nf);
                }
            }
        }

        try
        {
            if (isNew)
            {
                if (store.IsPostgres)
                {
                    meta.Indexes.Add(new DsIndex(DatastoreDb.NewIndexName("ft_"), [], false));
                }
                await store.CreateTableAsync(conn, tx, r.Id, meta, Ct(ctx));
                await store.SetCountAsync(conn, tx, r.Id, 0, Ct(ctx));
            }
            else
            {
                foreach (var f in added)
                {
                    await DatastoreDb.ExecAsync(conn, tx, $"ALTER TABLE {store.T(r.Id)} ADD COLUMN {store.ColumnDef(f)}", Ct(ctx));
                }
            }
            await ApplyKeysAsync(ctx, store, conn, tx, meta);
            var inserted = await InsertRecordsAsync(store, conn, tx, meta, records, Ct(ctx));
            if (isNew || added.Count > 0 || inserted > 0)
            {
                // A new version (cached totals, a running load) only when rows or columns changed: a label edited in
                // the data dictionary does not supersede a load of the file.
                await store.AddCountAsync(conn, tx, r.Id, inserted, Ct(ctx));
            }
            if (aliases is not null)
            {
                await CheckAliasesFreeAsync(ctx, store, conn, tx, r.Id, aliases);
                await store.SetAliasesAsync(conn, tx, r.Id, aliases, Ct(ctx));
            }
            else if (added.Count > 0)
            {
                await store.CreateAliasViewsAsync(conn, tx, r.Id, Ct(ctx));
            }
            await store.SaveMetaAsync(conn, tx, meta, Ct(ctx));
            await tx.CommitAsync(Ct(ctx));
        }
        catch (DbException e)
        {
            throw DbError(e);
        }
        await SetActiveAsync(ctx.Db, r, true, Ct(ctx));

        var result = new JsonObject
        {
            ["resource_id"] = r.Id,
            ["fields"] = new JsonArray(meta.Fields.Select(f => (JsonNode)f.ToJson()).ToArray()),
            ["method"] = "insert",
        };
        if (meta.PrimaryKey.Count > 0)
        {
            result["primary_key"] = string.Join(",", meta.PrimaryKey);
        }
        if (ctx.Has("indexes"))
        {
            result["indexes"] = ctx.Data["indexes"]!.DeepClone();
        }
        if (aliases is not null)
        {
            result["aliases"] = new JsonArray(aliases.Select(a => (JsonNode)a).ToArray());
        }
        if (ctx.Bool("include_records") && ctx.Data["records"] is { } rec)
        {
            result["records"] = rec.DeepClone();
        }
        return result;
    }

    /// <summary>
    /// datastore_create's <c>aliases</c> (a list or a comma-separated string): when given, they replace the resource's
    /// aliases (an empty list removes them), as in CKAN. Names follow CKAN's table-name rule.
    /// </summary>
    private static List<string>? AliasesParam(ActionContext ctx)
    {
        if (!ctx.Has("aliases"))
        {
            return null;
        }
        var names = NameList(ctx, "aliases").Distinct(StringComparer.Ordinal).ToList();
        foreach (var name in names)
        {
            if (!ValidFieldName(name) || name.Contains('%', StringComparison.Ordinal) || name.StartsWith("sqlite_", StringComparison.OrdinalIgnoreCase))
            {
                throw new ValidationError("alias", $"\"{name}\" is not a valid alias name");
            }
        }
        return names;
    }

    /// <summary>An alias may not be a resource id, a DataStore table, another resource's alias, or a load's work table.</summary>
    private static async Task CheckAliasesFreeAsync(ActionContext ctx, DatastoreDb store, DbConnection conn, DbTransaction tx, string resourceId, List<string> aliases)
    {
        foreach (var name in aliases)
        {
            var workTable = name.EndsWith("_new", StringComparison.Ordinal) ? name[..^4] : null;
            var taken = name == resourceId
                || await store.MetaAsync(conn, tx, name, Ct(ctx)) is not null
                || await ctx.Db.Resources.AnyAsync(x => x.Id == name || x.Id == workTable, Ct(ctx));
            if (!taken)
            {
                await using var cmd = DatastoreDb.Command(conn, tx, $"SELECT resource_id FROM {store.T("_aliases")} WHERE name = @n", ("@n", name));
                taken = await cmd.ExecuteScalarAsync(Ct(ctx)) is string owner && owner != resourceId;
            }
            if (taken)
            {
                throw new ValidationError("alias", $"The alias \"{name}\" already exists.");
            }
        }
    }

    private static bool ValidFieldName(string name) =>
        name.Length > 0 && name.Length <= 63 && name == name.Trim() && !name.StartsWith('_') && !name.Contains('"', StringComparison.Ordinal);

    private static List<DsField> ParseFields(JsonArray? fields)
    {
        var result = new List<DsField>();
        if (fields is null)
        {
            return result;
        }
        foreach (var item in fields)
        {
            if (item is not JsonObject f || Params.AsString(f["id"]) is not { } id)
            {
                throw new ValidationError("fields", "Missing value");
            }
            if (!ValidFieldName(id))
            {
                throw new ValidationError("fields", $"\"{id}\" is not a valid field name");
            }
            if (result.Any(x => x.Id == id))
            {
                throw new ValidationError("fields", $"Duplicate column: \"{id}\"");
            }
            var type = "";
            if (Params.AsString(f["type"]) is { Length: > 0 } given)
            {
                type = DsTypes.Canonical(given) ?? throw new ValidationError("fields", $"\"{given}\" is not a valid field type");
            }
            var info = f["info"] as JsonObject;
            if (info?["type_override"] is { } over && Params.AsString(over) is { Length: > 0 } o && DsTypes.Canonical(o) is null)
            {
                throw new ValidationError("fields", $"\"{o}\" is not a valid type_override");
            }
            result.Add(new DsField(id, type, info is null ? null : (JsonObject)info.DeepClone()));
        }
        return result;
    }

    private static List<JsonObject> RecordsParam(ActionContext ctx, bool required)
    {
        var list = ListParam(ctx, "records");
        if (list is null)
        {
            return required ? throw new ValidationError("records", "Missing value") : [];
        }
        return list.Select(item => item as JsonObject ?? throw new ValidationError("records", "The data was invalid (for example: a numeric value is out of range or was inserted into a text field).")).ToList();
    }

    /// <summary>CKAN's _guess_type over the first record that has the key: ints, floats, numeric strings, dates, else text.</summary>
    private static string Guess(List<JsonObject> records, string key)
    {
        var node = records.Select(r => r[key]).FirstOrDefault(v => v is not null);
        switch (node)
        {
            case null:
                return "text";
            case JsonObject or JsonArray:
                return "json";
        }
        var v = (JsonValue)node;
        switch (v.GetValueKind())
        {
            case JsonValueKind.True or JsonValueKind.False:
                return "bool";
            case JsonValueKind.Number:
                return v.TryGetValue<long>(out var l) ? (l is >= int.MinValue and <= int.MaxValue ? "int" : "bigint")
                    : v.GetValue<double>() == Math.Floor(v.GetValue<double>()) && Math.Abs(v.GetValue<double>()) < int.MaxValue ? "int" : "float";
        }
        var s = v.GetValue<string>().Trim();
        if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            return "int";
        }
        if (decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return "numeric";
        }
        return DsTypes.TryTimestamp(s, out _) ? "timestamp" : "text";
    }

    private static async Task ApplyKeysAsync(ActionContext ctx, DatastoreDb store, DbConnection conn, DbTransaction tx, TableMeta meta)
    {
        if (ctx.Has("primary_key"))
        {
            var pk = NameList(ctx, "primary_key");
            foreach (var name in pk)
            {
                if (meta.Field(name) is null)
                {
                    throw new ValidationError("primary_key", $"field \"{name}\" not in table");
                }
            }
            if (!pk.SequenceEqual(meta.PrimaryKey))
            {
                foreach (var old in meta.Indexes.Where(i => i.Name.StartsWith("pk_", StringComparison.Ordinal)).ToList())
                {
                    await DatastoreDb.ExecAsync(conn, tx, $"DROP INDEX {(store.IsPostgres ? "datastore." : "")}{DatastoreDb.Q(old.Name)}", Ct(ctx));
                    meta.Indexes.Remove(old);
                }
                meta.PrimaryKey = pk;
                if (pk.Count > 0)
                {
                    var index = new DsIndex(DatastoreDb.NewIndexName("pk_"), pk, true);
                    await store.CreateIndexAsync(conn, tx, meta.Id, index, Ct(ctx));
                    meta.Indexes.Add(index);
                }
            }
        }
        foreach (var name in NameList(ctx, "indexes"))
        {
            var columns = name.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
            foreach (var c in columns)
            {
                if (meta.Field(c) is null)
                {
                    throw new ValidationError("indexes", $"field \"{c}\" not in table");
                }
            }
            if (columns.Count == 0 || meta.Indexes.Any(i => i.Columns.SequenceEqual(columns)))
            {
                continue;
            }
            var index = new DsIndex(DatastoreDb.NewIndexName("ix_"), columns, false);
            await store.CreateIndexAsync(conn, tx, meta.Id, index, Ct(ctx));
            meta.Indexes.Add(index);
        }
    }

    private static object?[] RowValues(TableMeta meta, JsonObject record, int row, bool postgres)
    {
        var values = new object?[meta.Fields.Count];
        for (var i = 0; i < meta.Fields.Count; i++)
        {
            var f = meta.Fields[i];
            try
            {
                values[i] = DsTypes.ToDb(f.Type, record[f.Id], postgres);
            }
            catch (FormatException e)
            {
                throw new ValidationError("records", $"row {row}: field \"{f.Id}\": {e.Message}");
            }
        }
        return values;
    }

    private static void CheckKeys(TableMeta meta, JsonObject record, int row)
    {
        var extra = record.Select(kv => kv.Key).Where(k => k != "_id" && meta.Field(k) is null).ToList();
        if (extra.Count > 0)
        {
            throw new ValidationError("records", $"row {row} has extra keys \"{string.Join(", ", extra)}\"");
        }
    }

    private static async Task<long> InsertRecordsAsync(DatastoreDb store, DbConnection conn, DbTransaction tx, TableMeta meta, List<JsonObject> records, CancellationToken ct)
    {
        if (records.Count == 0)
        {
            return 0;
        }
        await using var insert = store.CreateInserter(conn, tx, meta.Id, meta.Fields);
        var row = 0;
        foreach (var record in records)
        {
            row++;
            CheckKeys(meta, record, row);
            var values = RowValues(meta, record, row, store.IsPostgres);
            await insert.InsertAsync(values, DatastoreDb.RowFullText(meta.Fields, values), ct);
        }
        return records.Count;
    }

    private static CkanException DbError(DbException e)
    {
        if (e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 })
        {
            return new ValidationError("resource_id", "The DataStore is busy: a file is being loaded into this database. Try again when the load has finished (xloader_status).");
        }
        var unique = e is Npgsql.PostgresException { SqlState: "23505" } || e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 };
        return unique
            ? new ValidationError(new JsonObject { ["constraints"] = new JsonArray("Cannot insert records or create index because of uniqueness constraint") })
            : new ValidationError("records", e is Npgsql.PostgresException pe ? pe.MessageText : e.Message);
    }

    // ---------------------------------------------------------------- datastore_upsert

    private static async Task<JsonNode?> Upsert(ActionContext ctx)
    {
        var r = await ResourceAsync(ctx, ctx.Required("resource_id"), write: true);
        CheckReadOnly(ctx, r);
        var method = ctx.String("method") ?? "upsert";
        if (method is not ("upsert" or "insert" or "update"))
        {
            throw new ValidationError("method", $"\"{method}\" is not a valid method");
        }
        var records = RecordsParam(ctx, required: true);
        var store = Store(ctx);
        await using var conn = await store.OpenAsync(Ct(ctx));
        await using var tx = await conn.BeginTransactionAsync(Ct(ctx));
        var meta = await store.MetaAsync(conn, tx, r.Id, Ct(ctx)) ?? throw new NotFound($"Resource \"{r.Id}\" was not found.");
        long inserted = 0;
        try
        {
            if (method == "insert")
            {
                inserted = await InsertRecordsAsync(store, conn, tx, meta, records, Ct(ctx));
            }
            else
            {
                var row = 0;
                foreach (var record in records)
                {
                    row++;
                    inserted += await UpsertOneAsync(store, conn, tx, meta, record, row, method == "upsert", Ct(ctx));
                }
            }
            await store.AddCountAsync(conn, tx, r.Id, inserted, Ct(ctx));
            if (ctx.Bool("dry_run"))
            {
                await tx.RollbackAsync(Ct(ctx));
            }
            else
            {
                await tx.CommitAsync(Ct(ctx));
            }
        }
        catch (DbException e)
        {
            throw DbError(e);
        }
        var result = new JsonObject { ["resource_id"] = r.Id, ["method"] = method };
        if (ctx.Bool("include_records"))
        {
            result["records"] = ctx.Data["records"]!.DeepClone();
        }
        return result;
    }

    /// <summary>One record by <c>_id</c> or the primary key: update the given columns; insert when missing (upsert only).</summary>
    private static async Task<long> UpsertOneAsync(DatastoreDb store, DbConnection conn, DbTransaction tx, TableMeta meta, JsonObject record, int row, bool insertMissing, CancellationToken ct)
    {
        CheckKeys(meta, record, row);
        var byId = record["_id"] is not null;
        List<DsField> keyFields;
        if (byId)
        {
            keyFields = [new DsField("_id", "bigint", null)];
        }
        else if (meta.PrimaryKey.Count > 0)
        {
            keyFields = meta.PrimaryKey.Select(k => meta.Field(k)!).ToList();
            var missing = keyFields.Where(k => record[k.Id] is null).Select(k => k.Id).ToList();
            if (missing.Count > 0)
            {
                throw new ValidationError("key", $"fields \"{string.Join(", ", missing)}\" are missing but needed as key");
            }
        }
        else
        {
            throw new ValidationError("table", "unique key must be passed for update/upsert");
        }

        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        var where = new List<string>();
        foreach (var k in keyFields)
        {
            var name = "@k" + where.Count.ToString(CultureInfo.InvariantCulture);
            object? value;
            try
            {
                value = DsTypes.ToDb(k.Type, record[k.Id], store.IsPostgres);
            }
            catch (FormatException e)
            {
                throw new ValidationError("records", $"row {row}: field \"{k.Id}\": {e.Message}");
            }
            DatastoreDb.Param(cmd, name, value, k.Type);
            where.Add($"{DatastoreDb.Q(k.Id)} = {name}");
        }
        var sets = new List<string>();
        foreach (var f in meta.Fields.Where(f => record.ContainsKey(f.Id) && !keyFields.Contains(f)))
        {
            var name = "@v" + sets.Count.ToString(CultureInfo.InvariantCulture);
            try
            {
                DatastoreDb.Param(cmd, name, DsTypes.ToDb(f.Type, record[f.Id], store.IsPostgres), f.Type);
            }
            catch (FormatException e)
            {
                throw new ValidationError("records", $"row {row}: field \"{f.Id}\": {e.Message}");
            }
            sets.Add($"{DatastoreDb.Q(f.Id)} = {name}");
        }
        var whereSql = string.Join(" AND ", where);
        cmd.CommandText = $"SELECT _id FROM {store.T(meta.Id)} WHERE {whereSql}";
        var found = await cmd.ExecuteScalarAsync(ct);
        if (found is null or DBNull)
        {
            if (!insertMissing || byId)
            {
                var key = JsonSerializer.Serialize(keyFields.Select(k => Params.AsString(record[k.Id])).ToList());
                throw new ValidationError("key", $"key \"{key}\" not found");
            }
            var values = RowValues(meta, record, row, store.IsPostgres);
            await using var insert = store.CreateInserter(conn, tx, meta.Id, meta.Fields);
            await insert.InsertAsync(values, DatastoreDb.RowFullText(meta.Fields, values), ct);
            return 1;
        }
        var id = Convert.ToInt64(found, CultureInfo.InvariantCulture);
        if (sets.Count > 0)
        {
            cmd.CommandText = $"UPDATE {store.T(meta.Id)} SET {string.Join(", ", sets)} WHERE {whereSql}";
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await RefreshFullTextAsync(store, conn, tx, meta, id, ct);
        return 0;
    }

    private static async Task RefreshFullTextAsync(DatastoreDb store, DbConnection conn, DbTransaction tx, TableMeta meta, long id, CancellationToken ct)
    {
        if (meta.Fields.Count == 0)
        {
            return;
        }
        var cols = string.Join(", ", meta.Fields.Select(f => DatastoreDb.Q(f.Id)));
        object?[] values;
        await using (var select = DatastoreDb.Command(conn, tx, $"SELECT {cols} FROM {store.T(meta.Id)} WHERE _id = @id", ("@id", id)))
        await using (var reader = await select.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            values = new object?[meta.Fields.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
        }
        await DatastoreDb.ExecAsync(conn, tx, $"UPDATE {store.T(meta.Id)} SET _full_text = @ft WHERE _id = @id", ct,
            ("@ft", DatastoreDb.RowFullText(meta.Fields, values)), ("@id", id));
    }

    // ---------------------------------------------------------------- datastore_search

    /// <summary>The resource (after the read check) and its table; <paramref name="id"/> may be one of its aliases.</summary>
    internal static async Task<(Resource Resource, TableMeta Meta)> ReadableTableAsync(ActionContext ctx, string id)
    {
        Resource r;
        try
        {
            r = await ResourceAsync(ctx, id, write: false);
        }
        catch (NotFound) when (id.Length > 0)
        {
            // An alias reads as its resource, with that resource's permissions.
            var target = await Store(ctx).AliasTargetAsync(id, Ct(ctx));
            if (target is null)
            {
                throw;
            }
            r = await ResourceAsync(ctx, target, write: false);
        }
        await using var conn = await Store(ctx).OpenAsync(Ct(ctx));
        var meta = await Store(ctx).MetaAsync(conn, null, r.Id, Ct(ctx)) ?? throw new NotFound($"Resource \"{id}\" was not found.");
        return (r, meta);
    }

    private static async Task<JsonNode?> Search(ActionContext ctx)
    {
        var id = ctx.String("resource_id") is { Length: > 0 } rid ? rid : ctx.String("id");
        if (string.IsNullOrEmpty(id))
        {
            throw new ValidationError("resource_id", "Missing value");
        }
        var settings = ctx.Service<DatastoreSettings>();
        var limit = Math.Min(ctx.Natural("limit", settings.DatastoreSearchRowsDefault), settings.DatastoreSearchRowsMax);
        var offset = ctx.Natural("offset", 0);
        var format = ctx.String("records_format") ?? "objects";
        if (format is not ("objects" or "lists" or "csv" or "tsv"))
        {
            throw new ValidationError("records_format", $"Value must be one of ['objects', 'lists', 'csv', 'tsv']");
        }
        if (id == TableMetadata)
        {
            return await TableMetadataAsync(ctx, limit, offset);
        }
        var (r, meta) = await ReadableTableAsync(ctx, id);
        var store = Store(ctx);
        var query = new DatastoreQuery(store, meta).Build(ctx.Data);

        await using var conn = await store.OpenAsync(Ct(ctx));
        // The version before the records: a total cached for it is from these rows or newer ones (DatastoreDb.TotalAsync).
        var stats = await store.StatsAsync(conn, null, r.Id, Ct(ctx));
        var records = new JsonArray();
        var text = new StringBuilder();
        long? lastId = null;
        var returned = 0;
        var idIndex = query.Selected.FindIndex(f => f.Id == "_id");
        await using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = query.SelectSql(limit, offset);
            query.Bind(cmd);
            await using var reader = await cmd.ExecuteReaderAsync(Ct(ctx));
            var count = 0;
            while (await reader.ReadAsync(Ct(ctx)))
            {
                count++;
                var raw = new object?[query.Selected.Count];
                for (var i = 0; i < raw.Length; i++)
                {
                    raw[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }
                if (idIndex >= 0 && raw[idIndex] is { } idv)
                {
                    lastId = Convert.ToInt64(idv, CultureInfo.InvariantCulture);
                }
                switch (format)
                {
                    case "objects":
                        var o = new JsonObject();
                        for (var i = 0; i < raw.Length; i++)
                        {
                            o[query.Selected[i].Id] = DsTypes.ToJson(query.Selected[i].Type, raw[i]);
                        }
                        records.Add(o);
                        break;
                    case "lists":
                        records.Add(new JsonArray(raw.Select((v, i) => DsTypes.ToJson(query.Selected[i].Type, v)).ToArray()));
                        break;
                    default:
                        DelimitedWriter.AppendRow(text, raw.Select((v, i) => DsTypes.ToText(query.Selected[i].Type, v)), format == "csv" ? ',' : '\t', neutralise: false);
                        break;
                }
            }
            if (count < limit)
            {
                lastId = null;
            }
            returned = count;
        }

        var result = new JsonObject
        {
            ["include_total"] = ctx.Bool("include_total", true),
            ["resource_id"] = r.Id,
            ["fields"] = new JsonArray(query.Selected.Select(f => (JsonNode)f.ToJson()).ToArray()),
            ["records_format"] = format,
            ["records"] = format is "csv" or "tsv" ? JsonValue.Create(text.ToString()) : records,
            ["limit"] = limit,
        };
        if (ctx.Has("offset"))
        {
            result["offset"] = offset;
        }
        foreach (var key in new[] { "filters", "q", "sort", "distinct" })
        {
            if (ctx.Has(key))
            {
                result[key] = ctx.Data[key]!.DeepClone();
            }
        }
        if (ctx.Bool("include_total", true))
        {
            var total = await store.TotalAsync(conn, query, stats, Ct(ctx));
            if (query.SortedById && !query.Distinct && lastId is { } pageEnd)
            {
                store.RememberNextPageTotal(meta, ctx.Data, query.SortedByIdDesc, stats, total, offset, returned, pageEnd);
            }
            result["total"] = total;
            result["total_was_estimated"] = false;
        }
        if (ctx.Bool("include_next_page") && query.SortedById && lastId is { } last)
        {
            result["next_page"] = new JsonObject { ["_id"] = new JsonObject { [query.SortedByIdDesc ? "lt" : "gt"] = last } };
        }
        return result;
    }

    private const string TableMetadata = "_table_metadata";

    /// <summary>
    /// datastore_search on <c>_table_metadata</c>, CKAN's list of DataStore tables and aliases: <c>name</c> (a resource
    /// id, or an alias) and <c>alias_of</c> (the aliased resource, or null), only for resources the caller may read
    /// (CKAN shows every table; a private dataset's resource ids are not for everyone). Equality filters on both
    /// fields, limit and offset.
    /// </summary>
    private static async Task<JsonNode?> TableMetadataAsync(ActionContext ctx, int limit, int offset)
    {
        var store = Store(ctx);
        var rows = new List<(string Name, string? AliasOf)>();
        await using (var conn = await store.OpenAsync(Ct(ctx)))
        await using (var cmd = DatastoreDb.Command(conn, null,
            $"SELECT id, NULL FROM {store.T("_table_metadata")} UNION ALL SELECT name, resource_id FROM {store.T("_aliases")} ORDER BY 1"))
        await using (var reader = await cmd.ExecuteReaderAsync(Ct(ctx)))
        {
            while (await reader.ReadAsync(Ct(ctx)))
            {
                rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
            }
        }
        if (ctx.Data["filters"] is { } given && DatastoreQuery.ParseJsonParam(given, "filters") is { } parsed)
        {
            if (parsed is not JsonObject filters)
            {
                throw new ValidationError("filters", "Not a json object");
            }
            foreach (var (key, value) in filters)
            {
                if (key is not ("name" or "alias_of"))
                {
                    throw new ValidationError("filters", $"field \"{key}\" not in table");
                }
                var wanted = (value is JsonArray list ? list.Select(Params.AsString) : [Params.AsString(value)]).ToHashSet(StringComparer.Ordinal);
                rows = rows.Where(row => wanted.Contains(key == "name" ? row.Name : row.AliasOf)).ToList();
            }
        }
        var ids = rows.Select(row => row.AliasOf ?? row.Name).Distinct(StringComparer.Ordinal).ToList();
        var readable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var resource in await ctx.Db.Resources.Include(x => x.Dataset).Where(x => ids.Contains(x.Id) && x.State == "active").ToListAsync(Ct(ctx)))
        {
            if (resource.Dataset is not null && await CanReadResourceAsync(ctx, resource))
            {
                readable.Add(resource.Id);
            }
        }
        rows = rows.Where(row => readable.Contains(row.AliasOf ?? row.Name)).ToList();
        var result = new JsonObject
        {
            ["include_total"] = ctx.Bool("include_total", true),
            ["resource_id"] = TableMetadata,
            ["fields"] = new JsonArray(new JsonObject { ["id"] = "name", ["type"] = "text" }, new JsonObject { ["id"] = "alias_of", ["type"] = "text" }),
            ["records_format"] = "objects",
            ["records"] = new JsonArray(rows.Skip(offset).Take(limit).Select(row => (JsonNode)new JsonObject { ["name"] = row.Name, ["alias_of"] = row.AliasOf }).ToArray()),
            ["limit"] = limit,
        };
        if (ctx.Bool("include_total", true))
        {
            result["total"] = rows.Count;
            result["total_was_estimated"] = false;
        }
        return result;
    }

    // ---------------------------------------------------------------- datastore_info

    private static async Task<JsonNode?> Info(ActionContext ctx)
    {
        var id = ctx.String("resource_id") is { Length: > 0 } rid ? rid : ctx.Required("id");
        var (r, meta) = await ReadableTableAsync(ctx, id);
        var store = Store(ctx);
        await using var conn = await store.OpenAsync(Ct(ctx));
        var result = new JsonObject();
        if (ctx.Bool("include_meta", true))
        {
            long size = 0, idx = 0, dbSize = 0;
            if (store.IsPostgres)
            {
                await using var cmd = DatastoreDb.Command(conn, null,
                    "SELECT pg_relation_size(CAST(@t AS regclass)), pg_indexes_size(CAST(@t AS regclass)), pg_database_size(current_database())",
                    ("@t", "datastore." + DatastoreDb.Q(r.Id)));
                await using var reader = await cmd.ExecuteReaderAsync(Ct(ctx));
                await reader.ReadAsync(Ct(ctx));
                (size, idx, dbSize) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
            }
            else
            {
                await using (var cmd = DatastoreDb.Command(conn, null, "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"))
                {
                    dbSize = Convert.ToInt64(await cmd.ExecuteScalarAsync(Ct(ctx)), CultureInfo.InvariantCulture);
                }
                try
                {
                    var names = meta.Indexes.Select(i => i.Name).ToList();
                    await using var cmd = DatastoreDb.Command(conn, null, "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name");
                    await using var reader = await cmd.ExecuteReaderAsync(Ct(ctx));
                    while (await reader.ReadAsync(Ct(ctx)))
                    {
                        var name = reader.GetString(0);
                        if (name == r.Id)
                        {
                            size = reader.GetInt64(1);
                        }
                        else if (names.Contains(name))
                        {
                            idx += reader.GetInt64(1);
                        }
                    }
                }
                catch (DbException)
                {
                    // dbstat is an optional SQLite module; sizes stay 0 without it.
                }
            }
            result["meta"] = new JsonObject
            {
                ["aliases"] = new JsonArray((await store.AliasesAsync(conn, null, r.Id, Ct(ctx))).Select(a => (JsonNode)a).ToArray()),
                ["count"] = await store.CountAsync(conn, null, r.Id, Ct(ctx)),
                ["db_size"] = dbSize,
                ["id"] = r.Id,
                ["idx_size"] = idx,
                ["size"] = size,
                ["table_type"] = "BASE TABLE",
            };
        }
        var withSchema = ctx.Bool("include_fields_schema", true);
        result["fields"] = new JsonArray(meta.Fields.Select(f =>
        {
            var o = f.ToJson();
            if (withSchema)
            {
                var index = meta.Indexes.FirstOrDefault(i => i.Columns.Count == 1 && i.Columns[0] == f.Id);
                o["schema"] = new JsonObject
                {
                    ["native_type"] = DsTypes.NativeName(f.Type),
                    ["index_name"] = index?.Name,
                    ["is_index"] = index is not null,
                    ["notnull"] = false,
                    ["uniquekey"] = index?.Unique == true,
                };
            }
            return (JsonNode)o;
        }).ToArray());
        return result;
    }

    // ---------------------------------------------------------------- datastore_delete / datastore_records_delete

    private static async Task<JsonNode?> Delete(ActionContext ctx, bool recordsOnly)
    {
        var r = await ResourceAsync(ctx, ctx.Required("resource_id"), write: true);
        CheckReadOnly(ctx, r);
        var hasFilters = ctx.Data.ContainsKey("filters") && ctx.Data["filters"] is not null;
        if (recordsOnly && !hasFilters)
        {
            throw new ValidationError("filters", "Missing value");
        }
        var store = Store(ctx);
        await using var conn = await store.OpenAsync(Ct(ctx));
        await using var tx = await conn.BeginTransactionAsync(Ct(ctx));
        var meta = await store.MetaAsync(conn, tx, r.Id, Ct(ctx), forUpdate: true) ?? throw new NotFound($"Resource \"{r.Id}\" was not found.");
        var result = new JsonObject { ["resource_id"] = r.Id };
        if (!hasFilters)
        {
            await store.DeleteAliasesAsync(conn, tx, r.Id, Ct(ctx));
            await store.DropTableAsync(conn, tx, r.Id, Ct(ctx));
            await store.DeleteMetaAsync(conn, tx, r.Id, Ct(ctx));
            await tx.CommitAsync(Ct(ctx));
            await SetActiveAsync(ctx.Db, r, false, Ct(ctx));
            return result;
        }
        var query = new DatastoreQuery(store, meta).Build(new JsonObject { ["filters"] = ctx.Data["filters"]!.DeepClone() });
        var includeDeleted = ctx.Bool("include_deleted_records");
        await using (var cmd = conn.CreateCommand())
        {
            cmd.Transaction = tx;
            var cols = string.Join(", ", meta.Fields.Select(f => DatastoreDb.Q(f.Id)).Prepend("_id"));
            cmd.CommandText = $"DELETE FROM {store.T(r.Id)}" + (query.HasConditions ? " WHERE " + query.Where : "")
                + (includeDeleted ? " RETURNING " + cols : "");
            query.Bind(cmd);
            long deleted = 0;
            if (includeDeleted)
            {
                var fields = meta.Fields.Prepend(DatastoreQuery.IdField).ToList();
                var rows = new JsonArray();
                await using (var reader = await cmd.ExecuteReaderAsync(Ct(ctx)))
                {
                    while (await reader.ReadAsync(Ct(ctx)))
                    {
                        var o = new JsonObject();
                        for (var i = 0; i < fields.Count; i++)
                        {
                            o[fields[i].Id] = DsTypes.ToJson(fields[i].Type, reader.IsDBNull(i) ? null : reader.GetValue(i));
                        }
                        rows.Add(o);
                        deleted++;
                    }
                }
                result["deleted_records"] = rows;
            }
            else
            {
                deleted = await cmd.ExecuteNonQueryAsync(Ct(ctx));
            }
            await store.AddCountAsync(conn, tx, r.Id, -deleted, Ct(ctx));
        }
        await tx.CommitAsync(Ct(ctx));
        result["filters"] = ctx.Data["filters"]!.DeepClone();
        return result;
    }
}
