using GovChannel.Web.Pages;
using Microsoft.AspNetCore.Mvc;

namespace GovChannel.Web.Areas.Search.Pages;

/// <summary><c>/search</c>: the one search box's results, grouped by kind with a count for each.</summary>
public sealed class IndexModel(OneSearchIndex index) : PortalPage
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }

    public SearchResult? Result { get; private set; }
    public IReadOnlyList<string> Terms { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Type is not null && !OneSearch.Kinds.Contains(Type))
        {
            Type = null;
        }
        if (!string.IsNullOrWhiteSpace(Q))
        {
            Result = await OneSearch.RunAsync(HttpContext, Db, index, Q, Type, 0, Type is null ? 5 : 50, ct);
            Terms = GovChannel.Web.Pages.Shared.Highlighter.Terms(Q);
        }
    }

    public string Link(string? type) =>
        "/search?q=" + Uri.EscapeDataString(Q ?? "") + (type is null ? "" : "&type=" + type);

    /// <summary>"See all" for a kind: datasets go to the dataset search with its facets.</summary>
    public string More(string type) =>
        type == "dataset" ? "/dataset?q=" + Uri.EscapeDataString(Q ?? "") : Link(type);
}
