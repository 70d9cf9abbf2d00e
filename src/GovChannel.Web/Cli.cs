using System.Globalization;
using GovChannel.Web.Areas.Identity;
using GovChannel.Web.Areas.OpenData.Search;
using GovChannel.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web;

/// <summary>
/// The application is its own admin tool (DESIGN: the command line). Other tools rely on these names and on
/// <c>token create</c> printing the token alone on one line.
/// </summary>
public static class Cli
{
    private static readonly string[] Commands = ["sysadmin", "token", "seed", "search", "db", "thai", "help", "--help"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var words = Positional(args);
        var ct = CancellationToken.None;
        try
        {
            switch (words)
            {
                case ["db", "migrate"]:
                    await Database.MigrateAsync(app.Services, ct);
                    Console.Error.WriteLine("Database is up to date.");
                    return 0;
                case ["sysadmin", "add", var name]:
                    await Database.MigrateAsync(app.Services, ct);
                    return await SysadminAddAsync(app, name, Option(args, "--email"), Option(args, "--password"), ct);
                case ["token", "create", var name]:
                    await Database.MigrateAsync(app.Services, ct);
                    return await TokenCreateAsync(app, name, Option(args, "--label") ?? "cli", ct);
                case ["search", "rebuild"]:
                    await Database.MigrateAsync(app.Services, ct);
                    await app.Services.GetRequiredService<SearchIndex>().RebuildAsync(app.Services, Console.Error, ct);
                    // For tuning on a small machine (bench/Catalog): what the rebuild cost the garbage collector.
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"Garbage collections: {GC.CollectionCount(0)} (gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}), paused {GC.GetTotalPauseDuration().TotalSeconds:0.0} s, {GC.GetTotalAllocatedBytes() / 1e9:0.0} GB allocated."));
                    return 0;
                case ["seed", "demo"]:
                    await Database.MigrateAsync(app.Services, ct);
                    await DemoSeed.RunAsync(app.Services, Console.Error, ct);
                    return 0;
                case ["seed", "synthetic"]:
                    await Database.MigrateAsync(app.Services, ct);
                    await SyntheticSeed.RunAsync(app.Services, IntOption(args, "--datasets", 1000), IntOption(args, "--organizations", 200), Console.Error, ct);
                    return 0;
                case ["thai", "segment"]:
                    return await ThaiCli.SegmentAsync(Console.In, Console.Out, ct);
                default:
                    Console.Error.WriteLine(Usage);
                    return words is ["help"] or ["--help"] ? 0 : 2;
            }
        }
        catch (CliError e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }

    private const string Usage = """
        usage: govchannel [command]
          (no command)                              serve the web site (--urls http://127.0.0.1:5000)
          sysadmin add NAME [--email E] [--password P]  create or promote a user to sysadmin
          token create NAME [--label L]             print a new API token for user NAME
          seed demo                                 load demo content
          seed synthetic --datasets N [--organizations M]  generate a large realistic catalogue (bulk path)
          search rebuild                            rebuild the search index from the database
          db migrate                                apply database migrations
          thai segment                              segment Thai lines from stdin, tokens joined by |
        """;

    private static readonly string[] OptionsWithValue = ["--email", "--password", "--label", "--urls", "--environment", "--datasets", "--organizations"];

    private static int IntOption(string[] args, string name, int fallback)
    {
        var text = Option(args, name);
        if (text is null)
        {
            return fallback;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new CliError($"{name} needs a positive whole number, not '{text}'.");
    }

    private static string[] Positional(string[] args)
    {
        var words = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (OptionsWithValue.Contains(args[i]))
                {
                    i++;
                }
                continue;
            }
            words.Add(args[i]);
        }
        return [.. words];
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static async Task<int> SysadminAddAsync(WebApplication app, string name, string? email, string? password, CancellationToken ct)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GovDb>();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        if (Areas.OpenData.Catalog.Validators.NameError(name) is { } error)
        {
            throw new CliError($"Invalid user name '{name}': {error}");
        }
        var user = await db.Users.SingleOrDefaultAsync(u => u.Name == name, ct);
        if (user is null)
        {
            user = new User { Name = name, Email = email, Created = Areas.OpenData.Ckan.Clock.Now(time) };
            db.Users.Add(user);
        }
        user.Sysadmin = true;
        user.State = "active";
        if (email is not null)
        {
            user.Email = email;
        }
        if (password is not null)
        {
            user.PasswordHash = hasher.HashPassword(user, password);
        }
        db.Activities.Add(new Areas.OpenData.Catalog.Activity
        {
            Timestamp = Areas.OpenData.Ckan.Clock.Now(time), ObjectId = user.Id, ActivityType = "changed user",
            DataJson = "{\"sysadmin\": true, \"via\": \"cli\"}",
        });
        await db.SaveChangesAsync(ct);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} is a sysadmin."));
        return 0;
    }

    private static async Task<int> TokenCreateAsync(WebApplication app, string name, string label, CancellationToken ct)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GovDb>();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Name == name, ct) ?? throw new CliError($"No user named '{name}'.");
        var (_, token) = await scope.ServiceProvider.GetRequiredService<ApiTokens>().CreateAsync(db, user, label, null, ct);
        Console.Out.WriteLine(token);
        return 0;
    }
}

public sealed class CliError(string message) : Exception(message);
