using System.Text.Json.Nodes;
using GovChannel.Tests;
using GovChannel.Web.Areas.OpenData.Files;
using GovChannel.Web.Tests.Services;
using Microsoft.Extensions.DependencyInjection;

namespace GovChannel.Web.Tests.Apps;

/// <summary>The app centre API on both databases: http(s) store links only, moderated ratings.</summary>
public abstract class AppApiTests(GovChannelApp app)
{
    private readonly ServicesClient _api = new(app.CreateClient());

    private static JsonObject App(string agency, string slug, string link = "https://play.example.com/store/apps/th.go.example") => new()
    {
        ["slug"] = slug, ["name"] = "แอปทดสอบ " + slug, ["description"] = "แอปสำหรับการทดสอบ", ["agency"] = agency,
        ["category"] = "health", ["version"] = "2.1.0",
        ["storeLinks"] = new JsonArray(new JsonObject { ["platform"] = "android", ["url"] = link }, new JsonObject { ["platform"] = "ios", ["url"] = "https://apps.example.com/app/id1" }),
        ["screenshots"] = new JsonArray("https://cdn.example.go.th/shot1.png"),
    };

    private async Task<(string OrgId, string Editor, string Slug)> CreateAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var orgId = await app.AddGroupAsync("app-org-" + suffix);
        var editor = await app.UserTokenAsync("app-editor-" + suffix);
        await app.AddMemberAsync(orgId, "app-editor-" + suffix, "editor");
        var slug = "app-" + suffix;
        var (status, json) = await _api.PostAsync("/api/apps", App(orgId, slug), editor);
        Assert.True(status == 201, json?.ToJsonString());
        return (orgId, editor, slug);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://files.example.com/app.apk")]
    [InlineData("play.example.com/app")]
    public async Task Create_StoreLinkNotHttp_Refused(string link)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var orgId = await app.AddGroupAsync("app-bad-" + suffix);
        var editor = await app.UserTokenAsync("app-bad-" + suffix);
        await app.AddMemberAsync(orgId, "app-bad-" + suffix, "editor");
        var (status, json) = await _api.PostAsync("/api/apps", App(orgId, "bad-" + suffix, link), editor, lang: "th");
        Assert.Equal(400, status);
        Assert.Contains("http://", json!["errors"]!["storeLinks[0].url"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_PlatformsFollowStoreLinks()
    {
        var (_, _, slug) = await CreateAsync();
        var (_, json) = await _api.GetAsync("/api/apps/" + slug);
        Assert.Equal(["android", "ios"], json!["platforms"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal(0, json["rating"]!["count"]!.GetValue<int>());
        Assert.Null(json["rating"]!["average"]);
    }

    [Fact]
    public async Task Rating_PendingUntilApproved_AverageOverApprovedOnly()
    {
        var (_, editor, slug) = await CreateAsync();
        Assert.Equal(401, (await _api.PostAsync($"/api/apps/{slug}/ratings", new { stars = 5 })).Status);
        var citizen1 = await app.UserTokenAsync("citizen-" + Guid.NewGuid().ToString("N")[..8]);
        var citizen2 = await app.UserTokenAsync("citizen-" + Guid.NewGuid().ToString("N")[..8]);
        var citizen3 = await app.UserTokenAsync("citizen-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.Equal(400, (await _api.PostAsync($"/api/apps/{slug}/ratings", new { stars = 6 }, citizen1)).Status);

        var (status, r1) = await _api.PostAsync($"/api/apps/{slug}/ratings", new { stars = 5, comment = "ใช้ง่ายมาก" }, citizen1);
        Assert.Equal(202, status);
        Assert.Equal("pending", r1!["state"]!.GetValue<string>());
        var (_, r2) = await _api.PostAsync($"/api/apps/{slug}/ratings", new { stars = 2 }, citizen2);
        var (_, r3) = await _api.PostAsync($"/api/apps/{slug}/ratings", new { stars = 1, comment = "สแปม" }, citizen3);

        Assert.Empty((await _api.GetAsync($"/api/apps/{slug}/ratings")).Json!.AsArray());
        Assert.Equal(0, (await _api.GetAsync("/api/apps/" + slug)).Json!["rating"]!["count"]!.GetValue<int>());

        Assert.Equal(401, (await _api.PostAsync($"/api/apps/{slug}/ratings/{r1["id"]}/approve", null)).Status);
        Assert.Equal(403, (await _api.PostAsync($"/api/apps/{slug}/ratings/{r1["id"]}/approve", null, citizen2)).Status);
        Assert.Equal(200, (await _api.PostAsync($"/api/apps/{slug}/ratings/{r1["id"]}/approve", null, editor)).Status);
        Assert.Equal(200, (await _api.PostAsync($"/api/apps/{slug}/ratings/{r2!["id"]}/approve", null, editor)).Status);
        Assert.Equal(200, (await _api.PostAsync($"/api/apps/{slug}/ratings/{r3!["id"]}/reject", null, editor)).Status);

        var rating = (await _api.GetAsync("/api/apps/" + slug)).Json!["rating"]!;
        Assert.Equal(2, rating["count"]!.GetValue<int>());
        Assert.Equal(3.5, rating["average"]!.GetValue<double>());
        Assert.Equal(2, (await _api.GetAsync($"/api/apps/{slug}/ratings")).Json!.AsArray().Count);
        Assert.Single((await _api.GetAsync($"/api/apps/{slug}/ratings?state=rejected", editor)).Json!.AsArray());

        // Rating again replaces the old rating and sends it back to the queue.
        await _api.PostAsync($"/api/apps/{slug}/ratings", new { stars = 4 }, citizen1);
        rating = (await _api.GetAsync("/api/apps/" + slug)).Json!["rating"]!;
        Assert.Equal(1, rating["count"]!.GetValue<int>());
        Assert.Equal(2.0, rating["average"]!.GetValue<double>());
    }

    private async Task<(int Status, JsonNode? Json)> UploadAsync(string slug, byte[] bytes, string contentType, string? token)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        form.Add(file, "file", "screen.png");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/apps/{slug}/screenshots") { Content = form };
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token);
        }
        request.Headers.TryAddWithoutValidation("Accept-Language", "en");
        using var response = await _api.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    /// <summary>A 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Screenshot_UploadPng_StoredUnderAGeneratedNameServedAndListed()
    {
        var (_, editor, slug) = await CreateAsync();
        var (status, json) = await UploadAsync(slug, Png, "image/png", editor);
        Assert.Equal(201, status);
        var shots = json!["screenshots"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
        Assert.Equal(2, shots.Count);
        Assert.Matches("^/api/apps/screenshots/[0-9a-f]{32}\\.png$", shots[1]);
        using var image = await _api.Http.GetAsync(shots[1]);
        Assert.Equal(200, (int)image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Png, await image.Content.ReadAsByteArrayAsync());
        Assert.Equal(404, (int)(await _api.Http.GetAsync("/api/apps/screenshots/" + new string('a', 32) + ".png")).StatusCode);
        var audits = await app.WithDbAsync((db, _) => Task.FromResult(db.Activities.Count(a => a.ActivityType == "changed app" && a.DataJson.Contains(shots[1]))));
        Assert.Equal(1, audits);
    }

    [Theory]
    [InlineData("image/png", "GIF89a not a png")]
    [InlineData("image/svg+xml", "<svg xmlns='http://www.w3.org/2000/svg'/>")]
    [InlineData("application/pdf", "%PDF-1.4")]
    public async Task Screenshot_NotAnAllowedImage_RefusedAndNothingListed(string contentType, string body)
    {
        var (_, editor, slug) = await CreateAsync();
        var (status, json) = await UploadAsync(slug, System.Text.Encoding.ASCII.GetBytes(body), contentType, editor);
        Assert.Equal(400, status);
        Assert.Contains("PNG, JPEG or WebP", json!["errors"]!["file"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single((await _api.GetAsync("/api/apps/" + slug)).Json!["screenshots"]!.AsArray());
    }

    [Fact]
    public async Task Screenshot_TooLargeOrNotTheAgencysEditor_Refused()
    {
        var (_, editor, slug) = await CreateAsync();
        var big = new byte[(int)Web.Areas.Apps.AppApi.MaxScreenshotBytes + 1];
        Png.CopyTo(big, 0);
        Assert.Equal(413, (await UploadAsync(slug, big, "image/png", editor)).Status);
        Assert.Equal(401, (await UploadAsync(slug, Png, "image/png", null)).Status);
        var outsider = await app.UserTokenAsync("outsider-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.Equal(403, (await UploadAsync(slug, Png, "image/png", outsider)).Status);
    }

    private async Task<bool> StoredAsync(string url)
    {
        var files = app.Services.GetRequiredService<IFileStore>();
        await using var stream = await files.OpenAsync(Web.Areas.Apps.AppApi.KeyOf(url)!, CancellationToken.None);
        return stream is not null;
    }

    private async Task<List<string>> UploadTwoAsync(string slug, string editor)
    {
        await UploadAsync(slug, Png, "image/png", editor);
        var (_, json) = await UploadAsync(slug, Png, "image/png", editor);
        var shots = json!["screenshots"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
        Assert.Equal(3, shots.Count);
        return shots;
    }

    [Fact]
    public async Task Screenshot_RemovedByUpdate_FileDeleted_KeptOnesStay()
    {
        var (orgId, editor, slug) = await CreateAsync();
        var shots = await UploadTwoAsync(slug, editor);
        Assert.True(await StoredAsync(shots[1]) && await StoredAsync(shots[2]));

        // A refused update changes nothing, so it deletes nothing.
        var refused = App(orgId, slug, link: "ftp://x.example.com/app");
        refused["screenshots"] = new JsonArray(shots[0], shots[1]);
        Assert.Equal(400, (await _api.PutAsync("/api/apps/" + slug, refused, editor)).Status);
        Assert.True(await StoredAsync(shots[2]));

        var input = App(orgId, slug);
        input["screenshots"] = new JsonArray(shots[0], shots[1]);
        var (status, json) = await _api.PutAsync("/api/apps/" + slug, input, editor);
        Assert.Equal(200, status);
        Assert.Equal(3 - 1, json!["screenshots"]!.AsArray().Count);
        Assert.True(await StoredAsync(shots[1]));
        Assert.False(await StoredAsync(shots[2]));
        Assert.Equal(404, (int)(await _api.Http.GetAsync(shots[2])).StatusCode);
    }

    [Fact]
    public async Task Screenshot_ShownByAnotherApp_KeptWhenOneStopsShowingIt()
    {
        var (orgId, editor, slug) = await CreateAsync();
        var shots = await UploadTwoAsync(slug, editor);
        // An API client may list any site path, also another app's uploaded screenshot.
        var other = App(orgId, slug + "-other");
        other["screenshots"] = new JsonArray(shots[2]);
        Assert.Equal(201, (await _api.PostAsync("/api/apps", other, editor)).Status);
        var input = App(orgId, slug);
        input["screenshots"] = new JsonArray(shots[0]);
        Assert.Equal(200, (await _api.PutAsync("/api/apps/" + slug, input, editor)).Status);
        Assert.False(await StoredAsync(shots[1]));
        Assert.True(await StoredAsync(shots[2]));
    }

    [Fact]
    public async Task Delete_App_ScreenshotFilesDeleted()
    {
        var (_, editor, slug) = await CreateAsync();
        var shots = await UploadTwoAsync(slug, editor);
        var outsider = await app.UserTokenAsync("outsider-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.Equal(403, (await _api.SendAsync(HttpMethod.Delete, "/api/apps/" + slug, null, outsider)).Status);
        Assert.True(await StoredAsync(shots[1]));
        Assert.Equal(204, (await _api.SendAsync(HttpMethod.Delete, "/api/apps/" + slug, null, editor)).Status);
        Assert.False(await StoredAsync(shots[1]));
        Assert.False(await StoredAsync(shots[2]));
        Assert.Equal(404, (await _api.GetAsync("/api/apps/" + slug, editor)).Status);
    }
}

public sealed class AppApiTestsSqlite(SqliteApp app) : AppApiTests(app), IClassFixture<SqliteApp>;

public sealed class AppApiTestsPostgres(PostgresApp app) : AppApiTests(app), IClassFixture<PostgresApp>;
