using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace GovChannel.Web.Tests.Pages;

/// <summary>The sign-in cookie alone must not authorise CKAN API writes: another site could post a form with it.</summary>
public sealed class ApiCookieCsrfTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task ApiWrite_CookieOnlyWithoutAntiforgery_IsTreatedAsAnonymous()
    {
        var client = await PortalFixture.SignedInAsync(fixture, "admin");
        using var response = await client.PostAsJsonAsync("/api/3/action/package_create", new { name = "csrf-" + Guid.NewGuid().ToString("N")[..8], owner_org = "dopa" });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal("Authorization Error", body["error"]!["__type"]!.GetValue<string>());
    }

    [Fact]
    public async Task ApiRead_CookieOnly_SeesWhatTheUserMaySee()
    {
        var client = await PortalFixture.SignedInAsync(fixture, "admin");
        var shown = await client.GetAsync("/api/3/action/package_show?id=dopa-internal-draft-indicators");
        Assert.Equal(200, (int)shown.StatusCode);
    }

    [Fact]
    public async Task ApiWrite_CookieWithAntiforgeryHeader_IsAllowed()
    {
        var client = await PortalFixture.SignedInAsync(fixture, "admin");
        var token = PortalFixture.Token(await client.GetStringAsync("/user/login"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/3/action/package_create")
        {
            Content = JsonContent.Create(new { name = "csrf-ok-" + Guid.NewGuid().ToString("N")[..8], owner_org = "dopa" }),
        };
        request.Headers.Add("RequestVerificationToken", token);
        using var response = await client.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
    }
}
