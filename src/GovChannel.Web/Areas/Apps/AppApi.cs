using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.OpenData.Files;
using GovChannel.Web.Areas.Search;
using GovChannel.Web.Areas.Services;
using GovChannel.Web.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Apps;

public sealed record StoreLink(string Platform, string Url);

public sealed record RatingSummary(double? Average, int Count);

public sealed record AppDto(
    string Id, string Slug, string Url, string Name, string? NameEn, string Description, AgencyRef Agency, string Category,
    List<string> Platforms, List<StoreLink> StoreLinks, List<string> Screenshots, string Version, string State,
    RatingSummary Rating, DateTime Modified);

public sealed record AppList(int Count, List<AppDto> Items);

public sealed record AppInput(
    string? Slug, string? Name, string? NameEn, string? Description, string? Agency, string? Category,
    List<StoreLink>? StoreLinks, List<string>? Screenshots, string? Version, string? State);

public sealed record RatingInput(int Stars, string? Comment);

public sealed record RatingDto(string Id, int Stars, string Comment, string State, string? User, DateTime Created, DateTime? ModeratedAt);

/// <summary>
/// <c>/api/apps</c>: the app centre. Store links and screenshots must be http(s). Ratings (1–5, one per signed-in user
/// and app) stay pending until a moderator (the agency's admins and editors, or a sysadmin) approves them; the average
/// counts approved ratings only.
/// </summary>
public static partial class AppApi
{
    public static void MapAppApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/apps").WithTags("Apps");
        api.MapGet("/", ListApps);
        api.MapGet("/{slug}", GetApp);
        api.MapPost("/", CreateApp);
        api.MapPut("/{slug}", UpdateApp);
        api.MapDelete("/{slug}", DeleteApp);
        api.MapGet("/{slug}/ratings", ListRatings);
        api.MapPost("/{slug}/ratings", RateApp);
        api.MapPost("/{slug}/ratings/{ratingId}/approve", (HttpContext http, GovDb db, TimeProvider time, string slug, string ratingId, CancellationToken ct) =>
            Moderate(http, db, time, slug, ratingId, RatingStates.Approved, ct));
        api.MapPost("/{slug}/ratings/{ratingId}/reject", (HttpContext http, GovDb db, TimeProvider time, string slug, string ratingId, CancellationToken ct) =>
            Moderate(http, db, time, slug, ratingId, RatingStates.Rejected, ct));
        api.MapPost("/{slug}/screenshots", UploadScreenshot).DisableAntiforgery();
        api.MapGet("/screenshots/{file}", DownloadScreenshot);
    }

    public static IQueryable<GovApp> Visible(GovDb db, Caller? caller, bool includeDrafts)
    {
        var query = db.Apps.AsNoTracking();
        if (includeDrafts && caller is { SignedIn: true })
        {
            var orgs = caller.EditableOrgs;
            return orgs is null ? query.Where(a => a.State != "deleted") : query.Where(a => a.State == "published" || (a.State == "draft" && orgs.Contains(a.OwnerOrgId)));
        }
        return query.Where(a => a.State == "published");
    }

    private static async Task<Ok<AppList>> ListApps(
        HttpContext http, GovDb db, string? agency, string? category, string? platform, bool? includeDrafts, int? offset, int? limit, CancellationToken ct)
    {
        var caller = await ServiceApi.CallerAsync(http, db);
        var query = Visible(db, caller, includeDrafts == true);
        if (!string.IsNullOrEmpty(agency))
        {
            var orgId = (await ServiceApi.AgencyAsync(db, agency, ct))?.Id ?? "-";
            query = query.Where(a => a.OwnerOrgId == orgId);
        }
        if (!string.IsNullOrEmpty(category))
        {
            query = query.Where(a => a.Category == category);
        }
        if (!string.IsNullOrEmpty(platform))
        {
            var code = "|" + platform + "|";
            query = query.Where(a => a.Platforms.Contains(code));
        }
        var count = await query.CountAsync(ct);
        var rows = await query.OrderBy(a => a.Name).Skip(Math.Max(0, offset ?? 0)).Take(Math.Clamp(limit ?? 100, 1, 1000)).ToListAsync(ct);
        return TypedResults.Ok(new AppList(count, await ToDtosAsync(db, rows, ct)));
    }

    private static async Task<Results<Ok<AppDto>, ProblemHttpResult>> GetApp(HttpContext http, GovDb db, string slug, CancellationToken ct)
    {
        var caller = await ServiceApi.CallerAsync(http, db);
        var row = await Visible(db, caller, true).FirstOrDefaultAsync(a => a.Slug == slug, ct);
        return row is null ? ServiceApi.NotFound(http) : TypedResults.Ok((await ToDtosAsync(db, [row], ct))[0]);
    }

    private static Task<Results<Created<AppDto>, ValidationProblem, ProblemHttpResult>> CreateApp(
        HttpContext http, GovDb db, TimeProvider time, AppInput input, CancellationToken ct) =>
        ServiceApi.WriteAsync(http, db, time, async change =>
        {
            var row = await SaveAsync(change, null, input, ct);
            return TypedResults.Created("/api/apps/" + row.Slug, (await ToDtosAsync(db, [row], ct))[0]);
        });

    private static Task<Results<Ok<AppDto>, ValidationProblem, ProblemHttpResult>> UpdateApp(
        HttpContext http, GovDb db, TimeProvider time, string slug, AppInput input, CancellationToken ct) =>
        ServiceApi.WriteAsync(http, db, time, async change => TypedResults.Ok((await ToDtosAsync(db, [await SaveAsync(change, slug, input, ct)], ct))[0]));

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteApp(HttpContext http, GovDb db, TimeProvider time, string slug, CancellationToken ct) =>
        ServiceApi.StepAsync(http, db, time, async change =>
        {
            await DeleteAsync(change, slug, ct);
            return TypedResults.NoContent();
        });

    /// <summary>Deletes an app (it stays as a deleted row for the audit trail); its uploaded screenshots go once that has committed.</summary>
    public static async Task DeleteAsync(ServiceChange change, string slug, CancellationToken ct)
    {
        var row = await change.EditableAsync(Existing(change.Db, slug), ct);
        DropScreenshots(change, Screenshots(row));
        row.State = "deleted";
        row.ScreenshotsJson = "[]";
        row.Modified = change.Now;
        change.Audit(row.Id, "deleted app", new JsonObject { ["slug"] = row.Slug });
        change.Reindex(OneSearchIndex.App, row.Id);
        await change.SaveAsync(ct);
    }

    private static List<string> Screenshots(GovApp row) => JsonSerializer.Deserialize<List<string>>(row.ScreenshotsJson, JsonOptions) ?? [];

    /// <summary>
    /// Screenshots an app stops showing: once the change has committed, the files of those that were uploaded here go,
    /// unless another app shows the same file (an API client may list any site path).
    /// </summary>
    private static void DropScreenshots(ServiceChange change, IEnumerable<string> urls)
    {
        var keys = urls.Select(u => (Url: u, Key: KeyOf(u))).Where(x => x.Key is not null).ToList();
        if (keys.Count == 0)
        {
            return;
        }
        change.AfterCommit(async () =>
        {
            foreach (var (url, key) in keys)
            {
                var name = url[..url.LastIndexOf('.')] + ".";
                if (!await change.Db.Apps.AnyAsync(a => a.State != "deleted" && a.ScreenshotsJson.Contains(name), CancellationToken.None))
                {
                    await change.Files.DeleteAsync(key!, CancellationToken.None);
                }
            }
        });
    }

    /// <summary>An app that is not deleted, by its slug, for changing.</summary>
    public static IQueryable<GovApp> Existing(GovDb db, string slug) => db.Apps.Where(a => a.Slug == slug && a.State != "deleted");

    /// <summary>
    /// Creates an app (<paramref name="slug"/> null; the input names the agency) or changes the one at
    /// <paramref name="slug"/> (its agency stays; an empty input slug keeps the old one). Shared by the API and the edit page.
    /// </summary>
    public static async Task<GovApp> SaveAsync(ServiceChange change, string? slug, AppInput input, CancellationToken ct)
    {
        GovApp row;
        if (slug is null)
        {
            var agency = await change.AgencyAsync(input.Agency, ct);
            row = new GovApp { Slug = "", Name = "", OwnerOrgId = agency.Id, Created = change.Now };
        }
        else
        {
            row = await change.EditableAsync(Existing(change.Db, slug), ct);
            input = input with { Slug = string.IsNullOrEmpty(input.Slug) ? row.Slug : input.Slug };
        }
        change.Check(await ValidateAsync(change.Db, input, change.Lang, slug is null ? null : row.Id, ct));
        var before = Screenshots(row);
        Apply(row, input, change.Now);
        DropScreenshots(change, before.Except(Screenshots(row), StringComparer.Ordinal));
        if (slug is null)
        {
            change.Db.Apps.Add(row);
        }
        change.Audit(row.Id, slug is null ? "new app" : "changed app", new JsonObject { ["slug"] = row.Slug, ["version"] = row.Version });
        change.Reindex(OneSearchIndex.App, row.Id);
        await change.SaveAsync(ct);
        return row;
    }

    private static Task<Results<Created<AppDto>, ValidationProblem, ProblemHttpResult>> UploadScreenshot(
        HttpContext http, GovDb db, TimeProvider time, IFileStore files, string slug, IFormFile? file, CancellationToken ct) =>
        ServiceApi.WriteAsync(http, db, time, async change =>
        {
            var (row, url) = await AddScreenshotAsync(change, files, slug, file, ct);
            return TypedResults.Created(url, (await ToDtosAsync(db, [row], ct))[0]);
        });

    public const long MaxScreenshotBytes = 2 * 1024 * 1024;
    public const int MaxScreenshots = 10;
    public const string ScreenshotPath = "/api/apps/screenshots/";

    /// <summary>The image types a screenshot may be (<see cref="ImageFiles"/> extensions); the declared content type must agree.</summary>
    private static readonly string[] ScreenshotTypes = ["png", "jpg", "webp"];

    /// <summary>
    /// Adds an uploaded screenshot (PNG, JPEG or WebP, at most 2 MB, checked by content type and by its first bytes)
    /// to the app's list: stored in the file store under a generated name and served from <see cref="ScreenshotPath"/>.
    /// </summary>
    public static async Task<(GovApp App, string Url)> AddScreenshotAsync(ServiceChange change, IFileStore files, string slug, IFormFile? file, CancellationToken ct)
    {
        var row = await change.EditableAsync(Existing(change.Db, slug), ct);
        var shots = Screenshots(row);
        var url = await StoreScreenshotAsync(change, files, file, shots.Count, ct);
        shots.Add(url);
        row.ScreenshotsJson = JsonSerializer.Serialize(shots, JsonOptions);
        row.Modified = change.Now;
        change.Audit(row.Id, "changed app", new JsonObject { ["slug"] = row.Slug, ["screenshot"] = url });
        try
        {
            await change.SaveAsync(ct);
        }
        catch
        {
            await files.DeleteAsync(KeyOf(url)!, CancellationToken.None);
            throw;
        }
        return (row, url);
    }

    /// <summary>Checks and stores one image; returns the site path it is served from. Nothing is stored when it is refused.</summary>
    private static async Task<string> StoreScreenshotAsync(ServiceChange change, IFileStore files, IFormFile? file, int count, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            change.Check(new() { ["file"] = [change.Say("กรุณาเลือกไฟล์ภาพ", "Choose an image file.")] });
        }
        if (count >= MaxScreenshots)
        {
            change.Check(new() { ["file"] = [change.Say($"แอปหนึ่งมีภาพหน้าจอได้ไม่เกิน {MaxScreenshots} ภาพ", $"An app has at most {MaxScreenshots} screenshots.")] });
        }
        if (file!.Length > MaxScreenshotBytes)
        {
            throw change.Fail(413, "ภาพหน้าจอใหญ่เกิน 2 MB", "The screenshot is larger than 2 MB.");
        }
        var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var sniffed = ImageFiles.Sniff(buffer.GetBuffer().AsSpan(0, (int)Math.Min(buffer.Length, ImageFiles.HeadBytes)));
        var declared = file.ContentType.Split(';')[0].Trim().ToLowerInvariant();
        if (sniffed is null || !ScreenshotTypes.Contains(sniffed) || ImageFiles.ContentTypes[sniffed] != declared)
        {
            change.Check(new() { ["file"] = [change.Say("ภาพหน้าจอต้องเป็นไฟล์ PNG, JPEG หรือ WebP", "Screenshots must be PNG, JPEG or WebP images.")] });
        }
        var key = LocalFileStore.NewKey();
        buffer.Position = 0;
        await files.SaveAsync(key, buffer, ct);
        return ScreenshotPath + key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..] + "." + sniffed;
    }

    /// <summary>The file store key of an uploaded screenshot's site path, or null when the path is not one of ours.</summary>
    public static string? KeyOf(string url)
    {
        if (!url.StartsWith(ScreenshotPath, StringComparison.Ordinal))
        {
            return null;
        }
        var name = Path.GetFileNameWithoutExtension(url[ScreenshotPath.Length..]);
        return name.Length == 32 && name.All(char.IsAsciiHexDigitLower) ? name[..2] + "/" + name : null;
    }

    /// <summary>An uploaded screenshot, for whoever may see an app that shows it.</summary>
    private static async Task<IResult> DownloadScreenshot(HttpContext http, GovDb db, IFileStore files, string file, CancellationToken ct)
    {
        var url = ScreenshotPath + file;
        var type = ScreenshotTypes.FirstOrDefault(t => file.EndsWith("." + t, StringComparison.Ordinal));
        if (KeyOf(url) is not { } key || type is null)
        {
            return ServiceApi.NotFound(http);
        }
        var caller = await ServiceApi.CallerAsync(http, db);
        var quoted = "\"" + url + "\"";
        if (!await Visible(db, caller, true).AnyAsync(a => a.ScreenshotsJson.Contains(quoted), ct) || await files.OpenAsync(key, ct) is not { } stream)
        {
            return ServiceApi.NotFound(http);
        }
        http.Response.Headers.CacheControl = "public, max-age=86400";
        return TypedResults.File(stream, ImageFiles.ContentTypes[type]);
    }

    /// <summary>Approves or rejects a rating: the app's agency editors and the sysadmins. Shared by the API and the moderation page.</summary>
    public static async Task<AppRating> ModerateAsync(ServiceChange change, string slug, string ratingId, string state, CancellationToken ct)
    {
        var app = await change.EditableAsync(Existing(change.Db, slug).AsNoTracking(), ct);
        var rating = await change.Db.AppRatings.FirstOrDefaultAsync(r => r.Id == ratingId && r.AppId == app.Id, ct) ?? throw change.NotFound();
        rating.State = state;
        rating.ModeratedBy = change.Caller.User!.Id;
        rating.ModeratedAt = change.Now;
        change.Audit(app.Id, state == RatingStates.Approved ? "approved app rating" : "rejected app rating", new JsonObject { ["rating"] = rating.Id });
        await change.SaveAsync(ct);
        return rating;
    }

    /// <summary>Moderators see every rating (with <c>state=pending</c> to work the queue); everyone else sees approved ones.</summary>
    private static async Task<Results<Ok<List<RatingDto>>, ProblemHttpResult>> ListRatings(HttpContext http, GovDb db, string slug, string? state, CancellationToken ct)
    {
        var caller = await ServiceApi.CallerAsync(http, db);
        var app = await Visible(db, caller, true).FirstOrDefaultAsync(a => a.Slug == slug, ct);
        if (app is null)
        {
            return ServiceApi.NotFound(http);
        }
        var query = db.AppRatings.AsNoTracking().Where(r => r.AppId == app.Id);
        query = caller.CanEdit(app.OwnerOrgId)
            ? (string.IsNullOrEmpty(state) ? query : query.Where(r => r.State == state))
            : query.Where(r => r.State == RatingStates.Approved);
        var rows = await query.OrderByDescending(r => r.Created)
            .GroupJoin(db.Users, r => r.UserId, u => u.Id, (r, users) => new { r, users })
            .SelectMany(x => x.users.DefaultIfEmpty(), (x, u) => new RatingDto(x.r.Id, x.r.Stars, x.r.Comment, x.r.State, u != null ? u.Name : null, x.r.Created, x.r.ModeratedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(rows);
    }

    private static Task<Results<Accepted<RatingDto>, ValidationProblem, ProblemHttpResult>> RateApp(
        HttpContext http, GovDb db, TimeProvider time, string slug, RatingInput input, CancellationToken ct) =>
        ServiceApi.WriteAsync(http, db, time, async change =>
        {
            var rating = await RateAsync(change, slug, input, ct);
            return TypedResults.Accepted($"/api/apps/{slug}/ratings",
                new RatingDto(rating.Id, rating.Stars, rating.Comment, rating.State, change.Caller.User!.Name, rating.Created, null));
        });

    /// <summary>
    /// One rating per signed-in user and published app; rating again replaces it and puts it back in the moderation
    /// queue. Shared by the API and the app page.
    /// </summary>
    public static async Task<AppRating> RateAsync(ServiceChange change, string slug, RatingInput input, CancellationToken ct)
    {
        if (!change.Caller.SignedIn)
        {
            throw change.Denied();
        }
        var app = await Visible(change.Db, change.Caller, false).FirstOrDefaultAsync(a => a.Slug == slug, ct) ?? throw change.NotFound();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (input.Stars is < 1 or > 5)
        {
            errors.Add("stars", change.Say("คะแนนต้องเป็น 1 ถึง 5 ดาว", "The rating must be 1 to 5 stars."));
        }
        if ((input.Comment?.Length ?? 0) > 1000)
        {
            errors.Add("comment", change.Say("ความคิดเห็นยาวเกิน 1,000 ตัวอักษร", "The comment is longer than 1,000 characters."));
        }
        change.Check(errors);
        var userId = change.Caller.User!.Id;
        var rating = await change.Db.AppRatings.FirstOrDefaultAsync(r => r.AppId == app.Id && r.UserId == userId, ct);
        if (rating is null)
        {
            rating = new AppRating { AppId = app.Id, UserId = userId, Created = change.Now };
            change.Db.AppRatings.Add(rating);
        }
        rating.Stars = input.Stars;
        rating.Comment = input.Comment?.Trim() ?? "";
        rating.State = RatingStates.Pending;
        rating.ModeratedBy = null;
        rating.ModeratedAt = null;
        change.Audit(app.Id, "rated app", new JsonObject { ["rating"] = rating.Id, ["stars"] = rating.Stars });
        await change.SaveAsync(ct);
        return rating;
    }

    private static Task<Results<Ok<RatingDto>, ProblemHttpResult>> Moderate(
        HttpContext http, GovDb db, TimeProvider time, string slug, string ratingId, string state, CancellationToken ct) =>
        ServiceApi.StepAsync(http, db, time, async change =>
        {
            var rating = await ModerateAsync(change, slug, ratingId, state, ct);
            return TypedResults.Ok(new RatingDto(rating.Id, rating.Stars, rating.Comment, rating.State, null, rating.Created, rating.ModeratedAt));
        });

    private static void Apply(GovApp row, AppInput input, DateTime now)
    {
        var links = input.StoreLinks ?? [];
        row.Slug = input.Slug!;
        row.Name = input.Name!.Trim();
        row.NameEn = string.IsNullOrWhiteSpace(input.NameEn) ? null : input.NameEn.Trim();
        row.Description = input.Description?.Trim() ?? "";
        row.Category = input.Category!;
        row.StoreLinksJson = JsonSerializer.Serialize(links, JsonOptions);
        row.Platforms = ServiceApi.Codes(links.Select(l => l.Platform));
        row.ScreenshotsJson = JsonSerializer.Serialize(input.Screenshots ?? [], JsonOptions);
        row.Version = input.Version?.Trim() ?? "";
        row.State = input.State ?? "published";
        row.Modified = now;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static async Task<Dictionary<string, string[]>> ValidateAsync(GovDb db, AppInput input, string lang, string? selfId, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string Say(string th, string en) => ServiceApi.Say(lang, th, en);
        // The edit pages live beside the public pages (/apps/edit, /apps/ratings): those words are not slugs.
        if (input.Slug is null || !SlugPattern().IsMatch(input.Slug) || input.Slug is "edit" or "ratings" or "screenshots")
        {
            errors.Add("slug", Say("ชื่อ URL ต้องเป็นตัวอักษรภาษาอังกฤษพิมพ์เล็ก ตัวเลข หรือ - ยาว 2–100 ตัว", "The slug must be 2–100 lower-case letters, digits or hyphens."));
        }
        else if (await db.Apps.AnyAsync(a => a.Slug == input.Slug && a.Id != selfId, ct))
        {
            errors.Add("slug", Say("ชื่อ URL นี้ถูกใช้แล้ว", "That slug is already in use."));
        }
        if (string.IsNullOrWhiteSpace(input.Name))
        {
            errors.Add("name", Say("กรุณาระบุชื่อแอป", "The app name is required."));
        }
        if (input.Category is null || !Codes.Topics.ContainsKey(input.Category))
        {
            errors.Add("category", Say("ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: ", "Must be one of: ") + string.Join(", ", Codes.Topics.Keys));
        }
        var links = input.StoreLinks ?? [];
        if (links.Count == 0)
        {
            errors.Add("storeLinks", Say("กรุณาระบุลิงก์ดาวน์โหลดอย่างน้อยหนึ่งลิงก์", "At least one store link is required."));
        }
        for (var i = 0; i < links.Count; i++)
        {
            if (!Codes.Platforms.ContainsKey(links[i].Platform ?? ""))
            {
                errors.Add($"storeLinks[{i}].platform", Say("แพลตฟอร์มต้องเป็น ", "The platform must be one of: ") + string.Join(", ", Codes.Platforms.Keys));
            }
            if (!ServiceApi.IsHttpUrl(links[i].Url))
            {
                errors.Add($"storeLinks[{i}].url", Say("ลิงก์ต้องขึ้นต้นด้วย http:// หรือ https://", "Store links must be http:// or https:// URLs."));
            }
        }
        var shots = input.Screenshots ?? [];
        for (var i = 0; i < shots.Count; i++)
        {
            var shot = shots[i];
            var local = shot.StartsWith('/') && !shot.StartsWith("//", StringComparison.Ordinal);
            if (!local && !ServiceApi.IsHttpUrl(shot))
            {
                errors.Add($"screenshots[{i}]", Say("ภาพหน้าจอต้องเป็นลิงก์ http(s) หรือเส้นทางในเว็บไซต์", "Screenshots must be http(s) URLs or site paths."));
            }
        }
        if ((input.Version?.Length ?? 0) > 50)
        {
            errors.Add("version", Say("รุ่นยาวเกิน 50 ตัวอักษร", "The version is longer than 50 characters."));
        }
        if (input.State is not (null or "published" or "draft"))
        {
            errors.Add("state", Say("สถานะต้องเป็น published หรือ draft", "The state must be published or draft."));
        }
        return errors;
    }

    public static async Task<List<AppDto>> ToDtosAsync(GovDb db, List<GovApp> rows, CancellationToken ct)
    {
        var orgIds = rows.Select(r => r.OwnerOrgId).Distinct().ToList();
        var appIds = rows.Select(r => r.Id).ToList();
        var orgs = await db.Groups.AsNoTracking().Where(g => orgIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, ct);
        var ratings = await db.AppRatings.AsNoTracking().Where(r => appIds.Contains(r.AppId) && r.State == RatingStates.Approved)
            .GroupBy(r => r.AppId).Select(g => new { AppId = g.Key, Count = g.Count(), Sum = g.Sum(r => r.Stars) })
            .ToDictionaryAsync(x => x.AppId, ct);
        return rows.Select(r =>
        {
            var g = orgs[r.OwnerOrgId];
            var rating = ratings.TryGetValue(r.Id, out var x) ? new RatingSummary(Math.Round((double)x.Sum / x.Count, 2), x.Count) : new RatingSummary(null, 0);
            return new AppDto(r.Id, r.Slug, "/apps/" + r.Slug, r.Name, r.NameEn, r.Description, new AgencyRef(g.Id, g.Name, g.Title ?? g.Name),
                r.Category, ServiceApi.Split(r.Platforms), JsonSerializer.Deserialize<List<StoreLink>>(r.StoreLinksJson, JsonOptions) ?? [],
                JsonSerializer.Deserialize<List<string>>(r.ScreenshotsJson, JsonOptions) ?? [], r.Version, r.State, rating, r.Modified);
        }).ToList();
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,99}$")]
    private static partial Regex SlugPattern();
}
