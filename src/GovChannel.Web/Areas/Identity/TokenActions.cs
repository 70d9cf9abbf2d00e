using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Ckan;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Identity;

/// <summary>
/// api_token_create / list / revoke (reference/ckan.md §2.5). A user manages their own tokens; a sysadmin anyone's.
/// Revoking deletes the row, and a token is checked against its row on every request, so it stops working at once.
/// </summary>
public static class TokenActions
{
    public static void Register(ActionTable t)
    {
        t.Write("api_token_create", Create);
        t.Read("api_token_list", List);
        t.Write("api_token_revoke", Revoke);
    }

    private static async Task<User> OwnerAsync(ActionContext ctx, string? reference, string what)
    {
        if (string.IsNullOrEmpty(reference))
        {
            throw new ValidationError("user", "Missing value");
        }
        var u = await UserActions.FindAsync(ctx, reference);
        if (u is null || u.State == "deleted")
        {
            // Anonymous and other users learn nothing about who exists.
            if (!ctx.IsSysadmin)
            {
                throw new NotAuthorized($"User {ctx.User?.Name} not authorized to {what}");
            }
            throw new NotFound("User not found");
        }
        if (!ctx.IsSysadmin && ctx.User?.Id != u.Id)
        {
            throw new NotAuthorized($"User {ctx.User?.Name} not authorized to {what}");
        }
        return u;
    }

    /// <summary>
    /// {user, name, expires_in?, unit?} → {token, id}. <c>expires_in</c> × <c>unit</c> seconds (unit defaults to 1, as
    /// the expire_api_token plugin's multiplier); without it the token does not expire.
    /// </summary>
    private static async Task<JsonNode?> Create(ActionContext ctx)
    {
        var errors = new JsonObject();
        if (string.IsNullOrEmpty(ctx.String("user")))
        {
            errors["user"] = new JsonArray("Missing value");
        }
        if (string.IsNullOrEmpty(ctx.String("name")))
        {
            errors["name"] = new JsonArray("Missing value");
        }
        if (errors.Count > 0)
        {
            throw new ValidationError(errors);
        }
        var u = await OwnerAsync(ctx, ctx.String("user"), "create API tokens for " + ctx.String("user"));
        TimeSpan? lifetime = null;
        var expiresIn = ctx.Natural("expires_in", 0);
        if (expiresIn > 0)
        {
            var unit = ctx.Natural("unit", 1);
            lifetime = TimeSpan.FromSeconds((double)expiresIn * Math.Max(unit, 1));
        }
        var (row, token) = await ctx.Service<ApiTokens>().CreateAsync(ctx.Db, u, ctx.String("name")!, lifetime, ctx.Http.RequestAborted);
        return new JsonObject { ["token"] = token, ["id"] = row.Id };
    }

    private static async Task<JsonNode?> List(ActionContext ctx)
    {
        var reference = ctx.String("user_id") is { Length: > 0 } id ? id : ctx.String("user");
        if (string.IsNullOrEmpty(reference))
        {
            throw new ValidationError("user_id", "Missing value");
        }
        var u = await OwnerAsync(ctx, reference, "list API tokens of " + reference);
        var rows = await ctx.Db.ApiTokens.Where(t => t.UserId == u.Id).ToListAsync(ctx.Http.RequestAborted);
        return new JsonArray(rows.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id, StringComparer.Ordinal).Select(t => (JsonNode?)new JsonObject
        {
            ["created_at"] = Clock.Iso(t.CreatedAt),
            ["id"] = t.Id,
            ["last_access"] = Clock.Iso(t.LastAccess),
            ["name"] = t.Name,
            ["user_id"] = t.UserId,
        }).ToArray());
    }

    /// <summary>
    /// {token | jti}. As CKAN, an unknown token and someone else's token look the same to a non-sysadmin (403), so
    /// token ids cannot be probed; for a sysadmin an unknown id is a no-op.
    /// </summary>
    private static async Task<JsonNode?> Revoke(ActionContext ctx)
    {
        var jti = ctx.String("jti");
        if (string.IsNullOrEmpty(jti) && ctx.String("token") is { Length: > 0 } token)
        {
            jti = ctx.Service<ApiTokens>().JtiOf(token);
        }
        if (string.IsNullOrEmpty(jti))
        {
            throw new ValidationError(new JsonObject { ["token"] = new JsonArray("Missing value") });
        }
        var row = await ctx.Db.ApiTokens.SingleOrDefaultAsync(t => t.Id == jti, ctx.Http.RequestAborted);
        if (!ctx.IsSysadmin && (row is null || row.UserId != ctx.User?.Id))
        {
            throw new NotAuthorized($"User {ctx.User?.Name} not authorized to revoke this token");
        }
        if (row is not null)
        {
            ctx.Db.ApiTokens.Remove(row);
            Changes.Record(ctx, row.UserId, "changed user", new JsonObject { ["api_token_revoked"] = row.Id });
            await ctx.Db.SaveChangesAsync(ctx.Http.RequestAborted);
        }
        return null;
    }
}
