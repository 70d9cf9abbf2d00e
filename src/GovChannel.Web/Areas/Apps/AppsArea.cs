namespace GovChannel.Web.Areas.Apps;

/// <summary>The government app centre (apps.go.th): the JSON API here, the pages under <c>Pages/</c>.</summary>
public static class AppsArea
{
    public static void MapApps(this WebApplication app) => app.MapAppApi();
}
