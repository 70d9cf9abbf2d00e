using System.Globalization;
using System.Text.Json.Nodes;
using GovChannel.Thai;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.OpenData.Files;
using GovChannel.Web.Areas.OpenData.Search;
using GovChannel.Web.Areas.Search;
using GovChannel.Web.Areas.Services.News;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Pages.News;

/// <summary>
/// <c>/news/new</c> and <c>/news/edit/{id}</c>: sysadmins and agency admins/editors write news and publications, with an
/// optional attached document (stored under a generated key). Antiforgery-checked like every portal form; every save
/// is an activity.
/// </summary>
[Authorize]
public sealed class EditModel(TimeProvider time, IFileStore files, SearchIndex index) : PortalPage
{
    public const long MaxAttachmentBytes = 20L * 1024 * 1024;
    private static readonly string[] AllowedExtensions = [".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods", ".ppt", ".pptx", ".csv", ".txt", ".zip"];

    public sealed class NewsInput
    {
        public string Kind { get; set; } = "news";
        public string? Title { get; set; }
        public string? Summary { get; set; }
        public string? Body { get; set; }
        public string? Agency { get; set; }
        /// <summary>A checkbox: absent from the POST when unticked, so it must default to false.</summary>
        public bool Published { get; set; }
        public string? PublishedOn { get; set; }
        public bool RemoveAttachment { get; set; }
    }

    [BindProperty] public NewsInput Input { get; set; } = new();
    [BindProperty] public IFormFile? Attachment { get; set; }

    public NewsItem? Item { get; private set; }
    public List<(string Id, string Title)> Agencies { get; } = [];
    public bool IsSysadmin { get; private set; }
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    private HashSet<string> _orgs = [];

    /// <summary>The item (when editing) and the agencies this user may write for; false when not allowed at all.</summary>
    private async Task<bool> LoadAsync(string? id)
    {
        var ct = HttpContext.RequestAborted;
        var user = await UserAsync();
        if (user is null)
        {
            return false;
        }
        IsSysadmin = user.Sysadmin;
        _orgs = await EditorScope.OrganizationsAsync(Db, user, ct);
        // Looked up first: a refusal tells a published item (403) from a draft or nothing (404), see Refused.
        Item = id is null ? null : await Db.News.SingleOrDefaultAsync(n => n.Id == id && n.State != NewsItem.Deleted, ct);
        if ((!IsSysadmin && _orgs.Count == 0) || (id is not null && (Item is null || !EditorScope.CanEdit(user, _orgs, Item.OwnerOrgId))))
        {
            return false;
        }
        var groups = await Db.Groups.AsNoTracking().Where(g => g.IsOrganization && g.State == "active").Select(g => new { g.Id, g.Title, g.Name }).ToListAsync(ct);
        Agencies.AddRange(groups.Where(g => IsSysadmin || _orgs.Contains(g.Id)).Select(g => (g.Id, g.Title ?? g.Name)).OrderBy(g => g.Item2, ThaiOrder.Comparer));
        return true;
    }

    /// <summary>403 for a signed-in user who may not write news or this published item; 404 for a draft they may not see or none.</summary>
    private IActionResult Refused(string? id) => id is null || Item?.State == "published" ? Forbid() : NotFound();

    public async Task<IActionResult> OnGetAsync(string? id, string? kind)
    {
        if (await UserAsync() is null)
        {
            return Challenge();
        }
        if (!await LoadAsync(id))
        {
            return Refused(id);
        }
        if (Item is not null)
        {
            Input = new NewsInput
            {
                Kind = Item.Kind, Title = Item.Title, Summary = Item.Summary, Body = Item.Body, Agency = Item.OwnerOrgId,
                Published = Item.State == "published",
                PublishedOn = Localization.Language.ToThaiTime(Item.PublishedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            };
        }
        else
        {
            Input.Kind = kind == "publication" ? "publication" : "news";
            Input.Published = true;
            Input.Agency = Agencies.Count > 0 && !IsSysadmin ? Agencies[0].Id : null;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? id)
    {
        if (await UserAsync() is not { } user)
        {
            return Challenge();
        }
        if (!await LoadAsync(id))
        {
            return Refused(id);
        }
        var ct = HttpContext.RequestAborted;
        var now = Clock.Now(time);
        var agency = string.IsNullOrWhiteSpace(Input.Agency) ? null : Input.Agency;
        if (string.IsNullOrWhiteSpace(Input.Title))
        {
            Errors["title"] = T["news.error.title"];
        }
        if (Input.Kind is not ("news" or "publication"))
        {
            Input.Kind = "news";
        }
        if (!EditorScope.CanEdit(user, _orgs, agency) && !(agency is null && IsSysadmin))
        {
            Errors["agency"] = T["news.error.agency"];
        }
        var publishedAt = Item?.PublishedAt ?? now;
        if (!string.IsNullOrWhiteSpace(Input.PublishedOn))
        {
            if (DateOnly.TryParseExact(Input.PublishedOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                // A day in Thai time (UTC+7); today means now, so it shows at once.
                var start = DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue).AddHours(-7), DateTimeKind.Utc);
                var today = DateOnly.FromDateTime(Localization.Language.ToThaiTime(now));
                var kept = Item is not null && DateOnly.FromDateTime(Localization.Language.ToThaiTime(Item.PublishedAt)) == day;
                publishedAt = kept ? Item!.PublishedAt : day == today ? now : start;
            }
            else
            {
                Errors["published_on"] = T["news.error.date"];
            }
        }
        if (Attachment is { Length: > 0 })
        {
            var ext = Path.GetExtension(Attachment.FileName).ToLowerInvariant();
            if (!AllowedExtensions.Contains(ext, StringComparer.Ordinal))
            {
                Errors["attachment"] = T["news.error.attachment"];
            }
            else if (Attachment.Length > MaxAttachmentBytes)
            {
                Errors["attachment"] = T["news.error.size"];
            }
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var isNew = Item is null;
        var item = Item ?? new NewsItem { Title = "", Created = now };
        item.Kind = Input.Kind;
        item.Title = Input.Title!.Trim();
        item.Summary = Input.Summary?.Trim() ?? "";
        item.Body = Input.Body?.Trim() ?? "";
        item.OwnerOrgId = agency;
        item.State = Input.Published ? "published" : "draft";
        item.PublishedAt = publishedAt;
        item.Modified = now;
        string? oldKey = null;
        if (Attachment is { Length: > 0 } || Input.RemoveAttachment)
        {
            oldKey = item.AttachmentKey;
            item.AttachmentKey = null;
            item.AttachmentName = null;
            item.AttachmentSize = null;
        }
        if (Attachment is { Length: > 0 })
        {
            var key = LocalFileStore.NewKey();
            await using (var stream = Attachment.OpenReadStream())
            {
                await files.SaveAsync(key, stream, ct);
            }
            item.AttachmentKey = key;
            item.AttachmentName = Path.GetFileName(Attachment.FileName);
            item.AttachmentSize = Attachment.Length;
        }
        if (isNew)
        {
            Db.News.Add(item);
        }
        Db.Activities.Add(new Activity
        {
            Timestamp = now, UserId = user.Id, ObjectId = item.Id, ActivityType = isNew ? "new news" : "changed news",
            DataJson = new JsonObject { ["title"] = item.Title, ["kind"] = item.Kind, ["state"] = item.State }.ToJsonString(),
        });
        OneSearchIndex.Reindex(Db, OneSearchIndex.News, item.Id, now);
        await Db.SaveChangesAsync(ct);
        await index.CatchUpAsync(ct);
        if (oldKey is not null)
        {
            await files.DeleteAsync(oldKey, ct);
        }
        return Redirect("/news/" + item.Id);
    }

    /// <summary>Deletes the item, once the box "I confirm" is ticked; its attached document goes once that has committed.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(string? id, bool confirm)
    {
        if (await UserAsync() is not { } user)
        {
            return Challenge();
        }
        if (id is null)
        {
            return NotFound();
        }
        return await ConfirmedDeleteAsync(confirm, async () => await LoadAsync(id) ? null : Refused(id), async () =>
        {
            var ct = HttpContext.RequestAborted;
            var now = Clock.Now(time);
            var item = Item!;
            var key = item.AttachmentKey;
            item.State = NewsItem.Deleted;
            item.AttachmentKey = null;
            item.AttachmentName = null;
            item.AttachmentSize = null;
            item.Modified = now;
            Db.Activities.Add(new Activity
            {
                Timestamp = now, UserId = user.Id, ObjectId = item.Id, ActivityType = "deleted news",
                DataJson = new JsonObject { ["title"] = item.Title, ["kind"] = item.Kind }.ToJsonString(),
            });
            OneSearchIndex.Reindex(Db, OneSearchIndex.News, item.Id, now);
            await Db.SaveChangesAsync(ct);
            await index.CatchUpAsync(ct);
            if (key is not null)
            {
                await files.DeleteAsync(key, ct);
            }
        }, "/news");
    }
}
