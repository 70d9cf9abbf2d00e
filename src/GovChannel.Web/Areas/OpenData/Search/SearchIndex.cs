namespace GovChannel.Web.Areas.OpenData.Search;

/// <summary>The node-local Lucene index of the catalogue (DESIGN decision 4).</summary>
public sealed class SearchIndex
{
    public Task StartAsync(IServiceProvider services, CancellationToken ct) => Task.CompletedTask;
    public Task CatchUpAsync(CancellationToken ct) => Task.CompletedTask;
    public Task RebuildAsync(IServiceProvider services, TextWriter progress, CancellationToken ct) => Task.CompletedTask;
}
