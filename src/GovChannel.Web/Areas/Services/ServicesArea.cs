using GovChannel.Web.Areas.Search;
using GovChannel.Web.Areas.Services.Catalogue;
using GovChannel.Web.Areas.Services.Channels;
using GovChannel.Web.Areas.Services.Manuals;
using GovChannel.Web.Areas.Services.News;

namespace GovChannel.Web.Areas.Services;

/// <summary>
/// Citizen manuals, the e-service catalogue, news and the channels over them (feeds, kiosk, display), plus the
/// OpenAPI document of GovChannel's own JSON API (<c>/openapi/v1.json</c>, committed as <c>openapi/v1.json</c>).
/// </summary>
public static class ServicesArea
{
    /// <summary>The paths our OpenAPI document describes; the CKAN API has its own contract (help_show).</summary>
    private static readonly string[] OwnApi = ["api/manuals", "api/eservices", "api/apps", "api/news", "api/search", "api/insights"];

    public static void AddServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OneSearchIndex>();
        builder.Services.AddScoped<ServicesText>();
        builder.Services.AddOpenApi(o => o.ShouldInclude = d =>
            d.RelativePath is { } path && OwnApi.Any(p => path.StartsWith(p, StringComparison.Ordinal)));
    }

    public static void MapServices(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapManualApi();
        app.MapEServiceApi();
        app.MapNewsApi();
        app.MapFeeds();
    }
}
