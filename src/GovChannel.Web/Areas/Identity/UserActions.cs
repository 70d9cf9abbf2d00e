using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Identity;

/// <summary>
/// CKAN's user actions (reference/ckan.md §1.2, §4.9). E-mail addresses and password hashes are shown only to the user
/// and sysadmins; only sysadmins create users unless ckan.auth.create_user_via_api, set ids or grant sysadmin.
/// </summary>
public static class UserActions
{
    public static void Register(ActionTable t)
    {
        t.Write("user_create", UserCreate);
        t.Write("user_update", ctx => UserUpdate(ctx, patch: false));
        t.Write("user_patch", ctx => UserUpdate(ctx, patch: true));
        t.Write("user_delete", UserDelete);
        t.Read("user_show", UserShow);
        t.Read("user_list", UserList);
        t.Read("user_autocomplete", UserAutocomplete);
        // Read in CKAN (side-effect free by declaration) although it may create the site user on first call.
        t.Read("get_site_user", GetSiteUser);
        TokenActions.Register(t);
    }

    private static string SiteUrl(ActionContext ctx) => CkanApi.SiteUrl(ctx.Http, ctx.Service<GovChannelSettings>());

    public static async Task<User?> FindAsync(ActionContext ctx, string? idOrName) =>
        string.IsNullOrEmpty(idOrName) ? null
        : await ctx.Db.Users.SingleOrDefaultAsync(u => u.Id == idOrName, ctx.Http.RequestAborted)
          ?? await ctx.Db.Users.SingleOrDefaultAsync(u => u.Name == idOrName, ctx.Http.RequestAborted);

    private static bool IsSelfOrSysadmin(ActionContext ctx, User u) => ctx.IsSysadmin || ctx.User?.Id == u.Id;

    /// <summary>Active datasets the user created that the caller may count: private and draft ones only for the user and sysadmins.</summary>
    private static async Task<int> NumberCreatedAsync(ActionContext ctx, User u)
    {
        var q = ctx.Db.Datasets.Where(d => d.CreatorUserId == u.Id);
        q = IsSelfOrSysadmin(ctx, u) ? q.Where(d => d.State == "active" || d.State == "draft") : q.PublicActive();
        return await q.CountAsync(ctx.Http.RequestAborted);
    }

    private static async Task<JsonNode?> UserCreate(ActionContext ctx)
    {
        var settings = ctx.Service<GovChannelSettings>();
        if (!ctx.IsSysadmin && !settings.CreateUserViaApi)
        {
            throw new NotAuthorized($"User {ctx.User?.Name} not authorized to create users");
        }
        var errors = new JsonObject();
        var u = new User { Name = "", Created = ctx.Now };
        if (ctx.String("id") is { Length: > 0 } id)
        {
            if (!ctx.IsSysadmin)
            {
                errors["id"] = new JsonArray("The input field id was not expected.");
            }
            else if (await ctx.Db.Users.AnyAsync(x => x.Id == id, ctx.Http.RequestAborted))
            {
                errors["id"] = new JsonArray("User id already exists");
            }
            else
            {
                u.Id = id;
            }
        }
        var password = ctx.String("password");
        if (string.IsNullOrEmpty(password))
        {
            errors["password"] = new JsonArray("Missing value");
        }
        await ApplyAsync(ctx, ctx.Data, u, errors);
        if (errors.Count > 0)
        {
            throw new ValidationError(errors);
        }
        ctx.Db.Users.Add(u);
        var dict = UserDict.Build(u, 0, includeEmail: true, SiteUrl(ctx));
        Changes.Record(ctx, u.Id, "new user", new JsonObject { ["user"] = UserDict.Build(u, null, includeEmail: false, SiteUrl(ctx)) });
        await ctx.Db.SaveChangesAsync(ctx.Http.RequestAborted);
        if (ctx.Bool("with_apitoken"))
        {
            var (_, token) = await ctx.Service<ApiTokens>().CreateAsync(ctx.Db, u, "default", null, ctx.Http.RequestAborted);
            dict["token"] = token;
        }
        return dict;
    }

    /// <summary>The fields create and update share, with CKAN's messages. Omitted optional fields are left as they are.</summary>
    private static async Task ApplyAsync(ActionContext ctx, JsonObject input, User u, JsonObject errors)
    {
        var ct = ctx.Http.RequestAborted;
        var name = Params.AsString(input["name"]);
        if (!string.IsNullOrEmpty(u.Name) && string.IsNullOrEmpty(name))
        {
            name = u.Name;
        }
        if (Validators.NameError(name) is { } nameError)
        {
            errors["name"] = new JsonArray(nameError);
        }
        else if (await ctx.Db.Users.AnyAsync(x => x.Name == name && x.Id != u.Id, ct))
        {
            errors["name"] = new JsonArray("That login name is not available.");
        }
        else
        {
            u.Name = name!;
        }

        var email = Params.AsString(input["email"])?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            errors["email"] = new JsonArray("Missing value");
        }
        else if (!Validators.IsEmail(email))
        {
            errors["email"] = new JsonArray($"Email {email} is not a valid format");
        }
        else if (await ctx.Db.Users.AnyAsync(x => x.Email == email && x.Id != u.Id && x.State != "deleted", ct))
        {
            errors["email"] = new JsonArray($"The email address '{email}' belongs to a registered user.");
        }
        else
        {
            u.Email = email;
        }

        if (Params.AsString(input["password"]) is { Length: > 0 } password)
        {
            if (password.Length < 8)
            {
                errors["password"] = new JsonArray("Your password must be 8 characters or longer");
            }
            else
            {
                u.PasswordHash = ctx.Service<IPasswordHasher<User>>().HashPassword(u, password);
            }
        }
        if (input.ContainsKey("fullname"))
        {
            u.FullName = Params.AsString(input["fullname"]);
        }
        if (input.ContainsKey("about"))
        {
            u.About = Params.AsString(input["about"]);
        }
        if (input.ContainsKey("image_url"))
        {
            u.ImageUrl = Params.AsString(input["image_url"]);
        }
        // ignore_not_sysadmin: the flag from anyone else is dropped without a word.
        if (ctx.IsSysadmin && input.ContainsKey("sysadmin"))
        {
            u.Sysadmin = Params.AsBool(input["sysadmin"]);
        }
    }

    private static async Task<JsonNode?> UserUpdate(ActionContext ctx, bool patch)
    {
        var id = ctx.String("id") is { Length: > 0 } i ? i : ctx.String("name");
        if (string.IsNullOrEmpty(id))
        {
            throw new ValidationError("id", "Missing value");
        }
        var u = await FindAsync(ctx, id) ?? throw new NotFound("User not found");
        if (!IsSelfOrSysadmin(ctx, u))
        {
            throw new NotAuthorized($"User {ctx.User?.Name} not authorized to edit user {u.Id}");
        }
        var input = ctx.Data;
        if (patch)
        {
            // user_patch: user_show (with e-mail, as the caller may see it), overlay the given keys, user_update.
            var merged = UserDict.Build(u, null, includeEmail: true, "");
            merged.Remove("sysadmin");
            foreach (var (key, value) in ctx.Data)
            {
                merged[key] = value?.DeepClone();
            }
            input = merged;
        }
        var errors = new JsonObject();
        await ApplyAsync(ctx, input, u, errors);
        if (errors.Count > 0)
        {
            throw new ValidationError(errors);
        }
        Changes.Record(ctx, u.Id, "changed user", new JsonObject { ["user"] = UserDict.Build(u, null, includeEmail: false, SiteUrl(ctx)) });
        await ctx.Db.SaveChangesAsync(ctx.Http.RequestAborted);
        return UserDict.Build(u, await NumberCreatedAsync(ctx, u), includeEmail: true, SiteUrl(ctx));
    }

    /// <summary>State deleted; the user loses every role and collaboration, and tokens stop working (only active users authenticate).</summary>
    private static async Task<JsonNode?> UserDelete(ActionContext ctx)
    {
        var ct = ctx.Http.RequestAborted;
        var id = ctx.Required("id");
        var u = await FindAsync(ctx, id) ?? throw new NotFound("User not found");
        Authz.RequireSysadmin(ctx, "delete user " + u.Id);
        u.State = "deleted";
        ctx.Db.Memberships.RemoveRange(await ctx.Db.Memberships.Where(m => m.UserId == u.Id).ToListAsync(ct));
        var collaborations = await ctx.Db.Collaborators.Where(c => c.UserId == u.Id).ToListAsync(ct);
        foreach (var c in collaborations)
        {
            Changes.Reindex(ctx, c.DatasetId);
        }
        ctx.Db.Collaborators.RemoveRange(collaborations);
        Changes.Record(ctx, u.Id, "deleted user", new JsonObject { ["user"] = new JsonObject { ["id"] = u.Id, ["name"] = u.Name } });
        await ctx.Db.SaveChangesAsync(ct);
        return null;
    }

    private static async Task<JsonNode?> UserShow(ActionContext ctx)
    {
        var u = await FindAsync(ctx, ctx.String("id")) ?? throw new NotFound("User not found");
        if (u.State == "deleted" && !ctx.IsSysadmin)
        {
            throw new NotFound("User not found");
        }
        var dict = UserDict.Build(u, await NumberCreatedAsync(ctx, u), IsSelfOrSysadmin(ctx, u), SiteUrl(ctx));
        if (ctx.Bool("include_password_hash") && ctx.IsSysadmin)
        {
            dict["password_hash"] = u.PasswordHash;
        }
        if (ctx.Bool("include_num_followers"))
        {
            dict["num_followers"] = 0;
        }
        if (ctx.Bool("include_datasets"))
        {
            var visible = (await GroupDict.VisibleAsync(ctx)).Where(d => d.CreatorUserId == u.Id);
            dict["datasets"] = await GroupDict.PackagesAsync(ctx, visible, ctx.Service<GovChannelSettings>().SearchRowsMax);
        }
        return dict;
    }

    /// <summary>All users but deleted ones and the site user; dicts unless all_fields=false.</summary>
    private static async Task<JsonNode?> UserList(ActionContext ctx)
    {
        var ct = ctx.Http.RequestAborted;
        var siteId = ctx.Service<GovChannelSettings>().SiteId;
        var query = ctx.Db.Users.Where(u => u.State != "deleted");
        if (!ctx.Bool("include_site_user"))
        {
            query = query.Where(u => u.Name != siteId);
        }
        if (ctx.String("q") is { Length: > 0 } q)
        {
            var term = q.ToLowerInvariant();
            var sysadmin = ctx.IsSysadmin;
#pragma warning disable CA1304, CA1311, CA1862 // ToLower() here is SQL lower() on both sides: ILIKE on either database.
            query = query.Where(u => u.Name.ToLower().Contains(term) || (u.FullName ?? "").ToLower().Contains(term)
                || (sysadmin && (u.Email ?? "").ToLower().Contains(term)));
#pragma warning restore CA1304, CA1311, CA1862
        }
        if (ctx.String("email") is { Length: > 0 } email)
        {
            query = query.Where(u => u.Email == email);
        }
        var users = await query.ToListAsync(ct);
        var counts = await ctx.Db.Datasets.PublicActive().Where(d => d.CreatorUserId != null)
            .GroupBy(d => d.CreatorUserId).Select(g => new { Id = g.Key!, Count = g.Count() }).ToDictionaryAsync(x => x.Id, x => x.Count, ct);
        var orderBy = ctx.String("order_by") is { Length: > 0 } o ? o : "name";
        IEnumerable<User> ordered = orderBy switch
        {
            "name" => users.OrderBy(u => u.Name, StringComparer.Ordinal),
            "fullname" or "display_name" => users.OrderBy(u => string.IsNullOrEmpty(u.FullName) ? u.Name : u.FullName, StringComparer.Ordinal),
            "created" => users.OrderBy(u => u.Created),
            "sysadmin" => users.OrderBy(u => u.Sysadmin),
            "about" => users.OrderBy(u => u.About ?? "", StringComparer.Ordinal),
            "email" => users.OrderBy(u => u.Email ?? "", StringComparer.Ordinal),
            "number_created_packages" => users.OrderBy(u => counts.GetValueOrDefault(u.Id)),
            _ => throw new ValidationError("order_by", $"Cannot sort by field `{orderBy}`"),
        };
        if (!ctx.Bool("all_fields", true))
        {
            return new JsonArray(ordered.Select(u => (JsonNode?)u.Name).ToArray());
        }
        var siteUrl = SiteUrl(ctx);
        return new JsonArray(ordered.Select(u => (JsonNode?)UserDict.Build(u, counts.GetValueOrDefault(u.Id), IsSelfOrSysadmin(ctx, u), siteUrl)).ToArray());
    }

    private static async Task<JsonNode?> UserAutocomplete(ActionContext ctx)
    {
        var q = (ctx.String("q") ?? "").Trim().ToLowerInvariant();
        var limit = ctx.Natural("limit", 20);
        if (q.Length == 0)
        {
            return new JsonArray();
        }
#pragma warning disable CA1304, CA1311, CA1862 // ToLower() here is SQL lower(): a case-insensitive match on either database.
        var rows = await ctx.Db.Users.Where(u => u.State == "active" && (u.Name.ToLower().Contains(q) || (u.FullName ?? "").ToLower().Contains(q)))
#pragma warning restore CA1304, CA1311, CA1862
            .OrderBy(u => u.Name).Take(limit).Select(u => new { u.Id, u.Name, u.FullName }).ToListAsync(ctx.Http.RequestAborted);
        return new JsonArray(rows.Select(r => (JsonNode?)new JsonObject { ["id"] = r.Id, ["name"] = r.Name, ["fullname"] = r.FullName }).ToArray());
    }

    /// <summary>
    /// The site user (name = settings.SiteId), a sysadmin that harvesters and jobs act as; created on first use. Only a
    /// sysadmin may ask through the API. An ordinary account that happens to hold the name is never promoted.
    /// </summary>
    private static async Task<JsonNode?> GetSiteUser(ActionContext ctx)
    {
        Authz.RequireSysadmin(ctx, "get site user");
        var siteId = ctx.Service<GovChannelSettings>().SiteId;
        var u = await ctx.Db.Users.SingleOrDefaultAsync(x => x.Name == siteId, ctx.Http.RequestAborted);
        if (u is null)
        {
            u = new User { Name = siteId, Sysadmin = true, Created = ctx.Now, Email = siteId + "@localhost.invalid" };
            u.PasswordHash = ctx.Service<IPasswordHasher<User>>().HashPassword(u, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            ctx.Db.Users.Add(u);
            await ctx.Db.SaveChangesAsync(ctx.Http.RequestAborted);
        }
        var dict = UserDict.Build(u, null, includeEmail: true, SiteUrl(ctx));
        // CKAN still returns this key; API keys were replaced by tokens, so it is always null (use api_token_create).
        dict["apikey"] = null;
        return dict;
    }
}
