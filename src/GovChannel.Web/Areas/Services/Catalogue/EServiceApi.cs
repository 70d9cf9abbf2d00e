using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.Search;
using GovChannel.Web.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Services.Catalogue;

public sealed record EServiceDto(
    string Id, string Slug, string Url, string Name, string? NameEn, string Description, AgencyRef Agency, string? ManualId,
    int Level, string Category, List<string> Channels, List<string> Audiences, List<string> LifeEvents, string Link,
    string LaunchedOn, int FiscalYear, string State, DateTime Modified);

public sealed record EServiceList(int Count, List<EServiceDto> Items);

public sealed record EServiceInput(
    string? Slug, string? Name, string? NameEn, string? Description, string? Agency, string? ManualId, int Level,
    string? Category, List<string>? Channels, List<string>? Audiences, List<string>? LifeEvents, string? Link,
    string? LaunchedOn, string? State);

/// <summary><c>/api/eservices</c>: the e-service catalogue, browsable by life event, agency, category, level and channel.</summary>
public static partial class EServiceApi
{
    public static void MapEServiceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/eservices").WithTags("E-services");
        api.MapGet("/", ListEServices);
        api.MapGet("/{slug}", GetEService);
        api.MapPost("/", CreateEService);
        api.MapPut("/{slug}", UpdateEService);
        api.MapDelete("/{slug}", DeleteEService);
    }

    /// <summary>The public sees published entries; <c>includeDrafts</c> adds the caller's agencies' drafts.</summary>
    public static IQueryable<EService> Visible(GovDb db, Caller? caller, bool includeDrafts)
    {
        var query = db.EServices.AsNoTracking();
        if (includeDrafts && caller is { SignedIn: true })
        {
            var orgs = caller.EditableOrgs;
            return orgs is null ? query.Where(s => s.State != "deleted") : query.Where(s => s.State == "published" || (s.State == "draft" && orgs.Contains(s.OwnerOrgId)));
        }
        return query.Where(s => s.State == "published");
    }

    private static async Task<Ok<EServiceList>> ListEServices(
        HttpContext http, GovDb db, string? agency, string? lifeEvent, string? category, int? level, string? channel,
        string? audience, bool? includeDrafts, int? offset, int? limit, CancellationToken ct)
    {
        var caller = await ServiceApi.CallerAsync(http, db);
        var query = Visible(db, caller, includeDrafts == true);
        if (!string.IsNullOrEmpty(agency))
        {
            var org = await ServiceApi.AgencyAsync(db, agency, ct);
            var orgId = org?.Id ?? "-";
            query = query.Where(s => s.OwnerOrgId == orgId);
        }
        query = Filter(query, lifeEvent, category, level, channel, audience);
        var count = await query.CountAsync(ct);
        var rows = await query.OrderBy(s => s.Name).Skip(Math.Max(0, offset ?? 0)).Take(Math.Clamp(limit ?? 100, 1, 1000)).ToListAsync(ct);
        return TypedResults.Ok(new EServiceList(count, await ToDtosAsync(db, rows, ct)));
    }

    public static IQueryable<EService> Filter(IQueryable<EService> query, string? lifeEvent, string? category, int? level, string? channel, string? audience)
    {
        if (!string.IsNullOrEmpty(lifeEvent))
        {
            var code = "|" + lifeEvent + "|";
            query = query.Where(s => s.LifeEvents.Contains(code));
        }
        if (!string.IsNullOrEmpty(category))
        {
            query = query.Where(s => s.Category == category);
        }
        if (level is { } l)
        {
            query = query.Where(s => s.Level == l);
        }
        if (!string.IsNullOrEmpty(channel))
        {
            var code = "|" + channel + "|";
            query = query.Where(s => s.Channels.Contains(code));
        }
        if (!string.IsNullOrEmpty(audience))
        {
            var code = "|" + audience + "|";
            query = query.Where(s => s.Audiences.Contains(code));
        }
        return query;
    }

    private static async Task<Results<Ok<EServiceDto>, ProblemHttpResult>> GetEService(HttpContext http, GovDb db, string slug, CancellationToken ct)
    {
        var caller = await ServiceApi.CallerAsync(http, db);
        var row = await Visible(db, caller, true).FirstOrDefaultAsync(s => s.Slug == slug, ct);
        return row is null ? ServiceApi.NotFound(http) : TypedResults.Ok((await ToDtosAsync(db, [row], ct))[0]);
    }

    private static Task<Results<Created<EServiceDto>, ValidationProblem, ProblemHttpResult>> CreateEService(
        HttpContext http, GovDb db, TimeProvider time, EServiceInput input, CancellationToken ct) =>
        ServiceApi.WriteAsync(http, db, time, async change =>
        {
            var row = await SaveAsync(change, null, input, ct);
            return TypedResults.Created("/api/eservices/" + row.Slug, (await ToDtosAsync(db, [row], ct))[0]);
        });

    private static Task<Results<Ok<EServiceDto>, ValidationProblem, ProblemHttpResult>> UpdateEService(
        HttpContext http, GovDb db, TimeProvider time, string slug, EServiceInput input, CancellationToken ct) =>
        ServiceApi.WriteAsync(http, db, time, async change => TypedResults.Ok((await ToDtosAsync(db, [await SaveAsync(change, slug, input, ct)], ct))[0]));

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteEService(HttpContext http, GovDb db, TimeProvider time, string slug, CancellationToken ct) =>
        ServiceApi.StepAsync(http, db, time, async change =>
        {
            await DeleteAsync(change, slug, ct);
            return TypedResults.NoContent();
        });

    /// <summary>Deletes an e-service (it stays as a deleted row for the audit trail). Shared by the API and the edit page.</summary>
    public static async Task DeleteAsync(ServiceChange change, string slug, CancellationToken ct)
    {
        var row = await change.EditableAsync(Existing(change.Db, slug), ct);
        row.State = "deleted";
        row.Modified = change.Now;
        change.Audit(row.Id, "deleted eservice", new JsonObject { ["slug"] = row.Slug });
        change.Reindex(OneSearchIndex.EService, row.Id);
        await change.SaveAsync(ct);
    }

    /// <summary>An entry that is not deleted, by its slug, for changing.</summary>
    public static IQueryable<EService> Existing(GovDb db, string slug) => db.EServices.Where(s => s.Slug == slug && s.State != "deleted");

    /// <summary>
    /// Creates an e-service (<paramref name="slug"/> null; the input names the agency) or changes the one at
    /// <paramref name="slug"/> (its agency stays; an empty input slug keeps the old one). Shared by the API and the edit page.
    /// </summary>
    public static async Task<EService> SaveAsync(ServiceChange change, string? slug, EServiceInput input, CancellationToken ct)
    {
        EService row;
        if (slug is null)
        {
            var agency = await change.AgencyAsync(input.Agency, ct);
            row = new EService { Slug = "", Name = "", OwnerOrgId = agency.Id, Url = "", Created = change.Now };
        }
        else
        {
            row = await change.EditableAsync(Existing(change.Db, slug), ct);
            input = input with { Slug = string.IsNullOrEmpty(input.Slug) ? row.Slug : input.Slug };
        }
        change.Check(await ValidateAsync(change.Db, input, change.Lang, slug is null ? null : row.Id, ct));
        Apply(row, input, change.Now);
        if (slug is null)
        {
            change.Db.EServices.Add(row);
        }
        change.Audit(row.Id, slug is null ? "new eservice" : "changed eservice", new JsonObject { ["slug"] = row.Slug, ["level"] = row.Level });
        change.Reindex(OneSearchIndex.EService, row.Id);
        await change.SaveAsync(ct);
        return row;
    }

    private static void Apply(EService row, EServiceInput input, DateTime now)
    {
        row.Slug = input.Slug!;
        row.Name = input.Name!.Trim();
        row.NameEn = string.IsNullOrWhiteSpace(input.NameEn) ? null : input.NameEn.Trim();
        row.Description = input.Description?.Trim() ?? "";
        row.ManualId = string.IsNullOrEmpty(input.ManualId) ? null : input.ManualId;
        row.Level = input.Level;
        row.Category = input.Category!;
        row.Channels = ServiceApi.Codes(input.Channels);
        row.Audiences = ServiceApi.Codes(input.Audiences);
        row.LifeEvents = ServiceApi.Codes(input.LifeEvents);
        row.Url = input.Link!;
        row.LaunchedOn = DateOnly.ParseExact(input.LaunchedOn!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        row.State = input.State ?? "published";
        row.Modified = now;
    }

    private static async Task<Dictionary<string, string[]>> ValidateAsync(GovDb db, EServiceInput input, string lang, string? selfId, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string Say(string th, string en) => ServiceApi.Say(lang, th, en);
        void Codes(IEnumerable<string>? values, Dictionary<string, Services.Codes.Label> list, string key, bool required)
        {
            var given = values?.ToList() ?? [];
            if (required && given.Count == 0)
            {
                errors.Add(key, Say("กรุณาเลือกอย่างน้อยหนึ่งรายการ", "Choose at least one."));
            }
            if (given.Any(v => !list.ContainsKey(v)))
            {
                errors.Add(key, Say("ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: ", "Must be among: ") + string.Join(", ", list.Keys));
            }
        }
        // The edit pages live beside the public pages (/apps/edit, /apps/ratings): those words are not slugs.
        if (input.Slug is null || !SlugPattern().IsMatch(input.Slug) || input.Slug is "edit")
        {
            errors.Add("slug", Say("ชื่อ URL ต้องเป็นตัวอักษรภาษาอังกฤษพิมพ์เล็ก ตัวเลข หรือ - ยาว 2–100 ตัว", "The slug must be 2–100 lower-case letters, digits or hyphens."));
        }
        else if (await db.EServices.AnyAsync(s => s.Slug == input.Slug && s.Id != selfId, ct))
        {
            errors.Add("slug", Say("ชื่อ URL นี้ถูกใช้แล้ว", "That slug is already in use."));
        }
        if (string.IsNullOrWhiteSpace(input.Name))
        {
            errors.Add("name", Say("กรุณาระบุชื่อบริการ", "The service name is required."));
        }
        if (input.Level is < 1 or > 4)
        {
            errors.Add("level", Say("ระดับต้องเป็น 1 (ข้อมูล) 2 (ปฏิสัมพันธ์) 3 (ธุรกรรม) หรือ 4 (เชื่อมโยง)", "The level must be 1 (information), 2 (interaction), 3 (transaction) or 4 (connected)."));
        }
        if (input.Category is null || !Services.Codes.Topics.ContainsKey(input.Category))
        {
            errors.Add("category", Say("ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: ", "Must be one of: ") + string.Join(", ", Services.Codes.Topics.Keys));
        }
        Codes(input.Channels, Services.Codes.Channels, "channels", required: true);
        Codes(input.Audiences, Services.Codes.Audiences, "audiences", required: true);
        Codes(input.LifeEvents, Services.Codes.LifeEvents, "lifeEvents", required: false);
        if (!ServiceApi.IsHttpUrl(input.Link))
        {
            errors.Add("link", Say("ลิงก์ต้องขึ้นต้นด้วย http:// หรือ https://", "The link must be an http:// or https:// URL."));
        }
        if (input.LaunchedOn is null || !DateOnly.TryParseExact(input.LaunchedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add("launchedOn", Say("วันที่เปิดให้บริการต้องอยู่ในรูปแบบ ค.ศ. YYYY-MM-DD", "The launch date must be a Gregorian YYYY-MM-DD date."));
        }
        if (input.State is not (null or "published" or "draft"))
        {
            errors.Add("state", Say("สถานะต้องเป็น published หรือ draft", "The state must be published or draft."));
        }
        if (!string.IsNullOrEmpty(input.ManualId) && !await db.CitizenManuals.AnyAsync(m => m.Id == input.ManualId, ct))
        {
            errors.Add("manualId", Say("ไม่พบคู่มือสำหรับประชาชนนี้", "No such citizen manual."));
        }
        return errors;
    }

    public static async Task<List<EServiceDto>> ToDtosAsync(GovDb db, List<EService> rows, CancellationToken ct)
    {
        var orgIds = rows.Select(r => r.OwnerOrgId).Distinct().ToList();
        var orgs = await db.Groups.AsNoTracking().Where(g => orgIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, ct);
        return rows.Select(r =>
        {
            var g = orgs[r.OwnerOrgId];
            return new EServiceDto(r.Id, r.Slug, "/eservices/" + r.Slug, r.Name, r.NameEn, r.Description,
                new AgencyRef(g.Id, g.Name, g.Title ?? g.Name), r.ManualId, r.Level, r.Category, ServiceApi.Split(r.Channels),
                ServiceApi.Split(r.Audiences), ServiceApi.Split(r.LifeEvents), r.Url,
                r.LaunchedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Thai.ThaiFiscalYear.Of(r.LaunchedOn).BuddhistYear,
                r.State, r.Modified);
        }).ToList();
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,99}$")]
    private static partial Regex SlugPattern();
}
