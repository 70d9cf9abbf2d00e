using GovChannel.Web;
using GovChannel.Web.Areas.Apps;
using GovChannel.Web.Areas.Identity;
using GovChannel.Web.Areas.Insights;
using GovChannel.Web.Areas.OpenData;
using GovChannel.Web.Areas.Search;
using GovChannel.Web.Areas.Services;
using GovChannel.Web.Data;
using GovChannel.Web.Pages;

// --demo: load the demo content first when the database is empty (the README's run command).
var demo = args.Contains("--demo");
args = [.. args.Where(a => a != "--demo")];

var builder = WebApplication.CreateBuilder(args);
var settings = builder.Configuration.GetSection("GovChannel").Get<GovChannelSettings>() ?? new GovChannelSettings();
settings.DataDirectory = Path.GetFullPath(settings.DataDirectory);
builder.Services.AddSingleton(settings);
builder.Services.AddSingleton(TimeProvider.System);
builder.AddGovDb(settings);

builder.AddIdentity();
builder.AddOpenData(settings);
builder.AddPortal(settings);
builder.AddServices();

var app = builder.Build();

if (Cli.IsCommand(args))
{
    return await Cli.RunAsync(app, args);
}

await Database.MigrateAsync(app.Services);
await app.Services.GetRequiredService<GovChannel.Web.Areas.OpenData.Search.SearchIndex>().StartAsync(app.Services, CancellationToken.None);
if (demo && await DemoSeed.IsEmptyAsync(app.Services))
{
    await DemoSeed.RunAsync(app.Services, Console.Error, CancellationToken.None);
}

app.UsePortal();
app.MapOpenData();
app.MapPortal();
app.MapServices();
app.MapApps();
app.MapSearch();
app.MapInsights();

await app.RunAsync();
return 0;

public partial class Program;
