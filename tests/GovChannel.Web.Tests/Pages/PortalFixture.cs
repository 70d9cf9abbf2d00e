using System.Net;
using System.Text.RegularExpressions;
using GovChannel.Tests;
using GovChannel.Web;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GovChannel.Web.Tests.Pages;

/// <summary>The app on SQLite with the demo content (agencies, categories, 22 datasets, one private), shared by the page tests.</summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public SqliteApp App { get; } = new();

    public async Task InitializeAsync() => await DemoSeed.RunAsync(App.Services, TextWriter.Null, CancellationToken.None);

    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests look at them).</summary>
    public HttpClient Browser() => App.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

    public static string Token(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"") is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("no antiforgery token in the page");

    /// <summary>Wait for the background loader to finish a resource's DataStore load (the demo seed queues the sub-district CSV).</summary>
    public static async Task WaitForDatastoreAsync(PortalFixture fixture, string resourceId)
    {
        var ckan = fixture.App.Ckan();
        for (var i = 0; i < 600; i++)
        {
            var status = await ckan.GetAsync("xloader_status?resource_id=" + resourceId);
            var state = status.Result?["status"]?.GetValue<string>();
            if (state == "complete")
            {
                return;
            }
            Assert.False(state == "error", status.Body);
            await Task.Delay(100);
        }
        throw new TimeoutException("the DataStore load of " + resourceId + " did not finish in 60 s");
    }

    public static async Task<HttpClient> SignedInAsync(PortalFixture fixture, string user = "somchai", string password = DemoSeed.AdminPassword)
    {
        var client = fixture.Browser();
        var login = await client.GetStringAsync("/user/login");
        using var response = await client.PostAsync("/user/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = user, ["Password"] = password, ["__RequestVerificationToken"] = Token(login),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
