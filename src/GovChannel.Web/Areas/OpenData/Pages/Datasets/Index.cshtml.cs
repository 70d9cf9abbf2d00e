using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Pages;
using GovChannel.Web.Pages.Shared;

namespace GovChannel.Web.Areas.OpenData.Pages.Datasets;

/// <summary><c>/dataset</c>: search with facets, sort and paging, through package_search.</summary>
public sealed class IndexModel : PortalPage
{
    public DatasetSearch Search { get; private set; } = null!;
    public string? Error { get; private set; }

    public async Task OnGetAsync()
    {
        Search = DatasetSearch.FromQuery(Request.Query, "/dataset");
        try
        {
            Search.Read((JsonObject)(await ReadAsync("package_search", Search.Request()))!);
        }
        catch (CkanException e) when (e is SearchQueryError or SearchError or ValidationError)
        {
            // A query the parser cannot read (an unbalanced quote) is the visitor's typo, not a server error.
            Error = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
