using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.OpenData.Search;
using GovChannel.Web.Areas.Search;
using GovChannel.Web.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Services.News;

public sealed record NewsDto(string Id, string Url, string Kind, string Title, string Summary, string Body, AgencyRef? Agency, DateTime PublishedAt);

public sealed record NewsInput(string? Title, string? Summary, string? Body, string? Agency);

/// <summary><c>/api/news</c>: the public reads published announcements; agency editors (or a sysadmin) post them.</summary>
public static class NewsApi
{
    public static void MapNewsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/news").WithTags("News");
        api.MapGet("/", ListNews);
        api.MapGet("/{id}", GetNews);
        api.MapPost("/", CreateNews);
    }

    public static IQueryable<NewsItem> Published(GovDb db, DateTime now) =>
        db.News.AsNoTracking().Where(n => n.State == "published" && n.PublishedAt <= now);

    /// <summary><c>kind</c>: <c>news</c> or <c>publication</c> (the portal's two kinds); both when absent.</summary>
    private static async Task<Ok<List<NewsDto>>> ListNews(GovDb db, TimeProvider time, string? kind, int? limit, CancellationToken ct)
    {
        var rows = await Published(db, Clock.Now(time)).Where(n => kind == null || n.Kind == kind).OrderByDescending(n => n.PublishedAt).Take(Math.Clamp(limit ?? 20, 1, 200)).ToListAsync(ct);
        return TypedResults.Ok(await ToDtosAsync(db, rows, ct));
    }

    private static async Task<Results<Ok<NewsDto>, ProblemHttpResult>> GetNews(HttpContext http, GovDb db, TimeProvider time, string id, CancellationToken ct)
    {
        var row = await Published(db, Clock.Now(time)).FirstOrDefaultAsync(n => n.Id == id, ct);
        return row is null ? ServiceApi.NotFound(http) : TypedResults.Ok((await ToDtosAsync(db, [row], ct))[0]);
    }

    private static async Task<Results<Created<NewsDto>, ValidationProblem, ProblemHttpResult>> CreateNews(
        HttpContext http, GovDb db, TimeProvider time, SearchIndex index, NewsInput input, CancellationToken ct)
    {
        var caller = await ServiceApi.CallerAsync(http, db);
        var lang = ServiceApi.Lang(http);
        var agency = await ServiceApi.AgencyAsync(db, input.Agency, ct);
        if (!caller.SignedIn || (agency is null ? !caller.IsSysadmin : !caller.CanEdit(agency.Id)))
        {
            return ServiceApi.Denied(http, caller);
        }
        if (string.IsNullOrWhiteSpace(input.Title))
        {
            return ServiceApi.Invalid(http, new() { ["title"] = [ServiceApi.Say(lang, "กรุณาระบุหัวข้อข่าว", "The title is required.")] });
        }
        var now = Clock.Now(time);
        var row = new NewsItem
        {
            Title = input.Title.Trim(), Summary = input.Summary?.Trim() ?? "", Body = input.Body?.Trim() ?? "",
            OwnerOrgId = agency?.Id, PublishedAt = now, Created = now,
        };
        db.News.Add(row);
        ServiceApi.Audit(db, now, caller, row.Id, "new news", new JsonObject { ["title"] = row.Title });
        OneSearchIndex.Reindex(db, OneSearchIndex.News, row.Id, now);
        await db.SaveChangesAsync(ct);
        await index.CatchUpAsync(ct);
        return TypedResults.Created("/api/news/" + row.Id, (await ToDtosAsync(db, [row], ct))[0]);
    }

    public static async Task<List<NewsDto>> ToDtosAsync(GovDb db, List<NewsItem> rows, CancellationToken ct)
    {
        var orgIds = rows.Where(r => r.OwnerOrgId != null).Select(r => r.OwnerOrgId!).Distinct().ToList();
        var orgs = await db.Groups.AsNoTracking().Where(g => orgIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, ct);
        return rows.Select(r => new NewsDto(r.Id, "/news/" + r.Id, r.Kind, r.Title, r.Summary, r.Body,
            r.OwnerOrgId is not null && orgs.TryGetValue(r.OwnerOrgId, out var g) ? new AgencyRef(g.Id, g.Name, g.Title ?? g.Name) : null,
            r.PublishedAt)).ToList();
    }
}
