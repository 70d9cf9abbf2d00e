using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Ckan;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.OpenData.Catalog;

public static class PackageActions
{
    public static void Register(ActionTable t)
    {
        t.Read("package_list", PackageList);
        t.Read("package_show", PackageShow);
        t.Write("package_create", PackageCreate);
        t.Write("package_update", PackageUpdate);
        t.Write("package_patch", PackagePatch);
        t.Write("package_revise", PackageRevise.Run);
        t.Write("package_delete", PackageDelete);
        t.Write("dataset_purge", DatasetPurge);
        t.Write("package_owner_org_update", OwnerOrgUpdate);
        t.Write("package_resource_reorder", ResourceReorder);
        t.Write("bulk_update_private", ctx => BulkUpdate(ctx, d => d.Private = true));
        t.Write("bulk_update_public", ctx => BulkUpdate(ctx, d =>
        {
            d.Private = false;
            // Thai GDC: publishing also consents to harvesting into the national GD-Catalog.
            var fields = PackageDict.ParseObject(d.FieldsJson);
            fields["allow_harvest"] = "True";
            d.FieldsJson = fields.ToJsonString();
        }));
        t.Write("bulk_update_delete", ctx => BulkUpdate(ctx, d => d.State = "deleted"));
        t.Read("package_relationships_list", async ctx =>
        {
            await ShowableAsync(ctx, ctx.Required("id"));
            return new JsonArray();
        });
    }

    /// <summary>
    /// Every public, active dataset name, sorted; other parameters are ignored, as in CKAN. One deliberate extension:
    /// <c>include_private=true</c> (which ckanapi's dump sends and CKAN ignores) also lists the active private datasets
    /// the caller may read, so a sysadmin's dump loses nothing. Anonymous callers are unaffected.
    /// </summary>
    private static async Task<JsonNode?> PackageList(ActionContext ctx)
    {
        var limit = ctx.Natural("limit", int.MaxValue);
        var offset = ctx.Natural("offset", 0);
        var datasets = ctx.Db.Datasets.Where(d => d.Type == "dataset" && d.State == "active");
        if (ctx.Bool("include_private") && ctx.User is not null)
        {
            if (!ctx.IsSysadmin)
            {
                var orgs = (await Authz.CapacitiesAsync(ctx)).Keys.ToList();
                var userId = ctx.User.Id;
                datasets = datasets.Where(d => !d.Private || (d.OwnerOrg != null && orgs.Contains(d.OwnerOrg))
                    || ctx.Db.Collaborators.Any(c => c.DatasetId == d.Id && c.UserId == userId));
            }
        }
        else
        {
            datasets = datasets.Where(d => !d.Private);
        }
        var names = await datasets.OrderBy(d => d.Name)
            .Skip(offset).Take(limit).Select(d => d.Name).ToListAsync(ctx.Http.RequestAborted);
        return new JsonArray(names.Select(n => (JsonNode?)n).ToArray());
    }

    public static async Task<Dataset> ShowableAsync(ActionContext ctx, string idOrName)
    {
        var d = await PackageDict.FindAsync(ctx.Db, idOrName, ctx.Http.RequestAborted) ?? throw new NotFound();
        await Authz.RequireReadAsync(ctx, d);
        return d;
    }

    private static async Task<JsonNode?> PackageShow(ActionContext ctx)
    {
        var id = ctx.String("id") ?? ctx.String("name_or_id");
        if (string.IsNullOrEmpty(id))
        {
            throw new NotFound();
        }
        var d = await ShowableAsync(ctx, id);
        var dict = PackageDict.Absolutise(PackageDict.Build(d), CkanApi.SiteUrl(ctx.Http, ctx.Service<Data.GovChannelSettings>()));
        if (ctx.Bool("use_default_schema"))
        {
            PackageDict.FieldsToExtras(dict);
        }
        return dict;
    }

    private static async Task<JsonNode?> PackageCreate(ActionContext ctx)
    {
        Authz.RequireLogin(ctx, "create packages");
        var settings = ctx.Service<Data.GovChannelSettings>();
        if (!ctx.IsSysadmin && !settings.CreateUnownedDataset &&
            !(await Authz.CapacitiesAsync(ctx)).Values.Any(c => c is "admin" or "editor"))
        {
            throw new NotAuthorized($"User {ctx.User!.Name} not authorized to create packages");
        }
        var dict = await PackageWriter.CreateAsync(ctx, ctx.Data);
        return PackageDict.Absolutise(dict, CkanApi.SiteUrl(ctx.Http, settings));
    }

    private static async Task<Dataset> EditableAsync(ActionContext ctx)
    {
        var id = ctx.String("id") ?? ctx.String("name");
        if (string.IsNullOrEmpty(id))
        {
            throw new ValidationError("id", "Missing value");
        }
        var d = await PackageDict.FindAsync(ctx.Db, id, ctx.Http.RequestAborted) ?? throw new NotFound("Package was not found.");
        await Authz.RequireUpdateAsync(ctx, d);
        return d;
    }

    private static async Task<JsonNode?> PackageUpdate(ActionContext ctx)
    {
        var d = await EditableAsync(ctx);
        var dict = await PackageWriter.UpdateAsync(ctx, ctx.Data, d);
        return PackageDict.Absolutise(dict, CkanApi.SiteUrl(ctx.Http, ctx.Service<Data.GovChannelSettings>()));
    }

    /// <summary>package_show, overlay the given keys, package_update.</summary>
    private static async Task<JsonNode?> PackagePatch(ActionContext ctx)
    {
        var d = await EditableAsync(ctx);
        var merged = PackageDict.Build(d);
        foreach (var (key, value) in ctx.Data)
        {
            if (key != "id")
            {
                merged[key] = value?.DeepClone();
            }
        }
        var dict = await PackageWriter.UpdateAsync(ctx, merged, d);
        return PackageDict.Absolutise(dict, CkanApi.SiteUrl(ctx.Http, ctx.Service<Data.GovChannelSettings>()));
    }

    private static async Task<JsonNode?> PackageDelete(ActionContext ctx)
    {
        var d = await EditableAsync(ctx);
        if (d.State != "deleted")
        {
            d.State = "deleted";
            d.MetadataModified = ctx.Now;
            Changes.Record(ctx, d.Id, "deleted package", new JsonObject { ["package"] = PackageDict.Build(d) });
            Changes.Reindex(ctx, d.Id);
            await ctx.Db.SaveChangesAsync(ctx.Http.RequestAborted);
        }
        return null;
    }

    private static async Task<JsonNode?> DatasetPurge(ActionContext ctx)
    {
        var id = ctx.Required("id");
        Authz.RequireSysadmin(ctx, "purge package");
        var d = await PackageDict.FindAsync(ctx.Db, id, ctx.Http.RequestAborted) ?? throw new NotFound("Dataset not found");
        ctx.Db.Datasets.Remove(d);
        Changes.Record(ctx, d.Id, "deleted package", new JsonObject { ["package"] = new JsonObject { ["id"] = d.Id, ["name"] = d.Name, ["purged"] = true } });
        Changes.Reindex(ctx, d.Id);
        await ctx.Db.SaveChangesAsync(ctx.Http.RequestAborted);
        return null;
    }

    private static async Task<JsonNode?> OwnerOrgUpdate(ActionContext ctx)
    {
        var d = await EditableAsync(ctx);
        var merged = PackageDict.Build(d);
        merged["owner_org"] = ctx.String("organization_id");
        await PackageWriter.UpdateAsync(ctx, merged, d);
        return null;
    }

    /// <summary>The listed resource ids move to the front in that order; the rest keep their relative order.</summary>
    private static async Task<JsonNode?> ResourceReorder(ActionContext ctx)
    {
        var d = await EditableAsync(ctx);
        var order = ctx.List("order") ?? throw new ValidationError("order", "Missing value");
        var active = d.Resources.Where(r => r.State == "active").OrderBy(r => r.Position).ToList();
        var byId = active.ToDictionary(r => r.Id, StringComparer.Ordinal);
        if (order.Any(id => !byId.ContainsKey(id)))
        {
            throw ValidationError.WithMessage("Invalid resource id in order list");
        }
        var reordered = order.Select(id => byId[id]).Concat(active.Where(r => !order.Contains(r.Id))).ToList();
        for (var i = 0; i < reordered.Count; i++)
        {
            reordered[i].Position = i;
        }
        d.MetadataModified = ctx.Now;
        Changes.Record(ctx, d.Id, "changed package", new JsonObject { ["package"] = PackageDict.Build(d) });
        Changes.Reindex(ctx, d.Id);
        await ctx.Db.SaveChangesAsync(ctx.Http.RequestAborted);
        return new JsonObject { ["id"] = d.Id, ["order"] = new JsonArray(reordered.Select(r => (JsonNode?)r.Id).ToArray()) };
    }

    private static async Task<JsonNode?> BulkUpdate(ActionContext ctx, Action<Dataset> change)
    {
        var orgId = ctx.Required("org_id");
        var ids = ctx.List("datasets") ?? throw new ValidationError("datasets", "Missing value");
        var org = await ctx.Db.Groups.SingleOrDefaultAsync(g => g.IsOrganization && (g.Id == orgId || g.Name == orgId), ctx.Http.RequestAborted)
            ?? throw new NotFound("Organization not found");
        if (!await Authz.CanCreateInOrgAsync(ctx, org.Id))
        {
            throw new NotAuthorized($"User {ctx.User?.Name} not authorized to update datasets of {org.Name}");
        }
        var datasets = await ctx.Db.Datasets.Where(d => d.OwnerOrg == org.Id && (ids.Contains(d.Id) || ids.Contains(d.Name)))
            .ToListAsync(ctx.Http.RequestAborted);
        var now = ctx.Now;
        foreach (var d in datasets)
        {
            change(d);
            d.MetadataModified = now;
            Changes.Record(ctx, d.Id, d.State == "deleted" ? "deleted package" : "changed package", new JsonObject { ["package"] = new JsonObject { ["id"] = d.Id, ["name"] = d.Name } });
            Changes.Reindex(ctx, d.Id);
        }
        await ctx.Db.SaveChangesAsync(ctx.Http.RequestAborted);
        return null;
    }
}
