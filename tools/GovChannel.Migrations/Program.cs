// Usage: dotnet run --project tools/GovChannel.Migrations -- AddSomething
// Writes a migration for SQLite and one for PostgreSQL into src/GovChannel.Web/Data/Migrations/{Sqlite,Postgres}.
using GovChannel.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: GovChannel.Migrations <MigrationName>");
    return 2;
}
var webProject = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/GovChannel.Web"));

Scaffold(new SqliteGovDb(new DbContextOptionsBuilder<SqliteGovDb>().UseSqlite("Data Source=:memory:").Options),
    new Microsoft.EntityFrameworkCore.Sqlite.Design.Internal.SqliteDesignTimeServices(), "Sqlite");
Scaffold(new PostgresGovDb(new DbContextOptionsBuilder<PostgresGovDb>().UseNpgsql("Host=localhost").Options),
    new Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal.NpgsqlDesignTimeServices(), "Postgres");
return 0;

void Scaffold(DbContext context, IDesignTimeServices providerServices, string folder)
{
    var services = new ServiceCollection();
    services.AddEntityFrameworkDesignTimeServices();
    services.AddDbContextDesignTimeServices(context);
    providerServices.ConfigureDesignTimeServices(services);
    using var provider = services.BuildServiceProvider();
    var scaffolder = provider.GetRequiredService<IMigrationsScaffolder>();
    var migration = scaffolder.ScaffoldMigration(args[0], "GovChannel.Web", $"Data.Migrations.{folder}", "C#");
    var files = scaffolder.Save(webProject, migration, Path.Combine(webProject, "Data", "Migrations", folder));
    Console.WriteLine(files.MigrationFile);
}
