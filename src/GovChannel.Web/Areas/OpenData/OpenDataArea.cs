using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.OpenData.Datastore;
using GovChannel.Web.Areas.OpenData.Files;
using GovChannel.Web.Areas.OpenData.Search;
using GovChannel.Web.Data;

namespace GovChannel.Web.Areas.OpenData;

/// <summary>The open-data catalogue: CKAN Action API, search index, file store, downloads.</summary>
public static class OpenDataArea
{
    public static void AddOpenData(this WebApplicationBuilder builder, GovChannelSettings settings)
    {
        builder.Services.AddSingleton<IFileStore, LocalFileStore>();
        builder.Services.AddSingleton<SearchIndex>();
        builder.Services.AddSingleton<GroupTitles>();
        builder.Services.AddSingleton<Ckan.ResponseCache>();
        CkanApi.ConfigureLimits(builder, settings);
        builder.AddDatastore(settings);
    }

    public static void MapOpenData(this WebApplication app)
    {
        app.MapCkanApi();
        ResourceDownload.Map(app);
        Showcases.ShowcaseImages.Map(app);
        app.MapDatastore();
    }
}
