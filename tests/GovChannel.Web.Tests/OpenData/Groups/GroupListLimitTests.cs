using GovChannel.Tests;
using GovChannel.Web.Areas.OpenData.Catalog;

namespace GovChannel.Web.Tests.OpenData.Groups;

/// <summary>Acceptance case 41: 1010 groups; the name list stops at 1000 and the dict list at 25, without asking.</summary>
public abstract class GroupListLimitTests(GovChannelApp app)
{
    [Fact]
    public async Task GroupList_1010Groups_ClampsTo1000NamesAnd25Dicts()
    {
        await app.WithDbAsync(async (db, _) =>
        {
            var created = DateTime.SpecifyKind(new DateTime(2026, 1, 1), DateTimeKind.Utc);
            for (var i = 0; i < 1010; i++)
            {
                db.Groups.Add(new Group { Name = "many-" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), Title = "Many", Created = created });
            }
            await db.SaveChangesAsync();
            return 0;
        });
        var names = (await app.Ckan().GetAsync("group_list")).Ok().Result!.AsArray();
        Assert.Equal(1000, names.Count);
        var dicts = (await app.Ckan().GetAsync("group_list?all_fields=true&limit=500")).Ok().Result!.AsArray();
        Assert.Equal(25, dicts.Count);
        foreach (var key in new[] { "extras", "users", "groups", "packages", "tags" })
        {
            Assert.False(dicts[0]!.AsObject().ContainsKey(key), key);
        }
        Assert.True(dicts[0]!.AsObject().ContainsKey("package_count"));
        var withExtras = (await app.Ckan().GetAsync("group_list?all_fields=true&include_extras=true&include_users=true&limit=1")).Ok().Result!.AsArray();
        Assert.True(withExtras[0]!.AsObject().ContainsKey("extras"));
        Assert.True(withExtras[0]!.AsObject().ContainsKey("users"));
    }
}

public sealed class GroupListLimitTestsSqlite(SqliteApp app) : GroupListLimitTests(app), IClassFixture<SqliteApp>;

public sealed class GroupListLimitTestsPostgres(PostgresApp app) : GroupListLimitTests(app), IClassFixture<PostgresApp>;
