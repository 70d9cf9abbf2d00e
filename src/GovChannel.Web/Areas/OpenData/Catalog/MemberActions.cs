using System.Globalization;
using System.Text.Json.Nodes;
using GovChannel.Web.Areas.Identity;
using GovChannel.Web.Areas.OpenData.Ckan;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.OpenData.Catalog;

/// <summary>
/// Who belongs to an organisation or group, and which datasets are in a group (reference/ckan.md §4.9). Admins of the
/// group (and sysadmins) manage members; anyone with a role in a group may add datasets to it (CKAN's manage_group).
/// </summary>
public static class MemberActions
{
    public static void Register(ActionTable t)
    {
        t.Write("member_create", MemberCreate);
        t.Write("member_delete", MemberDelete);
        t.Read("member_list", MemberList);
        t.Read("member_roles_list", MemberRolesList);
        foreach (var organization in new[] { false, true })
        {
            var prefix = organization ? "organization_" : "group_";
            t.Write(prefix + "member_create", ctx => NamedMemberCreate(ctx, organization));
            t.Write(prefix + "member_delete", ctx => NamedMemberDelete(ctx, organization));
        }
        Collaborators.Register(t);
    }

    private static async Task<Group> GroupAsync(ActionContext ctx, string id, bool? organization) =>
        await GroupDict.FindAsync(ctx.Db, id, organization, ctx.Http.RequestAborted)
        ?? throw new NotFound(organization switch { true => "Organization not found", false => "Group not found", _ => "Group was not found." });

    private static Task<User?> UserAsync(ActionContext ctx, string idOrName) =>
        ctx.Db.Users.SingleOrDefaultAsync(u => (u.Id == idOrName || u.Name == idOrName) && u.State != "deleted", ctx.Http.RequestAborted);

    /// <summary>CKAN's member_create auth: users need the group's admin; datasets need any role in a group, admin in an organisation.</summary>
    private static async Task RequireManageAsync(ActionContext ctx, Group g, string objectType)
    {
        var permission = !g.IsOrganization && objectType == "package" ? "manage_group" : "update";
        if (!ctx.IsSysadmin && !Roles.Allows(await Authz.CapacityInAsync(ctx, g.Id), permission))
        {
            throw new NotAuthorized($"User {ctx.User?.Name} not authorized to edit group {g.Id}");
        }
    }

    private static async Task<JsonNode?> MemberCreate(ActionContext ctx)
    {
        var errors = new JsonObject();
        foreach (var key in new[] { "id", "object", "object_type", "capacity" })
        {
            if (string.IsNullOrEmpty(ctx.String(key)))
            {
                errors[key] = new JsonArray("Missing value");
            }
        }
        if (errors.Count > 0)
        {
            throw new ValidationError(errors);
        }
        var g = await GroupAsync(ctx, ctx.String("id")!, null);
        var objectType = ctx.String("object_type")!;
        var capacity = ctx.String("capacity")!;
        return objectType switch
        {
            "user" => await AddUserAsync(ctx, g, ctx.String("object")!, capacity, notFound: () => new NotFound("User was not found.")),
            "package" => await AddDatasetAsync(ctx, g, ctx.String("object")!),
            _ => throw new ValidationError("object_type", "Must be user or package"),
        };
    }

    private static async Task<JsonObject> AddUserAsync(ActionContext ctx, Group g, string userRef, string capacity, Func<Exception> notFound)
    {
        if (!Roles.Exists(capacity))
        {
            throw new ValidationError("capacity", "role does not exist.");
        }
        var user = await UserAsync(ctx, userRef) ?? throw notFound();
        await RequireManageAsync(ctx, g, "user");
        var m = await ctx.Db.Memberships.SingleOrDefaultAsync(x => x.GroupId == g.Id && x.UserId == user.Id, ctx.Http.RequestAborted);
        if (m is null)
        {
            m = new Membership { GroupId = g.Id, UserId = user.Id, Capacity = capacity, Created = ctx.Now };
            ctx.Db.Memberships.Add(m);
        }
        m.Capacity = capacity;
        Changes.Record(ctx, g.Id, "changed " + (g.IsOrganization ? "organization" : "group"), new JsonObject
        {
            ["group"] = new JsonObject { ["id"] = g.Id, ["name"] = g.Name, ["title"] = g.Title },
            ["member"] = new JsonObject { ["user_id"] = user.Id, ["capacity"] = capacity },
        });
        await ctx.Db.SaveChangesAsync(ctx.Http.RequestAborted);
        ctx.Capacities = null; // the per-request cache of roles is stale now
        return MemberDict(m.Id.ToString(CultureInfo.InvariantCulture), "user", user.Id, g.Id, capacity);
    }

    private static JsonObject MemberDict(string id, string table, string tableId, string groupId, string capacity) => new()
    {
        ["capacity"] = capacity,
        ["group_id"] = groupId,
        ["id"] = id,
        ["state"] = "active",
        ["table_id"] = tableId,
        ["table_name"] = table,
    };

    /// <summary>
    /// A dataset into a group. Into an organisation it means moving the dataset there, which also needs the right to edit
    /// the dataset (package_owner_org_update's rule).
    /// </summary>
    private static async Task<JsonObject> AddDatasetAsync(ActionContext ctx, Group g, string datasetRef)
    {
        var ct = ctx.Http.RequestAborted;
        var d = await ctx.Db.Datasets.SingleOrDefaultAsync(x => x.Id == datasetRef || x.Name == datasetRef, ct) ?? throw new NotFound("Package was not found.");
        await RequireManageAsync(ctx, g, "package");
        await Authz.RequireReadAsync(ctx, d);
        if (g.IsOrganization)
        {
            await Authz.RequireUpdateAsync(ctx, d);
            d.OwnerOrg = g.Id;
        }
        else if (!await ctx.Db.DatasetGroups.AnyAsync(x => x.DatasetId == d.Id && x.GroupId == g.Id, ct))
        {
            ctx.Db.DatasetGroups.Add(new DatasetGroup { DatasetId = d.Id, GroupId = g.Id });
        }
        d.MetadataModified = ctx.Now;
        Changes.Record(ctx, d.Id, "changed package", new JsonObject { ["package"] = new JsonObject { ["id"] = d.Id, ["name"] = d.Name, ["title"] = d.Title } });
        Changes.Reindex(ctx, d.Id);
        await ctx.Db.SaveChangesAsync(ct);
        return MemberDict(g.Id + ":" + d.Id, "package", d.Id, g.Id, g.IsOrganization ? "organization" : "public");
    }

    private static async Task<JsonNode?> MemberDelete(ActionContext ctx)
    {
        var g = await GroupAsync(ctx, ctx.Required("id"), null);
        var objectRef = ctx.Required("object");
        switch (ctx.Required("object_type"))
        {
            case "user":
                var user = await UserAsync(ctx, objectRef) ?? throw new NotFound("User was not found.");
                await RemoveUserAsync(ctx, g, user);
                return null;
            case "package":
                await RemoveDatasetAsync(ctx, g, objectRef);
                return null;
            default:
                throw new ValidationError("object_type", "Must be user or package");
        }
    }

    private static async Task RemoveUserAsync(ActionContext ctx, Group g, User user)
    {
        await RequireManageAsync(ctx, g, "user");
        var m = await ctx.Db.Memberships.SingleOrDefaultAsync(x => x.GroupId == g.Id && x.UserId == user.Id, ctx.Http.RequestAborted);
        if (m is not null)
        {
            ctx.Db.Memberships.Remove(m);
            Changes.Record(ctx, g.Id, "changed " + (g.IsOrganization ? "organization" : "group"), new JsonObject
            {
                ["group"] = new JsonObject { ["id"] = g.Id, ["name"] = g.Name, ["title"] = g.Title },
                ["member_removed"] = new JsonObject { ["user_id"] = user.Id },
            });
            await ctx.Db.SaveChangesAsync(ctx.Http.RequestAborted);
        }
    }

    private static async Task RemoveDatasetAsync(ActionContext ctx, Group g, string datasetRef)
    {
        var ct = ctx.Http.RequestAborted;
        var d = await ctx.Db.Datasets.SingleOrDefaultAsync(x => x.Id == datasetRef || x.Name == datasetRef, ct) ?? throw new NotFound("Package was not found.");
        await RequireManageAsync(ctx, g, "package");
        if (g.IsOrganization)
        {
            if (d.OwnerOrg != g.Id)
            {
                return;
            }
            await Authz.RequireUpdateAsync(ctx, d);
            if (!ctx.Service<Data.GovChannelSettings>().CreateUnownedDataset)
            {
                throw new ValidationError("owner_org", "An organization must be provided");
            }
            d.OwnerOrg = null;
        }
        else
        {
            var link = await ctx.Db.DatasetGroups.SingleOrDefaultAsync(x => x.DatasetId == d.Id && x.GroupId == g.Id, ct);
            if (link is null)
            {
                return;
            }
            ctx.Db.DatasetGroups.Remove(link);
        }
        d.MetadataModified = ctx.Now;
        Changes.Record(ctx, d.Id, "changed package", new JsonObject { ["package"] = new JsonObject { ["id"] = d.Id, ["name"] = d.Name, ["title"] = d.Title } });
        Changes.Reindex(ctx, d.Id);
        await ctx.Db.SaveChangesAsync(ct);
    }

    /// <summary>[[id, type, capacity], …]; datasets only those the caller may read (a group lists public ones only).</summary>
    private static async Task<JsonNode?> MemberList(ActionContext ctx)
    {
        var g = await GroupActions.ShowableAsync(ctx, ctx.Required("id"), null);
        var objectType = ctx.String("object_type");
        var capacity = ctx.String("capacity");
        var result = new JsonArray();
        if (objectType is null or "" or "user")
        {
            var rows = await (from m in ctx.Db.Memberships
                              join u in ctx.Db.Users on m.UserId equals u.Id
                              where m.GroupId == g.Id && u.State != "deleted"
                              orderby u.Name
                              select new { m.UserId, m.Capacity }).ToListAsync(ctx.Http.RequestAborted);
            foreach (var row in rows.Where(r => string.IsNullOrEmpty(capacity) || r.Capacity == capacity))
            {
                result.Add(new JsonArray(row.UserId, "user", row.Capacity));
            }
        }
        if (objectType is null or "" or "package")
        {
            var datasetCapacity = g.IsOrganization ? "organization" : "public";
            if (string.IsNullOrEmpty(capacity) || capacity == datasetCapacity)
            {
                var ids = await (await GroupDict.DatasetsOfAsync(ctx, g)).OrderBy(d => d.Name).Select(d => d.Id).ToListAsync(ctx.Http.RequestAborted);
                foreach (var id in ids)
                {
                    result.Add(new JsonArray(id, "package", datasetCapacity));
                }
            }
        }
        return result;
    }

    /// <summary>[{text, value}] for admin, editor, member; a group has no editors (CKAN hides the role for group_type=group).</summary>
    private static Task<JsonNode?> MemberRolesList(ActionContext ctx)
    {
        var groupType = ctx.String("group_type") is { Length: > 0 } t ? t : "organization";
        var result = new JsonArray();
        foreach (var role in Roles.All.Where(r => groupType != "group" || r != "editor"))
        {
            result.Add(new JsonObject { ["text"] = char.ToUpperInvariant(role[0]) + role[1..], ["value"] = role });
        }
        return Task.FromResult<JsonNode?>(result);
    }

    /// <summary>organization_member_create / group_member_create {id, username, role}, validated with CKAN's member_schema.</summary>
    private static async Task<JsonNode?> NamedMemberCreate(ActionContext ctx, bool organization)
    {
        var errors = new JsonObject();
        var id = ctx.String("id");
        var username = ctx.String("username") is { Length: > 0 } n ? n : ctx.String("user_id");
        var role = ctx.String("role");
        var g = string.IsNullOrEmpty(id) ? null : await GroupDict.FindAsync(ctx.Db, id, null, ctx.Http.RequestAborted);
        if (string.IsNullOrEmpty(id))
        {
            errors["id"] = new JsonArray("Missing value");
        }
        else if (g is null)
        {
            errors["id"] = new JsonArray("That group name or ID does not exist.");
        }
        var user = string.IsNullOrEmpty(username) ? null : await UserAsync(ctx, username);
        if (string.IsNullOrEmpty(username))
        {
            errors["username"] = new JsonArray("Missing value");
        }
        else if (user is null)
        {
            errors["username"] = new JsonArray("Not found: User");
        }
        if (string.IsNullOrEmpty(role))
        {
            errors["role"] = new JsonArray("Missing value");
        }
        else if (!Roles.Exists(role))
        {
            errors["role"] = new JsonArray("role does not exist.");
        }
        if (errors.Count > 0)
        {
            throw new ValidationError(errors);
        }
        if (g!.IsOrganization != organization)
        {
            throw new NotFound(organization ? "Organization not found" : "Group not found");
        }
        return await AddUserAsync(ctx, g, user!.Id, role!, notFound: () => new NotFound("User not found"));
    }

    private static async Task<JsonNode?> NamedMemberDelete(ActionContext ctx, bool organization)
    {
        var g = await GroupAsync(ctx, ctx.Required("id"), organization);
        var username = ctx.String("username") is { Length: > 0 } n ? n : ctx.Required("user_id");
        var user = await UserAsync(ctx, username) ?? throw new NotFound("User not found");
        await RemoveUserAsync(ctx, g, user);
        return null;
    }
}
