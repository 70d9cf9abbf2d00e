using System.Net;
using System.Text.Json.Nodes;
using GovChannel.Tests;
using GovChannel.Web.Areas.OpenData.Datastore;

namespace GovChannel.Web.Tests.OpenData.Datastore;

public class LinkGuardAddressTests
{
    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("8.8.8.8", true)]
    [InlineData("203.150.1.1", true)]
    [InlineData("2001:4860:4860::8888", true)]
    public void IsPublic_ClassifiesAddresses(string address, bool expected) =>
        Assert.Equal(expected, LinkGuard.IsPublic(IPAddress.Parse(address)));
}

/// <summary>With the default settings a link to the server's own network is refused, with a message saying why.</summary>
public abstract class LinkGuardTests(GovChannelApp app)
{
    [Theory]
    [InlineData("http://127.0.0.1:9/internal.csv")]
    [InlineData("http://localhost:9/internal.csv")]
    [InlineData("http://169.254.169.254/latest/meta-data.csv")]
    public async Task Link_ToAnInternalAddress_RefusedWithAClearMessage(string url)
    {
        var sys = app.Ckan(await app.UserTokenAsync("guard-sysadmin", sysadmin: true));
        var org = await app.AddGroupAsync("guard-" + Guid.NewGuid().ToString("N")[..8]);
        var d = (await sys.PostAsync("package_create", new { name = "guard-" + Guid.NewGuid().ToString("N")[..8], owner_org = org })).Ok().Result!;
        var rid = (await sys.PostAsync("resource_create", new { package_id = d["id"]!.GetValue<string>(), url, format = "CSV" })).Ok().Result!["id"]!.GetValue<string>();

        JsonNode? status = null;
        var deadline = Environment.TickCount64 + 60_000;
        while (Environment.TickCount64 < deadline)
        {
            var r = await sys.PostAsync("xloader_status", new { resource_id = rid });
            if (r.Success && r.Result!["status"]!.GetValue<string>() is "complete" or "error")
            {
                status = r.Result;
                break;
            }
            await Task.Delay(50);
        }
        Assert.NotNull(status);
        Assert.Equal("error", status["status"]!.GetValue<string>());
        Assert.Contains("internal address", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False((await sys.GetAsync("resource_show?id=" + rid)).Ok().Result!["datastore_active"]?.GetValue<bool>() ?? false);
    }
}

public sealed class LinkGuardTestsSqlite(SqliteApp app) : LinkGuardTests(app), IClassFixture<SqliteApp>;

public sealed class LinkGuardTestsPostgres(PostgresApp app) : LinkGuardTests(app), IClassFixture<PostgresApp>;
