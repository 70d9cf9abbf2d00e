using System.Text.Json.Nodes;
using GovChannel.Tests;

namespace GovChannel.Web.Tests.OpenData;

/// <summary>CKAN's wire contract (reference/ckan.md §2, acceptance cases 1–7).</summary>
public abstract class WireTests(GovChannelApp app)
{
    [Theory]
    [InlineData("/api", 1)]
    [InlineData("/api/1", 1)]
    [InlineData("/api/2", 2)]
    [InlineData("/api/3", 3)]
    public async Task ApiVersion_EachVersion_ReturnsNumber(string url, int version)
    {
        var body = await app.CreateClient().GetStringAsync(url);
        Assert.Equal(version, JsonNode.Parse(body)!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task ReadAction_Get_AcceptsQueryParameters()
    {
        var r = await app.Ckan().GetAsync("license_list?foo=bar");
        r.Ok();
        Assert.Contains(r.Result!.AsArray(), l => l!["id"]!.GetValue<string>() == "cc-by");
        Assert.Equal("http://test.local/api/3/action/help_show?name=license_list", r.Json!["help"]!.GetValue<string>());
    }

    [Fact]
    public async Task WriteAction_Get_IsBareString400()
    {
        var r = await app.Ckan().GetAsync("package_create?name=x");
        Assert.Equal(400, r.Status);
        Assert.Equal("Bad request - JSON Error: Invalid request. Please use POST method for your request", r.Json!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownAction_Post_IsBareString400()
    {
        var r = await app.Ckan().PostAsync("no_such_action");
        Assert.Equal(400, r.Status);
        Assert.Equal("Bad request - Action name not known: no_such_action", r.Json!.GetValue<string>());
    }

    [Fact]
    public async Task MalformedJson_Post_IsBareString400()
    {
        var r = await app.Ckan().SendAsync(HttpMethod.Post, "/api/3/action/package_create", "{not json", null);
        Assert.Equal(400, r.Status);
        Assert.StartsWith("Bad request - JSON Error: Error decoding JSON data.", r.Json!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonNotAnObject_Post_IsBareString400()
    {
        var r = await app.Ckan().SendAsync(HttpMethod.Post, "/api/3/action/package_show", "[1,2]", null);
        Assert.Equal(400, r.Status);
        Assert.Contains("but it needs to be a dictionary", r.Json!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jsonp_Get_WrapsAndUsesJavascriptType()
    {
        var r = await app.Ckan().GetAsync("package_list?callback=my_callback");
        Assert.Equal(200, r.Status);
        Assert.Matches("^my_callback\\(.*\\);$", r.Body);
        Assert.Contains("application/javascript", r.ContentType!.MediaType, StringComparison.Ordinal);
        var inner = JsonNode.Parse(r.Body["my_callback(".Length..^2])!;
        Assert.True(inner["success"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Jsonp_Post_IsPlainJson()
    {
        var r = await app.Ckan().SendAsync(HttpMethod.Post, "/api/3/action/package_list?callback=my_callback", "{}", null);
        r.Ok();
        Assert.StartsWith("{", r.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonAscii_InErrorMessage_IsEscapedLikeSimplejson()
    {
        var r = await app.Ckan().PostAsync("package_show", new { id = "Delta symbol: Δ ข้อมูล" });
        Assert.Equal(404, r.Status);
        Assert.Equal("Not Found Error", r.ErrorType);
        Assert.DoesNotContain("Δ", r.Body, StringComparison.Ordinal);
        var sys = await app.Ckan().PostAsync("package_create", new { name = "x" });
        Assert.Contains("\"__type\": \"Authorization Error\"".Replace(" ", "", StringComparison.Ordinal), sys.Body.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThaiText_InResult_IsEscapedAndRoundTrips()
    {
        var token = await app.UserTokenAsync("wire-admin", sysadmin: true);
        var org = await app.AddGroupAsync("wire-org-" + Guid.NewGuid().ToString("N")[..6]);
        var r = (await app.Ckan(token).PostAsync("package_create", new { name = "wire-thai-" + Guid.NewGuid().ToString("N")[..6], title = "ข้อมูลตำบล", owner_org = org })).Ok();
        Assert.Contains("\\u0e02\\u0e49\\u0e2d\\u0e21\\u0e39\\u0e25", r.Body, StringComparison.Ordinal);
        Assert.Equal("ข้อมูลตำบล", r.Result!["title"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Authorization", "")]
    [InlineData("Authorization", "Bearer ")]
    [InlineData("X-CKAN-API-Key", "")]
    public async Task TokenHeaders_AllThreeForms_Authenticate(string header, string prefix)
    {
        var token = await app.UserTokenAsync("hdr-admin", sysadmin: true);
        var org = await app.AddGroupAsync("hdr-org-" + Guid.NewGuid().ToString("N")[..6]);
        var name = "hdr-private-" + Guid.NewGuid().ToString("N")[..6];
        (await app.Ckan(token).PostAsync("package_create", new { name, owner_org = org, @private = true })).Ok();

        var client = app.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation(header, prefix + token);
        var shown = await new Ckan(client, null).GetAsync("package_show?id=" + name);
        shown.Ok();

        var anon = await app.Ckan().GetAsync("package_show?id=" + name);
        Assert.Equal(403, anon.Status);
        Assert.Equal("Authorization Error", anon.ErrorType);
    }

    [Fact]
    public async Task InvalidToken_IsTreatedAsAnonymous()
    {
        var r = await app.Ckan("eyJhbGciOiJIUzI1NiJ9.eyJqdGkiOiJ4In0.bad").GetAsync("package_list");
        r.Ok();
    }

    [Fact]
    public async Task FormBody_LegacyJsonAsKey_IsDecoded()
    {
        var content = new FormUrlEncodedContent([new("{\"id\": \"no-such-dataset\"}", "1")]);
        var r = await app.Ckan().SendAsync(HttpMethod.Post, "/api/3/action/package_show", null, null, content);
        Assert.Equal(404, r.Status);
    }

    [Fact]
    public async Task StatusShow_HasThaiGdcKeys()
    {
        var r = (await app.Ckan().GetAsync("status_show")).Ok();
        foreach (var key in new[] { "ckan_version", "site_url", "thaigdc_catalog_type", "thaigdc_is_as_a_service", "thaigdc_version", "thaigdc_update", "extensions", "locale_default" })
        {
            Assert.True(r.Result!.AsObject().ContainsKey(key), key);
        }
        Assert.Equal("agency", r.Result!["thaigdc_catalog_type"]!.GetValue<string>());
    }
}

public sealed class WireTestsSqlite(SqliteApp app) : WireTests(app), IClassFixture<SqliteApp>;

public sealed class WireTestsPostgres(PostgresApp app) : WireTests(app), IClassFixture<PostgresApp>;
