using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.OpenData.Files;
using GovChannel.Web.Areas.Services.Manuals;
using GovChannel.Web.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Services.Pages.Manuals;

/// <summary>
/// <c>/manuals/new</c> and <c>/manuals/edit/{id}</c>: an agency's editors write a citizen manual in every section,
/// and upload its sample forms. Saving goes through <see cref="ManualWorkflow"/>, the code behind <c>/api/manuals</c>,
/// so the page refuses what the API refuses, in the page language. A published manual is saved as a new revision.
/// </summary>
[Authorize]
public sealed class EditModel(TimeProvider time, IFileStore files) : PortalPage
{
    [BindProperty] public ManualForm Form { get; set; } = new();
    /// <summary>The "add a row" buttons: the list to grow; the form is shown again without saving.</summary>
    [BindProperty] public string? Add { get; set; }
    [BindProperty] public string? FormName { get; set; }
    [BindProperty] public IFormFile? FormFile { get; set; }

    public string? Id { get; private set; }
    public ManualRevision? Latest { get; private set; }
    public List<SampleForm> Forms { get; } = [];
    public List<(string Id, string Title)> Agencies { get; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.Ordinal);
    /// <summary>A refusal without field errors (a 409, a file too large), shown above the form.</summary>
    public string? Message { get; private set; }
    public bool IsPublished => Latest?.State == ManualStates.Published;

    private ServiceChange Change(Caller caller) => ServiceApi.Change(HttpContext, Db, caller, T.Lang, time);

    /// <summary>The manual (when editing) and the agencies the caller writes for; a status code when the caller may not.</summary>
    private async Task<IActionResult?> LoadAsync(Caller caller, string? id, CancellationToken ct)
    {
        if (!caller.SignedIn)
        {
            return Challenge();
        }
        Agencies.AddRange(await ServiceApi.EditableAgenciesAsync(Db, caller, ct));
        if (id is null)
        {
            return Agencies.Count == 0 ? StatusCode(StatusCodes.Status403Forbidden) : null;
        }
        Id = id;
        var manual = await Db.CitizenManuals.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (manual is null || !caller.CanEdit(manual.OwnerOrgId))
        {
            return manual is { IsPublic: true } ? StatusCode(StatusCodes.Status403Forbidden) : NotFound();
        }
        Latest = await Db.ManualRevisions.AsNoTracking().SingleAsync(r => r.ManualId == id && r.Number == manual.LatestRevision, ct);
        Forms.AddRange(ManualContent.FromJson(Latest.ContentJson).Forms);
        return null;
    }

    public async Task<IActionResult> OnGetAsync(string? id, CancellationToken ct)
    {
        var caller = await ServiceApi.CallerAsync(HttpContext, Db);
        if (await LoadAsync(caller, id, ct) is { } refused)
        {
            return refused;
        }
        Form = Latest is null ? new ManualForm { Agency = Agencies[0].Id, ServiceAreas = ["central"] } : ManualForm.From(ManualContent.FromJson(Latest.ContentJson));
        Form.NewRevision = IsPublished;
        Form.WithBlankRows(Latest is null ? "steps" : null); // a new manual starts with two blank steps
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? id, CancellationToken ct)
    {
        var caller = await ServiceApi.CallerAsync(HttpContext, Db);
        if (await LoadAsync(caller, id, ct) is { } refused)
        {
            return refused;
        }
        if (ManualForm.Lists.Contains(Add))
        {
            Form.WithBlankRows(Add);
            return Page();
        }
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var content = Form.ToContent(T.Lang, errors);
        try
        {
            // A mistyped number is reported together with what the shared validation finds.
            var found = ManualValidation.Validate(ManualWorkflow.Prepare(content), T.Lang);
            foreach (var (key, messages) in found)
            {
                foreach (var message in messages)
                {
                    errors.Add(key, message);
                }
            }
            var change = Change(caller);
            change.Check(errors);
            var (manual, _) = id is null
                ? await ManualWorkflow.CreateAsync(change, Form.Agency, content, ct)
                : await ManualWorkflow.UpdateAsync(change, id, content, Form.NewRevision, ct);
            return Redirect($"/manuals/{manual.Id}?latest=true");
        }
        catch (Refused r)
        {
            return Refusal(r);
        }
    }

    /// <summary>Uploads a sample form (PDF) to the latest draft.</summary>
    public async Task<IActionResult> OnPostFormAsync(string id, CancellationToken ct)
    {
        var caller = await ServiceApi.CallerAsync(HttpContext, Db);
        try
        {
            await ManualWorkflow.AddFormAsync(Change(caller), files, id, FormName, FormFile, ct);
            return Redirect($"/manuals/edit/{id}#forms");
        }
        catch (Refused r)
        {
            return await ShowAgainAsync(caller, id, r, ct);
        }
    }

    public async Task<IActionResult> OnPostRemoveFormAsync(string id, string formId, CancellationToken ct)
    {
        var caller = await ServiceApi.CallerAsync(HttpContext, Db);
        try
        {
            await ManualWorkflow.RemoveFormAsync(Change(caller), id, formId, ct);
            return Redirect($"/manuals/edit/{id}#forms");
        }
        catch (Refused r)
        {
            return await ShowAgainAsync(caller, id, r, ct);
        }
    }

    /// <summary>After a refused form upload: the page as stored, with the message.</summary>
    private async Task<IActionResult> ShowAgainAsync(Caller caller, string id, Refused r, CancellationToken ct)
    {
        Db.ChangeTracker.Clear();
        if (await LoadAsync(caller, id, ct) is { } refused)
        {
            return refused;
        }
        Form = ManualForm.From(ManualContent.FromJson(Latest!.ContentJson));
        Form.NewRevision = IsPublished;
        Form.WithBlankRows();
        return Refusal(r);
    }

    /// <summary>A refusal shown on the page with its status: field errors beside the fields, anything else above the form.</summary>
    private IActionResult Refusal(Refused r)
    {
        if (r.Status is 401 or 403 or 404)
        {
            return StatusCode(r.Status);
        }
        Errors = r.Errors ?? Errors;
        Message = r.Errors is null ? r.Message : null;
        Form.WithBlankRows();
        Response.StatusCode = r.Errors is null ? r.Status : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>The messages of a field and everything under it (<c>steps[0]</c> covers <c>steps[0].duration.value</c>).</summary>
    public IEnumerable<string> ErrorsUnder(string key) =>
        Errors.Where(e => e.Key == key || e.Key.StartsWith(key + ".", StringComparison.Ordinal) || e.Key.StartsWith(key + "[", StringComparison.Ordinal))
            .SelectMany(e => e.Value);

    /// <summary>The section a field's error belongs to, for the links of the error summary.</summary>
    public static string Section(string key) => "sec-" + key.Split('[', '.')[0];
}
