using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.OpenData.Files;
using GovChannel.Web.Areas.Services.News;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Pages.News;

/// <summary><c>/news/{id}</c>: one news item or publication (Markdown body, sanitised) and its attached document.</summary>
public sealed class ShowModel(TimeProvider time, IFileStore files) : PortalPage
{
    public NewsItem Item { get; private set; } = null!;
    public string? Agency { get; private set; }
    public string? AgencyName { get; private set; }
    public string BodyHtml { get; private set; } = "";
    public bool CanEdit { get; private set; }
    public bool IsPublished { get; private set; }

    private async Task<bool> LoadAsync(string id)
    {
        var ct = HttpContext.RequestAborted;
        var item = await Db.News.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id && n.State != NewsItem.Deleted, ct);
        if (item is null)
        {
            return false;
        }
        var user = await UserAsync();
        CanEdit = EditorScope.CanEdit(user, await EditorScope.OrganizationsAsync(Db, user, ct), item.OwnerOrgId);
        IsPublished = item.State == "published" && item.PublishedAt <= Clock.Now(time);
        // A draft or a scheduled item is not public yet: 404 for everyone but its editors.
        if (!IsPublished && !CanEdit)
        {
            return false;
        }
        Item = item;
        if (item.OwnerOrgId is not null && await Db.Groups.AsNoTracking().SingleOrDefaultAsync(g => g.Id == item.OwnerOrgId, ct) is { } org)
        {
            Agency = org.Title ?? org.Name;
            AgencyName = org.Name;
        }
        return true;
    }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        BodyHtml = Markdown.ToSafeHtml(Item.Body);
        return Page();
    }

    /// <summary>The attached document, sent as a download under its original name (stored under a generated key).</summary>
    public async Task<IActionResult> OnGetAttachmentAsync(string id)
    {
        if (!await LoadAsync(id) || Item.AttachmentKey is null || await files.OpenAsync(Item.AttachmentKey, HttpContext.RequestAborted) is not { } stream)
        {
            return NotFound();
        }
        var name = Item.AttachmentName ?? "document";
        var type = new Microsoft.AspNetCore.StaticFiles.FileExtensionContentTypeProvider().TryGetContentType(name, out var t) ? t : "application/octet-stream";
        Response.Headers.XContentTypeOptions = "nosniff";
        return File(stream, type, name);
    }
}
