namespace GovChannel.Web.Areas.OpenData.Ckan;

/// <summary>The legacy <c>/api/2/util/*/autocomplete</c> routes the CKAN web front end calls.</summary>
public static class Autocomplete
{
    public static void MapAutocomplete(WebApplication app)
    {
    }
}
