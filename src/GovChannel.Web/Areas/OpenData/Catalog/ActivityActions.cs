using System.Globalization;
using System.Text.Json.Nodes;
using GovChannel.Web.Areas.Identity;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.OpenData.Catalog;

/// <summary>
/// Activity streams (ckanext-activity; reference/ckan.md §7.4). Two rules keep them from leaking:
/// <list type="bullet">
/// <item>An activity shows only to callers who may read its object now: a private or deleted dataset's activities only
/// to those who may read the dataset; a purged dataset's only to sysadmins.</item>
/// <item>ckan.auth.public_activity_stream_detail is false (CKAN's default): <c>data</c> is complete only for callers who
/// may update the object (dataset editors, group admins, the user themself, sysadmins). Everyone else gets CKAN's
/// reduced form, <c>{"package": {"title": …}}</c> — each object in data cut to its title.</item>
/// </list>
/// Activities by the site user (harvests, jobs) are hidden unless <c>include_hidden_activity</c>.
/// </summary>
public static class ActivityActions
{
    private const int DefaultLimit = 31;
    private const int MaxLimit = 100;

    public static void Register(ActionTable t)
    {
        t.Read("package_activity_list", PackageActivityList);
        t.Read("group_activity_list", ctx => GroupActivityList(ctx, organization: false));
        t.Read("organization_activity_list", ctx => GroupActivityList(ctx, organization: true));
        t.Read("user_activity_list", UserActivityList);
        t.Read("recently_changed_packages_activity_list", RecentlyChanged);
        t.Read("dashboard_activity_list", DashboardActivityList);
        t.Read("dashboard_new_activities_count", ctx =>
        {
            Authz.RequireLogin(ctx, "view the dashboard");
            // Followed objects and "seen" marks are not tracked yet, so nothing is ever new.
            return Task.FromResult<JsonNode?>(JsonValue.Create(0));
        });
        t.Write("dashboard_mark_activities_old", ctx =>
        {
            Authz.RequireLogin(ctx, "view the dashboard");
            return Task.FromResult<JsonNode?>(null);
        });
        t.Read("activity_show", ActivityShow);
        t.Read("activity_data_show", ActivityDataShow);
    }

    /// <summary>Per-request answers to "may the caller read / update this object", so a page of 100 costs few queries.</summary>
    private sealed class Gate(ActionContext ctx)
    {
        private readonly Dictionary<string, (bool Read, bool Update)> _cache = new(StringComparer.Ordinal);

        public async Task<(bool Read, bool Update)> CheckAsync(Activity a)
        {
            if (_cache.TryGetValue(a.ObjectId, out var known))
            {
                return known;
            }
            var ct = ctx.Http.RequestAborted;
            (bool, bool) result;
            if (a.ActivityType.EndsWith(" package", StringComparison.Ordinal))
            {
                var d = await ctx.Db.Datasets.SingleOrDefaultAsync(x => x.Id == a.ObjectId, ct);
                result = d is null ? (ctx.IsSysadmin, ctx.IsSysadmin) : (await Authz.CanReadDatasetAsync(ctx, d), await Authz.CanUpdateDatasetAsync(ctx, d));
            }
            else if (a.ActivityType.EndsWith(" group", StringComparison.Ordinal) || a.ActivityType.EndsWith(" organization", StringComparison.Ordinal))
            {
                var g = await ctx.Db.Groups.SingleOrDefaultAsync(x => x.Id == a.ObjectId, ct);
                var admin = await Authz.IsGroupAdminAsync(ctx, a.ObjectId);
                result = (g is null || g.State == "active" || admin || await Authz.CapacityInAsync(ctx, g.Id) is not null || ctx.IsSysadmin, admin);
            }
            else
            {
                // Users (and anything else): public, as CKAN's user streams are; detail for the user and sysadmins.
                result = (true, ctx.IsSysadmin || ctx.User?.Id == a.ObjectId);
            }
            _cache[a.ObjectId] = result;
            return result;
        }
    }

    public static JsonObject Dict(Activity a, bool includeData)
    {
        var data = PackageDict.ParseObject(a.DataJson);
        if (!includeData)
        {
            var reduced = new JsonObject();
            foreach (var (key, value) in data)
            {
                if (value is JsonObject o && o["title"] is { } title)
                {
                    reduced[key] = new JsonObject { ["title"] = title.DeepClone() };
                }
            }
            data = reduced;
        }
        return new JsonObject
        {
            ["activity_type"] = a.ActivityType,
            ["data"] = data,
            ["id"] = a.Id,
            ["object_id"] = a.ObjectId,
            ["timestamp"] = Clock.Iso(a.Timestamp),
            ["user_id"] = a.UserId,
        };
    }

    private static int Limit(ActionContext ctx)
    {
        var limit = ctx.Natural("limit", DefaultLimit);
        return limit == 0 ? DefaultLimit : Math.Min(limit, MaxLimit);
    }

    private static DateTime? Epoch(ActionContext ctx, string key)
    {
        var text = ctx.String(key);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            throw new ValidationError(key, "Invalid number");
        }
        return DateTime.UnixEpoch.AddSeconds(seconds);
    }

    /// <summary>The filters every list shares: types, hidden activity, after/before.</summary>
    private static async Task<(IQueryable<Activity> Query, bool Ascending)> FilterAsync(ActionContext ctx, IQueryable<Activity> q)
    {
        var types = ctx.List("activity_types");
        var excluded = ctx.List("exclude_activity_types");
        if (types is not null && excluded is not null)
        {
            throw new ValidationError("activity_types", "Cannot be used together with `exclude_activity_types");
        }
        if (types is not null)
        {
            q = q.Where(a => types.Contains(a.ActivityType));
        }
        if (excluded is not null)
        {
            q = q.Where(a => !excluded.Contains(a.ActivityType));
        }
        if (!ctx.Bool("include_hidden_activity"))
        {
            var siteId = ctx.Service<GovChannelSettings>().SiteId;
            var siteUser = await ctx.Db.Users.Where(u => u.Name == siteId && u.Sysadmin).Select(u => u.Id).FirstOrDefaultAsync(ctx.Http.RequestAborted);
            if (siteUser is not null)
            {
                q = q.Where(a => a.UserId != siteUser);
            }
        }
        var after = Epoch(ctx, "after");
        var before = Epoch(ctx, "before");
        if (after is { } a1)
        {
            q = q.Where(a => a.Timestamp > a1);
        }
        if (before is { } b1)
        {
            q = q.Where(a => a.Timestamp < b1);
        }
        // With only `after`, CKAN pages forward: the oldest activities after that time, returned newest first.
        return (q, after is not null && before is null);
    }

    /// <summary>
    /// Newest first, only what the caller may see, then offset and limit. Filtering happens after the query (permission
    /// depends on each object's current state), so rows are read in batches until the page is full.
    /// </summary>
    private static async Task<JsonArray> PageAsync(ActionContext ctx, IQueryable<Activity> query)
    {
        var (q, ascending) = await FilterAsync(ctx, query);
        var offset = ctx.Natural("offset", 0);
        var limit = Limit(ctx);
        var ordered = ascending ? q.OrderBy(a => a.Timestamp).ThenBy(a => a.Id) : q.OrderByDescending(a => a.Timestamp).ThenByDescending(a => a.Id);
        var gate = new Gate(ctx);
        var page = new List<JsonObject>();
        var skipped = 0;
        const int batch = 200;
        for (var start = 0; page.Count < limit; start += batch)
        {
            var rows = await ordered.Skip(start).Take(batch).ToListAsync(ctx.Http.RequestAborted);
            foreach (var a in rows)
            {
                var (read, update) = await gate.CheckAsync(a);
                if (!read)
                {
                    continue;
                }
                if (skipped < offset)
                {
                    skipped++;
                    continue;
                }
                page.Add(Dict(a, update));
                if (page.Count == limit)
                {
                    break;
                }
            }
            if (rows.Count < batch)
            {
                break;
            }
        }
        if (ascending)
        {
            page.Reverse();
        }
        return new JsonArray(page.Select(p => (JsonNode?)p).ToArray());
    }

    private static async Task<JsonNode?> PackageActivityList(ActionContext ctx)
    {
        var d = await PackageActions.ShowableAsync(ctx, ctx.Required("id"));
        return await PageAsync(ctx, ctx.Db.Activities.Where(a => a.ObjectId == d.Id));
    }

    /// <summary>The group's own activities and those of its datasets (an organisation's: the datasets it owns now).</summary>
    private static async Task<JsonNode?> GroupActivityList(ActionContext ctx, bool organization)
    {
        var g = await GroupActions.ShowableAsync(ctx, ctx.Required("id"), organization);
        var datasets = organization
            ? ctx.Db.Datasets.Where(d => d.OwnerOrg == g.Id).Select(d => d.Id)
            : ctx.Db.DatasetGroups.Where(x => x.GroupId == g.Id).Select(x => x.DatasetId);
        return await PageAsync(ctx, ctx.Db.Activities.Where(a => a.ObjectId == g.Id || datasets.Contains(a.ObjectId)));
    }

    /// <summary>What the user did, and what was done to the user's account.</summary>
    private static async Task<JsonNode?> UserActivityList(ActionContext ctx)
    {
        var u = await UserActions.FindAsync(ctx, ctx.Required("id")) ?? throw new NotFound("User not found");
        return await PageAsync(ctx, ctx.Db.Activities.Where(a => a.UserId == u.Id || a.ObjectId == u.Id));
    }

    private static async Task<JsonNode?> RecentlyChanged(ActionContext ctx) =>
        await PageAsync(ctx, ctx.Db.Activities.Where(a => EF.Functions.Like(a.ActivityType, "% package")));

    /// <summary>The caller's own stream (following is not implemented, so nothing else feeds the dashboard).</summary>
    private static async Task<JsonNode?> DashboardActivityList(ActionContext ctx)
    {
        Authz.RequireLogin(ctx, "view the dashboard");
        var me = ctx.User!.Id;
        return await PageAsync(ctx, ctx.Db.Activities.Where(a => a.UserId == me || a.ObjectId == me));
    }

    private static async Task<(Activity Activity, bool Update)> VisibleActivityAsync(ActionContext ctx)
    {
        var id = ctx.Required("id");
        var a = await ctx.Db.Activities.SingleOrDefaultAsync(x => x.Id == id, ctx.Http.RequestAborted) ?? throw new NotFound("Activity not found");
        var (read, update) = await new Gate(ctx).CheckAsync(a);
        if (!read)
        {
            throw new NotAuthorized($"User {ctx.User?.Name} not authorized to read activity {a.Id}");
        }
        return (a, update);
    }

    private static async Task<JsonNode?> ActivityShow(ActionContext ctx)
    {
        var (a, update) = await VisibleActivityAsync(ctx);
        return Dict(a, update && ctx.Bool("include_data", true));
    }

    /// <summary>The object as it was; detail, so only for those who may update the object.</summary>
    private static async Task<JsonNode?> ActivityDataShow(ActionContext ctx)
    {
        var (a, update) = await VisibleActivityAsync(ctx);
        if (!update)
        {
            throw new NotAuthorized($"User {ctx.User?.Name} not authorized to see the detail of activity {a.Id}");
        }
        var data = PackageDict.ParseObject(a.DataJson);
        var objectType = ctx.String("object_type");
        if (string.IsNullOrEmpty(objectType))
        {
            return data;
        }
        return data[objectType]?.DeepClone() ?? throw new NotFound($"Could not find object \"{objectType}\" in the activity");
    }
}
