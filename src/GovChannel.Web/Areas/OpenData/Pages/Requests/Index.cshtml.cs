using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.OpenData.Requests;
using GovChannel.Web.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.OpenData.Pages.Requests;

/// <summary>
/// <c>/dataset/requests</c>: the dataset requests an agency's admins and editors may answer (sysadmins: all, including
/// those for no agency). Changing the status or the reply is an activity.
/// </summary>
[Authorize]
public sealed class IndexModel(TimeProvider time) : PortalPage
{
    public sealed record Row(DatasetRequest Request, string? Agency);

    public List<Row> Rows { get; } = [];
    public string? Status { get; private set; }
    public bool Saved { get; private set; }

    private HashSet<string> _orgs = [];

    private async Task<bool> AllowedAsync()
    {
        var user = await UserAsync();
        if (user is null)
        {
            return false;
        }
        _orgs = await EditorScope.OrganizationsAsync(Db, user, HttpContext.RequestAborted);
        return user.Sysadmin || _orgs.Count > 0;
    }

    /// <summary>The requests this user may see: the WHERE carries the permission, not the page.</summary>
    private IQueryable<DatasetRequest> Visible() =>
        CurrentUser!.Sysadmin ? Db.DatasetRequests : Db.DatasetRequests.Where(r => r.OrganizationId != null && _orgs.Contains(r.OrganizationId));

    public async Task<IActionResult> OnGetAsync(string? status, bool saved)
    {
        if (!await AllowedAsync())
        {
            return CurrentUser is null ? Challenge() : Forbid();
        }
        Saved = saved;
        Status = DatasetRequest.Statuses.Contains(status) ? status : null;
        var query = Visible();
        if (Status is not null)
        {
            query = query.Where(r => r.Status == Status);
        }
        var rows = await query.OrderByDescending(r => r.Created).Take(200).AsNoTracking().ToListAsync(HttpContext.RequestAborted);
        var orgIds = rows.Where(r => r.OrganizationId != null).Select(r => r.OrganizationId!).Distinct().ToList();
        var orgs = await Db.Groups.Where(g => orgIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Title ?? g.Name, StringComparer.Ordinal, HttpContext.RequestAborted);
        Rows.AddRange(rows.Select(r => new Row(r, r.OrganizationId is null ? null : orgs.GetValueOrDefault(r.OrganizationId))));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, string? newStatus, string? reply)
    {
        if (!await AllowedAsync())
        {
            return CurrentUser is null ? Challenge() : Forbid();
        }
        var ct = HttpContext.RequestAborted;
        var request = await Visible().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
        {
            return NotFound();
        }
        if (newStatus is not null && !DatasetRequest.Statuses.Contains(newStatus))
        {
            return BadRequest();
        }
        var before = request.Status;
        request.Status = newStatus ?? request.Status;
        request.Reply = reply?.Trim() ?? request.Reply;
        request.Modified = Clock.Now(time);
        Db.Activities.Add(new Activity
        {
            Timestamp = request.Modified, UserId = CurrentUser!.Id, ObjectId = request.Id, ActivityType = "changed dataset request",
            DataJson = new JsonObject { ["title"] = request.Title, ["status"] = request.Status, ["previous_status"] = before }.ToJsonString(),
        });
        await Db.SaveChangesAsync(ct);
        return Redirect("/dataset/requests?saved=true");
    }
}
