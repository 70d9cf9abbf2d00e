using GovChannel.Web.Areas.OpenData.Ckan;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.OpenData.Catalog;

/// <summary>
/// Who may do what, as CKAN's authz.py decides it. Roles: admin = admin + membership; editor = read, create, update and
/// delete datasets; member = read. Every query that lists datasets uses <see cref="ReadableFilter"/> so that a count, a
/// facet or a feed never reveals a dataset the caller may not read.
/// </summary>
public static class Authz
{
    public static async Task<Dictionary<string, string>> CapacitiesAsync(ActionContext ctx)
    {
        if (ctx.Capacities is { } cached)
        {
            return cached;
        }
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ctx.User is { } user)
        {
            var rows = await ctx.Db.Memberships.Where(m => m.UserId == user.Id)
                .Select(m => new { m.GroupId, m.Capacity }).ToListAsync(ctx.Http.RequestAborted);
            foreach (var row in rows)
            {
                result[row.GroupId] = row.Capacity;
            }
            // ckan.auth.roles_that_cascade_to_sub_groups = admin: an admin of a parent organisation administers its children.
            var adminOf = rows.Where(r => r.Capacity == "admin").Select(r => r.GroupId).ToList();
            while (adminOf.Count > 0)
            {
                var children = await ctx.Db.Groups.Where(g => g.ParentId != null && adminOf.Contains(g.ParentId))
                    .Select(g => g.Id).ToListAsync(ctx.Http.RequestAborted);
                adminOf = children.Where(c => !result.ContainsKey(c) || result[c] != "admin").ToList();
                foreach (var child in adminOf)
                {
                    result[child] = "admin";
                }
            }
        }
        ctx.Capacities = result;
        return result;
    }

    public static async Task<string?> CapacityInAsync(ActionContext ctx, string? groupId) =>
        groupId is not null && (await CapacitiesAsync(ctx)).TryGetValue(groupId, out var c) ? c : null;

    private static async Task<string?> CollaboratorCapacityAsync(ActionContext ctx, string datasetId)
    {
        if (ctx.User is null)
        {
            return null;
        }
        return await ctx.Db.Collaborators.Where(c => c.DatasetId == datasetId && c.UserId == ctx.User.Id)
            .Select(c => c.Capacity).FirstOrDefaultAsync(ctx.Http.RequestAborted);
    }

    public static async Task<bool> CanUpdateDatasetAsync(ActionContext ctx, Dataset d)
    {
        if (ctx.IsSysadmin)
        {
            return true;
        }
        if (ctx.User is null)
        {
            return false;
        }
        if (d.OwnerOrg is null && d.CreatorUserId == ctx.User.Id)
        {
            return true;
        }
        if (await CapacityInAsync(ctx, d.OwnerOrg) is "admin" or "editor")
        {
            return true;
        }
        return await CollaboratorCapacityAsync(ctx, d.Id) is "admin" or "editor";
    }

    public static async Task<bool> CanReadDatasetAsync(ActionContext ctx, Dataset d)
    {
        if (ctx.IsSysadmin)
        {
            return true;
        }
        if (d.State == "deleted")
        {
            return await CanUpdateDatasetAsync(ctx, d);
        }
        if (d.State == "draft")
        {
            return ctx.User is not null && (d.CreatorUserId == ctx.User.Id || await CanUpdateDatasetAsync(ctx, d));
        }
        if (!d.Private)
        {
            return true;
        }
        if (ctx.User is null)
        {
            return false;
        }
        return await CapacityInAsync(ctx, d.OwnerOrg) is not null || await CollaboratorCapacityAsync(ctx, d.Id) is not null;
    }

    public static async Task RequireReadAsync(ActionContext ctx, Dataset d)
    {
        if (!await CanReadDatasetAsync(ctx, d))
        {
            throw new NotAuthorized($"User {ctx.User?.Name} not authorized to read package {d.Id}");
        }
    }

    public static async Task RequireUpdateAsync(ActionContext ctx, Dataset d)
    {
        if (!await CanUpdateDatasetAsync(ctx, d))
        {
            throw new NotAuthorized($"User {ctx.User?.Name} not authorized to edit package {d.Id}");
        }
    }

    public static async Task<bool> CanCreateInOrgAsync(ActionContext ctx, string orgId) =>
        ctx.IsSysadmin || await CapacityInAsync(ctx, orgId) is "admin" or "editor";

    public static async Task<bool> IsGroupAdminAsync(ActionContext ctx, string groupId) =>
        ctx.IsSysadmin || await CapacityInAsync(ctx, groupId) == "admin";

    public static void RequireSysadmin(ActionContext ctx, string what)
    {
        if (!ctx.IsSysadmin)
        {
            throw new NotAuthorized($"User {ctx.User?.Name} not authorized to {what}");
        }
    }

    public static void RequireLogin(ActionContext ctx, string what)
    {
        if (ctx.User is null)
        {
            throw new NotAuthorized($"User  not authorized to {what}");
        }
    }

    /// <summary>
    /// CKAN's permission labels: a dataset carries <c>public</c> when active and public, otherwise
    /// <c>member-&lt;org&gt;</c> (or <c>creator-&lt;user&gt;</c> without an organisation) plus <c>collaborator-&lt;id&gt;</c>.
    /// </summary>
    public static IEnumerable<string> DatasetLabels(Dataset d, IEnumerable<string> collaboratorIds)
    {
        if (d.State == "active" && !d.Private)
        {
            yield return "public";
            yield break;
        }
        yield return d.OwnerOrg is not null ? "member-" + d.OwnerOrg : "creator-" + d.CreatorUserId;
        if (d.State != "draft")
        {
            foreach (var _ in collaboratorIds)
            {
                yield return "collaborator-" + d.Id;
                break;
            }
        }
    }

    /// <summary>The labels a caller holds; null means every dataset (a sysadmin).</summary>
    public static async Task<List<string>?> UserLabelsAsync(ActionContext ctx)
    {
        if (ctx.IsSysadmin)
        {
            return null;
        }
        var labels = new List<string> { "public" };
        if (ctx.User is { } user)
        {
            labels.Add("creator-" + user.Id);
            foreach (var (groupId, _) in await CapacitiesAsync(ctx))
            {
                labels.Add("member-" + groupId);
            }
            var collaborations = await ctx.Db.Collaborators.Where(c => c.UserId == user.Id).Select(c => c.DatasetId)
                .ToListAsync(ctx.Http.RequestAborted);
            labels.AddRange(collaborations.Select(id => "collaborator-" + id));
        }
        return labels;
    }

    /// <summary>The database-side twin of the search filter, for lists served from the database (package_list, org pages).</summary>
    public static IQueryable<Dataset> PublicActive(this IQueryable<Dataset> datasets) =>
        datasets.Where(d => d.State == "active" && !d.Private);
}
