using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.Services.News;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Pages.News;

/// <summary><c>/news</c> and <c>/publications</c>: published items of one kind, newest first, 20 a page.</summary>
public sealed class IndexModel(TimeProvider time) : PortalPage
{
    public const int PageSize = 20;

    public sealed record Item(string Id, string Title, string Summary, DateTime PublishedAt, string? Agency, string? AttachmentName, long? AttachmentSize, string Kind);

    public string Section { get; private set; } = "news";
    public string Kind => Section == "publications" ? "publication" : "news";
    public List<Item> Items { get; } = [];
    public int PageNumber { get; private set; } = 1;
    public int PageCount { get; private set; } = 1;
    public bool CanWrite { get; private set; }

    public async Task<IActionResult> OnGetAsync(string section, int? p)
    {
        Section = section;
        PageNumber = Math.Clamp(p ?? 1, 1, 10_000);
        var ct = HttpContext.RequestAborted;
        var query = NewsApi.Published(Db, Clock.Now(time)).Where(n => n.Kind == Kind);
        var count = await query.CountAsync(ct);
        PageCount = Math.Max(1, (count + PageSize - 1) / PageSize);
        Items.AddRange(await ListAsync(Db, query.OrderByDescending(n => n.PublishedAt).Skip((PageNumber - 1) * PageSize).Take(PageSize), ct));
        var user = await UserAsync();
        CanWrite = user is not null && (user.Sysadmin || (await EditorScope.OrganizationsAsync(Db, user, ct)).Count > 0);
        return Page();
    }

    public static async Task<List<Item>> ListAsync(Data.GovDb db, IQueryable<NewsItem> query, CancellationToken ct)
    {
        var rows = await query.Select(n => new { n.Id, n.Title, n.Summary, n.PublishedAt, n.OwnerOrgId, n.AttachmentName, n.AttachmentSize, n.Kind }).ToListAsync(ct);
        var orgIds = rows.Where(r => r.OwnerOrgId != null).Select(r => r.OwnerOrgId!).Distinct().ToList();
        var orgs = await db.Groups.AsNoTracking().Where(g => orgIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Title ?? g.Name, StringComparer.Ordinal, ct);
        return rows.Select(r => new Item(r.Id, r.Title, r.Summary, r.PublishedAt, r.OwnerOrgId is null ? null : orgs.GetValueOrDefault(r.OwnerOrgId),
            r.AttachmentName, r.AttachmentSize, r.Kind)).ToList();
    }
}
