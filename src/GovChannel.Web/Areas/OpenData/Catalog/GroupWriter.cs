using System.Text.Json;
using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.OpenData.Catalog;

/// <summary>
/// group/organization create, update and patch. Update replaces the scalar fields and extras (omitted ones are
/// cleared, as in CKAN); the <c>users</c>, <c>groups</c> (parent) and <c>packages</c> lists change only when sent.
/// CKAN's API clears users left out of an update, which has locked many an organisation's admins out; GovChannel keeps them.
/// </summary>
public static class GroupWriter
{
    private static string Kind(bool organization) => organization ? "organization" : "group";

    public static async Task<JsonNode?> CreateAsync(ActionContext ctx, bool organization)
    {
        var ct = ctx.Http.RequestAborted;
        var plural = organization ? "organizations" : "groups";
        Authz.RequireLogin(ctx, "create " + plural);
        var settings = ctx.Service<GovChannelSettings>();
        if (!ctx.IsSysadmin && !(organization ? settings.UserCreateOrganizations : settings.UserCreateGroups))
        {
            throw new NotAuthorized($"User {ctx.User!.Name} not authorized to create {plural}");
        }
        var type = ctx.String("type") is { Length: > 0 } t ? t : Kind(organization);
        if (!organization && type == "organization")
        {
            throw ValidationError.WithMessage("Trying to create an organization as a group");
        }
        var errors = new JsonObject();
        var g = new Group { Name = "", IsOrganization = organization, Type = type, Created = ctx.Now };
        if (await Validators.RequestedIdAsync(ctx, ctx.String("id"), id => ctx.Db.Groups.AnyAsync(x => x.Id == id, ct),
                "Group id already exists", errors) is { } id)
        {
            g.Id = id;
        }
        await ApplyAsync(ctx, ctx.Data, g, errors, isNew: true);
        ThrowIfAny(errors);
        ctx.Db.Groups.Add(g);
        await ctx.Db.SaveChangesAsync(ct);

        // The creator becomes the first admin (CKAN does this for sysadmins too).
        ctx.Db.Memberships.Add(new Membership { GroupId = g.Id, UserId = ctx.User!.Id, Capacity = "admin", Created = ctx.Now });
        await ctx.Db.SaveChangesAsync(ct);
        await UsersAsync(ctx, g, ctx.Data["users"] as JsonArray);
        await PackagesAsync(ctx, g, ctx.Data["packages"] as JsonArray);
        var dict = await GroupDict.ShowAsync(ctx, g, includeDatasets: false);
        Changes.Record(ctx, g.Id, "new " + Kind(organization), new JsonObject { ["group"] = dict.DeepClone() });
        await ctx.Db.SaveChangesAsync(ct);
        return dict;
    }

    public static async Task<JsonNode?> UpdateAsync(ActionContext ctx, bool organization, bool patch)
    {
        var ct = ctx.Http.RequestAborted;
        var id = ctx.String("id") is { Length: > 0 } i ? i : ctx.String("name");
        if (string.IsNullOrEmpty(id))
        {
            throw new ValidationError("id", "Missing value");
        }
        var g = await GroupDict.FindAsync(ctx.Db, id, organization, ct)
            ?? throw new NotFound(organization ? "Organization was not found." : "Group was not found.");
        if (!await Authz.IsGroupAdminAsync(ctx, g.Id))
        {
            throw new NotAuthorized($"User {ctx.User?.Name} not authorized to edit group {g.Id}");
        }
        var input = ctx.Data;
        if (patch)
        {
            // group_patch: group_show, overlay the given keys, group_update.
            var merged = GroupDict.Basic(g, null, "");
            merged["image_url"] = g.ImageUrl;
            merged["extras"] = GroupDict.Extras(g);
            foreach (var (key, value) in ctx.Data)
            {
                merged[key] = value?.DeepClone();
            }
            input = merged;
        }
        var errors = new JsonObject();
        await ApplyAsync(ctx, input, g, errors, isNew: false);
        ThrowIfAny(errors);
        await ctx.Db.SaveChangesAsync(ct);
        await UsersAsync(ctx, g, input["users"] as JsonArray, replace: true);
        await PackagesAsync(ctx, g, input["packages"] as JsonArray, replace: true);
        // Datasets carry the organisation's or group's name and title in their dicts and in the index.
        var affected = g.IsOrganization
            ? await ctx.Db.Datasets.Where(d => d.OwnerOrg == g.Id).Select(d => d.Id).ToListAsync(ct)
            : await ctx.Db.DatasetGroups.Where(x => x.GroupId == g.Id).Select(x => x.DatasetId).ToListAsync(ct);
        foreach (var datasetId in affected)
        {
            Changes.Reindex(ctx, datasetId);
        }
        var dict = await GroupDict.ShowAsync(ctx, g, includeDatasets: false);
        Changes.Record(ctx, g.Id, (g.State == "deleted" ? "deleted " : "changed ") + Kind(organization), new JsonObject { ["group"] = dict.DeepClone() });
        await ctx.Db.SaveChangesAsync(ct);
        return dict;
    }

    private static void ThrowIfAny(JsonObject errors)
    {
        if (errors.Count > 0)
        {
            throw new ValidationError(errors);
        }
    }

    private static async Task ApplyAsync(ActionContext ctx, JsonObject input, Group g, JsonObject errors, bool isNew)
    {
        var ct = ctx.Http.RequestAborted;
        var name = Params.AsString(input["name"]);
        if (!isNew && string.IsNullOrEmpty(name))
        {
            name = g.Name;
        }
        if (Validators.NameError(name) is { } nameError)
        {
            errors["name"] = new JsonArray(nameError);
        }
        else if (await ctx.Db.Groups.AnyAsync(x => x.Name == name && x.Id != g.Id, ct))
        {
            // Unique across groups and organisations, deleted ones included (group_name_validator).
            errors["name"] = new JsonArray("Group name already exists in database");
        }
        else
        {
            g.Name = name!;
        }
        g.Title = Params.AsString(input["title"]);
        g.Description = Params.AsString(input["description"]);
        g.ImageUrl = Params.AsString(input["image_url"]);
        if (Params.AsString(input["approval_status"]) is { Length: > 0 } approval)
        {
            g.ApprovalStatus = approval;
        }
        // state: ignored unless a sysadmin sets it (restoring a deleted organisation is a sysadmin's job).
        if (ctx.IsSysadmin && Params.AsString(input["state"]) is { } state)
        {
            if (state is "active" or "deleted" or "pending")
            {
                g.State = state;
            }
            else
            {
                errors["state"] = new JsonArray("Invalid state");
            }
        }
        Extras(input, g, errors);
        if (input["groups"] is JsonArray parents)
        {
            await ParentAsync(ctx, parents, g, errors);
        }
    }

    private static void Extras(JsonObject input, Group g, JsonObject errors) =>
        g.ExtrasJson = ExtrasInput.Read(input["extras"], errors);

    /// <summary>
    /// <c>groups: [{name}]</c> sets the parent (ckanext-hierarchy). One parent, of the same kind, and never a loop
    /// (no_loops_in_hierarchy).
    /// </summary>
    private static async Task ParentAsync(ActionContext ctx, JsonArray parents, Group g, JsonObject errors)
    {
        var ct = ctx.Http.RequestAborted;
        var refs = parents.Select(p => p is JsonObject o ? Params.AsString(o["id"]) ?? Params.AsString(o["name"]) : Params.AsString(p))
            .Where(r => !string.IsNullOrEmpty(r)).ToList();
        if (refs.Count == 0)
        {
            g.ParentId = null;
            return;
        }
        if (refs.Count > 1)
        {
            errors["groups"] = new JsonArray("Only one parent group is supported");
            return;
        }
        var parent = await GroupDict.FindAsync(ctx.Db, refs[0]!, g.IsOrganization, ct);
        if (parent is null || parent.State != "active")
        {
            errors["groups"] = new JsonArray($"Group {refs[0]} not found");
            return;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal) { g.Id };
        for (var cursor = parent; cursor is not null;)
        {
            if (!seen.Add(cursor.Id))
            {
                errors["groups"] = new JsonArray("This parent would create a loop in the hierarchy");
                return;
            }
            cursor = cursor.ParentId is null ? null : await ctx.Db.Groups.SingleOrDefaultAsync(x => x.Id == cursor.ParentId, ct);
        }
        g.ParentId = parent.Id;
    }

    /// <summary><c>users: [{name, capacity}]</c>: add (create) or replace (update) the members; the caller stays.</summary>
    private static async Task UsersAsync(ActionContext ctx, Group g, JsonArray? users, bool replace = false)
    {
        if (users is null)
        {
            return;
        }
        var ct = ctx.Http.RequestAborted;
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new JsonArray();
        foreach (var item in users)
        {
            var reference = item is JsonObject o ? Params.AsString(o["id"]) ?? Params.AsString(o["name"]) : Params.AsString(item);
            var capacity = (item as JsonObject)?["capacity"] is { } c ? Params.AsString(c) : "member";
            var user = reference is null ? null : await ctx.Db.Users.SingleOrDefaultAsync(u => (u.Id == reference || u.Name == reference) && u.State == "active", ct);
            if (user is null)
            {
                errors.Add($"User {reference} not found");
            }
            else if (!Roles.Exists(capacity))
            {
                errors.Add("role does not exist.");
            }
            else
            {
                wanted[user.Id] = capacity!;
            }
        }
        if (errors.Count > 0)
        {
            throw new ValidationError(new JsonObject { ["users"] = errors });
        }
        var current = await ctx.Db.Memberships.Where(m => m.GroupId == g.Id).ToListAsync(ct);
        foreach (var m in current)
        {
            if (wanted.Remove(m.UserId, out var capacity))
            {
                m.Capacity = capacity;
            }
            else if (replace && m.UserId != ctx.User?.Id)
            {
                ctx.Db.Memberships.Remove(m);
            }
        }
        foreach (var (userId, capacity) in wanted)
        {
            ctx.Db.Memberships.Add(new Membership { GroupId = g.Id, UserId = userId, Capacity = capacity, Created = ctx.Now });
        }
        await ctx.Db.SaveChangesAsync(ct);
    }

    /// <summary><c>packages: [{name}]</c> on a group: the datasets in it. The caller must be able to read each one.</summary>
    private static async Task PackagesAsync(ActionContext ctx, Group g, JsonArray? packages, bool replace = false)
    {
        if (packages is null || g.IsOrganization)
        {
            return;
        }
        var ct = ctx.Http.RequestAborted;
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in packages)
        {
            var reference = item is JsonObject o ? Params.AsString(o["id"]) ?? Params.AsString(o["name"]) : Params.AsString(item);
            var d = reference is null ? null : await ctx.Db.Datasets.SingleOrDefaultAsync(x => x.Id == reference || x.Name == reference, ct);
            if (d is null || !await Authz.CanReadDatasetAsync(ctx, d))
            {
                throw new ValidationError(new JsonObject { ["packages"] = new JsonArray($"Dataset {reference} not found") });
            }
            wanted.Add(d.Id);
        }
        var current = await ctx.Db.DatasetGroups.Where(x => x.GroupId == g.Id).ToListAsync(ct);
        foreach (var link in current.Where(link => !wanted.Remove(link.DatasetId) && replace))
        {
            ctx.Db.DatasetGroups.Remove(link);
            Changes.Reindex(ctx, link.DatasetId);
        }
        foreach (var datasetId in wanted)
        {
            ctx.Db.DatasetGroups.Add(new DatasetGroup { DatasetId = datasetId, GroupId = g.Id });
            Changes.Reindex(ctx, datasetId);
        }
        await ctx.Db.SaveChangesAsync(ct);
    }
}
