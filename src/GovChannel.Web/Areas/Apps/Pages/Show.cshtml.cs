using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.Services;
using GovChannel.Web.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Apps.Pages;

/// <summary><c>/apps/{slug}</c>: one app with its store links, screenshots and approved ratings; signed-in users rate it (moderated).</summary>
public sealed class ShowModel(TimeProvider time) : PortalPage
{
    public AppDto App { get; private set; } = null!;
    public List<(int Stars, string Comment, string User, DateTime Created)> Ratings { get; } = [];
    public bool Submitted { get; private set; }
    /// <summary>The app's agency editors (and sysadmins) get a link to the edit page.</summary>
    public bool CanEdit { get; private set; }
    public string? Error { get; private set; }

    [BindProperty] public int Stars { get; set; }
    [BindProperty] public string? Comment { get; set; }

    private async Task<GovApp?> LoadAsync(string slug, CancellationToken ct)
    {
        var row = await Db.Apps.AsNoTracking().FirstOrDefaultAsync(a => a.Slug == slug && a.State == "published", ct);
        if (row is null)
        {
            return null;
        }
        App = (await AppApi.ToDtosAsync(Db, [row], ct))[0];
        var approved = await Db.AppRatings.AsNoTracking().Where(r => r.AppId == row.Id && r.State == RatingStates.Approved)
            .OrderByDescending(r => r.Created).Take(20)
            .Join(Db.Users, r => r.UserId, u => u.Id, (r, u) => new { r.Stars, r.Comment, u.Name, r.Created }).ToListAsync(ct);
        Ratings.AddRange(approved.Select(r => (r.Stars, r.Comment, r.Name, r.Created)));
        await UserAsync();
        CanEdit = (await ServiceApi.CallerAsync(HttpContext, Db)).CanEdit(row.OwnerOrgId);
        return row;
    }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) =>
        await LoadAsync(slug, ct) is null ? NotFound() : Page();

    /// <summary>The same code as the API: one rating per user, pending until a moderator approves it.</summary>
    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is null)
        {
            return NotFound();
        }
        if (CurrentUser is null)
        {
            return Redirect("/user/login?returnUrl=" + Uri.EscapeDataString("/apps/" + slug));
        }
        try
        {
            var change = ServiceApi.Change(HttpContext, Db, await ServiceApi.CallerAsync(HttpContext, Db), T.Lang, time);
            await AppApi.RateAsync(change, slug, new RatingInput(Stars, Comment), ct);
            Submitted = true;
        }
        catch (Refused r)
        {
            Error = r.Errors?.Values.SelectMany(v => v).FirstOrDefault() ?? r.Message;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        return Page();
    }
}
