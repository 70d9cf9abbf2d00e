using System.Text.Json.Nodes;
using GovChannel.Thai;
using GovChannel.Web.Areas.Identity;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.OpenData.Files;
using GovChannel.Web.Areas.OpenData.Search;
using GovChannel.Web.Areas.Search;
using GovChannel.Web.Data;
using GovChannel.Web.Localization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Services;

/// <summary>Who is calling our own JSON API, and the agencies they may manage (editor or admin; a sysadmin manages all).</summary>
public sealed class Caller(User? user, IReadOnlyDictionary<string, string> capacities)
{
    public User? User { get; } = user;
    public bool IsSysadmin => User?.Sysadmin == true;
    public bool SignedIn => User is not null;

    public bool CanEdit(string orgId) => IsSysadmin || capacities.GetValueOrDefault(orgId) is "admin" or "editor";
    public bool IsAgencyAdmin(string orgId) => IsSysadmin || capacities.GetValueOrDefault(orgId) == "admin";

    /// <summary>Organisations whose entries the caller manages; null means every organisation (sysadmin).</summary>
    public IReadOnlyCollection<string>? EditableOrgs =>
        IsSysadmin ? null : capacities.Where(c => c.Value is "admin" or "editor").Select(c => c.Key).ToList();
}

/// <summary>
/// What the services, apps, news and search APIs share: the caller (API token or sign-in cookie, through the same
/// code as the CKAN API), RFC 7807 answers in the caller's language, agency look-up and the audit record.
/// </summary>
public static class ServiceApi
{
    public static async Task<Caller> CallerAsync(HttpContext http, GovDb db)
    {
        var user = await CkanApi.CurrentUserAsync(http, db);
        // As on the CKAN API: a write carried only by the sign-in cookie needs an antiforgery token, so another site
        // cannot make a signed-in editor's browser change a manual.
        if (user is not null && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            && !HasTokenHeader(http) && !await AntiforgeryValidAsync(http))
        {
            user = null;
        }
        if (user is null)
        {
            return new Caller(null, new Dictionary<string, string>());
        }
        var capacities = await Authz.CapacitiesAsync(new ActionContext(http, db, user, [], "services"));
        return new Caller(user, capacities);
    }

    private static bool HasTokenHeader(HttpContext http) =>
        !string.IsNullOrWhiteSpace(http.Request.Headers.Authorization.ToString())
        || !string.IsNullOrWhiteSpace(http.Request.Headers["X-CKAN-API-Key"].ToString());

    private static async Task<bool> AntiforgeryValidAsync(HttpContext http) =>
        http.RequestServices.GetService<IAntiforgery>() is { } antiforgery && await antiforgery.IsRequestValidAsync(http);

    /// <summary>The answer language: the Accept-Language header when it names Thai or English, else the site language.</summary>
    public static string Lang(HttpContext http)
    {
        var accept = http.Request.Headers.AcceptLanguage.ToString().Trim();
        if (accept.StartsWith("en", StringComparison.OrdinalIgnoreCase))
        {
            return Language.English;
        }
        if (accept.StartsWith("th", StringComparison.OrdinalIgnoreCase))
        {
            return Language.Thai;
        }
        return Language.Current(http);
    }

    public static string Say(string lang, string th, string en) => lang == Language.English ? en : th;

    public static ProblemHttpResult Problem(HttpContext http, int status, string th, string en)
    {
        var lang = Lang(http);
        return TypedResults.Problem(detail: Say(lang, th, en), statusCode: status, title: Title(lang, status));
    }

    private static string Title(string lang, int status) => status switch
    {
        401 => Say(lang, "ต้องเข้าสู่ระบบ", "Sign-in required"),
        403 => Say(lang, "ไม่มีสิทธิ์", "Forbidden"),
        404 => Say(lang, "ไม่พบข้อมูล", "Not found"),
        409 => Say(lang, "ดำเนินการไม่ได้ในสถานะปัจจุบัน", "Conflict with the current state"),
        413 => Say(lang, "ไฟล์ใหญ่เกินไป", "File too large"),
        _ => Say(lang, "คำขอไม่ถูกต้อง", "Bad request"),
    };

    /// <summary>A refusal without field errors (401, 403, 404, 409, 413) as RFC 7807; field errors go through <see cref="Invalid"/>.</summary>
    public static ProblemHttpResult Problem(HttpContext http, Refused refused) =>
        TypedResults.Problem(detail: refused.Message, statusCode: refused.Status, title: Title(Lang(http), refused.Status));

    /// <summary>The write context of an API call: the caller, the answer language, the time.</summary>
    public static async Task<ServiceChange> ChangeAsync(HttpContext http, GovDb db, TimeProvider time) =>
        Change(http, db, await CallerAsync(http, db), Lang(http), time);

    /// <summary>The write context of a page (which knows its caller and language already) or an API call.</summary>
    public static ServiceChange Change(HttpContext http, GovDb db, Caller caller, string lang, TimeProvider time) =>
        new(db, caller, lang, Clock.Now(time), http.RequestServices.GetRequiredService<SearchIndex>(), http.RequestServices.GetRequiredService<IFileStore>());

    /// <summary>
    /// Runs one write of the JSON API and answers its result, or its refusal as RFC 7807: field errors as a validation
    /// problem (400), any other refusal with its status.
    /// </summary>
    public static async Task<Results<T, ValidationProblem, ProblemHttpResult>> WriteAsync<T>(
        HttpContext http, GovDb db, TimeProvider time, Func<ServiceChange, Task<T>> write) where T : IResult
    {
        try
        {
            return await write(await ChangeAsync(http, db, time));
        }
        catch (Refused r)
        {
            return r.Errors is null ? Problem(http, r) : Invalid(http, r.Errors);
        }
    }

    /// <summary><see cref="WriteAsync"/> for a write without input fields (delete, approve, publish): refused only with a status.</summary>
    public static async Task<Results<T, ProblemHttpResult>> StepAsync<T>(
        HttpContext http, GovDb db, TimeProvider time, Func<ServiceChange, Task<T>> step) where T : IResult
    {
        try
        {
            return await step(await ChangeAsync(http, db, time));
        }
        catch (Refused r)
        {
            return Problem(http, r);
        }
    }

    public static ProblemHttpResult NotFound(HttpContext http) => Problem(http, 404, "ไม่พบรายการที่ขอ", "The requested item was not found.");

    /// <summary>401 for an anonymous caller, 403 for a signed-in one without the role.</summary>
    public static ProblemHttpResult Denied(HttpContext http, Caller caller) => caller.SignedIn
        ? Problem(http, 403, "คุณไม่มีสิทธิ์จัดการรายการของหน่วยงานนี้", "You may not manage this agency's entries.")
        : Problem(http, 401, "กรุณาเข้าสู่ระบบหรือส่ง API token", "Sign in or send an API token.");

    public static ValidationProblem Invalid(HttpContext http, Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: Say(Lang(http), "ข้อมูลไม่ถูกต้อง", "The input is not valid"));

    /// <summary>The agencies the caller edits for (every active one for a sysadmin), by title: the choice on an edit page.</summary>
    public static async Task<List<(string Id, string Title)>> EditableAgenciesAsync(GovDb db, Caller caller, CancellationToken ct)
    {
        var orgs = caller.EditableOrgs;
        var agencies = await db.Groups.AsNoTracking().Where(g => g.IsOrganization && g.State == "active" && (orgs == null || orgs.Contains(g.Id)))
            .Select(g => new { g.Id, Title = g.Title ?? g.Name }).ToListAsync(ct);
        return agencies.Select(a => (a.Id, a.Title)).OrderBy(a => a.Title, ThaiOrder.Comparer).ToList();
    }

    public static Task<Group?> AgencyAsync(GovDb db, string? nameOrId, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(nameOrId)
            ? Task.FromResult<Group?>(null)
            : db.Groups.FirstOrDefaultAsync(g => g.IsOrganization && g.State == "active" && (g.Name == nameOrId || g.Id == nameOrId), ct);

    /// <summary>The append-only audit record (the catalogue's activity table), written in the same SaveChanges as the change.</summary>
    public static void Audit(GovDb db, DateTime now, Caller caller, string objectId, string activityType, JsonObject? data = null) =>
        db.Activities.Add(new Activity
        {
            Timestamp = now,
            UserId = caller.User?.Id,
            ObjectId = objectId,
            ActivityType = activityType,
            DataJson = (data ?? []).ToJsonString(),
        });

    /// <summary>An absolute http(s) URL: the only kind of outside link we store.</summary>
    public static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);

    public static string Codes(IEnumerable<string>? values) =>
        "|" + string.Concat((values ?? []).Distinct(StringComparer.Ordinal).Select(v => v + "|"));

    public static List<string> Split(string codes) => codes.Split('|', StringSplitOptions.RemoveEmptyEntries).ToList();

    public static void Add(this Dictionary<string, string[]> errors, string key, string message) =>
        errors[key] = errors.TryGetValue(key, out var list) ? [.. list, message] : [message];
}

public sealed record AgencyRef(string Id, string Name, string Title);

/// <summary>A manual, e-service or app: owned by one agency, whose editors (and the sysadmins) change it.</summary>
public interface IAgencyOwned
{
    string OwnerOrgId { get; }
    /// <summary>Whether the public may read it (published): otherwise its existence is not told to other agencies.</summary>
    bool IsPublic { get; }
}

/// <summary>
/// A refused change, already in the caller's language: field errors (<see cref="Errors"/>, 400 on the API) or one
/// message with its status (401, 403, 404, 409, 413). The write code shared by the JSON API and the edit pages throws
/// it; the API answers RFC 7807 and a page shows it beside its form, so both refuse the same things in the same words.
/// </summary>
public sealed class Refused(int status, string message, Dictionary<string, string[]>? errors = null) : Exception(message)
{
    public int Status { get; } = status;
    public Dictionary<string, string[]>? Errors { get; } = errors;
}

/// <summary>
/// One change to manuals, e-services or apps, from the API or an edit page: who makes it, the language refusals are
/// worded in, the time, and the search index that applies the change's index operations after saving.
/// </summary>
public sealed class ServiceChange(GovDb db, Caller caller, string lang, DateTime now, SearchIndex index, IFileStore files)
{
    private readonly List<Func<Task>> _afterCommit = [];

    public GovDb Db { get; } = db;
    public IFileStore Files { get; } = files;
    public Caller Caller { get; } = caller;
    public string Lang { get; } = lang;
    public DateTime Now { get; } = now;

    public string Say(string th, string en) => ServiceApi.Say(Lang, th, en);

    public Refused Fail(int status, string th, string en) => new(status, Say(th, en));

    public Refused NotFound() => Fail(404, "ไม่พบรายการที่ขอ", "The requested item was not found.");

    /// <summary>401 for an anonymous caller, 403 for a signed-in one without the role.</summary>
    public Refused Denied() => Caller.SignedIn
        ? Fail(403, "คุณไม่มีสิทธิ์จัดการรายการของหน่วยงานนี้", "You may not manage this agency's entries.")
        : Fail(401, "กรุณาเข้าสู่ระบบหรือส่ง API token", "Sign in or send an API token.");

    /// <summary>Throws the field errors, if any, as one 400 refusal.</summary>
    public void Check(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw new Refused(400, Say("ข้อมูลไม่ถูกต้อง", "The input is not valid"), errors);
        }
    }

    /// <summary>
    /// The entry the caller is about to change: 404 when there is none, 401/403 when the caller does not edit for its
    /// agency (404 too for a signed-in outsider and an unpublished entry, whose existence is the agency's business).
    /// </summary>
    public async Task<T> EditableAsync<T>(IQueryable<T> rows, CancellationToken ct) where T : class, IAgencyOwned
    {
        var row = await rows.FirstOrDefaultAsync(ct) ?? throw NotFound();
        if (!Caller.CanEdit(row.OwnerOrgId))
        {
            throw !row.IsPublic && Caller.SignedIn ? NotFound() : Denied();
        }
        return row;
    }

    /// <summary>The agency a new entry is for: 401 when anonymous, 400 when there is no such agency, 403 when the caller does not edit for it.</summary>
    public async Task<Group> AgencyAsync(string? nameOrId, CancellationToken ct)
    {
        if (!Caller.SignedIn)
        {
            throw Denied();
        }
        var agency = await ServiceApi.AgencyAsync(Db, nameOrId, ct);
        if (agency is null)
        {
            Check(new() { ["agency"] = [Say("ไม่พบหน่วยงานนี้", "No such agency.")] });
        }
        return Caller.CanEdit(agency!.Id) ? agency : throw Denied();
    }

    public void Audit(string objectId, string activityType, JsonObject? data = null) => ServiceApi.Audit(Db, Now, Caller, objectId, activityType, data);

    /// <summary>The one search box must show this item as it will be saved (<see cref="OneSearchIndex.Kinds"/>).</summary>
    public void Reindex(string kind, string id) => OneSearchIndex.Reindex(Db, kind, id, Now);

    /// <summary>
    /// Work that must wait until the change is in the database, such as deleting a file the change stops using: before
    /// that, a failed write would leave a row pointing at a file that is gone.
    /// </summary>
    public void AfterCommit(Func<Task> work) => _afterCommit.Add(work);

    /// <summary>
    /// Saves (the change, its audit record and its index operations in one SaveChanges), then <see cref="CommittedAsync"/>.
    /// Inside a caller's own transaction nothing is committed yet: that caller calls <see cref="CommittedAsync"/> after
    /// committing (and, when it rolls back, drops this change).
    /// </summary>
    public async Task SaveAsync(CancellationToken ct)
    {
        await Db.SaveChangesAsync(ct);
        if (Db.Database.CurrentTransaction is null)
        {
            await CommittedAsync(ct);
        }
    }

    /// <summary>After the commit: this node's search indexes apply the change (the caller's next search sees it), then the <see cref="AfterCommit"/> work runs.</summary>
    public async Task CommittedAsync(CancellationToken ct)
    {
        await index.CatchUpAsync(ct);
        var work = _afterCommit.ToList();
        _afterCommit.Clear();
        foreach (var w in work)
        {
            await w();
        }
    }
}
