using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.OpenData.Catalog;

/// <summary>
/// Dataset collaborators (ckan.auth.allow_dataset_collaborators; reference/ckan.md §4.9). As in CKAN, only admins of the
/// dataset's organisation (and sysadmins) manage them: an editor may edit the dataset but not share it further.
/// </summary>
public static class Collaborators
{
    private static readonly string[] Capacities = ["editor", "member"];

    public static void Register(ActionTable t)
    {
        t.Write("package_collaborator_create", Create);
        t.Write("package_collaborator_delete", Delete);
        t.Read("package_collaborator_list", List);
        t.Read("package_collaborator_list_for_user", ListForUser);
    }

    private static void RequireEnabled(ActionContext ctx)
    {
        if (!ctx.Service<GovChannelSettings>().AllowDatasetCollaborators)
        {
            throw ValidationError.WithMessage("Dataset collaborators not enabled");
        }
    }

    private static void RequireAll(ActionContext ctx, params string[] keys)
    {
        var errors = new JsonObject();
        foreach (var key in keys.Where(k => string.IsNullOrEmpty(ctx.String(k))))
        {
            errors[key] = new JsonArray("Missing value");
        }
        if (errors.Count > 0)
        {
            throw new ValidationError(errors);
        }
    }

    private static void CheckCapacity(string? capacity)
    {
        if (capacity is not null && !Capacities.Contains(capacity))
        {
            throw ValidationError.WithMessage($"Role must be one of \"{string.Join(", ", Capacities)}\"");
        }
    }

    /// <summary>The dataset, once the caller is known to be an admin of its organisation (or a sysadmin).</summary>
    private static async Task<Dataset> ManagedDatasetAsync(ActionContext ctx, string what)
    {
        var d = await ctx.Db.Datasets.SingleOrDefaultAsync(x => x.Id == ctx.String("id") || x.Name == ctx.String("id"), ctx.Http.RequestAborted)
            ?? throw new NotFound("Dataset not found");
        if (!ctx.IsSysadmin && (d.OwnerOrg is null || await Authz.CapacityInAsync(ctx, d.OwnerOrg) != "admin"))
        {
            throw new NotAuthorized($"User {ctx.User?.Name} not authorized to {what} this dataset");
        }
        return d;
    }

    private static JsonObject Dict(Collaborator c) => new()
    {
        ["capacity"] = c.Capacity,
        ["modified"] = Clock.Iso(c.Modified),
        ["package_id"] = c.DatasetId,
        ["user_id"] = c.UserId,
    };

    private static async Task<JsonNode?> Create(ActionContext ctx)
    {
        var ct = ctx.Http.RequestAborted;
        RequireAll(ctx, "id", "user_id", "capacity");
        var capacity = ctx.String("capacity")!;
        CheckCapacity(capacity);
        var d = await ManagedDatasetAsync(ctx, "add collaborators to");
        var userRef = ctx.String("user_id")!;
        var user = await ctx.Db.Users.SingleOrDefaultAsync(u => (u.Id == userRef || u.Name == userRef) && u.State != "deleted", ct)
            ?? throw new NotFound("User not found");
        RequireEnabled(ctx);
        var c = await ctx.Db.Collaborators.SingleOrDefaultAsync(x => x.DatasetId == d.Id && x.UserId == user.Id, ct);
        if (c is null)
        {
            c = new Collaborator { DatasetId = d.Id, UserId = user.Id, Capacity = capacity };
            ctx.Db.Collaborators.Add(c);
        }
        c.Capacity = capacity;
        c.Modified = ctx.Now;
        // The dataset's permission labels gain collaborator-<id>.
        Changes.Reindex(ctx, d.Id);
        await ctx.Db.SaveChangesAsync(ct);
        return Dict(c);
    }

    private static async Task<JsonNode?> Delete(ActionContext ctx)
    {
        var ct = ctx.Http.RequestAborted;
        RequireAll(ctx, "id", "user_id");
        var d = await ManagedDatasetAsync(ctx, "remove collaborators from");
        RequireEnabled(ctx);
        var userRef = ctx.String("user_id")!;
        var user = await ctx.Db.Users.SingleOrDefaultAsync(u => u.Id == userRef || u.Name == userRef, ct) ?? throw new NotFound("User not found");
        var c = await ctx.Db.Collaborators.SingleOrDefaultAsync(x => x.DatasetId == d.Id && x.UserId == user.Id, ct)
            ?? throw new NotFound($"User {userRef} is not a collaborator on this dataset");
        ctx.Db.Collaborators.Remove(c);
        Changes.Reindex(ctx, d.Id);
        await ctx.Db.SaveChangesAsync(ct);
        return null;
    }

    private static async Task<JsonNode?> List(ActionContext ctx)
    {
        RequireAll(ctx, "id");
        var capacity = ctx.String("capacity");
        CheckCapacity(capacity);
        var d = await ManagedDatasetAsync(ctx, "list collaborators of");
        RequireEnabled(ctx);
        var rows = await ctx.Db.Collaborators.Where(c => c.DatasetId == d.Id && (capacity == null || c.Capacity == capacity))
            .OrderBy(c => c.UserId).ToListAsync(ctx.Http.RequestAborted);
        return new JsonArray(rows.Select(c => (JsonNode?)Dict(c)).ToArray());
    }

    /// <summary>The datasets a user collaborates on: for that user and sysadmins only.</summary>
    private static async Task<JsonNode?> ListForUser(ActionContext ctx)
    {
        var ct = ctx.Http.RequestAborted;
        RequireAll(ctx, "id");
        var capacity = ctx.String("capacity");
        CheckCapacity(capacity);
        var userRef = ctx.String("id")!;
        var user = await ctx.Db.Users.SingleOrDefaultAsync(u => u.Id == userRef || u.Name == userRef, ct) ?? throw new NotFound("User not found");
        if (!ctx.IsSysadmin && ctx.User?.Id != user.Id)
        {
            throw new NotAuthorized($"User {ctx.User?.Name} not authorized to list collaborations of {user.Name}");
        }
        RequireEnabled(ctx);
        var rows = await ctx.Db.Collaborators.Where(c => c.UserId == user.Id && (capacity == null || c.Capacity == capacity))
            .OrderBy(c => c.DatasetId).ToListAsync(ct);
        return new JsonArray(rows.Select(c => (JsonNode?)Dict(c)).ToArray());
    }
}
