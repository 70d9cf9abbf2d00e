using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GovChannel.Web.Data;

/// <summary>Chooses the provider from <c>Database__Provider</c> (Sqlite by default) and the connection string.</summary>
public static class Database
{
    public static bool IsPostgres(IConfiguration config) =>
        string.Equals(config["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase);

    public static void AddGovDb(this WebApplicationBuilder builder, GovChannelSettings settings)
    {
        var config = builder.Configuration;
        var connection = config.GetConnectionString("GovChannel");
        if (IsPostgres(config))
        {
            if (string.IsNullOrEmpty(connection))
            {
                throw new InvalidOperationException("Database__Provider is Postgres but ConnectionStrings__GovChannel is not set.");
            }
            builder.Services.AddDbContext<PostgresGovDb>(o => Configure(o.UseNpgsql(WithPreparedStatements(connection))));
            builder.Services.AddScoped<GovDb>(sp => sp.GetRequiredService<PostgresGovDb>());
        }
        else
        {
            Directory.CreateDirectory(settings.DataDirectory);
            connection = string.IsNullOrEmpty(connection)
                ? $"Data Source={Path.Combine(settings.DataDirectory, "govchannel.db")}"
                : connection;
            builder.Services.AddDbContext<SqliteGovDb>(o => Configure(o.UseSqlite(connection)).AddInterceptors(SqliteConnectionSettings.Instance));
            builder.Services.AddScoped<GovDb>(sp =>
            {
                var db = sp.GetRequiredService<SqliteGovDb>();
                return db;
            });
        }
    }

    /// <summary>
    /// Npgsql prepares the statements a connection runs repeatedly (unless the connection string sets
    /// <c>Max Auto Prepare</c>): PostgreSQL then skips parsing and planning them. A package_create runs about ten
    /// statements, each with the same text every time. Only the model's own tables are queried through this
    /// connection string; the DataStore, whose tables change shape, has its own. A pooled connection is not reset when
    /// it goes back to the pool: the model's queries leave no session state (no SET, LISTEN, temporary tables or
    /// advisory locks), and the reset was seven statements for each of the three times a create takes a connection.
    /// </summary>
    private static string WithPreparedStatements(string connection)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connection);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }
        builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    private static DbContextOptionsBuilder Configure(DbContextOptionsBuilder o) =>
        o.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> SqliteWriters = new(StringComparer.Ordinal);

    /// <summary>
    /// Run <paramref name="work"/> in one transaction and commit it. SQLite has one writer at a time: a second
    /// <c>BEGIN IMMEDIATE</c> gets SQLITE_BUSY, which Microsoft.Data.Sqlite retries by blocking its thread for 150 ms,
    /// so concurrent writers spent most of their time asleep. Writers of this process take turns here instead, without
    /// blocking a thread (another process still meets the busy retry). PostgreSQL runs writers concurrently.
    /// </summary>
    public static async Task<T> InWriteTransactionAsync<T>(this GovDb db, Func<Task<T>> work, CancellationToken ct)
    {
        var gate = db.Database.IsSqlite()
            ? SqliteWriters.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1))
            : null;
        if (gate is not null)
        {
            await gate.WaitAsync(ct);
        }
        try
        {
            // EF would otherwise wrap each SaveChanges in a savepoint (two more round trips); a failure rolls the whole
            // transaction back anyway.
            db.Database.AutoSavepointsEnabled = false;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var result = await work();
            await tx.CommitAsync(ct);
            return result;
        }
        finally
        {
            gate?.Release();
        }
    }

    /// <summary>Apply migrations; on SQLite also switch to WAL so readers never wait for the writer.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GovDb>();
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }
}

/// <summary>
/// Per-connection SQLite settings. <c>synchronous=NORMAL</c> is the setting SQLite recommends with WAL: a commit is
/// appended to the log without waiting for the disk, the log is synced at each checkpoint, and the database stays
/// consistent after a crash; what a power cut can lose is the last commits before it (the default, FULL, syncs the
/// log on every commit, which capped writes at the disk's sync rate).
/// </summary>
public sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSettings Instance = new();
    private const string Pragmas = "PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
