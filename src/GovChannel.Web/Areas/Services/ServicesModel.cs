using GovChannel.Web.Areas.Apps;
using GovChannel.Web.Areas.Identity;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.Services.Catalogue;
using GovChannel.Web.Areas.Services.Manuals;
using GovChannel.Web.Areas.Services.News;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Services;

/// <summary>EF configuration of the services, app-centre and news tables; called once from <c>GovDb.OnModelCreating</c>.</summary>
public static class ServicesModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<CitizenManual>(e =>
        {
            e.ToTable("citizen_manuals");
            e.Property(m => m.Id).HasMaxLength(36);
            e.Property(m => m.Name).HasMaxLength(500);
            e.Property(m => m.Category).HasMaxLength(40);
            e.HasIndex(m => m.OwnerOrgId);
            e.HasIndex(m => m.CopiedFromId);
            e.HasOne<Group>().WithMany().HasForeignKey(m => m.OwnerOrgId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<CitizenManual>().WithMany().HasForeignKey(m => m.CopiedFromId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(m => m.Revisions).WithOne().HasForeignKey(r => r.ManualId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ManualRevision>(e =>
        {
            e.ToTable("citizen_manual_revisions");
            e.Property(r => r.State).HasMaxLength(20);
            e.HasIndex(r => new { r.ManualId, r.Number }).IsUnique();
        });
        b.Entity<EService>(e =>
        {
            e.ToTable("eservices");
            e.Property(s => s.Id).HasMaxLength(36);
            e.Property(s => s.Slug).HasMaxLength(100);
            e.HasIndex(s => s.Slug).IsUnique();
            e.HasIndex(s => s.OwnerOrgId);
            e.HasIndex(s => s.ManualId);
            e.HasOne<Group>().WithMany().HasForeignKey(s => s.OwnerOrgId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<CitizenManual>().WithMany().HasForeignKey(s => s.ManualId).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<NewsItem>(e =>
        {
            e.ToTable("news");
            e.Property(n => n.Id).HasMaxLength(36);
            e.HasIndex(n => n.PublishedAt);
            e.HasOne<Group>().WithMany().HasForeignKey(n => n.OwnerOrgId).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<GovApp>(e =>
        {
            e.ToTable("apps");
            e.Property(a => a.Id).HasMaxLength(36);
            e.Property(a => a.Slug).HasMaxLength(100);
            e.HasIndex(a => a.Slug).IsUnique();
            e.HasIndex(a => a.OwnerOrgId);
            e.HasOne<Group>().WithMany().HasForeignKey(a => a.OwnerOrgId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<AppRating>(e =>
        {
            e.ToTable("app_ratings");
            e.Property(r => r.Id).HasMaxLength(36);
            e.HasIndex(r => new { r.AppId, r.UserId }).IsUnique();
            e.HasIndex(r => r.State);
            e.HasOne<GovApp>().WithMany().HasForeignKey(r => r.AppId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
