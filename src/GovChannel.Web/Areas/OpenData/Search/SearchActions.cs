using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Ckan;

namespace GovChannel.Web.Areas.OpenData.Search;

public static class SearchActions
{
    public static void Register(ActionTable t)
    {
    }
}
