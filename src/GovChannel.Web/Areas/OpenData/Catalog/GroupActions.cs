using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.OpenData.Catalog;

/// <summary>
/// Organisations and groups (reference/ckan.md §1.2, §2.6, §4.3, acceptance cases 38, 40–42). Each action exists twice,
/// <c>group_*</c> and <c>organization_*</c>, over the one table; a group action never finds an organisation and the
/// other way round.
/// </summary>
public static class GroupActions
{
    public static void Register(ActionTable t)
    {
        foreach (var organization in new[] { false, true })
        {
            var prefix = organization ? "organization_" : "group_";
            t.Read(prefix + "list", ctx => List(ctx, organization));
            t.Read(prefix + "show", ctx => Show(ctx, organization));
            t.Read(prefix + "autocomplete", ctx => AutocompleteAsync(ctx, organization));
            t.Write(prefix + "create", ctx => GroupWriter.CreateAsync(ctx, organization));
            t.Write(prefix + "update", ctx => GroupWriter.UpdateAsync(ctx, organization, patch: false));
            t.Write(prefix + "patch", ctx => GroupWriter.UpdateAsync(ctx, organization, patch: true));
            t.Write(prefix + "delete", ctx => Delete(ctx, organization));
            t.Write(prefix + "purge", ctx => Purge(ctx, organization));
        }
        t.Read("organization_list_for_user", ListForUser);
        t.Read("group_list_authz", ListAuthz);
        t.Read("group_package_show", GroupPackageShow);
    }

    private static string Kind(bool organization) => organization ? "organization" : "group";

    /// <summary>
    /// group_list / organization_list. Sorting happens in memory with ordinal comparison so that both databases give
    /// the same order whatever their collation; a catalogue has thousands of groups at most.
    /// </summary>
    private static async Task<JsonNode?> List(ActionContext ctx, bool organization)
    {
        var settings = ctx.Service<GovChannelSettings>();
        var allFields = ctx.Bool("all_fields");
        var max = allFields ? settings.GroupListAllFieldsMax : settings.GroupListMax;
        // Clamp instead of rejecting: CKAN silently limits to ckan.group_and_organization_list(_all_fields)_max.
        var limit = ctx.Natural("limit", max);
        if (limit == 0 || limit > max)
        {
            limit = max;
        }
        var offset = ctx.Natural("offset", 0);
        var (sortField, descending) = ParseSort(ctx.String("sort") is { Length: > 0 } s ? s : ctx.String("order_by") is { Length: > 0 } o ? o : settings.DefaultGroupSort);
        var type = ctx.String("type") is { Length: > 0 } ty ? ty : Kind(organization);

        var query = ctx.Db.Groups.Where(g => g.State == "active" && g.IsOrganization == organization && g.Type == type);
        if (ctx.List(organization ? "organizations" : "groups") is { Count: > 0 } only)
        {
            query = query.Where(g => only.Contains(g.Name) || only.Contains(g.Id));
        }
        if (ctx.String("q") is { Length: > 0 } q)
        {
            var term = q.ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // ToLower() here is SQL lower() on both sides: ILIKE on either database.
            query = query.Where(g => g.Name.ToLower().Contains(term) || (g.Title ?? "").ToLower().Contains(term)
                || (g.Description ?? "").ToLower().Contains(term));
#pragma warning restore CA1304, CA1311, CA1862
        }
        var groups = await query.ToListAsync(ctx.Http.RequestAborted);
        var needCounts = sortField == "package_count" || (allFields && ctx.Bool("include_dataset_count", true));
        var counts = needCounts ? await GroupDict.CountsAsync(ctx, groups) : [];
        int Count(Group g) => counts.GetValueOrDefault(g.Id);

        IOrderedEnumerable<Group> ordered = sortField switch
        {
            "package_count" => descending ? groups.OrderByDescending(Count) : groups.OrderBy(Count),
            "name" => descending ? groups.OrderByDescending(g => g.Name, StringComparer.Ordinal) : groups.OrderBy(g => g.Name, StringComparer.Ordinal),
            _ => descending ? groups.OrderByDescending(g => g.Title ?? "", StringComparer.Ordinal) : groups.OrderBy(g => g.Title ?? "", StringComparer.Ordinal),
        };
        var page = ordered.ThenBy(g => g.Name, StringComparer.Ordinal).Skip(offset).Take(limit).ToList();
        if (!allFields)
        {
            return new JsonArray(page.Select(g => (JsonNode?)g.Name).ToArray());
        }
        return await ListDictsAsync(ctx, page, ctx.Bool("include_dataset_count", true) ? counts : null);
    }

    /// <summary>all_fields dicts, with extras, users, groups or member_count only when asked for.</summary>
    private static async Task<JsonArray> ListDictsAsync(ActionContext ctx, List<Group> page, Dictionary<string, int>? counts)
    {
        var siteUrl = GroupDict.SiteUrl(ctx);
        var result = new JsonArray();
        foreach (var g in page)
        {
            var dict = GroupDict.Basic(g, counts?.GetValueOrDefault(g.Id), siteUrl);
            if (ctx.Bool("include_extras"))
            {
                dict["extras"] = GroupDict.Extras(g);
            }
            if (ctx.Bool("include_users"))
            {
                dict["users"] = await GroupDict.UsersAsync(ctx, g);
            }
            if (ctx.Bool("include_groups"))
            {
                dict["groups"] = await GroupDict.ParentsAsync(ctx, g);
            }
            if (ctx.Bool("include_tags"))
            {
                dict["tags"] = new JsonArray();
            }
            if (ctx.Bool("include_member_count"))
            {
                dict["member_count"] = await ctx.Db.Memberships.CountAsync(m => m.GroupId == g.Id, ctx.Http.RequestAborted);
            }
            result.Add(dict);
        }
        return result;
    }

    /// <summary>CKAN's sort for group lists: name, title or package_count (alias packages); package_count is descending by default.</summary>
    private static (string Field, bool Descending) ParseSort(string sort)
    {
        var parts = sort.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var field = parts.Length > 0 ? parts[0].ToLowerInvariant() : "title";
        if (field == "packages")
        {
            field = "package_count";
        }
        if (field is not ("name" or "title" or "package_count") || parts.Length > 2)
        {
            throw new ValidationError("sort", $"Cannot sort by field `{sort.Trim()}`");
        }
        var direction = parts.Length == 2 ? parts[1].ToLowerInvariant() : field == "package_count" ? "desc" : "asc";
        if (direction is not ("asc" or "desc"))
        {
            throw new ValidationError("sort", $"Invalid sort direction `{parts[1]}`");
        }
        return (field, direction == "desc");
    }

    /// <summary>
    /// Who may see a group: everyone while it is active; when deleted only members and sysadmins (CKAN's group_show auth).
    /// </summary>
    public static async Task<Group> ShowableAsync(ActionContext ctx, string? idOrName, bool? organization)
    {
        if (string.IsNullOrEmpty(idOrName))
        {
            throw new NotFound();
        }
        var g = await GroupDict.FindAsync(ctx.Db, idOrName, organization, ctx.Http.RequestAborted)
            ?? throw new NotFound(organization == true ? "Organization not found" : "Group not found");
        if (g.State != "active" && !ctx.IsSysadmin && await Authz.CapacityInAsync(ctx, g.Id) is null)
        {
            throw new NotAuthorized($"User {ctx.User?.Name} not authorized to read group {g.Id}");
        }
        return g;
    }

    private static async Task<JsonNode?> Show(ActionContext ctx, bool organization)
    {
        var g = await ShowableAsync(ctx, ctx.String("id"), organization);
        return await GroupDict.ShowAsync(ctx, g, ctx.Bool("include_datasets"), ctx.Bool("include_users", true),
            ctx.Bool("include_extras", true), ctx.Bool("include_groups", true), ctx.Bool("include_dataset_count", true));
    }

    private static async Task<JsonNode?> GroupPackageShow(ActionContext ctx)
    {
        var g = await ShowableAsync(ctx, ctx.Required("id"), organization: null);
        var max = ctx.Service<GovChannelSettings>().SearchRowsMax;
        var limit = ctx.Natural("limit", max);
        return await GroupDict.PackagesAsync(ctx, await GroupDict.DatasetsOfAsync(ctx, g), limit == 0 || limit > max ? max : limit);
    }

    /// <summary>The autocomplete of the web forms: [{id, name, title}] whose name or title contains q, at most 20.</summary>
    private static async Task<JsonNode?> AutocompleteAsync(ActionContext ctx, bool organization)
    {
        var q = (ctx.String("q") ?? "").Trim().ToLowerInvariant();
        var limit = ctx.Natural("limit", 20);
        if (q.Length == 0)
        {
            return new JsonArray();
        }
#pragma warning disable CA1304, CA1311, CA1862 // ToLower() here is SQL lower(): a case-insensitive match on either database.
        var rows = await ctx.Db.Groups
            .Where(g => g.State == "active" && g.IsOrganization == organization)
            .Where(g => g.Name.ToLower().Contains(q) || (g.Title ?? "").ToLower().Contains(q))
#pragma warning restore CA1304, CA1311, CA1862
            .OrderBy(g => g.Name).Take(limit)
            .Select(g => new { g.Id, g.Name, g.Title }).ToListAsync(ctx.Http.RequestAborted);
        return new JsonArray(rows.Select(r => (JsonNode?)new JsonObject { ["id"] = r.Id, ["name"] = r.Name, ["title"] = r.Title ?? "" }).ToArray());
    }

    /// <summary>
    /// organization_list_for_user: the organisations where the user holds a role that grants <c>permission</c>
    /// (default manage_group, which every role has); a sysadmin gets them all. Admin roles cascade to child organisations.
    /// </summary>
    private static async Task<JsonNode?> ListForUser(ActionContext ctx)
    {
        var ct = ctx.Http.RequestAborted;
        var permission = ctx.String("permission") is { Length: > 0 } p ? p : "manage_group";
        var user = ctx.User;
        if (ctx.String("id") is { Length: > 0 } id)
        {
            user = await ctx.Db.Users.SingleOrDefaultAsync(u => u.Id == id || u.Name == id, ct) ?? throw new NotFound("User not found");
        }
        if (user is null)
        {
            return new JsonArray();
        }
        var orgs = await ctx.Db.Groups.Where(g => g.IsOrganization && g.State == "active").ToListAsync(ct);
        Dictionary<string, string?> capacity;
        if (user.Sysadmin)
        {
            capacity = orgs.ToDictionary(g => g.Id, _ => (string?)"admin", StringComparer.Ordinal);
        }
        else
        {
            var roles = await ctx.Db.Memberships.Where(m => m.UserId == user.Id).ToDictionaryAsync(m => m.GroupId, m => m.Capacity, ct);
            capacity = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (groupId, role) in roles)
            {
                capacity[groupId] = role;
            }
            // ckan.auth.roles_that_cascade_to_sub_groups = admin.
            var changed = true;
            while (changed)
            {
                changed = false;
                foreach (var g in orgs.Where(g => g.ParentId is not null && capacity.GetValueOrDefault(g.ParentId) == "admin" && capacity.GetValueOrDefault(g.Id) != "admin"))
                {
                    capacity[g.Id] = "admin";
                    changed = true;
                }
            }
        }
        var allowed = orgs.Where(g => Roles.Allows(capacity.GetValueOrDefault(g.Id), permission))
            .OrderBy(g => g.Title ?? "", StringComparer.Ordinal).ThenBy(g => g.Name, StringComparer.Ordinal).ToList();
        var counts = ctx.Bool("include_dataset_count") ? await GroupDict.CountsAsync(ctx, allowed) : null;
        var siteUrl = GroupDict.SiteUrl(ctx);
        return new JsonArray(allowed.Select(g =>
        {
            var dict = GroupDict.Basic(g, counts?.GetValueOrDefault(g.Id), siteUrl);
            dict["capacity"] = capacity[g.Id];
            return (JsonNode?)dict;
        }).ToArray());
    }

    /// <summary>group_list_authz: the groups (not organisations) the caller may add datasets to.</summary>
    private static async Task<JsonNode?> ListAuthz(ActionContext ctx)
    {
        if (ctx.User is null)
        {
            return new JsonArray();
        }
        var query = ctx.Db.Groups.Where(g => !g.IsOrganization && g.State == "active");
        if (!ctx.IsSysadmin || ctx.Bool("am_member"))
        {
            var mine = (await Authz.CapacitiesAsync(ctx)).Where(kv => Roles.Allows(kv.Value, "manage_group")).Select(kv => kv.Key).ToList();
            query = query.Where(g => mine.Contains(g.Id));
        }
        var groups = (await query.ToListAsync(ctx.Http.RequestAborted))
            .OrderBy(g => g.Title ?? "", StringComparer.Ordinal).ThenBy(g => g.Name, StringComparer.Ordinal).ToList();
        var siteUrl = GroupDict.SiteUrl(ctx);
        return new JsonArray(groups.Select(g => (JsonNode?)GroupDict.Basic(g, null, siteUrl)).ToArray());
    }

    /// <summary>
    /// State deleted. As in CKAN, an organisation that still has datasets is refused unless unowned datasets are allowed
    /// (then they lose the organisation), and the group's memberships and hierarchy links go.
    /// </summary>
    private static async Task<JsonNode?> Delete(ActionContext ctx, bool organization)
    {
        var id = ctx.Required("id");
        var g = await GroupDict.FindAsync(ctx.Db, id, organization, ctx.Http.RequestAborted)
            ?? throw new NotFound(organization ? "Organization was not found." : "Group was not found.");
        if (!await Authz.IsGroupAdminAsync(ctx, g.Id))
        {
            throw new NotAuthorized($"User {ctx.User?.Name} not authorized to delete group {g.Id}");
        }
        await DetachAsync(ctx, g);
        g.State = "deleted";
        Changes.Record(ctx, g.Id, "deleted " + Kind(organization), new JsonObject { ["group"] = GroupDict.Basic(g, null, GroupDict.SiteUrl(ctx)) });
        await ctx.Db.SaveChangesAsync(ctx.Http.RequestAborted);
        return null;
    }

    /// <summary>Hard delete (sysadmin only); datasets stay, without the organisation or group, and are reindexed.</summary>
    private static async Task<JsonNode?> Purge(ActionContext ctx, bool organization)
    {
        var id = ctx.Required("id");
        var g = await GroupDict.FindAsync(ctx.Db, id, organization, ctx.Http.RequestAborted)
            ?? throw new NotFound(organization ? "Organization not found" : "Group not found");
        Authz.RequireSysadmin(ctx, "purge group " + g.Id);
        await DetachAsync(ctx, g);
        // Deleted datasets of the organisation keep nothing pointing at the purged row either.
        foreach (var d in await ctx.Db.Datasets.Where(d => d.OwnerOrg == g.Id).ToListAsync(ctx.Http.RequestAborted))
        {
            d.OwnerOrg = null;
            Changes.Reindex(ctx, d.Id);
        }
        ctx.Db.Groups.Remove(g);
        Changes.Record(ctx, g.Id, "deleted " + Kind(organization), new JsonObject
        {
            ["group"] = new JsonObject { ["id"] = g.Id, ["name"] = g.Name, ["purged"] = true },
        });
        await ctx.Db.SaveChangesAsync(ctx.Http.RequestAborted);
        return null;
    }

    /// <summary>What delete and purge share: datasets leave the group or organisation; members and children are let go.</summary>
    private static async Task DetachAsync(ActionContext ctx, Group g)
    {
        var ct = ctx.Http.RequestAborted;
        if (g.IsOrganization)
        {
            var owned = await ctx.Db.Datasets.Where(d => d.OwnerOrg == g.Id && d.State != "deleted").ToListAsync(ct);
            if (owned.Count > 0)
            {
                if (!ctx.Service<GovChannelSettings>().CreateUnownedDataset)
                {
                    throw ValidationError.WithMessage("Organization cannot be deleted while it still has datasets");
                }
                foreach (var d in owned)
                {
                    d.OwnerOrg = null;
                    Changes.Reindex(ctx, d.Id);
                }
            }
        }
        var inGroup = await ctx.Db.DatasetGroups.Where(x => x.GroupId == g.Id).ToListAsync(ct);
        foreach (var link in inGroup)
        {
            Changes.Reindex(ctx, link.DatasetId);
        }
        ctx.Db.DatasetGroups.RemoveRange(inGroup);
        ctx.Db.Memberships.RemoveRange(await ctx.Db.Memberships.Where(m => m.GroupId == g.Id).ToListAsync(ct));
        foreach (var child in await ctx.Db.Groups.Where(c => c.ParentId == g.Id).ToListAsync(ct))
        {
            child.ParentId = null;
        }
    }
}
