using GovChannel.Web.Areas.Insights;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.Services.News;
using GovChannel.Web.Localization;
using GovChannel.Web.Pages;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Services.Pages.Display;

/// <summary>
/// <c>/display</c>: a full-screen page for information boxes that rotates news, key figures and the newest datasets.
/// Without JavaScript every slide shows in turn by a meta refresh (<c>?slide=n</c>).
/// </summary>
public sealed class IndexModel(TimeProvider time) : PortalPage
{
    public const int Slides = 3;
    public int Slide { get; private set; }
    public List<NewsItem> News { get; } = [];
    public List<(string Title, string Org)> Datasets { get; } = [];
    public int DatasetCount { get; private set; }
    public int ManualCount { get; private set; }
    public int EServiceCount { get; private set; }
    public int AppCount { get; private set; }
    public double TransactionShare { get; private set; }
    public DateTime Now { get; private set; }

    public async Task OnGetAsync(int? slide, CancellationToken ct)
    {
        Slide = Math.Clamp(slide ?? 0, 0, Slides - 1);
        Now = Clock.Now(time);
        News.AddRange(await NewsApi.Published(Db, Now).Where(n => n.Kind == "news").OrderByDescending(n => n.PublishedAt).Take(5).ToListAsync(ct));
        DatasetCount = await Db.Datasets.PublicActive().CountAsync(d => d.Type == "dataset", ct);
        var newest = await Db.Datasets.AsNoTracking().PublicActive().Where(d => d.Type == "dataset").OrderByDescending(d => d.MetadataCreated).Take(5)
            .Select(d => new { Title = d.Title ?? d.Name, Org = d.Organization != null ? d.Organization.Title : "" }).ToListAsync(ct);
        Datasets.AddRange(newest.Select(d => (d.Title, d.Org ?? "")));
        ManualCount = await Db.CitizenManuals.CountAsync(m => m.PublishedRevision != null, ct);
        AppCount = await Db.Apps.CountAsync(a => a.State == "published", ct);
        var stats = await InsightsArea.StatisticsAsync(Db, DateOnly.FromDateTime(Language.ToThaiTime(Now)), ct);
        EServiceCount = stats.ByLevel.Total;
        TransactionShare = stats.ByLevel.TransactionShare;
    }
}
