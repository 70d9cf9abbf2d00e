namespace GovChannel.Web;

public static class DemoSeed
{
    public static Task RunAsync(IServiceProvider services, TextWriter log, CancellationToken ct) => Task.CompletedTask;
}
