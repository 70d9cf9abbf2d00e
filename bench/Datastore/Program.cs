using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using GovChannel.Thai;
using GovChannel.Web.Areas.OpenData.Datastore;
using GovChannel.Web.Data;
using Microsoft.Extensions.Configuration;

// DataStore benchmark: ingest rows/s (our loader vs psql \copy and sqlite3 .import of the same file) and
// datastore_search p50 with an indexed filter on a large PostgreSQL table.
// Usage: dotnet run -c Release --project bench/Datastore -- [ingestRows=1000000] [searchRows=10000000]
var ingestRows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var searchRows = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 10_000_000;
// BENCH_RUNS (3), BENCH_FULLTEXT=0 skips the full-text step, BENCH_SQLITE=0 stops after PostgreSQL (the 1 GB run).
var runs = int.Parse(Environment.GetEnvironmentVariable("BENCH_RUNS") ?? "3", CultureInfo.InvariantCulture);
var fullTextStep = Environment.GetEnvironmentVariable("BENCH_FULLTEXT") != "0";
var withSqlite = Environment.GetEnvironmentVariable("BENCH_SQLITE") != "0";
var work = Path.Combine(Path.GetTempPath(), "gc-dsbench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(work);
var csv = Path.Combine(work, "rows.csv");
WriteCsv(csv, ingestRows);
var warm = Path.Combine(work, "warm.csv");
WriteCsv(warm, 5000);
Console.WriteLine($"file: {ingestRows:N0} rows, {new FileInfo(csv).Length / 1048576.0:F1} MiB");

if (Environment.GetEnvironmentVariable("PROFILE") == "1")
{
    Profile(csv, ingestRows);
}
var (pgConn, stop) = StartPostgres(work);
var pgData = Path.Combine(work, "pg", "data");
TimeSpan PgCpu() => PostgresCpu(pgData);
try
{
    // --- PostgreSQL: raw \copy into a typed table vs our loader (encoding and delimiter detection, type guessing,
    // text COPY, primary key, swap; the full-text step after it is timed on its own). Best of three runs each: the
    // machine is shared.
    var pgStore = Store(pgConn, "Postgres", work);
    // A warm-up load first (JIT): a server loads many files, psql is native code.
    await LoadAsync(pgStore, warm, "warm-pg", fullText: true, PgCpu);
    double bestCopy = double.MaxValue, bestOurs = double.MaxValue;
    for (var run = 0; run < runs; run++)
    {
        var copyTable = "rawcopy" + run.ToString(CultureInfo.InvariantCulture);
        Psql(pgConn, $"CREATE TABLE {copyTable} (id bigint, code bigint, name_th text, province_en text, zip text, lat numeric, lon numeric, population bigint)");
        var server = PgCpu();
        var copyTime = Stopwatch.StartNew();
        var psqlCpu = Psql(pgConn, $"\\copy {copyTable} FROM '{csv}' CSV HEADER");
        var copySeconds = copyTime.Elapsed.TotalSeconds;
        bestCopy = Math.Min(bestCopy, copySeconds);
        Console.WriteLine($"postgres raw \\copy: {ingestRows / copySeconds:N0} rows/s ({copySeconds:F2} s; CPU psql {psqlCpu.TotalSeconds:F2} s + server {(PgCpu() - server).TotalSeconds:F2} s)");
        var ours = await LoadAsync(pgStore, csv, "bench-pg-" + run.ToString(CultureInfo.InvariantCulture), fullText: fullTextStep && run == runs - 1, PgCpu);
        bestOurs = Math.Min(bestOurs, ours);
    }
    Console.WriteLine($"postgres best of {runs}: \\copy {ingestRows / bestCopy:N0} rows/s, DataStore loader {ingestRows / bestOurs:N0} rows/s = {bestCopy / bestOurs:P0} of \\copy");
    if (!withSqlite)
    {
        return 0;
    }

    // --- SQLite: sqlite3 .import vs our loader.
    var sqliteFile = Path.Combine(work, "import.db");
    var sw = Stopwatch.StartNew();
    var importCpu = Run("/usr/bin/time", $"-f \"cpu %U %S\" sqlite3 {sqliteFile} -cmd \".mode csv\" \".import --skip 1 {csv} rows\"");
    var rawSqlite = ingestRows / sw.Elapsed.TotalSeconds;
    Console.WriteLine($"sqlite3 .import: {rawSqlite:N0} rows/s ({sw.Elapsed.TotalSeconds:F2} s; CPU {importCpu.TotalSeconds:F2} s)");
    var sqliteStore = Store("", "Sqlite", Path.Combine(work, "sqlite"));
    await LoadAsync(sqliteStore, warm, "warm-sqlite", fullText: true, () => TimeSpan.Zero);
    var oursSqlite = await LoadAsync(sqliteStore, csv, "bench-sqlite", fullText: fullTextStep, () => TimeSpan.Zero);
    Console.WriteLine($"sqlite DataStore loader: {ingestRows / oursSqlite:N0} rows/s ({oursSqlite:F1} s) = {ingestRows / oursSqlite / rawSqlite:P0} of .import");

    // --- Search: a large table built in SQL, an index on province_code, the datastore_search query path.
    await BuildBigTableAsync(pgStore, "bench-search", searchRows);
    await SearchAsync(pgStore, "bench-search", searchRows, PgCpu);
}
finally
{
    stop();
    Directory.Delete(work, recursive: true);
}
return 0;

static void WriteCsv(string path, int rows)
{
    var areas = AdministrativeAreas.SubDistricts;
    using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
    w.Write("id,code,name_th,province_en,zip,lat,lon,population\n");
    for (var i = 0; i < rows; i++)
    {
        var s = areas[i % areas.Count];
        w.Write(string.Create(CultureInfo.InvariantCulture,
            $"{i + 1},{s.Code},{s.NameTh},\"{s.ProvinceEn}\",{s.ZipCode},{s.Latitude ?? 0:F6},{s.Longitude ?? 0:F6},{(i * 7919L) % 100000}\n"));
    }
}

// Where the loader's time goes, without a database: reading + parsing cells, typed values, the full-text terms.
static void Profile(string csv, int rows)
{
    for (var i = 0; i < 2; i++)
    {
        ProfileOnce(csv, rows);
    }
}

static void ProfileOnce(string csv, int rows)
{
    TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;
    var c0 = Cpu();
    var fields = new[] { "bigint", "bigint", "text", "text", "text", "numeric", "numeric", "bigint" };
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var sw = Stopwatch.StartNew();
    long n = 0;
    using (var source = TabularSource.Open(File.OpenRead(csv), "CSV"))
    {
        while (source.Next() is { } r)
        {
            n += r.Cells.Length;
        }
    }
    Console.WriteLine($"profile read cells: {rows / sw.Elapsed.TotalSeconds:N0} rows/s ({sw.Elapsed.TotalSeconds:F2} s, CPU {(Cpu() - c0).TotalSeconds:F2} s)");
    c0 = Cpu();
    sw.Restart();
    using (var source = TabularSource.Open(File.OpenRead(csv), "CSV"))
    {
        source.Next();
        while (source.Next() is { } r)
        {
            for (var i = 0; i < fields.Length; i++)
            {
                DsTypes.Parse(fields[i], r.Cells[i]!, true);
            }
        }
    }
    Console.WriteLine($"profile read + parse: {rows / sw.Elapsed.TotalSeconds:N0} rows/s ({sw.Elapsed.TotalSeconds:F2} s, CPU {(Cpu() - c0).TotalSeconds:F2} s)");
    c0 = Cpu();
    sw.Restart();
    using (var source = TabularSource.Open(File.OpenRead(csv), "CSV"))
    {
        source.Next();
        while (source.Next() is { } r)
        {
            DatastoreDb.FullText(r.Cells);
        }
    }
    Console.WriteLine($"profile read + full text: {rows / sw.Elapsed.TotalSeconds:N0} rows/s ({sw.Elapsed.TotalSeconds:F2} s); cpu total {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s");
}

static DatastoreDb Store(string connection, string provider, string dataDir)
{
    var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Database:Provider"] = provider, ["ConnectionStrings:GovChannel"] = connection,
    }).Build();
    return new DatastoreDb(config, new GovChannelSettings { DataDirectory = dataDir });
}

static async Task<double> LoadAsync(DatastoreDb store, string csv, string id, bool fullText, Func<TimeSpan> serverCpu)
{
    var server = serverCpu();
    var progress = new LoadProgress();
    var notes = new List<string>();
    var run = new LoadRun(store, new DatastoreSettings(), id, progress, notes);
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var sw = Stopwatch.StartNew();
    var outcome = await run.ExecuteAsync(() => Task.FromResult(TabularSource.Open(File.OpenRead(csv), "CSV")), CancellationToken.None);
    if (outcome.Errors.Count > 0)
    {
        throw new InvalidOperationException(outcome.Message);
    }
    var load = sw.Elapsed.TotalSeconds;
    sw.Restart();
    await store.VacuumAsync(id, CancellationToken.None);
    Console.WriteLine($"  {id}: VACUUM (ANALYZE) after the load (the loader runs it once the job is complete) {sw.Elapsed.TotalSeconds:F2} s");
    if (Environment.GetEnvironmentVariable("PROFILE") == "1")
    {
        Console.WriteLine("  notes: " + string.Join("; ", notes));
    }
    Console.WriteLine($"  {id}: rows queryable after {load:F2} s (CPU loader process {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} s + server {(serverCpu() - server).TotalSeconds:F2} s)");
    if (fullText)
    {
        server = serverCpu();
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        sw.Restart();
        await new FullTextStep(store).RunAsync(id, new LoadProgress(), _ => Task.FromResult(false), CancellationToken.None);
        Console.WriteLine($"  {id}: full-text step (Thai segmentation, fill, index) {sw.Elapsed.TotalSeconds:F2} s (CPU loader process {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} s + server {(serverCpu() - server).TotalSeconds:F2} s)");
    }
    return load;
}

static async Task BuildBigTableAsync(DatastoreDb store, string id, long rows)
{
    var sw = Stopwatch.StartNew();
    var meta = new TableMeta
    {
        Id = id,
        Fields = [new DsField("province_code", "int", null), new DsField("name", "text", null), new DsField("value", "numeric", null)],
        Indexes = { new DsIndex("ix_bench_province", ["province_code"], false) },
    };
    await using var conn = await store.OpenAsync(CancellationToken.None, bulk: true);
    await using (var tx = await conn.BeginTransactionAsync())
    {
        await store.CreateTableAsync(conn, tx, id, new TableMeta { Id = id, Fields = meta.Fields }, CancellationToken.None);
        await DatastoreDb.ExecAsync(conn, tx, $"INSERT INTO {store.T(id)} (_full_text, province_code, name, value) " +
            $"SELECT 'row ' || g, (g % 77) + 10 + (g % 7) * 100, 'name ' || g, (g % 1000) / 10.0 FROM generate_series(1, {rows}) g", CancellationToken.None);
        await store.CreateIndexAsync(conn, tx, id, meta.Indexes[0], CancellationToken.None);
        await store.SaveMetaAsync(conn, tx, meta, CancellationToken.None);
        await store.SetCountAsync(conn, tx, id, rows, CancellationToken.None);
        await tx.CommitAsync();
    }
    await store.VacuumAsync(id, CancellationToken.None);
    Console.WriteLine($"search table: {rows:N0} rows built in {sw.Elapsed.TotalSeconds:F0} s");
}

// The datastore_search path without HTTP, as DatastoreActions.Search runs it: the table's version, the same
// DatastoreQuery SQL, 100 records as objects, the total (DatastoreDb.TotalAsync: the stored count without filters; with
// them, counted once per table version and query, then from memory), and the next keyset page's total remembered.
static async Task SearchAsync(DatastoreDb store, string id, long rows, Func<TimeSpan> serverCpu)
{
    await using var conn = await store.OpenAsync(CancellationToken.None);
    var meta = (await store.MetaAsync(conn, null, id, CancellationToken.None))!;
    var random = new Random(42);
    // Returns the page's time, the total's share of it, and its next_page filters (null at the end).
    async Task<(double Ms, double TotalMs, JsonObject? Next)> OnceAsync(JsonObject data)
    {
        var sw = Stopwatch.StartNew();
        var stats = await store.StatsAsync(conn, null, id, CancellationToken.None);
        var query = new DatastoreQuery(store, meta).Build(data);
        var records = new JsonArray();
        long lastId = 0;
        await using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = query.SelectSql(100, 0);
            query.Bind(cmd);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var o = new JsonObject();
                for (var i = 0; i < query.Selected.Count; i++)
                {
                    o[query.Selected[i].Id] = DsTypes.ToJson(query.Selected[i].Type, reader.IsDBNull(i) ? null : reader.GetValue(i));
                }
                lastId = reader.GetInt64(0);
                records.Add(o);
            }
        }
        var totalStart = sw.Elapsed.TotalMilliseconds;
        var total = await store.TotalAsync(conn, query, stats, CancellationToken.None);
        var totalMs = sw.Elapsed.TotalMilliseconds - totalStart;
        JsonObject? next = null;
        if (records.Count == 100)
        {
            store.RememberNextPageTotal(meta, data, false, stats, total, 0, records.Count, lastId);
            next = DatastoreQuery.NextPageData(data, lastId, false);
        }
        return (sw.Elapsed.TotalMilliseconds, totalMs, next);
    }
    // A write: every cached total of the table is unreachable afterwards (a new version), as after an upsert.
    async Task WriteAsync()
    {
        await using var tx = await conn.BeginTransactionAsync();
        await store.AddCountAsync(conn, tx, id, 0, CancellationToken.None);
        await tx.CommitAsync();
    }
    TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;
    // Wall times under load are mostly waiting for a core; the CPU per query (this process + the server) is steadier.
    void Report(string label, List<(double Ms, double TotalMs)> times, TimeSpan cpu, TimeSpan server)
    {
        var all = times.Select(t => t.Ms).Order().ToList();
        var totals = times.Select(t => t.TotalMs).Order().ToList();
        Console.WriteLine($"search {label}: p50 {all[all.Count / 2]:F1} ms, p90 {all[all.Count * 9 / 10]:F1} ms; the total's part p50 {totals[totals.Count / 2]:F2} ms, " +
            $"p90 {totals[totals.Count * 9 / 10]:F2} ms; CPU per query {(Cpu() - cpu).TotalMilliseconds / times.Count:F2} ms here + {(serverCpu() - server).TotalMilliseconds / times.Count:F2} ms server ({times.Count} queries, {rows:N0} rows)");
    }
    JsonObject Filter(int code) => new() { ["filters"] = new JsonObject { ["province_code"] = code } };
    async Task MeasureAsync(string label, Func<Task<(double, double)>> once)
    {
        for (var i = 0; i < 5; i++)
        {
            await once();
        }
        var (cpu, server) = (Cpu(), serverCpu());
        var times = new List<(double, double)>();
        for (var i = 0; i < 50; i++)
        {
            times.Add(await once());
        }
        Report(label, times, cpu, server);
    }
    async Task<(double, double)> PageAsync(JsonObject data)
    {
        var (ms, totalMs, _) = await OnceAsync(data);
        return (ms, totalMs);
    }
    var allCpu = Cpu();
    var allServer = serverCpu();
    // 77 codes exist, ~130,000 rows each ((g % 77) + 10 + (g % 7) * 100); a code that exists, then one that does not.
    await MeasureAsync("no filter, stored total", () => PageAsync(new JsonObject()));
    await MeasureAsync("indexed filter matching ~130k rows, first time since a write (counts)", async () =>
    {
        await WriteAsync();
        return await PageAsync(Filter(ExistingCode(random)));
    });
    await MeasureAsync("indexed filter matching nothing, first time since a write (counts)", async () =>
    {
        await WriteAsync();
        return await PageAsync(Filter(ExistingCode(random) + 1000));
    });
    await WriteAsync();
    for (var g = 0; g < 77; g++)
    {
        // Every existing code asked once since the write: what follows is a repeated query.
        await OnceAsync(Filter(g + 10 + (g % 7) * 100));
    }
    await MeasureAsync("indexed filter matching ~130k rows, asked before (cached total)", () => PageAsync(Filter(ExistingCode(random))));
    // A client paging with next_page: the first page of a filter, then the pages it links to, each with its total.
    var firstPages = new List<(double, double)>();
    var laterPages = new List<(double, double)>();
    var (firstCpu, firstServer) = (TimeSpan.Zero, TimeSpan.Zero);
    var (laterCpu, laterServer) = (TimeSpan.Zero, TimeSpan.Zero);
    for (var walk = 0; walk < 10; walk++)
    {
        await WriteAsync();
        var (c0, s0) = (Cpu(), serverCpu());
        var (ms, totalMs, next) = await OnceAsync(Filter(ExistingCode(random)));
        (firstCpu, firstServer) = (firstCpu + Cpu() - c0, firstServer + serverCpu() - s0);
        firstPages.Add((ms, totalMs));
        for (var page = 0; page < 20 && next is not null; page++)
        {
            (c0, s0) = (Cpu(), serverCpu());
            (ms, totalMs, next) = await OnceAsync(next);
            (laterCpu, laterServer) = (laterCpu + Cpu() - c0, laterServer + serverCpu() - s0);
            laterPages.Add((ms, totalMs));
        }
    }
    // Report takes the CPU since a start: hand it starts that leave exactly the summed CPU of these pages.
    Report("indexed filter + keyset, page 1 (first time since a write: one count)", firstPages, Cpu() - firstCpu, serverCpu() - firstServer);
    Report("indexed filter + keyset, pages 2-21 via next_page (total known from the page before)", laterPages, Cpu() - laterCpu, serverCpu() - laterServer);
    Console.WriteLine($"search: CPU for all of the above: bench process {(Cpu() - allCpu).TotalSeconds:F1} s + server {(serverCpu() - allServer).TotalSeconds:F1} s");
}

static int ExistingCode(Random random)
{
    var g = random.Next(77);
    return g + 10 + (g % 7) * 100;
}

static (string Connection, Action Stop) StartPostgres(string work)
{
    const string bin = "/usr/lib/postgresql/15/bin";
    var dir = Path.Combine(work, "pg");
    Directory.CreateDirectory(dir);
    var asRoot = Environment.UserName == "root";
    if (asRoot)
    {
        Run("chown", $"postgres:postgres {work} {dir}");
    }
    using var l = new TcpListener(IPAddress.Loopback, 0);
    l.Start();
    var port = ((IPEndPoint)l.LocalEndpoint).Port;
    l.Stop();
    var data = Path.Combine(dir, "data");
    RunAs(asRoot, $"{bin}/initdb", $"-D {data} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync");
    File.AppendAllText(Path.Combine(data, "postgresql.conf"),
        $"\nport = {port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{dir}'\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\nshared_buffers = 1GB\nmax_wal_size = 4GB\nmaintenance_work_mem = 512MB\n");
    RunAs(asRoot, $"{bin}/pg_ctl", $"-D {data} -l {dir}/log.txt -w start");
    return ($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres", () => RunAs(asRoot, $"{bin}/pg_ctl", $"-D {data} -m fast -w stop"));
}

static TimeSpan Psql(string connection, string command)
{
    var port = connection.Split(';').First(p => p.StartsWith("Port=", StringComparison.Ordinal))[5..];
    return Run("/usr/bin/time", $"-f \"cpu %U %S\" psql -h 127.0.0.1 -p {port} -U postgres -d postgres -v ON_ERROR_STOP=1 -q -c \"{command.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
}

static void RunAs(bool asRoot, string file, string arguments)
{
    if (asRoot)
    {
        Run("runuser", $"-u postgres -- {file} {arguments}");
    }
    else
    {
        Run(file, arguments);
    }
}

static TimeSpan Run(string file, string arguments)
{
    using var p = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
    var stdout = p.StandardOutput.ReadToEndAsync();
    var stderr = p.StandardError.ReadToEndAsync();
    p.WaitForExit();
    if (p.ExitCode != 0)
    {
        throw new InvalidOperationException($"{file} {arguments} failed ({p.ExitCode}): {stdout.Result}{stderr.Result}");
    }
    // With /usr/bin/time -f "cpu %U %S" in front, the last line of stderr is the child's CPU time.
    var last = stderr.Result.TrimEnd().Split('\n')[^1].Split(' ');
    return last is ["cpu", var user, var sys]
        ? TimeSpan.FromSeconds(double.Parse(user, CultureInfo.InvariantCulture) + double.Parse(sys, CultureInfo.InvariantCulture))
        : TimeSpan.Zero;
}

// CPU of the whole cluster: the postmaster with its reaped children, and its live children (the backends).
static TimeSpan PostgresCpu(string data)
{
    var postmaster = int.Parse(File.ReadLines(Path.Combine(data, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
    long ticks = 0;
    foreach (var dir in Directory.GetDirectories("/proc"))
    {
        if (!int.TryParse(Path.GetFileName(dir), out var pid))
        {
            continue;
        }
        try
        {
            var stat = File.ReadAllText(Path.Combine(dir, "stat"));
            var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // fields after the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
            if (pid == postmaster)
            {
                ticks += long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)
                    + long.Parse(f[13], CultureInfo.InvariantCulture) + long.Parse(f[14], CultureInfo.InvariantCulture);
            }
            else if (int.Parse(f[1], CultureInfo.InvariantCulture) == postmaster)
            {
                ticks += long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture);
            }
        }
        catch (IOException)
        {
        }
    }
    return TimeSpan.FromSeconds(ticks / 100.0);
}
