using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.OpenData.Files;
using GovChannel.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.OpenData.Catalog;

/// <summary>
/// Resources are edited one at a time and only touch their parent's metadata_modified (CKAN rewrote the whole package
/// on every resource edit; ckan/ckan#7510). Uploads are stored under generated keys, never under the client's name.
/// </summary>
public static class ResourceActions
{
    public static void Register(ActionTable t)
    {
        t.Read("resource_show", ResourceShow);
        t.Read("resource_search", ResourceSearch);
        t.Write("resource_create", ResourceCreate);
        t.Write("resource_update", ctx => ResourceUpdate(ctx, patch: false));
        t.Write("resource_patch", ctx => ResourceUpdate(ctx, patch: true));
        t.Write("resource_delete", ResourceDelete);
        // Resource views are not stored yet: every resource has no saved view, which is what an empty list says.
        t.Read("resource_view_list", async ctx =>
        {
            await ReadableResourceAsync(ctx, ctx.Required("id"));
            return new JsonArray();
        });
        t.Read("resource_view_show", _ => throw new NotFound("Resource view not found"));
    }

    private static string SiteUrl(ActionContext ctx) => CkanApi.SiteUrl(ctx.Http, ctx.Service<GovChannelSettings>());

    private static async Task<Resource> ReadableResourceAsync(ActionContext ctx, string id)
    {
        var r = await ctx.Db.Resources.Include(x => x.Dataset).SingleOrDefaultAsync(x => x.Id == id && x.State == "active", ctx.Http.RequestAborted);
        if (r?.Dataset is null)
        {
            throw new NotFound("Resource was not found.");
        }
        await Authz.RequireReadAsync(ctx, r.Dataset);
        // Thai GDC per-resource privacy: resource_private = "True" hides it from those who cannot edit the dataset.
        if (PackageDict.ParseObject(r.ExtrasJson)["resource_private"] is { } p && Params.AsString(p) == "True" && !await Authz.CanUpdateDatasetAsync(ctx, r.Dataset))
        {
            throw new NotAuthorized($"User {ctx.User?.Name} not authorized to read resource {r.Id}");
        }
        return r;
    }

    private static async Task<JsonNode?> ResourceShow(ActionContext ctx)
    {
        var r = await ReadableResourceAsync(ctx, ctx.Required("id"));
        return PackageDict.AbsolutiseResource(PackageDict.Resource(r, r.Dataset!), SiteUrl(ctx));
    }

    private static async Task<Dataset> EditableDatasetAsync(ActionContext ctx, string datasetId)
    {
        var d = await PackageDict.FindAsync(ctx.Db, datasetId, ctx.Http.RequestAborted) ?? throw new NotFound("Package was not found.");
        await Authz.RequireUpdateAsync(ctx, d);
        return d;
    }

    private static async Task<JsonNode?> ResourceCreate(ActionContext ctx)
    {
        var packageId = ctx.String("package_id");
        if (string.IsNullOrEmpty(packageId))
        {
            throw new ValidationError("package_id", "Missing value");
        }
        var d = await EditableDatasetAsync(ctx, packageId);
        var errors = new JsonObject();
        var r = new Resource { DatasetId = d.Id };
        if (ctx.String("id") is { Length: > 0 } id)
        {
            if (!Validators.IsUuid(id))
            {
                errors["id"] = new JsonArray("Invalid id provided");
            }
            else if (await ctx.Db.Resources.AnyAsync(x => x.Id == id, ctx.Http.RequestAborted))
            {
                errors["id"] = new JsonArray("Resource id already exists.");
            }
            else
            {
                r.Id = id;
            }
        }
        PackageWriter.ApplyResource(ctx.Data, r, errors, isNew: true);
        if (errors.Count > 0)
        {
            throw new ValidationError(errors);
        }
        r.Position = d.Resources.Where(x => x.State == "active").Select(x => x.Position + 1).DefaultIfEmpty(0).Max();
        await StoreUploadAsync(ctx, r);
        Datastore.DatastoreLoader.EnqueueAfterCommit(ctx, r, previousUrl: null, previousStorageKey: null);
        var now = ctx.Now;
        r.Created = r.Created == default ? now : r.Created;
        d.Resources.Add(r);
        ctx.Db.Resources.Add(r);
        return await SaveAsync(ctx, d, r, now);
    }

    private static async Task<JsonNode?> ResourceUpdate(ActionContext ctx, bool patch)
    {
        var id = ctx.Required("id");
        var existing = await ctx.Db.Resources.SingleOrDefaultAsync(x => x.Id == id && x.State == "active", ctx.Http.RequestAborted)
            ?? throw new NotFound("Resource was not found.");
        var d = await EditableDatasetAsync(ctx, existing.DatasetId);
        var r = d.Resources.Single(x => x.Id == id);
        var (previousUrl, previousStorageKey) = (r.Url, r.StorageKey);
        var input = ctx.Data;
        if (patch)
        {
            input = PackageDict.Resource(r, d);
            foreach (var (key, value) in ctx.Data)
            {
                input[key] = value?.DeepClone();
            }
        }
        else if (r.UrlType == "upload" && !input.ContainsKey("url"))
        {
            // An update that says nothing about the URL keeps the uploaded file.
            input["url"] = r.Url;
        }
        var errors = new JsonObject();
        PackageWriter.ApplyResource(input, r, errors, isNew: false);
        if (errors.Count > 0)
        {
            throw new ValidationError(errors);
        }
        await StoreUploadAsync(ctx, r);
        Datastore.DatastoreLoader.EnqueueAfterCommit(ctx, r, previousUrl, previousStorageKey);
        return await SaveAsync(ctx, d, r, ctx.Now);
    }

    private static async Task<JsonNode?> ResourceDelete(ActionContext ctx)
    {
        var id = ctx.Required("id");
        var existing = await ctx.Db.Resources.SingleOrDefaultAsync(x => x.Id == id && x.State == "active", ctx.Http.RequestAborted)
            ?? throw new NotFound("Resource was not found.");
        var d = await EditableDatasetAsync(ctx, existing.DatasetId);
        var r = d.Resources.Single(x => x.Id == id);
        d.Resources.Remove(r);
        ctx.Db.Resources.Remove(r);
        var position = 0;
        foreach (var other in d.Resources.Where(x => x.State == "active").OrderBy(x => x.Position))
        {
            other.Position = position++;
        }
        d.MetadataModified = ctx.Now;
        Changes.Record(ctx, d.Id, "changed package", new JsonObject { ["package"] = PackageDict.Build(d) });
        Changes.Reindex(ctx, d.Id);
        await ctx.Db.SaveChangesAsync(ctx.Http.RequestAborted);
        if (r.StorageKey is not null)
        {
            ctx.Http.Response.OnCompleted(() => ctx.Service<IFileStore>().DeleteAsync(r.StorageKey, CancellationToken.None));
        }
        return null;
    }

    private static async Task<JsonNode?> SaveAsync(ActionContext ctx, Dataset d, Resource r, DateTime now)
    {
        r.MetadataModified = now;
        d.MetadataModified = now;
        Changes.Record(ctx, d.Id, "changed package", new JsonObject { ["package"] = PackageDict.Build(d) });
        Changes.Reindex(ctx, d.Id);
        await ctx.Db.SaveChangesAsync(ctx.Http.RequestAborted);
        return PackageDict.AbsolutiseResource(PackageDict.Resource(r, d), SiteUrl(ctx));
    }

    /// <summary>Store a multipart <c>upload</c> under a generated key; the client's file name is kept only for display.</summary>
    private static async Task StoreUploadAsync(ActionContext ctx, Resource r)
    {
        if (!ctx.Files.TryGetValue("upload", out var file))
        {
            return;
        }
        var settings = ctx.Service<GovChannelSettings>();
        if (file.Length > settings.MaxUploadBytes)
        {
            throw new ValidationError("upload", "File upload too large");
        }
        var key = LocalFileStore.NewKey();
        await using (var stream = file.OpenReadStream())
        {
            await ctx.Service<IFileStore>().SaveAsync(key, stream, ctx.Http.RequestAborted);
        }
        // If the transaction fails after this point the file is an orphan; remove it so a failed write leaves nothing.
        ctx.Http.Response.OnCompleted(async () =>
        {
            // Any error status is a failed write (the API answers 4xx/5xx; the portal's forms answer 422 and redirect on success).
            if (ctx.Http.Response.StatusCode >= StatusCodes.Status400BadRequest)
            {
                await ctx.Service<IFileStore>().DeleteAsync(key, CancellationToken.None);
            }
        });
        var previous = r.StorageKey;
        r.StorageKey = key;
        r.UrlType = "upload";
        r.Url = SafeFileName(file.FileName);
        r.Size = file.Length;
        r.Mimetype = ResourceFormats.MimeFor(r.Url) ?? (string.IsNullOrEmpty(file.ContentType) ? null : file.ContentType);
        if (string.IsNullOrEmpty(r.Format))
        {
            r.Format = ResourceFormats.GuessFromUrl(r.Url);
        }
        if (previous is not null)
        {
            ctx.Http.Response.OnCompleted(() => ctx.Service<IFileStore>().DeleteAsync(previous, CancellationToken.None));
        }
    }

    private static string SafeFileName(string? name)
    {
        var baseName = Path.GetFileName((name ?? "").Replace('\\', '/'));
        var cleaned = new string(baseName.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray()).Trim('.');
        return cleaned.Length == 0 ? "upload" : cleaned[..Math.Min(cleaned.Length, 100)];
    }

    /// <summary>resource_search: <c>query</c> is "field:term" (or a list of them); terms match case-insensitively inside the field.</summary>
    private static async Task<JsonNode?> ResourceSearch(ActionContext ctx)
    {
        var queries = ctx.List("query") ?? [];
        if (ctx.Data["query"] is { } q && q is not JsonArray && Params.AsString(q) is { } single)
        {
            queries = [single];
        }
        var resources = ctx.Db.Resources.Where(r => r.State == "active" && r.Dataset!.State == "active" && !r.Dataset.Private);
        foreach (var query in queries)
        {
            var colon = query.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new ValidationError("query", "Must be <field>:<value> pair(s)");
            }
            var field = query[..colon];
            var term = query[(colon + 1)..].ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // ToLower() here is translated to SQL lower(); it never runs under a .NET culture.
            resources = field switch
            {
                "name" => resources.Where(r => r.Name != null && r.Name.ToLower().Contains(term)),
                "description" => resources.Where(r => r.Description != null && r.Description.ToLower().Contains(term)),
                "format" => resources.Where(r => r.Format.ToLower().Contains(term)),
                "url" => resources.Where(r => r.Url.ToLower().Contains(term)),
                "hash" => resources.Where(r => r.Hash.ToLower().Contains(term)),
                _ => throw new ValidationError("query", $"Field \"{field}\" not recognised in resource_search."),
            };
#pragma warning restore CA1304, CA1311, CA1862
        }
        var count = await resources.CountAsync(ctx.Http.RequestAborted);
        var ordered = ctx.String("order_by") switch
        {
            "name" => resources.OrderBy(r => r.Name),
            "format" => resources.OrderBy(r => r.Format),
            "url" => resources.OrderBy(r => r.Url),
            _ => resources.OrderBy(r => r.Id),
        };
        var page = await ordered.Include(r => r.Dataset).Skip(ctx.Natural("offset", 0)).Take(Math.Min(ctx.Natural("limit", 100), 1000))
            .ToListAsync(ctx.Http.RequestAborted);
        var site = SiteUrl(ctx);
        return new JsonObject
        {
            ["count"] = count,
            ["results"] = new JsonArray(page.Select(r => (JsonNode)PackageDict.AbsolutiseResource(PackageDict.Resource(r, r.Dataset!), site)).ToArray()),
        };
    }
}
