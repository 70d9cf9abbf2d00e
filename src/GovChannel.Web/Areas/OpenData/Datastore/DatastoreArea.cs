using GovChannel.Web.Data;

namespace GovChannel.Web.Areas.OpenData.Datastore;

/// <summary>The DataStore: per-resource tables behind the CKAN DataStore API, the dump route and the background loader.</summary>
public static class DatastoreArea
{
    public static void AddDatastore(this WebApplicationBuilder builder, GovChannelSettings settings)
    {
        var datastore = builder.Configuration.GetSection("GovChannel").Get<DatastoreSettings>() ?? new DatastoreSettings();
        builder.Services.AddSingleton(datastore);
        builder.Services.AddSingleton<DatastoreDb>();
        builder.Services.AddSingleton<DatastoreLoader>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DatastoreLoader>());
        builder.Services.AddHttpClient(DatastoreLoader.HttpClientName, c => c.Timeout = TimeSpan.FromMinutes(10))
            .ConfigurePrimaryHttpMessageHandler(() => LinkGuard.Handler(datastore.DatastoreLoadPrivateAddresses));
    }

    public static void MapDatastore(this WebApplication app) => DatastoreDump.Map(app);
}
