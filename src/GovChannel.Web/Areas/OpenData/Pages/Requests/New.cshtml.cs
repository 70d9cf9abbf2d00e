using System.Net.Mail;
using System.Text.Json.Nodes;
using GovChannel.Thai;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.OpenData.Requests;
using GovChannel.Web.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.OpenData.Pages.Requests;

/// <summary>
/// <c>/dataset/request</c>: anyone may ask for a dataset (what, why, a contact email, optionally which agency). Antiforgery
/// and a per-IP rate limit on the POST; stored as a <see cref="DatasetRequest"/> with an activity record.
/// </summary>
[EnableRateLimiting(RequestLimits.Policy)]
public sealed class NewModel(TimeProvider time) : PortalPage
{
    public sealed class RequestInput
    {
        public string? Title { get; set; }
        public string? Reason { get; set; }
        public string? Email { get; set; }
        public string? Agency { get; set; }
    }

    [BindProperty] public RequestInput Input { get; set; } = new();
    public List<(string Id, string Title)> Agencies { get; } = [];
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    public bool Sent { get; private set; }

    private async Task LoadAgenciesAsync()
    {
        var groups = await Db.Groups.AsNoTracking().Where(g => g.IsOrganization && g.State == "active")
            .Select(g => new { g.Id, g.Title, g.Name }).ToListAsync(HttpContext.RequestAborted);
        Agencies.AddRange(groups.Select(g => (g.Id, g.Title ?? g.Name)).OrderBy(g => g.Item2, ThaiOrder.Comparer));
    }

    public async Task OnGetAsync(string? agency, bool sent)
    {
        Sent = sent;
        await LoadAgenciesAsync();
        Input.Agency = Agencies.Any(a => a.Id == agency) ? agency : await Db.Groups.Where(g => g.Name == agency && g.IsOrganization).Select(g => g.Id).FirstOrDefaultAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAgenciesAsync();
        var title = Input.Title?.Trim() ?? "";
        var reason = Input.Reason?.Trim() ?? "";
        var email = Input.Email?.Trim() ?? "";
        if (title.Length == 0)
        {
            Errors["title"] = T["request.error.title"];
        }
        else if (title.Length > 500)
        {
            Errors["title"] = T["request.error.long"];
        }
        if (reason.Length > 4000)
        {
            Errors["reason"] = T["request.error.long"];
        }
        if (!IsEmail(email))
        {
            Errors["email"] = T["request.error.email"];
        }
        var agency = string.IsNullOrWhiteSpace(Input.Agency) ? null : Input.Agency;
        if (agency is not null && !Agencies.Any(a => a.Id == agency))
        {
            Errors["agency"] = T["request.error.agency"];
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var now = Clock.Now(time);
        var request = new DatasetRequest { Title = title, Reason = reason, Email = email, OrganizationId = agency, Created = now, Modified = now };
        Db.DatasetRequests.Add(request);
        // The requester's email is kept out of the activity data: activity streams can be shown to other editors.
        Db.Activities.Add(new Activity
        {
            Timestamp = now, UserId = (await UserAsync())?.Id, ObjectId = request.Id, ActivityType = "new dataset request",
            DataJson = new JsonObject { ["title"] = title, ["organization_id"] = agency, ["status"] = request.Status }.ToJsonString(),
        });
        await Db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect("/dataset/request?sent=true");
    }

    /// <summary>One address, no display name, a dot in the domain: what a person can be written to.</summary>
    public static bool IsEmail(string email) =>
        email.Length is > 3 and <= 320 && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email
        && parsed.Host.Contains('.', StringComparison.Ordinal) && !email.Contains(' ', StringComparison.Ordinal);
}
