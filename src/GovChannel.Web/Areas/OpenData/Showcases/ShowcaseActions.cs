using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.OpenData.Showcases;

/// <summary>
/// ckanext-showcase's actions (reference/ckan.md §7.3). A showcase is a package of <c>type=showcase</c> (so
/// package_search finds it with <c>dataset_type:showcase</c>), written through the package writer like any dataset;
/// <c>image_url</c> is kept as an extra and returned at the top level, as the extension does. The dataset links live in
/// <see cref="ShowcasePackage"/>. Writes are for sysadmins and showcase admins (<see cref="ShowcaseAdmin"/>), whom only
/// sysadmins name, as in the extension.
/// </summary>
public static class ShowcaseActions
{
    public const string Type = "showcase";

    public static void Register(ActionTable t)
    {
        t.Write("ckanext_showcase_create", Create);
        t.Write("ckanext_showcase_update", Update);
        t.Write("ckanext_showcase_delete", Delete);
        t.Read("ckanext_showcase_show", Show);
        t.Read("ckanext_showcase_list", List);
        t.Write("ckanext_showcase_package_association_create", AssociationCreate);
        t.Write("ckanext_showcase_package_association_delete", AssociationDelete);
        t.Read("ckanext_showcase_package_list", PackageList);
        t.Read("ckanext_package_showcase_list", ShowcaseList);
        t.Write("ckanext_showcase_admin_add", AdminAdd);
        t.Write("ckanext_showcase_admin_remove", AdminRemove);
        t.Read("ckanext_showcase_admin_list", AdminList);
    }

    /// <summary>Sysadmins and showcase admins may write showcases (the extension's auth functions).</summary>
    public static async Task<bool> CanManageAsync(ActionContext ctx) =>
        ctx.IsSysadmin || (ctx.User is { } user && await ctx.Db.ShowcaseAdmins.AnyAsync(a => a.UserId == user.Id, Ct(ctx)));

    private static async Task RequireManagerAsync(ActionContext ctx, string what)
    {
        if (!await CanManageAsync(ctx))
        {
            throw new NotAuthorized($"User {ctx.User?.Name} not authorized to {what}");
        }
    }

    private static CancellationToken Ct(ActionContext ctx) => ctx.Http.RequestAborted;
    private static string SiteUrl(ActionContext ctx) => CkanApi.SiteUrl(ctx.Http, ctx.Service<GovChannelSettings>());

    /// <summary>image_url moves into the extras for storage (the package schema has no such field).</summary>
    private static JsonObject ToPackage(JsonObject input)
    {
        var data = (JsonObject)input.DeepClone();
        data["type"] = Type;
        data.Remove("owner_org");
        if (data["image_url"] is { } image)
        {
            var extras = data["extras"] as JsonArray ?? [];
            foreach (var old in extras.Where(e => Params.AsString(e?["key"]) == "image_url").ToList())
            {
                extras.Remove(old);
            }
            extras.Add(new JsonObject { ["key"] = "image_url", ["value"] = Params.AsString(image) ?? "" });
            data["extras"] = extras;
            data.Remove("image_url");
        }
        return data;
    }

    /// <summary>The package dict as the extension returns it: image_url at the top level, and the number of linked datasets.</summary>
    private static async Task<JsonObject> ToShowcaseAsync(ActionContext ctx, Dataset d)
    {
        var dict = PackageDict.Absolutise(PackageDict.Build(d), SiteUrl(ctx));
        var extras = dict["extras"] as JsonArray ?? [];
        var image = extras.FirstOrDefault(e => Params.AsString(e?["key"]) == "image_url");
        var imageUrl = image is null ? "" : Params.AsString(image["value"]) ?? "";
        dict["image_url"] = imageUrl;
        // As the extension does: an uploaded picture is stored relative to the site, image_display_url is absolute.
        dict["image_display_url"] = imageUrl.StartsWith('/') ? SiteUrl(ctx).TrimEnd('/') + imageUrl : imageUrl;
        if (image is not null)
        {
            extras.Remove(image);
        }
        dict["num_datasets"] = await ReadableDatasets(ctx, ctx.Db.ShowcasePackages.Where(x => x.ShowcaseId == d.Id).Select(x => x.DatasetId)).CountAsync(Ct(ctx));
        return dict;
    }

    /// <summary>Active datasets among <paramref name="ids"/> the caller may read (the same rule as package_search's permission filter).</summary>
    private static IQueryable<Dataset> ReadableDatasets(ActionContext ctx, IQueryable<string> ids)
    {
        var q = ctx.Db.Datasets.Where(d => ids.Contains(d.Id) && d.State == "active" && d.Type == "dataset");
        if (ctx.IsSysadmin)
        {
            return q;
        }
        if (ctx.User is null)
        {
            return q.Where(d => !d.Private);
        }
        var userId = ctx.User.Id;
        var orgs = ctx.Db.Memberships.Where(m => m.UserId == userId).Select(m => m.GroupId);
        var collaborations = ctx.Db.Collaborators.Where(c => c.UserId == userId).Select(c => c.DatasetId);
        return q.Where(d => !d.Private || (d.OwnerOrg != null && orgs.Contains(d.OwnerOrg)) || collaborations.Contains(d.Id));
    }

    private static async Task<Dataset> ShowcaseAsync(ActionContext ctx, string key)
    {
        var id = ctx.String(key);
        if (string.IsNullOrEmpty(id))
        {
            throw new ValidationError(key, "Missing value");
        }
        var d = await PackageDict.FindAsync(ctx.Db, id, Ct(ctx));
        if (d is null || d.Type != Type || (d.State != "active" && !ctx.IsSysadmin))
        {
            throw new NotFound("Showcase not found");
        }
        return d;
    }

    private static async Task<JsonNode?> Create(ActionContext ctx)
    {
        await RequireManagerAsync(ctx, "create showcases");
        var dict = await PackageWriter.CreateAsync(ctx, ToPackage(ctx.Data));
        var d = await PackageDict.FindAsync(ctx.Db, Params.AsString(dict["id"])!, Ct(ctx));
        return await ToShowcaseAsync(ctx, d!);
    }

    private static async Task<JsonNode?> Update(ActionContext ctx)
    {
        await RequireManagerAsync(ctx, "update showcases");
        var d = await ShowcaseAsync(ctx, ctx.Has("id") ? "id" : "name");
        await PackageWriter.UpdateAsync(ctx, ToPackage(ctx.Data), d);
        return await ToShowcaseAsync(ctx, (await PackageDict.FindAsync(ctx.Db, d.Id, Ct(ctx)))!);
    }

    private static async Task<JsonNode?> Delete(ActionContext ctx)
    {
        await RequireManagerAsync(ctx, "delete showcases");
        var d = await ShowcaseAsync(ctx, "id");
        d.State = "deleted";
        d.MetadataModified = ctx.Now;
        ctx.Db.ShowcasePackages.RemoveRange(ctx.Db.ShowcasePackages.Where(x => x.ShowcaseId == d.Id));
        Changes.Record(ctx, d.Id, "deleted package", new JsonObject { ["package"] = PackageDict.Build(d) });
        Changes.Reindex(ctx, d.Id);
        await ctx.Db.SaveChangesAsync(Ct(ctx));
        return null;
    }

    private static async Task<JsonNode?> Show(ActionContext ctx) => await ToShowcaseAsync(ctx, await ShowcaseAsync(ctx, "id"));

    /// <summary>Every active showcase, newest first (the extension returns them all; there are few).</summary>
    private static async Task<JsonNode?> List(ActionContext ctx)
    {
        var ids = await ctx.Db.Datasets.Where(d => d.Type == Type && d.State == "active").OrderByDescending(d => d.MetadataCreated)
            .Select(d => d.Id).ToListAsync(Ct(ctx));
        var list = new JsonArray();
        foreach (var id in ids)
        {
            list.Add(await ToShowcaseAsync(ctx, (await PackageDict.FindAsync(ctx.Db, id, Ct(ctx)))!));
        }
        return list;
    }

    private static async Task<(Dataset Showcase, Dataset Package)> PairAsync(ActionContext ctx)
    {
        var showcase = await ShowcaseAsync(ctx, "showcase_id");
        var packageId = ctx.Required("package_id");
        var package = await PackageDict.FindAsync(ctx.Db, packageId, Ct(ctx));
        // A private dataset the caller may not read is "not found" to them, so it cannot be linked (or probed) either.
        if (package is null || package.State == "deleted" || package.Type == Type || !await Authz.CanReadDatasetAsync(ctx, package))
        {
            throw new NotFound("Package not found");
        }
        return (showcase, package);
    }

    private static async Task<JsonNode?> AssociationCreate(ActionContext ctx)
    {
        await RequireManagerAsync(ctx, "create showcase associations");
        var (showcase, package) = await PairAsync(ctx);
        if (await ctx.Db.ShowcasePackages.AnyAsync(x => x.ShowcaseId == showcase.Id && x.DatasetId == package.Id, Ct(ctx)))
        {
            throw ValidationError.WithMessage("ShowcasePackageAssociation with package_id '" + package.Id + "' and showcase_id '" + showcase.Id + "' already exists.");
        }
        ctx.Db.ShowcasePackages.Add(new ShowcasePackage { ShowcaseId = showcase.Id, DatasetId = package.Id, Created = ctx.Now });
        Changes.Record(ctx, showcase.Id, "changed package", new JsonObject { ["showcase_package"] = new JsonObject { ["added"] = package.Id } });
        await ctx.Db.SaveChangesAsync(Ct(ctx));
        return new JsonObject { ["showcase_id"] = showcase.Id, ["package_id"] = package.Id };
    }

    private static async Task<JsonNode?> AssociationDelete(ActionContext ctx)
    {
        await RequireManagerAsync(ctx, "delete showcase associations");
        var (showcase, package) = await PairAsync(ctx);
        var link = await ctx.Db.ShowcasePackages.SingleOrDefaultAsync(x => x.ShowcaseId == showcase.Id && x.DatasetId == package.Id, Ct(ctx))
            ?? throw new NotFound("ShowcasePackageAssociation with package_id '" + package.Id + "' and showcase_id '" + showcase.Id + "' doesn't exist.");
        ctx.Db.ShowcasePackages.Remove(link);
        Changes.Record(ctx, showcase.Id, "changed package", new JsonObject { ["showcase_package"] = new JsonObject { ["removed"] = package.Id } });
        await ctx.Db.SaveChangesAsync(Ct(ctx));
        return null;
    }

    /// <summary>The datasets a showcase uses, as package dicts; private ones only for callers who may read them.</summary>
    private static async Task<JsonNode?> PackageList(ActionContext ctx)
    {
        var showcase = await ShowcaseAsync(ctx, "showcase_id");
        var ids = await ReadableDatasets(ctx, ctx.Db.ShowcasePackages.Where(x => x.ShowcaseId == showcase.Id).Select(x => x.DatasetId))
            .OrderBy(d => d.Name).Select(d => d.Id).ToListAsync(Ct(ctx));
        var list = new JsonArray();
        foreach (var id in ids)
        {
            list.Add(PackageDict.Absolutise(PackageDict.Build((await PackageDict.FindAsync(ctx.Db, id, Ct(ctx)))!), SiteUrl(ctx)));
        }
        return list;
    }

    /// <summary>The showcases that use a dataset (the dataset must be readable by the caller).</summary>
    private static async Task<JsonNode?> ShowcaseList(ActionContext ctx)
    {
        var d = await PackageActions.ShowableAsync(ctx, ctx.Required("package_id"));
        var ids = await ctx.Db.ShowcasePackages.Where(x => x.DatasetId == d.Id)
            .Join(ctx.Db.Datasets.Where(s => s.Type == Type && s.State == "active"), x => x.ShowcaseId, s => s.Id, (x, s) => s)
            .OrderBy(s => s.Name).Select(s => s.Id).ToListAsync(Ct(ctx));
        var list = new JsonArray();
        foreach (var id in ids)
        {
            list.Add(await ToShowcaseAsync(ctx, (await PackageDict.FindAsync(ctx.Db, id, Ct(ctx)))!));
        }
        return list;
    }

    private static async Task<Identity.User> AdminUserAsync(ActionContext ctx)
    {
        var name = ctx.Required("username");
        return await ctx.Db.Users.SingleOrDefaultAsync(u => (u.Name == name || u.Id == name) && u.State != "deleted", Ct(ctx))
            ?? throw new NotFound("User not found");
    }

    private static async Task<JsonNode?> AdminAdd(ActionContext ctx)
    {
        Authz.RequireSysadmin(ctx, "add showcase admins");
        var user = await AdminUserAsync(ctx);
        if (await ctx.Db.ShowcaseAdmins.AnyAsync(a => a.UserId == user.Id, Ct(ctx)))
        {
            throw ValidationError.WithMessage("ShowcaseAdmin with user_id '" + user.Id + "' already exists.");
        }
        ctx.Db.ShowcaseAdmins.Add(new ShowcaseAdmin { UserId = user.Id, Created = ctx.Now });
        Changes.Record(ctx, user.Id, "changed user", new JsonObject { ["showcase_admin"] = "added" });
        await ctx.Db.SaveChangesAsync(Ct(ctx));
        return new JsonObject { ["id"] = user.Id, ["name"] = user.Name };
    }

    private static async Task<JsonNode?> AdminRemove(ActionContext ctx)
    {
        Authz.RequireSysadmin(ctx, "remove showcase admins");
        var user = await AdminUserAsync(ctx);
        var admin = await ctx.Db.ShowcaseAdmins.SingleOrDefaultAsync(a => a.UserId == user.Id, Ct(ctx))
            ?? throw new NotFound("User is not a showcase admin");
        ctx.Db.ShowcaseAdmins.Remove(admin);
        Changes.Record(ctx, user.Id, "changed user", new JsonObject { ["showcase_admin"] = "removed" });
        await ctx.Db.SaveChangesAsync(Ct(ctx));
        return null;
    }

    /// <summary>The active showcase admins as <c>{id, name}</c>, by name (sysadmins only, as in the extension).</summary>
    private static async Task<JsonNode?> AdminList(ActionContext ctx)
    {
        Authz.RequireSysadmin(ctx, "list showcase admins");
        var admins = await ctx.Db.ShowcaseAdmins.Join(ctx.Db.Users.Where(u => u.State == "active"), a => a.UserId, u => u.Id, (a, u) => new { u.Id, u.Name })
            .OrderBy(u => u.Name).ToListAsync(Ct(ctx));
        return new JsonArray([.. admins.Select(a => (JsonNode)new JsonObject { ["id"] = a.Id, ["name"] = a.Name })]);
    }
}
