using System.Text.Json.Nodes;
using GovChannel.Tests;

namespace GovChannel.Web.Tests.OpenData.Search;

/// <summary>Helpers shared by the search tests: unique names, dataset creation, package_search calls.</summary>
public sealed class SearchRig(GovChannelApp app)
{
    public static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    public GovChannelApp App => app;

    public async Task<Ckan> SysadminAsync() => app.Ckan(await app.UserTokenAsync("search-sysadmin", sysadmin: true));

    /// <summary>An organisation with a unique name; returns (id, name).</summary>
    public async Task<(string Id, string Name)> OrgAsync(string? title = null)
    {
        var name = Unique("org");
        return (await app.AddGroupAsync(name, title ?? name), name);
    }

    public async Task<JsonObject> CreateAsync(JsonObject body, string? token = null)
    {
        var ckan = token is null ? await SysadminAsync() : app.Ckan(token);
        return (await ckan.PostAsync("package_create", body)).Ok().Result!.AsObject();
    }

    public static string Query(params (string Key, string Value)[] parameters) =>
        string.Join("&", parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));

    public Task<CkanResponse> GetAsync(string? token, params (string Key, string Value)[] parameters) =>
        app.Ckan(token).GetAsync("package_search?" + Query(parameters));

    public async Task<JsonObject> SearchAsync(string? token, params (string Key, string Value)[] parameters) =>
        (await GetAsync(token, parameters)).Ok().Result!.AsObject();

    public static List<string> Names(JsonObject result) =>
        result["results"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();

    public static JsonArray TagList(params string[] names) => new([.. names.Select(n => (JsonNode)new JsonObject { ["name"] = n })]);
}
