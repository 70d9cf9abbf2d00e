using System.Text.Json.Nodes;
using GovChannel.Tests;
using GovChannel.Web.Areas.OpenData.Search;
using GovChannel.Web.Areas.OpenData.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GovChannel.Web.Tests.OpenData.Search.SearchRig;

namespace GovChannel.Web.Tests.OpenData.Tracking;

/// <summary>
/// Page views reach the search index: <c>views_recent</c> (last 14 days) and <c>views_total</c> sort package_search,
/// /dataset and the home page's most viewed once <see cref="ViewIndexing"/> has run, and a rebuild reads them too.
/// </summary>
public abstract class ViewsSortTests(GovChannelApp app)
{
    private readonly Search.SearchRig _rig = new(app);

    private async Task ViewAsync(string name, int visitors)
    {
        var client = app.CreateClient();
        for (var i = 0; i < visitors; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/dataset/" + name);
            request.Headers.UserAgent.ParseAdd($"ViewsSortTests/{i}.0");
            using var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }
    }

    private Task SetViewsAsync(string name, int daysAgo, int count) => app.WithDbAsync(async (db, sp) =>
    {
        var id = await db.Datasets.Where(d => d.Name == name).Select(d => d.Id).SingleAsync();
        var day = sp.GetRequiredService<ViewTracker>().Today.AddDays(-daysAgo);
        await db.ViewCounts.Where(v => v.DatasetId == id).ExecuteDeleteAsync();
        db.ViewCounts.Add(new ViewCount { DatasetId = id, Day = day, Count = count });
        return await db.SaveChangesAsync();
    });

    private Task<int> RunViewIndexingAsync() => app.Services.GetRequiredService<ViewIndexing>().QueueChangedAsync(CancellationToken.None);

    private async Task<List<string>> SortedAsync(string tag, string sort) =>
        Names(await _rig.SearchAsync(null, ("fq", "tags:" + tag), ("sort", sort)));

    [Fact]
    public async Task ViewsRecent_AfterViewIndexing_OrdersSearchDatasetPageAndHome()
    {
        var tag = Unique("views");
        var (org, _) = await _rig.OrgAsync();
        var prefix = Unique("v");
        string[] names = [prefix + "-a-old", prefix + "-b-three", prefix + "-c-one"];
        foreach (var name in names)
        {
            await _rig.CreateAsync(new JsonObject { ["name"] = name, ["title"] = "Views " + name, ["owner_org"] = org, ["tags"] = TagList(tag) });
        }
        // 100 views 14 days ago, the first day outside the window: they count in views_total only.
        await SetViewsAsync(names[0], daysAgo: ViewTracker.RecentDays, count: 100);
        await ViewAsync(names[1], visitors: 3);
        await ViewAsync(names[2], visitors: 1);

        // Counted, but not indexed yet: every dataset still has 0 recent views.
        Assert.Equal(names, await SortedAsync(tag, "views_recent desc, name asc"));

        Assert.True(await RunViewIndexingAsync() >= 2);
        Assert.Equal([names[1], names[2], names[0]], await SortedAsync(tag, "views_recent desc, name asc"));
        Assert.Equal([names[1], names[2]], Names(await _rig.SearchAsync(null, ("fq", $"tags:{tag} +views_recent:[1 TO *]"), ("sort", "name asc"))));
        // Nothing changed since: nothing is queued again.
        Assert.Equal(0, await RunViewIndexingAsync());

        var page = await app.CreateClient().GetStringAsync($"/dataset?tags={tag}&sort=views_recent");
        Assert.True(page.IndexOf(names[1], StringComparison.Ordinal) < page.IndexOf(names[2], StringComparison.Ordinal));
        Assert.True(page.IndexOf(names[2], StringComparison.Ordinal) < page.IndexOf(names[0], StringComparison.Ordinal));

        // The home page's most viewed is the same search: b before c, and a (no recent views) not listed.
        var home = await app.CreateClient().GetStringAsync("/");
        var popular = home[home.IndexOf("id=\"popular-title\"", StringComparison.Ordinal)..];
        Assert.True(popular.IndexOf(names[1], StringComparison.Ordinal) is var b && b >= 0);
        Assert.True(popular.IndexOf(names[2], StringComparison.Ordinal) > b);
        Assert.DoesNotContain(names[0], popular, StringComparison.Ordinal);

        // A rebuild reads the counts the same way, and the total of a dataset whose only views are too old to be re-queued.
        await app.Services.GetRequiredService<SearchIndex>().RebuildAsync(app.Services, TextWriter.Null, CancellationToken.None);
        Assert.Equal([names[1], names[2], names[0]], await SortedAsync(tag, "views_recent desc, name asc"));
        Assert.Equal([names[0], names[1], names[2]], await SortedAsync(tag, "views_total desc, name asc"));
    }

    [Fact]
    public async Task ViewsRecent_ViewsLeavingTheWindow_AreTakenOutAtTheNextRun()
    {
        var tag = Unique("window");
        var (org, _) = await _rig.OrgAsync();
        var name = Unique("window");
        await _rig.CreateAsync(new JsonObject { ["name"] = name, ["owner_org"] = org, ["tags"] = TagList(tag) });
        await SetViewsAsync(name, daysAgo: ViewTracker.RecentDays - 1, count: 5);
        await RunViewIndexingAsync();
        Assert.Equal([name], Names(await _rig.SearchAsync(null, ("fq", $"tags:{tag} +views_recent:[5 TO 5]"))));

        // A day later the same row is 14 days old: the next run re-indexes the dataset with 0 recent views.
        await SetViewsAsync(name, daysAgo: ViewTracker.RecentDays, count: 5);
        Assert.True(await RunViewIndexingAsync() >= 1);
        Assert.Empty(Names(await _rig.SearchAsync(null, ("fq", $"tags:{tag} +views_recent:[1 TO *]"))));
        Assert.Equal([name], Names(await _rig.SearchAsync(null, ("fq", $"tags:{tag} +views_total:[5 TO 5]"))));
    }
}

public sealed class ViewsSortTestsSqlite(SqliteApp app) : ViewsSortTests(app), IClassFixture<SqliteApp>;

public sealed class ViewsSortTestsPostgres(PostgresApp app) : ViewsSortTests(app), IClassFixture<PostgresApp>;
