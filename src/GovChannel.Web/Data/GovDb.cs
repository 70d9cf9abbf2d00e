using GovChannel.Web.Areas.Apps;
using GovChannel.Web.Areas.Identity;
using GovChannel.Web.Areas.Insights;
using GovChannel.Web.Areas.OpenData;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Requests;
using GovChannel.Web.Areas.OpenData.Showcases;
using GovChannel.Web.Areas.OpenData.Tracking;
using GovChannel.Web.Areas.Services;
using GovChannel.Web.Areas.Services.Catalogue;
using GovChannel.Web.Areas.Services.Manuals;
using GovChannel.Web.Areas.Services.News;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Data;

/// <summary>
/// The one EF Core model (DESIGN decision 3). Each provider has its own subclass only so that it can own a migrations
/// folder; the model is identical on both.
/// </summary>
public abstract class GovDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Dataset> Datasets => Set<Dataset>();
    public DbSet<Resource> Resources => Set<Resource>();
    public DbSet<Group> Groups => Set<Group>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<DatasetGroup> DatasetGroups => Set<DatasetGroup>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<DatasetTag> DatasetTags => Set<DatasetTag>();
    public DbSet<Vocabulary> Vocabularies => Set<Vocabulary>();
    public DbSet<Collaborator> Collaborators => Set<Collaborator>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<IndexOperation> IndexOperations => Set<IndexOperation>();
    public DbSet<ViewCount> ViewCounts => Set<ViewCount>();
    public DbSet<CitizenManual> CitizenManuals => Set<CitizenManual>();
    public DbSet<ManualRevision> ManualRevisions => Set<ManualRevision>();
    public DbSet<EService> EServices => Set<EService>();
    public DbSet<NewsItem> News => Set<NewsItem>();
    public DbSet<GovApp> Apps => Set<GovApp>();
    public DbSet<AppRating> AppRatings => Set<AppRating>();
    public DbSet<ShowcasePackage> ShowcasePackages => Set<ShowcasePackage>();
    public DbSet<ShowcaseAdmin> ShowcaseAdmins => Set<ShowcaseAdmin>();
    public DbSet<DatasetRequest> DatasetRequests => Set<DatasetRequest>();
    public DbSet<EgdiValue> EgdiValues => Set<EgdiValue>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        // Every timestamp is UTC; SQLite hands values back without a kind, PostgreSQL's timestamptz insists on UTC.
        var utc = new Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
            v => DateTime.SpecifyKind(v, DateTimeKind.Utc), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        b.Entity<User>(e =>
        {
            e.ToTable("users");
            e.Property(u => u.Id).HasMaxLength(36);
            e.Property(u => u.Name).HasMaxLength(100);
            e.HasIndex(u => u.Name).IsUnique();
            e.HasIndex(u => u.Email);
        });
        b.Entity<ApiToken>(e =>
        {
            e.ToTable("api_tokens");
            e.HasIndex(t => t.UserId);
        });
        b.Entity<Dataset>(e =>
        {
            e.ToTable("datasets");
            // Rows read set the field: the property would make a new id first (Dataset.Id).
            e.Property(d => d.Id).HasMaxLength(36).UsePropertyAccessMode(PropertyAccessMode.PreferFieldDuringConstruction);
            e.Property(d => d.Name).HasMaxLength(100);
            e.HasIndex(d => d.Name).IsUnique();
            e.HasIndex(d => d.OwnerOrg);
            e.HasIndex(d => d.MetadataModified);
            e.HasMany(d => d.Resources).WithOne(r => r.Dataset).HasForeignKey(r => r.DatasetId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(d => d.Tags).WithOne().HasForeignKey(t => t.DatasetId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(d => d.Groups).WithOne().HasForeignKey(g => g.DatasetId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(d => d.Organization).WithMany().HasForeignKey(d => d.OwnerOrg).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<Resource>(e =>
        {
            e.ToTable("resources");
            e.Property(r => r.Id).UsePropertyAccessMode(PropertyAccessMode.PreferFieldDuringConstruction);
            e.HasIndex(r => r.DatasetId);
        });
        b.Entity<Group>(e =>
        {
            e.ToTable("groups");
            e.Property(g => g.Name).HasMaxLength(100);
            e.HasIndex(g => g.Name).IsUnique();
            e.HasIndex(g => new { g.IsOrganization, g.Type });
        });
        b.Entity<Membership>(e =>
        {
            e.ToTable("memberships");
            e.HasIndex(m => new { m.GroupId, m.UserId }).IsUnique();
            e.HasIndex(m => m.UserId);
            e.HasOne<Group>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<DatasetGroup>(e =>
        {
            e.ToTable("dataset_groups");
            e.HasKey(x => new { x.DatasetId, x.GroupId });
            e.HasIndex(x => x.GroupId);
            e.HasOne(x => x.Group).WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Tag>(e =>
        {
            e.ToTable("tags");
            e.HasIndex(t => new { t.Name, t.VocabularyId }).IsUnique();
        });
        b.Entity<DatasetTag>(e =>
        {
            e.ToTable("dataset_tags");
            e.HasKey(x => new { x.DatasetId, x.TagId });
            e.HasIndex(x => x.TagId);
            e.HasOne(x => x.Tag).WithMany().HasForeignKey(x => x.TagId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Vocabulary>(e =>
        {
            e.ToTable("vocabularies");
            e.HasIndex(v => v.Name).IsUnique();
        });
        b.Entity<Collaborator>(e =>
        {
            e.ToTable("collaborators");
            e.HasKey(x => new { x.DatasetId, x.UserId });
            e.HasOne<Dataset>().WithMany().HasForeignKey(x => x.DatasetId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Activity>(e =>
        {
            e.ToTable("activities");
            e.HasIndex(a => new { a.ObjectId, a.Timestamp });
            e.HasIndex(a => a.Timestamp);
            e.HasIndex(a => a.UserId);
        });
        b.Entity<IndexOperation>(e =>
        {
            e.ToTable("index_operations");
            e.HasKey(o => o.Seq);
            e.Property(o => o.Seq).ValueGeneratedOnAdd();
            e.Property(o => o.Kind).HasMaxLength(20);
        });
        b.Entity<ViewCount>(e =>
        {
            e.ToTable("view_counts");
            e.HasKey(v => new { v.DatasetId, v.ResourceId, v.Day });
            e.Property(v => v.DatasetId).HasMaxLength(36);
            e.Property(v => v.ResourceId).HasMaxLength(36);
            e.HasIndex(v => v.Day);
            e.HasOne<Dataset>().WithMany().HasForeignKey(v => v.DatasetId).OnDelete(DeleteBehavior.Cascade);
        });
        ServicesModel.Configure(b);
        PortalContentModel.Configure(b);
        b.Entity<EgdiValue>(e =>
        {
            e.ToTable("egdi_values");
            e.HasKey(v => new { v.Year, v.Country });
            e.Property(v => v.Country).HasMaxLength(120);
            e.Property(v => v.Source).HasMaxLength(200);
            e.Property(v => v.ImportedBy).HasMaxLength(36);
        });

        foreach (var property in b.Model.GetEntityTypes().SelectMany(t => t.GetProperties()))
        {
            if (property.ClrType == typeof(DateTime) || property.ClrType == typeof(DateTime?))
            {
                property.SetValueConverter(utc);
            }
        }
    }
}

public sealed class SqliteGovDb(DbContextOptions<SqliteGovDb> options) : GovDb(options);

public sealed class PostgresGovDb(DbContextOptions<PostgresGovDb> options) : GovDb(options);
