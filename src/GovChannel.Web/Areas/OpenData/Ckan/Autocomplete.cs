using System.Globalization;
using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Search;
using GovChannel.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.OpenData.Ckan;

/// <summary>
/// The legacy <c>/api/2/util/*/autocomplete</c> routes the CKAN web front end calls (reference/ckan.md §2.1), also
/// served without the <c>/2</c>. Dataset, tag and format suggestions come from the search index with the caller's
/// permission filters, so a private dataset's name, tag or format is never suggested to someone who may not read it.
/// </summary>
public static class Autocomplete
{
    public static void MapAutocomplete(WebApplication app)
    {
        foreach (var prefix in new[] { "/api/2/util", "/api/util" })
        {
            app.MapGet(prefix + "/dataset/autocomplete", (Delegate)DatasetAsync);
            app.MapGet(prefix + "/tag/autocomplete", (Delegate)TagAsync);
            app.MapGet(prefix + "/resource/format_autocomplete", (Delegate)FormatAsync);
            app.MapGet(prefix + "/user/autocomplete", (Delegate)UserAsync);
            app.MapGet(prefix + "/group/autocomplete", (Delegate)((HttpContext http) => GroupAsync(http, organization: false)));
            app.MapGet(prefix + "/organization/autocomplete", (Delegate)((HttpContext http) => GroupAsync(http, organization: true)));
        }
    }

    private static async Task<IResult> DatasetAsync(HttpContext http)
    {
        var ctx = await ContextAsync(http);
        var result = await SearchActions.PackageAutocompleteAsync(ctx, Query(http, "incomplete"), Limit(http, 10));
        return Json(ResultSet(result));
    }

    private static async Task<IResult> TagAsync(HttpContext http)
    {
        var ctx = await ContextAsync(http);
        var q = Query(http, "incomplete");
        var limit = Limit(http, 10);
        List<string> tags;
        if (http.Request.Query["vocabulary_id"].ToString() is { Length: > 0 } vocabulary)
        {
            // Vocabulary tags are not in the index; they are controlled lists, not user content.
            var vocabularyId = await ctx.Db.Vocabularies.Where(v => v.Id == vocabulary || v.Name == vocabulary).Select(v => v.Id).FirstOrDefaultAsync(http.RequestAborted);
            var folded = TextAnalysis.Fold(q);
            tags = (await ctx.Db.Tags.Where(t => t.VocabularyId != null && t.VocabularyId == vocabularyId).Select(t => t.Name).ToListAsync(http.RequestAborted))
                .Where(t => TextAnalysis.Fold(t).Contains(folded, StringComparison.Ordinal)).Order(StringComparer.Ordinal).Take(limit).ToList();
        }
        else
        {
            tags = q.Trim().Length == 0 ? [] : await SearchActions.ValuesContainingAsync(ctx, "tags", q, limit);
        }
        return Json(ResultSet(new JsonArray([.. tags.Select(t => (JsonNode)new JsonObject { ["Name"] = t })])));
    }

    private static async Task<IResult> FormatAsync(HttpContext http)
    {
        var ctx = await ContextAsync(http);
        var q = Query(http, "incomplete");
        var formats = q.Trim().Length == 0 ? [] : await SearchActions.ValuesContainingAsync(ctx, "res_format", q, Limit(http, 5));
        return Json(ResultSet(new JsonArray([.. formats.Select(f => (JsonNode)new JsonObject { ["Format"] = f })])));
    }

    private static async Task<IResult> UserAsync(HttpContext http)
    {
        var ctx = await ContextAsync(http);
        var pattern = LikePattern(Query(http, "q"));
        // LOWER() in SQL: the culture of this process plays no part.
#pragma warning disable CA1304, CA1311
        var users = await ctx.Db.Users.Where(u => u.State == "active" &&
                (EF.Functions.Like(u.Name.ToLower(), pattern, "\\") || (u.FullName != null && EF.Functions.Like(u.FullName.ToLower(), pattern, "\\"))))
            .OrderBy(u => u.Name).Take(Limit(http, 20))
            .Select(u => new { u.Id, u.Name, u.FullName }).ToListAsync(http.RequestAborted);
#pragma warning restore CA1304, CA1311
        return Json(new JsonArray([.. users.Select(u => (JsonNode)new JsonObject { ["id"] = u.Id, ["name"] = u.Name, ["fullname"] = u.FullName })]));
    }

    private static async Task<IResult> GroupAsync(HttpContext http, bool organization)
    {
        var ctx = await ContextAsync(http);
        var pattern = LikePattern(Query(http, "q"));
#pragma warning disable CA1304, CA1311
        var groups = await ctx.Db.Groups.Where(g => g.State == "active" && g.IsOrganization == organization &&
                (EF.Functions.Like(g.Name.ToLower(), pattern, "\\") || (g.Title != null && EF.Functions.Like(g.Title.ToLower(), pattern, "\\"))))
            .OrderBy(g => g.Title).ThenBy(g => g.Name).Take(Limit(http, 20))
            .Select(g => new { g.Id, g.Name, g.Title }).ToListAsync(http.RequestAborted);
#pragma warning restore CA1304, CA1311
        return Json(new JsonArray([.. groups.Select(g => (JsonNode)new JsonObject { ["id"] = g.Id, ["name"] = g.Name, ["title"] = g.Title })]));
    }

    private static async Task<ActionContext> ContextAsync(HttpContext http)
    {
        var db = http.RequestServices.GetRequiredService<GovDb>();
        return new ActionContext(http, db, await CkanApi.CurrentUserAsync(http, db), [], "autocomplete");
    }

    private static string Query(HttpContext http, string key) =>
        http.Request.Query[key].ToString() is { Length: > 0 } v ? v : http.Request.Query["q"].ToString();

    private static int Limit(HttpContext http, int fallback) =>
        int.TryParse(http.Request.Query["limit"].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? Math.Min(n, 1000)
            : fallback;

    private static string LikePattern(string q) =>
        "%" + q.Trim().ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";

    private static JsonObject ResultSet(JsonArray result) => new() { ["ResultSet"] = new JsonObject { ["Result"] = result } };

    private static IResult Json(JsonNode node) => Results.Text(node.ToJsonString(CkanJson.Options), "application/json;charset=utf-8");
}
