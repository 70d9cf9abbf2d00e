using System.Text.Json.Nodes;
using GovChannel.Tests;

namespace GovChannel.Web.Tests.OpenData.Datasets;

/// <summary>A configurable upload limit: a larger file is CKAN's "File upload too large" and leaves nothing behind.</summary>
public sealed class SmallUploadLimitApp : GovChannelApp
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "govchannel-" + Guid.NewGuid().ToString("N")[..10] + ".db");
    public override string Provider => "Sqlite";
    protected override string ConnectionString() => $"Data Source={_file}";
    protected override IEnumerable<KeyValuePair<string, string>> Settings() => [new("GovChannel:MaxUploadBytes", "1000")];
}

public sealed class UploadLimitTests(SmallUploadLimitApp app) : IClassFixture<SmallUploadLimitApp>
{
    [Fact]
    public async Task Upload_OverConfiguredLimit_IsValidationErrorAndNothingStored()
    {
        var token = await app.UserTokenAsync("limit-admin", sysadmin: true);
        var org = await app.AddGroupAsync("limit-org");
        var d = (await app.Ckan(token).PostAsync("package_create", new { name = "limit-ds", owner_org = org })).Ok().Result!;
        using var form = new MultipartFormDataContent { { new StringContent(d["id"]!.GetValue<string>()), "package_id" } };
        form.Add(new ByteArrayContent(new byte[5000]), "upload", "big.csv");
        var r = await app.Ckan().SendAsync(HttpMethod.Post, "/api/3/action/resource_create", null, token, form);
        Assert.Equal(409, r.Status);
        Assert.Equal("Validation Error", r.ErrorType);
        Assert.Equal("File upload too large", r.Error!["upload"]![0]!.GetValue<string>());
        var after = (await app.Ckan(token).GetAsync("package_show?id=limit-ds")).Ok().Result!;
        Assert.Empty(after["resources"]!.AsArray());
    }

    [Fact]
    public async Task Upload_UnderLimit_IsStored()
    {
        var token = await app.UserTokenAsync("limit-admin", sysadmin: true);
        var org = await app.AddGroupAsync("limit-org-2");
        var d = (await app.Ckan(token).PostAsync("package_create", new JsonObject { ["name"] = "limit-ok", ["owner_org"] = org })).Ok().Result!;
        using var form = new MultipartFormDataContent { { new StringContent(d["id"]!.GetValue<string>()), "package_id" } };
        form.Add(new ByteArrayContent(new byte[500]), "upload", "small.csv");
        (await app.Ckan().SendAsync(HttpMethod.Post, "/api/3/action/resource_create", null, token, form)).Ok();
    }
}
