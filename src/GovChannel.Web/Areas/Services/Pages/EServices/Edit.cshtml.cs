using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.Services.Catalogue;
using GovChannel.Web.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Services.Pages.EServices;

/// <summary>
/// <c>/eservices/edit</c> (new) and <c>/eservices/edit/{slug}</c>: an agency's editors describe an e-service. Saving goes
/// through <see cref="EServiceApi.SaveAsync"/>, the code behind <c>/api/eservices</c>, in the page language.
/// </summary>
[Authorize]
public sealed class EditModel(TimeProvider time) : PortalPage
{
    public sealed class EServiceForm
    {
        public string? Slug { get; set; }
        public string? Name { get; set; }
        public string? NameEn { get; set; }
        public string? Description { get; set; }
        public string? Agency { get; set; }
        public string? ManualId { get; set; }
        public int Level { get; set; } = 1;
        public string? Category { get; set; }
        public List<string> Channels { get; set; } = [];
        public List<string> Audiences { get; set; } = [];
        public List<string> LifeEvents { get; set; } = [];
        public string? Link { get; set; }
        public string? LaunchedOn { get; set; }
        public string State { get; set; } = "published";

        public EServiceInput ToInput() => new(Slug?.Trim(), Name, NameEn, Description, Agency, ManualId, Level, Category, Channels, Audiences, LifeEvents,
            Link?.Trim(), LaunchedOn?.Trim(), State);
    }

    [BindProperty] public EServiceForm Form { get; set; } = new();
    public string? Slug { get; private set; }
    public List<(string Id, string Title)> Agencies { get; } = [];
    public List<(string Id, string Name)> Manuals { get; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.Ordinal);

    private async Task<IActionResult?> LoadAsync(Caller caller, string? slug, CancellationToken ct)
    {
        if (!caller.SignedIn)
        {
            return Challenge();
        }
        Agencies.AddRange(await ServiceApi.EditableAgenciesAsync(Db, caller, ct));
        var orgs = caller.EditableOrgs;
        var manuals = await Db.CitizenManuals.AsNoTracking().Where(m => m.PublishedRevision != null || orgs == null || orgs.Contains(m.OwnerOrgId))
            .OrderBy(m => m.Name).Select(m => new { m.Id, m.Name }).ToListAsync(ct);
        Manuals.AddRange(manuals.Select(m => (m.Id, m.Name)));
        if (slug is null)
        {
            return Agencies.Count == 0 ? StatusCode(StatusCodes.Status403Forbidden) : null;
        }
        Slug = slug;
        var row = await EServiceApi.Existing(Db, slug).AsNoTracking().FirstOrDefaultAsync(ct);
        if (row is null || !caller.CanEdit(row.OwnerOrgId))
        {
            return row is { IsPublic: true } ? StatusCode(StatusCodes.Status403Forbidden) : NotFound();
        }
        if (!HttpMethods.IsPost(Request.Method))
        {
            var dto = (await EServiceApi.ToDtosAsync(Db, [row], ct))[0];
            Form = new EServiceForm
            {
                Slug = dto.Slug, Name = dto.Name, NameEn = dto.NameEn, Description = dto.Description, ManualId = dto.ManualId, Level = dto.Level,
                Category = dto.Category, Channels = dto.Channels, Audiences = dto.Audiences, LifeEvents = dto.LifeEvents, Link = dto.Link,
                LaunchedOn = dto.LaunchedOn, State = dto.State,
            };
        }
        return null;
    }

    public async Task<IActionResult> OnGetAsync(string? slug, CancellationToken ct)
    {
        var refused = await LoadAsync(await ServiceApi.CallerAsync(HttpContext, Db), slug, ct);
        if (slug is null)
        {
            Form.Agency = Agencies.FirstOrDefault().Id;
            Form.LaunchedOn = DateOnly.FromDateTime(Localization.Language.ToThaiTime(Clock.Now(time))).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }
        return refused ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(string? slug, CancellationToken ct)
    {
        var caller = await ServiceApi.CallerAsync(HttpContext, Db);
        if (await LoadAsync(caller, slug, ct) is { } refused)
        {
            return refused;
        }
        try
        {
            var row = await EServiceApi.SaveAsync(ServiceApi.Change(HttpContext, Db, caller, T.Lang, time), slug, Form.ToInput(), ct);
            return Redirect(row.State == "published" ? "/eservices/" + row.Slug : "/services/manage");
        }
        catch (Refused r) when (r.Errors is not null)
        {
            Errors = r.Errors;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        catch (Refused r)
        {
            return StatusCode(r.Status);
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
            () => EServiceApi.DeleteAsync(ServiceApi.Change(HttpContext, Db, caller, T.Lang, time), slug, ct), "/services/manage");
    }
}
