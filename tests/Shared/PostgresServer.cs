using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace GovChannel.Tests;

/// <summary>
/// One throw-away PostgreSQL 15 cluster for the whole test run: initdb + pg_ctl on a free port in a temp directory,
/// stopped and removed when the process exits. Each fixture gets its own database in it.
/// Set GOVCHANNEL_TEST_PG to a connection string to use an existing server instead.
/// A test host that is killed skips ProcessExit and leaves its cluster running, so each start first stops and removes
/// the clusters whose owning process (recorded in <c>owner.pid</c>) is gone.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<string> Admin = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static string? _dir;
    private static int _counter;

    public static string CreateDatabase()
    {
        var admin = Admin.Value;
        var name = $"gc_{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}";
        using (var conn = new NpgsqlConnection(admin))
        {
            conn.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
            cmd.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable("GOVCHANNEL_TEST_PG") is { Length: > 0 } existing)
        {
            return existing;
        }
        var bin = "/usr/lib/postgresql/15/bin";
        // PostgreSQL refuses to run as root; run the server as the 'postgres' system user when we are root.
        var asRoot = Environment.UserName == "root";
        RemoveAbandoned(asRoot, bin);
        _dir = Path.Combine(Path.GetTempPath(), DirPrefix + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, OwnerFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var port = FreePort();
        if (asRoot)
        {
            Run("chown", $"postgres:postgres {_dir}");
        }
        var data = Path.Combine(_dir, "data");
        RunAs(asRoot, $"{bin}/initdb", $"-D {data} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync");
        File.AppendAllText(Path.Combine(data, "postgresql.conf"),
            $"\nport = {port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{_dir}'\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 300\nshared_buffers = 128MB\n");
        RunAs(asRoot, $"{bin}/pg_ctl", $"-D {data} -l {_dir}/log.txt -w start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(asRoot, bin, data);
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50;Include Error Detail=true";
    }

    private const string DirPrefix = "govchannel-pg-";
    private const string OwnerFile = "owner.pid";

    /// <summary>Stops and removes the clusters of test processes that no longer run (killed hosts).</summary>
    private static void RemoveAbandoned(bool asRoot, string bin)
    {
        foreach (var dir in Directory.EnumerateDirectories(Path.GetTempPath(), DirPrefix + "*"))
        {
            var owner = Path.Combine(dir, OwnerFile);
            var abandoned = File.Exists(owner)
                ? int.TryParse(File.ReadAllText(owner), out var pid) && !IsRunning(pid)
                : Directory.GetLastWriteTimeUtc(dir) < TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(-1); // made before owner.pid existed
            if (!abandoned)
            {
                continue;
            }
            var data = Path.Combine(dir, "data");
            if (File.Exists(Path.Combine(data, "postmaster.pid")))
            {
                try
                {
                    RunAs(asRoot, $"{bin}/pg_ctl", $"-D {data} -m immediate -w stop");
                }
                catch (InvalidOperationException)
                {
                }
            }
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void Stop(bool asRoot, string bin, string data)
    {
        try
        {
            RunAs(asRoot, $"{bin}/pg_ctl", $"-D {data} -m immediate -w stop");
        }
        catch (InvalidOperationException)
        {
        }
        try
        {
            Directory.Delete(_dir!, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static void RunAs(bool asRoot, string file, string arguments)
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

    private static void Run(string file, string arguments)
    {
        using var p = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({p.ExitCode}): {stdout.Result}{stderr.Result}");
        }
    }
}
