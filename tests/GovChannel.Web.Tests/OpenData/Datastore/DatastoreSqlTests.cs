using System.Text.Json.Nodes;
using GovChannel.Tests;

namespace GovChannel.Web.Tests.OpenData.Datastore;

/// <summary>datastore_search_sql switched on (GovChannel:DatastoreSqlSearch=true), over HTTP on both databases: each refusal rule, private tables, the timeout.</summary>
public abstract class DatastoreSqlTests(GovChannelApp app)
{
    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<(Ckan Sys, string ResourceId)> TableAsync(JsonArray records, bool isPrivate = false)
    {
        var token = await app.UserTokenAsync("sql-sysadmin", sysadmin: true);
        var sys = app.Ckan(token);
        var org = await app.AddGroupAsync(Unique("org"));
        var d = (await sys.PostAsync("package_create", new { name = Unique("sql"), owner_org = org, @private = isPrivate })).Ok().Result!;
        var r = (await sys.PostAsync("datastore_create", new JsonObject
        {
            ["resource"] = new JsonObject { ["package_id"] = d["id"]!.GetValue<string>(), ["name"] = "table" },
            ["records"] = records,
        })).Ok().Result!;
        return (sys, r["resource_id"]!.GetValue<string>());
    }

    private static JsonArray Provinces() => JsonNode.Parse("""
        [{"province":"เชียงใหม่","district":"เมือง","population":100},{"province":"เชียงใหม่","district":"สันทราย","population":50},
         {"province":"ขอนแก่น","district":"เมือง","population":70}]
        """)!.AsArray();

    private static Task<CkanResponse> SqlAsync(Ckan client, string sql) =>
        client.GetAsync("datastore_search_sql?sql=" + Uri.EscapeDataString(sql));

    [Fact]
    public async Task DatastoreSearchSql_Select_ReturnsFieldsAndRecords()
    {
        var (sys, rid) = await TableAsync(Provinces());
        var r = (await SqlAsync(sys, $"SELECT province, sum(population) AS people, count(*) AS n FROM \"{rid}\" GROUP BY province ORDER BY people DESC;")).Ok().Result!;
        Assert.Equal(["province", "people", "n"], r["fields"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()));
        Assert.Equal("เชียงใหม่", r["records"]![0]!["province"]!.GetValue<string>());
        Assert.Equal(150, r["records"]![0]!["people"]!.GetValue<long>());
        Assert.Equal(1, r["records"]![1]!["n"]!.GetValue<long>());
        Assert.Null(r["records_truncated"]);

        // Anonymous callers may query a public table; a string with a quote and an alias in double quotes are plain text.
        var anon = (await SqlAsync(app.Ckan(), $"SELECT district AS \"the district\" FROM \"{rid}\" t WHERE t.district <> 'it''s' AND lower(province) = 'ขอนแก่น'")).Ok().Result!;
        Assert.Equal("เมือง", anon["records"]![0]!["the district"]!.GetValue<string>());

        // A CTE and a subquery over the same table.
        var cte = (await SqlAsync(sys, $"WITH big AS (SELECT * FROM \"{rid}\" WHERE population >= 70) SELECT count(*) AS n FROM big WHERE district IN (SELECT district FROM \"{rid}\")")).Ok().Result!;
        Assert.Equal(2, cte["records"]![0]!["n"]!.GetValue<long>());
    }

    [Fact]
    public async Task DatastoreSearchSql_CteColumnLists_AreAccepted()
    {
        var (sys, rid) = await TableAsync(Provinces());
        var named = (await SqlAsync(sys, $"WITH x(p, people) AS (SELECT province, population FROM \"{rid}\"), y (p2) AS (SELECT p FROM x) " +
            "SELECT p, sum(people) AS total FROM x WHERE p IN (SELECT p2 FROM y) GROUP BY p ORDER BY total DESC")).Ok().Result!;
        Assert.Equal("เชียงใหม่", named["records"]![0]!["p"]!.GetValue<string>());
        Assert.Equal(150, named["records"]![0]!["total"]!.GetValue<long>());
        var recursive = (await SqlAsync(sys, "WITH RECURSIVE c(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM c WHERE k < 4) SELECT count(*) AS n FROM c")).Ok().Result!;
        Assert.Equal(4, recursive["records"]![0]!["n"]!.GetValue<long>());
        var nested = (await SqlAsync(sys, $"SELECT n FROM (WITH z(n) AS (SELECT count(*) FROM \"{rid}\") SELECT n FROM z) AS inner_count")).Ok().Result!;
        Assert.Equal(3, nested["records"]![0]!["n"]!.GetValue<long>());

        // The column list is not a call, but everything else still is checked.
        foreach (var sql in new[]
        {
            $"WITH x(a) AS (SELECT pg_sleep(1) FROM \"{rid}\") SELECT a FROM x",
            "WITH x(a) AS (SELECT 1) SELECT pg_read_file('/etc/passwd') FROM x",
            $"WITH x(a) AS (SELECT 1), y AS (SELECT 2) SELECT * FROM x, version() v",
        })
        {
            var r = await SqlAsync(sys, sql);
            Assert.Equal(403, r.Status);
            Assert.Contains("Not authorized to call function", r.Error!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        var write = await SqlAsync(sys, $"WITH x(a) AS (DELETE FROM \"{rid}\" RETURNING 1) SELECT a FROM x");
        Assert.Equal(409, write.Status);
        Assert.Equal(3, (await sys.PostAsync("datastore_search", new { resource_id = rid })).Ok().Result!["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task DatastoreSearchSql_Alias_ReadsTheTableWithItsPermissions()
    {
        var (sys, secret) = await TableAsync(JsonNode.Parse("""[{"code":"x1","salary":900}]""")!.AsArray(), isPrivate: true);
        var alias = Unique("salaries");
        (await sys.PostAsync("datastore_create", new JsonObject { ["resource_id"] = secret, ["aliases"] = new JsonArray(alias) })).Ok();
        Assert.Equal(900, (await SqlAsync(sys, $"SELECT salary FROM \"{alias}\"")).Ok().Result!["records"]![0]!["salary"]!.GetValue<long>());
        // A column added after the alias was made is in the alias too.
        (await sys.PostAsync("datastore_create", new JsonObject { ["resource_id"] = secret, ["records"] = JsonNode.Parse("""[{"code":"x2","salary":100,"grade":"C"}]""") })).Ok();
        var graded = (await SqlAsync(sys, $"SELECT grade FROM \"{alias}\" WHERE code = 'x2'")).Ok().Result!;
        Assert.Equal("C", graded["records"]![0]!["grade"]!.GetValue<string>());

        var outsider = app.Ckan(await app.UserTokenAsync(Unique("outsider")));
        var refused = await SqlAsync(outsider, $"SELECT salary FROM \"{alias}\"");
        Assert.Equal(403, refused.Status);
        Assert.DoesNotContain("900", refused.Body, StringComparison.Ordinal);
        Assert.Equal(403, (await SqlAsync(app.Ckan(), $"SELECT count(*) FROM \"{alias}\"")).Status);

        (await sys.PostAsync("datastore_delete", new { resource_id = secret })).Ok();
        Assert.False((await SqlAsync(sys, $"SELECT * FROM \"{alias}\"")).Success);
    }

    [Theory]
    [InlineData("DELETE FROM \"{0}\"", "Only a SELECT")]
    [InlineData("SELECT 1; DELETE FROM \"{0}\"", "single statement")]
    [InlineData("SELECT * FROM \"{0}\" -- ", "Comments")]
    [InlineData("SELECT /* x */ * FROM \"{0}\"", "Comments")]
    [InlineData("WITH d AS (DELETE FROM \"{0}\" RETURNING *) SELECT * FROM d", "\"DELETE\" is not allowed")]
    [InlineData("SELECT * INTO copied FROM \"{0}\"", "\"INTO\" is not allowed")]
    [InlineData("SELECT E'\\'', * FROM \"{0}\"", "Prefixed string")]
    [InlineData("SELECT $$x$$ FROM \"{0}\"", "Dollar")]
    [InlineData("SELECT * FROM \"{0}\" WHERE district = 'open", "Unterminated")]
    public async Task DatastoreSearchSql_NotOneReadOnlySelect_IsValidationError(string sql, string message)
    {
        var (sys, rid) = await TableAsync(Provinces());
        var r = await SqlAsync(sys, string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, rid));
        Assert.Equal(409, r.Status);
        Assert.Equal("Validation Error", r.ErrorType);
        Assert.Contains(message, r.Error!["query"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(3, (await sys.PostAsync("datastore_search", new { resource_id = rid })).Ok().Result!["total"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("SELECT pg_sleep(1), * FROM \"{0}\"", "pg_sleep")]
    [InlineData("SELECT \"pg_read_file\"('/etc/passwd')", "pg_read_file")]
    [InlineData("SELECT pg_catalog.version()", "version")]
    [InlineData("SELECT load_extension('x')", "load_extension")]
    [InlineData("SELECT current_setting ('is_superuser')", "current_setting")]
    public async Task DatastoreSearchSql_FunctionNotAllowed_IsAuthorizationError(string sql, string function)
    {
        var (sys, rid) = await TableAsync(Provinces());
        var r = await SqlAsync(sys, string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, rid));
        Assert.Equal(403, r.Status);
        Assert.Equal("Authorization Error", r.ErrorType);
        Assert.Contains("Not authorized to call function " + function, r.Error!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT * FROM _table_metadata")]
    [InlineData("SELECT * FROM _jobs")]
    [InlineData("SELECT * FROM sqlite_master")]
    [InlineData("SELECT * FROM pg_catalog.pg_class")]
    [InlineData("SELECT * FROM information_schema.tables")]
    [InlineData("SELECT * FROM public.users")]
    [InlineData("SELECT * FROM users")]
    [InlineData("SELECT * FROM \"{0}\" a JOIN pg_catalog.pg_roles r ON true")]
    public async Task DatastoreSearchSql_NotADatastoreTable_IsRefused(string sql)
    {
        var (sys, rid) = await TableAsync(Provinces());
        var r = await SqlAsync(sys, string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, rid));
        Assert.False(r.Success);
        Assert.True(r.ErrorType is "Authorization Error" or "Validation Error", r.Body);
        Assert.DoesNotContain("api_tokens", r.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("relname", r.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DatastoreSearchSql_PrivateTable_OnlyForThoseWhoMayReadIt()
    {
        var (sys, secret) = await TableAsync(JsonNode.Parse("""[{"code":"x1","salary":900}]""")!.AsArray(), isPrivate: true);
        var (_, open) = await TableAsync(Provinces());
        Assert.Equal(900, (await SqlAsync(sys, $"SELECT salary FROM \"{secret}\"")).Ok().Result!["records"]![0]!["salary"]!.GetValue<long>());

        var outsider = app.Ckan(await app.UserTokenAsync(Unique("outsider")));
        foreach (var sql in new[]
        {
            $"SELECT salary FROM \"{secret}\"",
            $"SELECT o.province FROM \"{open}\" o JOIN \"{secret}\" s ON true",
            $"SELECT province FROM \"{open}\" WHERE EXISTS (SELECT 1 FROM \"{secret}\")",
            $"WITH s AS (SELECT * FROM \"{secret}\") SELECT count(*) FROM s",
        })
        {
            var r = await SqlAsync(outsider, sql);
            Assert.Equal(403, r.Status);
            Assert.Equal("Authorization Error", r.ErrorType);
            Assert.DoesNotContain("900", r.Body, StringComparison.Ordinal);
        }
        Assert.Equal(403, (await SqlAsync(app.Ckan(), $"SELECT * FROM \"{secret}\"")).Status);
        (await SqlAsync(outsider, $"SELECT count(*) AS n FROM \"{open}\"")).Ok();
    }

    [Fact]
    public async Task DatastoreSearchSql_LongQuery_StopsAtTheTimeout()
    {
        var rows = new JsonArray();
        for (var i = 0; i < 2000; i++)
        {
            rows.Add(new JsonObject { ["n"] = i });
        }
        var (sys, rid) = await TableAsync(rows);
        var r = await SqlAsync(sys, $"SELECT count(*) FROM \"{rid}\" a, \"{rid}\" b, \"{rid}\" c WHERE a.n + b.n + c.n > -1");
        Assert.Equal(409, r.Status);
        Assert.Equal("Search took too long", r.Error!["query"]![0]!.GetValue<string>());
    }
}

public sealed class SqlSearchSqliteApp : GovChannelApp
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "govchannel-" + Guid.NewGuid().ToString("N")[..10] + ".db");
    public override string Provider => "Sqlite";
    protected override string ConnectionString() => $"Data Source={_file}";
    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
        [new("GovChannel:DatastoreSqlSearch", "true"), new("GovChannel:DatastoreSqlTimeoutMs", "300")];
}

public sealed class SqlSearchPostgresApp : GovChannelApp
{
    private readonly Lazy<string> _connection = new(PostgresServer.CreateDatabase);
    public override string Provider => "Postgres";
    protected override string ConnectionString() => _connection.Value;
    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
        [new("GovChannel:DatastoreSqlSearch", "true"), new("GovChannel:DatastoreSqlTimeoutMs", "300")];
}

public sealed class DatastoreSqlTestsSqlite(SqlSearchSqliteApp app) : DatastoreSqlTests(app), IClassFixture<SqlSearchSqliteApp>;

public sealed class DatastoreSqlTestsPostgres(SqlSearchPostgresApp app) : DatastoreSqlTests(app), IClassFixture<SqlSearchPostgresApp>;
