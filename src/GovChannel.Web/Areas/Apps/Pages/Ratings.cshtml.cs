using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.Services;
using GovChannel.Web.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Apps.Pages;

/// <summary>
/// <c>/apps/ratings</c>: the moderation queue: pending ratings of the apps of the agencies the caller edits for
/// (every app for a sysadmin), approved or rejected through <see cref="AppApi.ModerateAsync"/>, as on the API.
/// </summary>
[Authorize]
public sealed class RatingsModel(TimeProvider time) : PortalPage
{
    public sealed record Pending(string Id, string Slug, string App, int Stars, string Comment, string? User, DateTime Created);

    public List<Pending> Queue { get; } = [];
    public string? Message { get; private set; }
    public bool Done { get; private set; }

    private async Task<IActionResult?> LoadAsync(Caller caller, CancellationToken ct)
    {
        var orgs = caller.EditableOrgs;
        if (orgs is { Count: 0 })
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        var rows = await Db.AppRatings.AsNoTracking().Where(r => r.State == RatingStates.Pending)
            .Join(Db.Apps.Where(a => a.State != "deleted" && (orgs == null || orgs.Contains(a.OwnerOrgId))), r => r.AppId, a => a.Id, (r, a) => new { r, a.Slug, a.Name })
            .GroupJoin(Db.Users, x => x.r.UserId, u => u.Id, (x, users) => new { x, users })
            .SelectMany(y => y.users.DefaultIfEmpty(), (y, u) => new Pending(y.x.r.Id, y.x.Slug, y.x.Name, y.x.r.Stars, y.x.r.Comment, u != null ? u.Name : null, y.x.r.Created))
            .ToListAsync(ct);
        Queue.AddRange(rows.OrderBy(r => r.Created));
        return null;
    }

    public async Task<IActionResult> OnGetAsync(bool? done, CancellationToken ct)
    {
        Done = done == true;
        return await LoadAsync(await ServiceApi.CallerAsync(HttpContext, Db), ct) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, string ratingId, string decision, CancellationToken ct)
    {
        var caller = await ServiceApi.CallerAsync(HttpContext, Db);
        try
        {
            var state = decision == "approve" ? RatingStates.Approved : RatingStates.Rejected;
            await AppApi.ModerateAsync(ServiceApi.Change(HttpContext, Db, caller, T.Lang, time), slug, ratingId, state, ct);
            return Redirect("/apps/ratings?done=true");
        }
        catch (Refused r)
        {
            Db.ChangeTracker.Clear();
            if (r.Status is 401)
            {
                return Challenge();
            }
            Message = r.Message;
            Response.StatusCode = r.Status;
            return await LoadAsync(caller, ct) ?? Page();
        }
    }
}
