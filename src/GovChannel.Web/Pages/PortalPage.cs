using System.Text.Json.Nodes;
using GovChannel.Web.Areas.Identity;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.OpenData.Search;
using GovChannel.Web.Areas.Services;
using GovChannel.Web.Data;
using GovChannel.Web.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using CkanNotFound = GovChannel.Web.Areas.OpenData.Ckan.NotFound;
using IActionResult = Microsoft.AspNetCore.Mvc.IActionResult;

namespace GovChannel.Web.Pages;

/// <summary>
/// What every portal page shares: the caller, the string table, and the CKAN action table called in-process, so that
/// a page reads and writes through exactly the code (permission filters, validation, audit, index) the API uses.
/// </summary>
public abstract class PortalPage : PageModel
{
    protected GovDb Db => HttpContext.RequestServices.GetRequiredService<GovDb>();
    public Text T => HttpContext.RequestServices.GetRequiredService<Text>();
    public User? CurrentUser { get; private set; }

    protected async Task<User?> UserAsync() => CurrentUser ??= await CkanApi.CurrentUserAsync(HttpContext, Db);

    protected async Task<ActionContext> ContextAsync(string action, JsonObject data) =>
        new(HttpContext, Db, await UserAsync(), data, action);

    /// <summary>A read action; its exceptions (NotFound, NotAuthorized, SearchQueryError) reach the caller.</summary>
    protected async Task<JsonNode?> ReadAsync(string action, JsonObject data) =>
        await CkanApi.Actions.Find(action)!.Handler(await ContextAsync(action, data));

    /// <summary>Like <see cref="ReadAsync"/> but null when the object is missing or not readable (both show as 404).</summary>
    protected async Task<JsonObject?> ShowAsync(string action, string id)
    {
        try
        {
            return await ReadAsync(action, new JsonObject { ["id"] = id }) as JsonObject;
        }
        catch (CkanException e) when (e is CkanNotFound or NotAuthorized)
        {
            return null;
        }
    }

    /// <summary>
    /// A write action in one transaction, as the API runs it, then the search index catches up (read-your-writes).
    /// Returns the validation errors (field → messages) instead of throwing; sets 422 so that a failed upload is cleaned up.
    /// </summary>
    protected Task<(JsonNode? Result, JsonObject? Errors)> WriteAsync(string action, JsonObject data, IFormFile? upload = null) =>
        WriteAllAsync(() => CallAsync(action, data, upload));

    /// <summary>Several write actions (<see cref="CallAsync"/>) in one transaction: all are saved or none.</summary>
    protected async Task<(JsonNode? Result, JsonObject? Errors)> WriteAllAsync(Func<Task<JsonNode?>> actions)
    {
        var ct = HttpContext.RequestAborted;
        try
        {
            var result = await Db.InWriteTransactionAsync(actions, ct);
            await HttpContext.RequestServices.GetRequiredService<SearchIndex>().CatchUpAsync(ct);
            return (result, null);
        }
        catch (CkanException e) when (e is ValidationError or NotAuthorized or CkanNotFound)
        {
            Db.ChangeTracker.Clear();
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return (null, e is ValidationError v ? v.Errors : new JsonObject { ["message"] = new JsonArray(e.Message) });
        }
    }

    /// <summary>One action inside <see cref="WriteAllAsync"/>; its exceptions roll the whole write back.</summary>
    protected async Task<JsonNode?> CallAsync(string action, JsonObject data, IFormFile? upload = null)
    {
        var ctx = await ContextAsync(action, data);
        if (upload is { Length: > 0 })
        {
            ctx.Files["upload"] = upload;
        }
        return await CkanApi.Actions.Find(action)!.Handler(ctx);
    }

    /// <summary>The first message for a field from a CKAN error dict, in the page language.</summary>
    public string? ErrorFor(JsonObject? errors, string field)
    {
        var node = errors?[field];
        var message = node switch
        {
            JsonArray a => a.Select(m => m is JsonValue ? Params.AsString(m) : null).FirstOrDefault(m => m is not null),
            JsonValue => Params.AsString(node),
            _ => null,
        };
        return message is null ? null : T.Error(message);
    }

    /// <summary>
    /// The delete button of an edit page (apps, e-services): refused as the page's own load refuses, shown again until
    /// the box "I confirm" is ticked (the page works without JavaScript), then the delete and on to <paramref name="done"/>.
    /// </summary>
    protected async Task<IActionResult> ConfirmedDeleteAsync(bool confirm, Func<Task<IActionResult?>> load, Func<Task> delete, string done)
    {
        if (await load() is { } refused)
        {
            return refused;
        }
        if (!confirm)
        {
            return Redirect(Request.Path);
        }
        try
        {
            await delete();
            return Redirect(done);
        }
        catch (Refused r)
        {
            return StatusCode(r.Status);
        }
    }
}
