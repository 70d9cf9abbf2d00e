using System.Text.Json.Nodes;
using GovChannel.Tests;

namespace GovChannel.Web.Tests.OpenData.Groups;

/// <summary>ckan.default_group_sort=name and ckan.search.rows_max=2 (acceptance cases 40 and 42, configured variants).</summary>
public sealed class GroupSettingsApp : GovChannelApp
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "govchannel-groupsettings-" + Guid.NewGuid().ToString("N")[..10] + ".db");
    public override string Provider => "Sqlite";
    protected override string ConnectionString() => $"Data Source={_file}";
    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
        [new("GovChannel:DefaultGroupSort", "name"), new("GovChannel:SearchRowsMax", "2")];
}

public sealed class GroupSettingsTests(GroupSettingsApp app) : IClassFixture<GroupSettingsApp>
{
    [Fact]
    public async Task GroupList_DefaultSortName_SortsByName()
    {
        await app.AddGroupAsync("zz", "aa", organization: false);
        await app.AddGroupAsync("yy", "bb", organization: false);
        var names = (await app.Ckan().GetAsync("group_list?groups=zz,yy")).Ok().Result!.AsArray().Select(n => n!.GetValue<string>());
        Assert.Equal(["yy", "zz"], names);
    }

    [Fact]
    public async Task OrganizationShow_RowsMax2_TruncatesPackages()
    {
        var sys = app.Ckan(await app.UserTokenAsync("gs-sysadmin", sysadmin: true));
        var org = await app.AddGroupAsync("gs-org");
        for (var i = 0; i < 3; i++)
        {
            (await sys.PostAsync("package_create", new JsonObject { ["name"] = "gs-ds-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), ["owner_org"] = org })).Ok();
        }
        var shown = (await app.Ckan().GetAsync($"organization_show?id={org}&include_datasets=true")).Ok().Result!;
        Assert.Equal(2, shown["packages"]!.AsArray().Count);
        Assert.Equal(3, shown["package_count"]!.GetValue<int>());
    }
}
