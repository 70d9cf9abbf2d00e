using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.OpenData.Files;
using GovChannel.Web.Areas.Services;
using GovChannel.Web.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Apps.Pages;

/// <summary>
/// <c>/apps/edit</c> (new) and <c>/apps/edit/{slug}</c>: an agency's editors describe an app, its store links and its
/// screenshots (uploaded images). Saving goes through <see cref="AppApi.SaveAsync"/> and
/// <see cref="AppApi.AddScreenshotAsync"/>, the code behind <c>/api/apps</c>, in one transaction: a refused image
/// leaves neither the other changes nor a stored file behind.
/// </summary>
[Authorize]
public sealed class EditModel(TimeProvider time, IFileStore files) : PortalPage
{
    public sealed class LinkRow { public string Platform { get; set; } = "android"; public string? Url { get; set; } }

    public sealed class AppForm
    {
        public string? Slug { get; set; }
        public string? Name { get; set; }
        public string? NameEn { get; set; }
        public string? Description { get; set; }
        public string? Agency { get; set; }
        public string? Category { get; set; }
        public string? Version { get; set; }
        public string State { get; set; } = "published";
        public List<LinkRow> Links { get; set; } = [];
        /// <summary>The screenshots to keep (each a ticked checkbox).</summary>
        public List<string> Screenshots { get; set; } = [];
    }

    [BindProperty] public AppForm Form { get; set; } = new();
    [BindProperty] public List<IFormFile> Uploads { get; set; } = [];
    [BindProperty] public string? Add { get; set; }

    public string? Slug { get; private set; }
    /// <summary>Every screenshot the app has now, to show with its "keep" box.</summary>
    public List<string> Current { get; } = [];
    public List<(string Id, string Title)> Agencies { get; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.Ordinal);

    private async Task<IActionResult?> LoadAsync(Caller caller, string? slug, CancellationToken ct)
    {
        if (!caller.SignedIn)
        {
            return Challenge();
        }
        Agencies.AddRange(await ServiceApi.EditableAgenciesAsync(Db, caller, ct));
        if (slug is null)
        {
            return Agencies.Count == 0 ? StatusCode(StatusCodes.Status403Forbidden) : null;
        }
        Slug = slug;
        var row = await AppApi.Existing(Db, slug).AsNoTracking().FirstOrDefaultAsync(ct);
        if (row is null || !caller.CanEdit(row.OwnerOrgId))
        {
            return row is { IsPublic: true } ? StatusCode(StatusCodes.Status403Forbidden) : NotFound();
        }
        var dto = (await AppApi.ToDtosAsync(Db, [row], ct))[0];
        Current.AddRange(dto.Screenshots);
        if (!HttpMethods.IsPost(Request.Method))
        {
            Form = new AppForm
            {
                Slug = dto.Slug, Name = dto.Name, NameEn = dto.NameEn, Description = dto.Description, Category = dto.Category, Version = dto.Version,
                State = dto.State, Links = dto.StoreLinks.Select(l => new LinkRow { Platform = l.Platform, Url = l.Url }).ToList(), Screenshots = dto.Screenshots,
            };
        }
        return null;
    }

    public async Task<IActionResult> OnGetAsync(string? slug, CancellationToken ct)
    {
        var refused = await LoadAsync(await ServiceApi.CallerAsync(HttpContext, Db), slug, ct);
        Form.Agency ??= Agencies.FirstOrDefault().Id;
        Form.Links.Add(new LinkRow { Platform = Form.Links.Count == 0 ? "android" : "ios" });
        return refused ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(string? slug, CancellationToken ct)
    {
        var caller = await ServiceApi.CallerAsync(HttpContext, Db);
        if (await LoadAsync(caller, slug, ct) is { } refused)
        {
            return refused;
        }
        Form.Links.RemoveAll(l => string.IsNullOrWhiteSpace(l.Url));
        if (Add == "links")
        {
            Form.Links.Add(new LinkRow());
            Form.Links.Add(new LinkRow());
            return Page();
        }
        var change = ServiceApi.Change(HttpContext, Db, caller, T.Lang, time);
        var input = new AppInput(Form.Slug?.Trim(), Form.Name, Form.NameEn, Form.Description, Form.Agency, Form.Category,
            Form.Links.Select(l => new StoreLink(l.Platform, l.Url!.Trim())).ToList(), Form.Screenshots.Where(Current.Contains).ToList(), Form.Version, Form.State);
        var stored = new List<string>();
        try
        {
            GovApp row;
            await using (var tx = await Db.Database.BeginTransactionAsync(ct))
            {
                row = await AppApi.SaveAsync(change, slug, input, ct);
                foreach (var upload in Uploads.Where(u => u.Length > 0))
                {
                    stored.Add((await AppApi.AddScreenshotAsync(change, files, row.Slug, upload, ct)).Url);
                }
                await tx.CommitAsync(ct);
            }
            await change.CommittedAsync(ct);
            return Redirect(row.State == "published" ? "/apps/" + row.Slug : "/services/manage");
        }
        catch (Refused r)
        {
            Db.ChangeTracker.Clear();
            foreach (var key in stored.Select(AppApi.KeyOf).OfType<string>())
            {
                await files.DeleteAsync(key, CancellationToken.None);
            }
            if (r.Status is 401 or 403 or 404)
            {
                return StatusCode(r.Status);
            }
            Errors = r.Errors ?? new() { ["file"] = [r.Message] };
            Form.Links.Add(new LinkRow());
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
    }

    /// <summary>Deletes the entry through the API's code; the box "I confirm" must be ticked (the page works without JavaScript).</summary>
    public async Task<IActionResult> OnPostDeleteAsync(string? slug, bool confirm, CancellationToken ct)
    {
        if (slug is null)
        {
            return NotFound();
        }
        var caller = await ServiceApi.CallerAsync(HttpContext, Db);
        return await ConfirmedDeleteAsync(confirm, () => LoadAsync(caller, slug, ct),
            () => AppApi.DeleteAsync(ServiceApi.Change(HttpContext, Db, caller, T.Lang, time), slug, ct), "/services/manage");
    }
}
