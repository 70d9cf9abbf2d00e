using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Requests;
using GovChannel.Web.Areas.OpenData.Showcases;
using GovChannel.Web.Areas.Services.News;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.OpenData;

/// <summary>EF configuration of the portal's own tables (showcase links and admins, dataset requests) and the news columns the portal adds.</summary>
public static class PortalContentModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<ShowcasePackage>(e =>
        {
            e.ToTable("showcase_packages");
            e.HasKey(x => new { x.ShowcaseId, x.DatasetId });
            e.Property(x => x.ShowcaseId).HasMaxLength(36);
            e.Property(x => x.DatasetId).HasMaxLength(36);
            e.HasIndex(x => x.DatasetId);
            e.HasOne<Dataset>().WithMany().HasForeignKey(x => x.ShowcaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Dataset>().WithMany().HasForeignKey(x => x.DatasetId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ShowcaseAdmin>(e =>
        {
            e.ToTable("showcase_admins");
            e.HasKey(x => x.UserId);
            e.Property(x => x.UserId).HasMaxLength(36);
            e.HasOne<Identity.User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<DatasetRequest>(e =>
        {
            e.ToTable("dataset_requests");
            e.Property(r => r.Id).HasMaxLength(36);
            e.Property(r => r.Title).HasMaxLength(500);
            e.Property(r => r.Email).HasMaxLength(320);
            e.Property(r => r.Status).HasMaxLength(20);
            e.HasIndex(r => new { r.OrganizationId, r.Status });
            e.HasIndex(r => r.Created);
            e.HasOne<Group>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<NewsItem>(e =>
        {
            e.Property(n => n.Kind).HasMaxLength(20);
            e.Property(n => n.AttachmentKey).HasMaxLength(100);
            e.Property(n => n.AttachmentName).HasMaxLength(255);
            e.HasIndex(n => new { n.Kind, n.PublishedAt });
        });
    }
}
