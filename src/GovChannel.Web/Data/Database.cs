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
            builder.Services.AddDbContext<PostgresGovDb>(o => Configure(o.UseNpgsql(connection)));
            builder.Services.AddScoped<GovDb>(sp => sp.GetRequiredService<PostgresGovDb>());
        }
        else
        {
            Directory.CreateDirectory(settings.DataDirectory);
            connection = string.IsNullOrEmpty(connection)
                ? $"Data Source={Path.Combine(settings.DataDirectory, "govchannel.db")}"
                : connection;
            builder.Services.AddDbContext<SqliteGovDb>(o => Configure(o.UseSqlite(connection)));
            builder.Services.AddScoped<GovDb>(sp =>
            {
                var db = sp.GetRequiredService<SqliteGovDb>();
                return db;
            });
        }
    }

    private static void Configure(DbContextOptionsBuilder o) =>
        o.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));

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
