namespace GovChannel.Web.Areas.Search;

/// <summary>The one search box across every area: <c>GET /api/search</c> and the <c>/search</c> page.</summary>
public static class SearchArea
{
    public static void MapSearch(this WebApplication app) => app.MapOneSearch();
}
