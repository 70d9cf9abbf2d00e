using GovChannel.Tests;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Ckan;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace GovChannel.Data.Tests;

/// <summary>The one EF model behaves the same on SQLite and PostgreSQL (DESIGN decision 3).</summary>
public abstract class ModelTests(GovChannelApp app)
{
    [Fact]
    public async Task Migrations_AllApplied_NoPendingModelChanges()
    {
        _ = app.Server; // starting the app applies the migrations
        await app.WithDbAsync(async (db, _) =>
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            // The committed migrations must describe the current model: a model change needs a new migration.
            Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a migration (dotnet run --project tools/GovChannel.Migrations -- Name)");
            return 0;
        });
    }

    [Fact]
    public async Task Timestamps_RoundTripToTheMicrosecond_AsUtc()
    {
        _ = app.Server;
        var when = Clock.Truncate(new DateTime(2026, 3, 1, 12, 34, 56, DateTimeKind.Utc).AddTicks(1234567));
        var id = await app.WithDbAsync(async (db, _) =>
        {
            var d = new Dataset { Name = "ts-" + Guid.NewGuid().ToString("N")[..8], MetadataCreated = when, MetadataModified = when };
            db.Datasets.Add(d);
            await db.SaveChangesAsync();
            return d.Id;
        });
        var read = await app.WithDbAsync(async (db, _) => await db.Datasets.AsNoTracking().SingleAsync(d => d.Id == id));
        Assert.Equal(when, read.MetadataModified);
        Assert.Equal(DateTimeKind.Utc, read.MetadataModified.Kind);
        Assert.Equal("2026-03-01T12:34:56.123456", Clock.Iso(read.MetadataModified));
    }

    [Fact]
    public async Task ThaiText_RoundTripsExactly_AndNamesAreCaseSensitive()
    {
        _ = app.Server;
        const string title = "ข้อมูลตำแหน่งที่ตั้งตำบล ๒๕๖๘ — PM2.5";
        var name = "thai-" + Guid.NewGuid().ToString("N")[..8];
        await app.WithDbAsync(async (db, _) =>
        {
            db.Datasets.Add(new Dataset { Name = name, Title = title });
            await db.SaveChangesAsync();
            return 0;
        });
        var read = await app.WithDbAsync(async (db, _) => await db.Datasets.AsNoTracking().SingleAsync(d => d.Name == name));
        Assert.Equal(title, read.Title);
        var upperName = name.ToUpperInvariant();
        var upper = await app.WithDbAsync(async (db, _) => await db.Datasets.CountAsync(d => d.Name == upperName));
        Assert.Equal(0, upper);
    }

    [Fact]
    public async Task DatasetNames_AreUnique_InTheDatabase()
    {
        _ = app.Server;
        var name = "uniq-" + Guid.NewGuid().ToString("N")[..8];
        await app.WithDbAsync(async (db, _) =>
        {
            db.Datasets.Add(new Dataset { Name = name });
            await db.SaveChangesAsync();
            return 0;
        });
        await Assert.ThrowsAsync<DbUpdateException>(() => app.WithDbAsync(async (db, _) =>
        {
            db.Datasets.Add(new Dataset { Name = name });
            await db.SaveChangesAsync();
            return 0;
        }));
    }

    [Fact]
    public async Task DeletingDataset_CascadesToResourcesTagsAndGroups()
    {
        _ = app.Server;
        var ids = await app.WithDbAsync(async (db, _) =>
        {
            var g = new Group { Name = "g-" + Guid.NewGuid().ToString("N")[..8] };
            var t = new Tag { Name = "t-" + Guid.NewGuid().ToString("N")[..8] };
            var d = new Dataset { Name = "c-" + Guid.NewGuid().ToString("N")[..8] };
            d.Resources.Add(new Resource { DatasetId = d.Id, Url = "http://a" });
            d.Tags.Add(new DatasetTag { DatasetId = d.Id, TagId = t.Id, Tag = t });
            d.Groups.Add(new DatasetGroup { DatasetId = d.Id, GroupId = g.Id, Group = g });
            db.AddRange(g, t, d);
            await db.SaveChangesAsync();
            return (d.Id, g.Id);
        });
        await app.WithDbAsync(async (db, _) =>
        {
            db.Datasets.Remove(await db.Datasets.SingleAsync(d => d.Id == ids.Item1));
            await db.SaveChangesAsync();
            return 0;
        });
        var left = await app.WithDbAsync(async (db, _) =>
            await db.Resources.CountAsync(r => r.DatasetId == ids.Item1) + await db.DatasetTags.CountAsync(x => x.DatasetId == ids.Item1)
            + await db.DatasetGroups.CountAsync(x => x.DatasetId == ids.Item1));
        Assert.Equal(0, left);
        Assert.True(await app.WithDbAsync(async (db, _) => await db.Groups.AnyAsync(g => g.Id == ids.Item2)));
    }

    [Fact]
    public async Task IndexOperations_GetIncreasingSequenceNumbers()
    {
        _ = app.Server;
        var seqs = await app.WithDbAsync(async (db, _) =>
        {
            var ops = Enumerable.Range(0, 3).Select(i => new IndexOperation { ItemId = "x" + i, At = Clock.Truncate(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)) }).ToList();
            db.IndexOperations.AddRange(ops);
            await db.SaveChangesAsync();
            return ops.Select(o => o.Seq).ToList();
        });
        Assert.Equal(seqs.Order(), seqs);
        Assert.Equal(3, seqs.Distinct().Count());
    }
}

public sealed class ModelTestsSqlite(SqliteApp app) : ModelTests(app), IClassFixture<SqliteApp>;

public sealed class ModelTestsPostgres(PostgresApp app) : ModelTests(app), IClassFixture<PostgresApp>;
