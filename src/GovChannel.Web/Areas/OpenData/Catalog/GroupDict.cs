using System.Text.Json.Nodes;
using GovChannel.Web.Areas.Identity;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.OpenData.Catalog;

/// <summary>
/// Organisation and group dicts as group_show and group_list return them (reference/ckan.md §4.3), and the dataset
/// counts behind <c>package_count</c>, which must never count a dataset the caller may not read.
/// </summary>
public static class GroupDict
{
    /// <summary>Find a group or organisation by id or name (any state), of the wanted kind; null otherwise.</summary>
    public static async Task<Group?> FindAsync(GovDb db, string idOrName, bool? organization, CancellationToken ct)
    {
        var g = await db.Groups.SingleOrDefaultAsync(x => x.Id == idOrName, ct)
            ?? await db.Groups.SingleOrDefaultAsync(x => x.Name == idOrName, ct);
        return g is null || (organization is { } org && g.IsOrganization != org) ? null : g;
    }

    /// <summary>
    /// Active datasets the caller may read: everything for a sysadmin; otherwise public ones, plus private ones of the
    /// caller's organisations and those the caller collaborates on. Drafts never count (package_search hides them).
    /// </summary>
    public static async Task<IQueryable<Dataset>> VisibleAsync(ActionContext ctx)
    {
        var active = ctx.Db.Datasets.Where(d => d.State == "active");
        if (ctx.IsSysadmin)
        {
            return active;
        }
        if (ctx.User is not { } user)
        {
            return active.Where(d => !d.Private);
        }
        var orgs = (await Authz.CapacitiesAsync(ctx)).Keys.ToList();
        var collaborations = await ctx.Db.Collaborators.Where(c => c.UserId == user.Id).Select(c => c.DatasetId).ToListAsync(ctx.Http.RequestAborted);
        return active.Where(d => !d.Private || (d.OwnerOrg != null && orgs.Contains(d.OwnerOrg)) || collaborations.Contains(d.Id));
    }

    /// <summary>
    /// The datasets an organisation or group page lists. CKAN asks search with <c>include_private</c> only for
    /// organisations, so a group never shows (or counts) a private dataset, not even to a sysadmin (acceptance case 42).
    /// </summary>
    public static async Task<IQueryable<Dataset>> DatasetsOfAsync(ActionContext ctx, Group g)
    {
        if (g.IsOrganization)
        {
            return (await VisibleAsync(ctx)).Where(d => d.OwnerOrg == g.Id);
        }
        var inGroup = ctx.Db.DatasetGroups.Where(x => x.GroupId == g.Id).Select(x => x.DatasetId);
        return ctx.Db.Datasets.PublicActive().Where(d => inGroup.Contains(d.Id));
    }

    /// <summary>package_count for many groups in two queries (one for organisations, one for groups).</summary>
    public static async Task<Dictionary<string, int>> CountsAsync(ActionContext ctx, IReadOnlyCollection<Group> groups)
    {
        var ct = ctx.Http.RequestAborted;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var orgIds = groups.Where(g => g.IsOrganization).Select(g => g.Id).ToList();
        if (orgIds.Count > 0)
        {
            var visible = await VisibleAsync(ctx);
            var rows = await visible.Where(d => d.OwnerOrg != null && orgIds.Contains(d.OwnerOrg))
                .GroupBy(d => d.OwnerOrg).Select(x => new { Id = x.Key!, Count = x.Count() }).ToListAsync(ct);
            foreach (var row in rows)
            {
                counts[row.Id] = row.Count;
            }
        }
        var groupIds = groups.Where(g => !g.IsOrganization).Select(g => g.Id).ToList();
        if (groupIds.Count > 0)
        {
            var rows = await (from dg in ctx.Db.DatasetGroups
                              join d in ctx.Db.Datasets.PublicActive() on dg.DatasetId equals d.Id
                              where groupIds.Contains(dg.GroupId)
                              group dg by dg.GroupId into x
                              select new { Id = x.Key, Count = x.Count() }).ToListAsync(ct);
            foreach (var row in rows)
            {
                counts[row.Id] = row.Count;
            }
        }
        return counts;
    }

    /// <summary>The dict of group_list all_fields=true: no extras, users, groups, packages or tags.</summary>
    public static JsonObject Basic(Group g, int? packageCount, string siteUrl)
    {
        var dict = new JsonObject
        {
            ["approval_status"] = g.ApprovalStatus,
            ["created"] = Clock.Iso(g.Created),
            ["description"] = g.Description ?? "",
            ["display_name"] = g.Title is { Length: > 0 } t ? t : g.Name,
            ["id"] = g.Id,
            ["image_display_url"] = ImageDisplayUrl(g.ImageUrl, siteUrl),
            ["image_url"] = g.ImageUrl ?? "",
            ["is_organization"] = g.IsOrganization,
            ["name"] = g.Name,
            ["num_followers"] = 0,
            ["state"] = g.State,
            ["title"] = g.Title ?? "",
            ["type"] = g.Type,
        };
        if (packageCount is { } count)
        {
            dict["package_count"] = count;
        }
        return dict;
    }

    /// <summary>An uploaded image is stored by file name; CKAN serves it under /uploads/group/.</summary>
    public static string ImageDisplayUrl(string? imageUrl, string siteUrl) => imageUrl switch
    {
        null or "" => "",
        var u when u.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || u.StartsWith("https://", StringComparison.OrdinalIgnoreCase) => u,
        var u when u.StartsWith('/') => siteUrl + u,
        var u => siteUrl + "/uploads/group/" + u,
    };

    public static JsonArray Extras(Group g) => PackageDict.ParseArray(g.ExtrasJson);

    /// <summary>Members with their role, as group_show's <c>users</c> list.</summary>
    public static async Task<JsonArray> UsersAsync(ActionContext ctx, Group g)
    {
        var rows = await (from m in ctx.Db.Memberships
                          join u in ctx.Db.Users on m.UserId equals u.Id
                          where m.GroupId == g.Id && u.State != "deleted"
                          orderby u.Name
                          select new { User = u, m.Capacity }).ToListAsync(ctx.Http.RequestAborted);
        var siteUrl = SiteUrl(ctx);
        var result = new JsonArray();
        foreach (var row in rows)
        {
            var dict = UserDict.Build(row.User, null, includeEmail: ctx.IsSysadmin || ctx.User?.Id == row.User.Id, siteUrl);
            dict["capacity"] = row.Capacity;
            result.Add(dict);
        }
        return result;
    }

    /// <summary>The parent (ckanext-hierarchy), as group_show's <c>groups</c> list.</summary>
    public static async Task<JsonArray> ParentsAsync(ActionContext ctx, Group g)
    {
        if (g.ParentId is null)
        {
            return [];
        }
        var parent = await ctx.Db.Groups.SingleOrDefaultAsync(p => p.Id == g.ParentId && p.State == "active", ctx.Http.RequestAborted);
        if (parent is null)
        {
            return [];
        }
        var dict = Basic(parent, null, SiteUrl(ctx));
        dict["capacity"] = "public";
        return [dict];
    }

    /// <summary>group_show / organization_show.</summary>
    public static async Task<JsonObject> ShowAsync(ActionContext ctx, Group g, bool includeDatasets, bool includeUsers = true,
        bool includeExtras = true, bool includeGroups = true, bool includeCount = true)
    {
        var siteUrl = SiteUrl(ctx);
        var datasets = await DatasetsOfAsync(ctx, g);
        var dict = Basic(g, includeCount ? await datasets.CountAsync(ctx.Http.RequestAborted) : null, siteUrl);
        if (includeExtras)
        {
            dict["extras"] = Extras(g);
        }
        if (includeUsers)
        {
            dict["users"] = await UsersAsync(ctx, g);
        }
        if (includeGroups)
        {
            dict["groups"] = await ParentsAsync(ctx, g);
        }
        dict["tags"] = new JsonArray();
        if (includeDatasets)
        {
            dict["packages"] = await PackagesAsync(ctx, datasets, ctx.Service<GovChannelSettings>().SearchRowsMax);
        }
        return dict;
    }

    /// <summary>Package dicts as search returns them: newest change first, at most <paramref name="limit"/>.</summary>
    public static async Task<JsonArray> PackagesAsync(ActionContext ctx, IQueryable<Dataset> datasets, int limit)
    {
        var list = await datasets.OrderByDescending(d => d.MetadataModified).ThenBy(d => d.Name).Take(limit)
            .WithEverything().ToListAsync(ctx.Http.RequestAborted);
        var siteUrl = SiteUrl(ctx);
        return new JsonArray(list.Select(d => (JsonNode?)PackageDict.Absolutise(PackageDict.Build(d), siteUrl)).ToArray());
    }

    public static string SiteUrl(ActionContext ctx) => CkanApi.SiteUrl(ctx.Http, ctx.Service<GovChannelSettings>());
}
