using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.OpenData.Search;
using GovChannel.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovChannel.Bench.Catalog;

/// <summary>The catalogue at national scale, in one run (README.md): seed, rebuild, search in-process and over HTTP, create.</summary>
internal static partial class Bench
{
    private static readonly string App = Path.Combine(AppContext.BaseDirectory, "govchannel.dll");
    private static readonly List<(string Measure, string Result, string Target)> Results = [];
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    /// <summary>Sqlite (a file in the data directory) or Postgres with <see cref="Connection"/>.</summary>
    private static string Provider = "Sqlite";
    private static string? Connection;

    public static async Task<int> Main(string[] args)
    {
        // WebApplicationFactory looks for the web project's source folder unless told where the content root is.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_GOVCHANNEL", AppContext.BaseDirectory);
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_govchannel", AppContext.BaseDirectory);
        switch (args)
        {
            case ["search", var dataDir, ..]:
                // search DATADIR [QUERY [CALLS]]: only the in-process part, or one query many times (for perf).
                await InProcessSearchAsync(dataDir, args.Length > 2 ? args[2] : null, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : Timed);
                return 0;
            case ["profile", var dataDir, var n]:
            {
                using var app = new InProcess(dataDir, "Sqlite", null);
                await Profile.RunAsync(app.Services, int.Parse(n, CultureInfo.InvariantCulture));
                return 0;
            }
            case ["fields", var indexDir]:
                FieldStats.Run(indexDir);
                return 0;
            case ["run", ..]:
                WarmupSeconds = int.Parse(Option(args, "--warmup") ?? "10", CultureInfo.InvariantCulture);
                if (Option(args, "--postgres") is { } connection)
                {
                    Provider = "Postgres";
                    Connection = connection;
                }
                return await RunAsync(
                    Option(args, "--work") ?? Path.Combine(Path.GetTempPath(), "govchannel-bench-catalog"),
                    int.Parse(Option(args, "--datasets") ?? "500000", CultureInfo.InvariantCulture),
                    int.Parse(Option(args, "--seconds") ?? "20", CultureInfo.InvariantCulture),
                    Parts(args));
            default:
                Console.Error.WriteLine("usage: run [--datasets 500000] [--work DIR] [--seconds 20] [--postgres CONNECTION] [--parts rebuild,search,http,create] [--warmup 10] | profile DATADIR N | fields INDEXDIR (see README.md)");
                return 2;
        }
    }

    /// <summary>Which measurements to take after the seed (all by default); <c>--skip-rebuild</c> is all but the rebuild.</summary>
    private static HashSet<string> Parts(string[] args)
    {
        var parts = (Option(args, "--parts") ?? "rebuild,search,http,create").Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        if (args.Contains("--skip-rebuild"))
        {
            parts.Remove("rebuild");
        }
        return parts;
    }

    private static string? Option(string[] args, string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    private static async Task<int> RunAsync(string work, int datasets, int seconds, HashSet<string> parts)
    {
        var dataDir = Path.Combine(work, "data");
        Directory.CreateDirectory(work);
        Log($"machine: nproc {Environment.ProcessorCount}, {CpuModel()}, {MemTotal()}; load average {LoadAverage()}");

        // 1. The catalogue: reuse one of the right size, else seed it (the seed ends with a rebuild).
        var existing = Provider == "Postgres" || File.Exists(Path.Combine(dataDir, "govchannel.db")) ? await CountDatasetsAsync(dataDir) : 0;
        if (existing < datasets)
        {
            if (Provider == "Postgres" && existing > 0)
            {
                throw new InvalidOperationException($"the PostgreSQL database holds {existing} datasets, fewer than {datasets}: give an empty database");
            }
            Directory.Delete(work, recursive: true);
            Directory.CreateDirectory(work);
            var seed = Stopwatch.StartNew();
            var output = await CliAsync(dataDir, "seed", "synthetic", "--datasets", datasets.ToString(CultureInfo.InvariantCulture), "--organizations", "2000");
            var inserted = Regex.Match(output, @"Inserted [\d,]+ datasets in ([\d.]+) s");
            Add($"seed synthetic ({Provider}), insert", $"{datasets:N0} datasets in {inserted.Groups[1].Value} s ({datasets / double.Parse(inserted.Groups[1].Value, CultureInfo.InvariantCulture):N0}/s)", "minutes, not hours");
            Log($"seeded in {seed.Elapsed.TotalSeconds:0} s");
        }
        else
        {
            Log($"reusing {existing:N0} datasets in {dataDir}");
        }

        // 2. Full rebuild, as an operator runs it.
        if (parts.Contains("rebuild"))
        {
            var load = LoadAverage();
            var rebuild = await CliAsync(dataDir, "search", "rebuild");
            var indexed = Regex.Match(rebuild, @"Indexed (\d+) datasets in ([\d.]+) s");
            Add("search rebuild", $"{indexed.Groups[2].Value} s for {int.Parse(indexed.Groups[1].Value, CultureInfo.InvariantCulture):N0} datasets (load avg before: {load})", "≤ 60 s");
        }

        // 3. package_search in-process: SearchActions.SearchAsync through an ActionContext, warm.
        if (parts.Contains("search"))
        {
            await InProcessSearchAsync(dataDir);
        }

        // 4. Over HTTP against a served process.
        await CliAsync(dataDir, "sysadmin", "add", "bench-admin");
        var token = (await StdoutAsync(dataDir, "token", "create", "bench-admin")).Trim();
        var statusRps = 0.0;
        await using (var server = await Server.StartAsync(dataDir))
        {
            if (parts.Contains("http"))
            {
                statusRps = await HttpAsync(server, seconds, await FirstNameAsync(server));
            }
            if (parts.Contains("create"))
            {
                if (WarmupSeconds > 0)
                {
                    await CreateAsync(server, token, WarmupSeconds, measure: false);
                }
                await CreateAsync(server, token, seconds);
            }
            var (rss, hwm) = server.Memory();
            Add("serving process memory after the load", $"VmRSS {rss / 1024.0:0} MB, VmHWM {hwm / 1024.0:0} MB", "≤ 2 GB");
        }
        if (parts.Contains("http"))
        {
            await using var uncached = await Server.StartAsync(dataDir, ("GovChannel__ResponseCacheMegabytes", "0"));
            await UncachedAsync(uncached, work, seconds, statusRps);
        }

        Console.WriteLine();
        Console.WriteLine($"| measurement | result | target |");
        Console.WriteLine($"|---|---|---|");
        foreach (var (measure, result, target) in Results)
        {
            Console.WriteLine($"| {measure} | {result} | {target} |");
        }
        Console.WriteLine();
        Console.WriteLine($"load average at the end: {LoadAverage()}");
        return 0;
    }

    // Warm-up: every query in turn for at least --warmup seconds and Warmup calls each, before any is timed, so that the
    // JIT's later tiers (it counts calls, then compiles in the background, and starts counting again while new code
    // keeps arriving) are in place for all of them: with 200 calls of each query just before its own timing, the
    // first query's timed calls still paid ~5 s of background compilation (perf). A serving process runs for hours.
    private const int Warmup = 200;
    private const int Timed = 500;

    private static async Task InProcessSearchAsync(string dataDir, string? only = null, int timed = Timed)
    {
        using var app = new InProcess(dataDir, Provider, Connection);
        var queries = only is not null
            ? [("given", only)]
            : new (string Label, string Q)[] { ("Thai", "ประชากร"), ("English", "population"), ("Thai two words", "คุณภาพอากาศ เชียงใหม่") };
        var warm = Stopwatch.StartNew();
        for (var round = 0; round < Warmup || warm.Elapsed.TotalSeconds < WarmupSeconds; round++)
        {
            foreach (var (_, q) in queries)
            {
                await SearchOnceAsync(app, q);
            }
        }
        foreach (var (label, q) in queries)
        {
            var times = new List<double>();
            var count = 0;
            // On a shared machine the wall time includes waiting for a core; the process's CPU time does not.
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            for (var i = 0; i < timed; i++)
            {
                var (ms, hits) = await SearchOnceAsync(app, q);
                times.Add(ms);
                count = hits;
            }
            var cpuPerQuery = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / times.Count;
            times.Sort();
            Add($"package_search in-process, q={q} ({label}), 3 facets, 20 rows, {count:N0} hits",
                $"p50 {Percentile(times, 0.5):0.00} ms, p99 {Percentile(times, 0.99):0.00} ms; CPU {cpuPerQuery:0.00} ms/query", "p50 ≤ 5 ms");
        }
    }

    /// <summary>
    /// One package_search as an anonymous caller, as the API runs it without the HTTP layer and its response cache: the
    /// action with the API's context (results kept as their stored JSON, not parsed) and the result written as JSON.
    /// Its wall time and its hit count.
    /// </summary>
    private static async Task<(double Ms, int Hits)> SearchOnceAsync(InProcess app, string q)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GovDb>();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var data = new JsonObject
        {
            ["q"] = q, ["rows"] = 20,
            ["facet.field"] = new JsonArray("organization", "groups", "res_format"),
        };
        var ctx = new ActionContext(http, db, null, data, "package_search") { ResultIsOnlySerialised = true };
        var watch = Stopwatch.StartNew();
        var result = (await SearchActions.PackageSearchAsync(ctx))!;
        ResponseBuffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(ResponseBuffer, CkanJson.WriterOptions))
        {
            result.WriteTo(writer, CkanJson.Options);
        }
        watch.Stop();
        return (watch.Elapsed.TotalMilliseconds, result["count"]!.GetValue<int>());
    }

    // The in-process searches run one at a time: one buffer for their responses, as a server reuses its pooled buffers.
    private static readonly ArrayBufferWriter<byte> ResponseBuffer = new(64 * 1024);

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    private static async Task<string> FirstNameAsync(Server server)
    {
        var json = JsonNode.Parse(await server.Http.GetStringAsync("api/3/action/package_search?rows=1&q=" + Uri.EscapeDataString("ประชากร")))!;
        return json["result"]!["results"]![0]!["name"]!.GetValue<string>();
    }

    private const string Facets = "[\"organization\",\"groups\",\"res_format\"]";

    private static string SearchPath(string q, string extra = "") =>
        "/api/3/action/package_search?q=" + Uri.EscapeDataString(q) + "&rows=20&facet.field=" + Uri.EscapeDataString(Facets) + extra;

    /// <summary>
    /// status_show, then the bench query asked over and over (served from the response cache after the first call) and
    /// package_show, all under the same wrk load. Returns status_show's requests per second.
    /// </summary>
    private static async Task<double> HttpAsync(Server server, int seconds, string name)
    {
        var status = await WrkAsync(server, "api/3/action/status_show", seconds);
        var found = await WrkAsync(server, SearchPath("ประชากร")[1..], seconds, gzip: false);
        var zipped = await WrkAsync(server, SearchPath("ประชากร")[1..], seconds);
        var show = await WrkAsync(server, "api/3/action/package_show?id=" + name, seconds);
        Add($"status_show over HTTP (wrk -t2 -c16 -d{seconds}s)", status.Text, "(the reference)");
        Add("package_search over HTTP, the same query repeated (response cache), no Accept-Encoding", $"{found.Text} = **{100 * found.Rps / status.Rps:0}%** of status_show", "≥ 50% of status_show");
        Add("package_search over HTTP, the same query repeated (response cache), Accept-Encoding: gzip", $"{zipped.Text} = **{100 * zipped.Rps / status.Rps:0}%** of status_show", "≥ 50% of status_show");
        Add("package_show over HTTP (same load)", show.Text, "—");
        return status.Rps;
    }

    /// <summary>
    /// A server with the response cache off (GovChannel__ResponseCacheMegabytes=0): the bench query again, then a wrk
    /// script rotating over many different queries (subjects, subject and province, English, a second page, a sort,
    /// an organisation filter), so that every request runs the engine.
    /// </summary>
    private static async Task UncachedAsync(Server server, string work, int seconds, double statusRps)
    {
        var same = await WrkAsync(server, SearchPath("ประชากร")[1..], seconds);
        Add("package_search over HTTP, the same query, cache off", $"{same.Text} = **{100 * same.Rps / statusRps:0.0}%** of status_show", "≥ 50% of status_show");
        var paths = QueryMix(await FirstOrganizationAsync(server));
        var script = Path.Combine(work, "query-mix.lua");
        File.WriteAllText(script, "local paths = {\n" + string.Join(",\n", paths.Select(p => "  \"" + p + "\"")) + "\n}\n" +
            "local i = math.random(#paths)\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend\n");
        var mix = await WrkAsync(server, "", seconds, script);
        Add($"package_search over HTTP, {paths.Count} different queries in rotation, cache off", $"{mix.Text} = **{100 * mix.Rps / statusRps:0.0}%** of status_show", "≥ 50% of status_show");
    }

    private static List<string> QueryMix(string organization)
    {
        string[] thai = ["จำนวนประชากร", "สถิติการเกิด", "ปริมาณฝน", "คุณภาพอากาศ", "คุณภาพน้ำ", "ผลผลิตข้าว", "ราคาสินค้าเกษตร", "จำนวนนักเรียน",
            "ผู้ป่วยโรคไข้เลือดออก", "อุบัติเหตุทางถนน", "การใช้ไฟฟ้า", "ปริมาณขยะมูลฝอย", "พื้นที่ป่าไม้", "งบประมาณรายจ่าย", "รายได้ครัวเรือน",
            "ผู้สูงอายุ", "นักท่องเที่ยว", "ทะเบียนรถ", "วิสาหกิจชุมชน", "เบี้ยยังชีพ"];
        string[] english = ["population", "rainfall", "air quality", "rice yield", "students", "dengue", "hospital beds", "road accidents",
            "electricity", "forest", "budget", "household income", "tourists", "bus stops", "community enterprises"];
        string[] provinces = ["เชียงใหม่", "ขอนแก่น", "ภูเก็ต", "นครราชสีมา", "สงขลา"];
        var paths = new List<string>();
        foreach (var subject in thai)
        {
            paths.Add(SearchPath(subject));
            paths.Add(SearchPath(subject + " " + provinces[paths.Count % provinces.Length]));
            paths.Add(SearchPath(subject, "&start=20"));
        }
        foreach (var subject in english)
        {
            paths.Add(SearchPath(subject));
            paths.Add(SearchPath(subject, "&sort=" + Uri.EscapeDataString("metadata_modified desc")));
        }
        foreach (var province in provinces)
        {
            paths.Add(SearchPath(province));
            paths.Add(SearchPath("ข้อมูล", "&fq=" + Uri.EscapeDataString("organization:" + organization)));
        }
        return paths;
    }

    private static async Task<string> FirstOrganizationAsync(Server server)
    {
        var json = JsonNode.Parse(await server.Http.GetStringAsync("api/3/action/organization_list?limit=1"))!;
        return json["result"]![0]!.GetValue<string>();
    }

    /// <param name="Cpu">The server's CPU time per request (user + system), which on a shared machine says more than the rate.</param>
    private sealed record WrkResult(double Rps, string P50, string P99, double Cpu)
    {
        public string Text => string.Create(CultureInfo.InvariantCulture, $"{Rps:N0} req/s, p50 {P50}, p99 {P99}; server CPU {Cpu:0.000} ms/request");
    }

    /// <summary>Seconds of the same load before each measurement, unmeasured: a fresh process is still compiling its hot paths.</summary>
    private static int WarmupSeconds = 10;

    /// <param name="gzip">Send <c>Accept-Encoding: gzip</c>, as browsers and HTTP libraries do (bodies under one packet are never compressed).</param>
    private static async Task<WrkResult> WrkAsync(Server server, string path, int seconds, string? script = null, bool gzip = true)
    {
        var url = server.Url + path;
        string[] options = [.. gzip ? new[] { "-H", "Accept-Encoding: gzip" } : [], .. script is null ? [] : new[] { "-s", script }, url];
        if (WarmupSeconds > 0)
        {
            await RunAsync("wrk", ["-t2", "-c16", $"-d{WarmupSeconds}s", .. options], null);
        }
        var cpu = server.CpuTime();
        string[] args = ["-t2", "-c16", $"-d{seconds}s", "--latency", .. options];
        var output = await RunAsync("wrk", args, null);
        var used = server.CpuTime() - cpu;
        var rps = double.Parse(Regex.Match(output, @"Requests/sec:\s+([\d.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var requests = double.Parse(Regex.Match(output, @"(\d+) requests in").Groups[1].Value, CultureInfo.InvariantCulture);
        var non2xx = Regex.Match(output, @"Non-2xx or 3xx responses: (\d+)");
        if (non2xx.Success)
        {
            throw new InvalidOperationException($"{url}: {non2xx.Groups[1].Value} failed requests\n{output}");
        }
        var distribution = output[Math.Max(0, output.IndexOf("Latency Distribution", StringComparison.Ordinal))..];
        Log($"wrk {path}{(script is null ? "" : " -s " + script)}{(gzip ? " (gzip)" : "")}: {rps:N0} req/s, load average {LoadAverage()}");
        return new WrkResult(rps, Regex.Match(distribution, @"50%\s+(\S+)").Groups[1].Value, Regex.Match(distribution, @"99%\s+(\S+)").Groups[1].Value,
            used.TotalMilliseconds / Math.Max(1, requests));
    }

    private static async Task CreateAsync(Server server, string token, int seconds, bool measure = true)
    {
        var org = "bench-org-" + Guid.NewGuid().ToString("N")[..6];
        await server.PostAsync("organization_create", new JsonObject { ["name"] = org }, token);
        const int clients = 8;
        var created = 0;
        var failures = 0;
        var cpu = server.CpuTime();
        var database = DatabaseCpuTime();
        var load = LoadAverage();
        var stop = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            for (var i = 0; stop.Elapsed < until; i++)
            {
                var body = new JsonObject
                {
                    ["name"] = $"bench-{org}-{c}-{i}", ["title"] = $"ข้อมูลจำนวนประชากรรายจังหวัด ปี {2560 + i % 10} ({c}/{i})", ["owner_org"] = org,
                    ["notes"] = "ชุดข้อมูลทดสอบความเร็วการสร้างชุดข้อมูล package_create benchmark", ["tags"] = new JsonArray(new JsonObject { ["name"] = "สถิติ" }),
                    ["resources"] = new JsonArray(new JsonObject { ["url"] = $"https://data.example.go.th/{c}/{i}.csv", ["format"] = "CSV", ["name"] = "ข้อมูล CSV" }),
                };
                try
                {
                    await server.PostAsync("package_create", body, token);
                    Interlocked.Increment(ref created);
                }
                catch (InvalidOperationException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })));
        var elapsed = stop.Elapsed.TotalSeconds;
        var used = server.CpuTime() - cpu;
        var databaseUsed = DatabaseCpuTime() - database;
        if (!measure)
        {
            return;
        }
        // The last one is searchable on this node at once (read-your-writes).
        var last = JsonNode.Parse(await server.Http.GetStringAsync($"api/3/action/package_search?rows=0&fq=organization:{org}"))!["result"]!["count"]!.GetValue<int>();
        Add($"package_create over HTTP ({clients} concurrent clients, {seconds} s, {Provider})",
            $"{created / elapsed:N0} datasets/s ({created:N0} created, {failures} failed; {last:N0} searchable right after); " +
            $"server CPU {used.TotalMilliseconds / Math.Max(1, created):0.00} ms/dataset" +
            (Provider == "Postgres" ? $", PostgreSQL CPU {databaseUsed.TotalMilliseconds / Math.Max(1, created):0.00} ms/dataset (local postgres processes)" : "") +
            $"; load average {load} before, {LoadAverage()} after", "≥ 200/s");
    }

    /// <summary>CPU time of every local process named <c>postgres</c> (the server and its backends), from /proc.</summary>
    private static TimeSpan DatabaseCpuTime()
    {
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!Path.GetFileName(dir).All(char.IsAsciiDigit))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                if (open < 0 || close < open || stat[(open + 1)..close] != "postgres")
                {
                    continue;
                }
                var fields = stat[(close + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended meanwhile.
            }
        }
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    private static async Task<int> CountDatasetsAsync(string dataDir)
    {
        using var app = new InProcess(dataDir, Provider, Connection);
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<GovDb>().Datasets.CountAsync();
    }

    private static void Add(string measure, string result, string target)
    {
        Results.Add((measure, result, target));
        Log($"{measure}: {result} (target {target})");
    }

    private static void Log(string line) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{Clock.Elapsed.TotalSeconds,6:0.0} s] {line}"));

    private static Dictionary<string, string> AppEnvironment(string dataDir)
    {
        var environment = new Dictionary<string, string>
        {
            ["GovChannel__DataDirectory"] = dataDir,
            ["GovChannel__TokenSecret"] = "bench-catalog",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Database__Provider"] = Provider,
        };
        if (Connection is not null)
        {
            environment["ConnectionStrings__GovChannel"] = Connection;
        }
        return environment;
    }

    private static Task<string> CliAsync(string dataDir, params string[] args) => RunAsync("dotnet", [App, .. args], AppEnvironment(dataDir));

    private static async Task<string> StdoutAsync(string dataDir, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(App);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in AppEnvironment(dataDir))
        {
            info.Environment[key] = value;
        }
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    private static async Task<string> RunAsync(string file, string[] args, Dictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment ?? [])
        {
            info.Environment[key] = value;
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = new StringBuilder();
        // Progress goes to stderr; echo it so a long seed or rebuild shows it is alive.
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            stderr.AppendLine(line);
            if (line.Contains("Indexed", StringComparison.Ordinal) || line.Contains("Inserted", StringComparison.Ordinal) || line.Contains('%', StringComparison.Ordinal))
            {
                Console.Error.WriteLine("    " + line.Split('\r')[^1]);
            }
        }
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {stderr}");
        }
        return await stdout + stderr;
    }

    private static string CpuModel() => File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
    private static string MemTotal() => File.ReadLines("/proc/meminfo").First().Split(':', 2)[1].Trim();
    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>The application served by its own process, as in production.</summary>
    private sealed class Server : IAsyncDisposable
    {
        private readonly Process _process;

        private Server(Process process, string url)
        {
            _process = process;
            Url = url;
            Http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        }

        public string Url { get; }
        public HttpClient Http { get; }

        public static async Task<Server> StartAsync(string dataDir, params (string Key, string Value)[] settings)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add(App);
            info.ArgumentList.Add("--urls");
            info.ArgumentList.Add($"http://127.0.0.1:{port}");
            foreach (var (key, value) in AppEnvironment(dataDir).Concat(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))))
            {
                info.Environment[key] = value;
            }
            var process = Process.Start(info)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, e) => { if (e.Data is { } l && l.Contains("fail", StringComparison.Ordinal)) { Console.Error.WriteLine("server: " + l); } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var server = new Server(process, $"http://127.0.0.1:{port}/");
            var watch = Stopwatch.StartNew();
            while (true)
            {
                if (process.HasExited || watch.Elapsed > TimeSpan.FromMinutes(5))
                {
                    throw new InvalidOperationException("the server did not start");
                }
                try
                {
                    using var response = await server.Http.GetAsync("api/3/action/status_show");
                    if (response.IsSuccessStatusCode)
                    {
                        Log($"server up on port {port} after {watch.Elapsed.TotalSeconds:0.0} s");
                        return server;
                    }
                }
                catch (HttpRequestException)
                {
                }
                await Task.Delay(250);
            }
        }

        public async Task PostAsync(string action, JsonObject body, string token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/3/action/" + action)
            {
                Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("Authorization", token);
            using var response = await Http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        /// <summary>User plus system CPU time the server has used so far (/proc/PID/stat, in clock ticks of 10 ms).</summary>
        public TimeSpan CpuTime()
        {
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromMilliseconds(ticks * 10);
        }

        /// <summary>VmRSS and VmHWM in kB from /proc.</summary>
        public (long Rss, long Hwm) Memory()
        {
            var lines = File.ReadAllLines($"/proc/{_process.Id}/status");
            long Kb(string key) => long.Parse(lines.First(l => l.StartsWith(key, StringComparison.Ordinal)).Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            return (Kb("VmRSS:"), Kb("VmHWM:"));
        }

        /// <summary>
        /// Stopped as an operator stops it (SIGTERM): the index commits, and merges it started are kept instead of being
        /// started again by the next run.
        /// </summary>
        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            if (!_process.HasExited)
            {
                using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
                {
                    await term.WaitForExitAsync();
                }
                using var wait = new CancellationTokenSource(TimeSpan.FromMinutes(5));
                try
                {
                    await _process.WaitForExitAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }
            _process.Dispose();
        }
    }
}

/// <summary>The application in this process over an existing catalogue (the same settings an operator uses).</summary>
internal sealed class InProcess(string dataDir, string provider, string? connection) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("GovChannel:DataDirectory", dataDir);
        builder.UseSetting("Database:Provider", provider);
        if (connection is not null)
        {
            builder.UseSetting("ConnectionStrings:GovChannel", connection);
        }
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }
}
