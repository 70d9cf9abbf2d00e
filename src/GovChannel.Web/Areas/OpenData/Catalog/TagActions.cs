using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Ckan;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.OpenData.Catalog;

/// <summary>
/// Tags and vocabularies (reference/ckan.md §4.4, acceptance cases 7 and 43). tag_list follows core CKAN: without a
/// query it lists every free tag in use, not Thai GDC's empty list. Free tags are those of datasets the caller may
/// read, so a private dataset's tags never show to outsiders. Matching is case-insensitive (SQL lower() on both sides;
/// Thai has no case, so Thai words match as they are).
/// </summary>
public static class TagActions
{
    public static void Register(ActionTable t)
    {
        t.Read("tag_list", TagList);
        t.Read("tag_show", TagShow);
        t.Read("tag_search", TagSearch);
        t.Read("tag_autocomplete", TagAutocomplete);
        t.Write("tag_create", TagCreate);
        t.Write("tag_delete", TagDelete);
        t.Read("vocabulary_list", VocabularyList);
        t.Read("vocabulary_show", VocabularyShow);
        t.Write("vocabulary_create", VocabularyCreate);
        t.Write("vocabulary_update", VocabularyUpdate);
        t.Write("vocabulary_delete", VocabularyDelete);
    }

    /// <summary>CKAN's tag_dictize: no state key, unlike the tags inside a package dict.</summary>
    private static JsonObject Dict(Tag t) => new()
    {
        ["display_name"] = t.Name,
        ["id"] = t.Id,
        ["name"] = t.Name,
        ["vocabulary_id"] = t.VocabularyId,
    };

    private static async Task<Vocabulary?> FindVocabularyAsync(ActionContext ctx, string? idOrName) =>
        string.IsNullOrEmpty(idOrName) ? null
        : await ctx.Db.Vocabularies.SingleOrDefaultAsync(v => v.Id == idOrName, ctx.Http.RequestAborted)
          ?? await ctx.Db.Vocabularies.SingleOrDefaultAsync(v => v.Name == idOrName, ctx.Http.RequestAborted);

    private static async Task<Vocabulary> RequireVocabularyAsync(ActionContext ctx, string idOrName) =>
        await FindVocabularyAsync(ctx, idOrName) ?? throw new NotFound($"Could not find vocabulary \"{idOrName}\"");

    /// <summary>
    /// The tags to choose from: a vocabulary's tags (all of them), or free tags in use by an active dataset the caller may
    /// read (CKAN's Tag.all joins package_tag).
    /// </summary>
    private static async Task<IQueryable<Tag>> CandidatesAsync(ActionContext ctx)
    {
        if (ctx.String("vocabulary_id") is { Length: > 0 } vocabularyRef)
        {
            var vocabulary = await RequireVocabularyAsync(ctx, vocabularyRef);
            return ctx.Db.Tags.Where(t => t.VocabularyId == vocabulary.Id);
        }
        var visible = (await GroupDict.VisibleAsync(ctx)).Select(d => d.Id);
        var used = ctx.Db.DatasetTags.Where(dt => visible.Contains(dt.DatasetId)).Select(dt => dt.TagId);
        return ctx.Db.Tags.Where(t => t.VocabularyId == null && used.Contains(t.Id));
    }

    private static IQueryable<Tag> Matching(IQueryable<Tag> tags, IEnumerable<string> terms)
    {
        foreach (var term in terms.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0))
        {
#pragma warning disable CA1304, CA1311, CA1862 // ToLower() here is SQL lower(): ILIKE '%term%' on either database.
            tags = tags.Where(t => t.Name.ToLower().Contains(term));
#pragma warning restore CA1304, CA1311, CA1862
        }
        return tags;
    }

    private static async Task<List<Tag>> SortedAsync(ActionContext ctx, IQueryable<Tag> tags) =>
        (await tags.ToListAsync(ctx.Http.RequestAborted)).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();

    private static async Task<JsonNode?> TagList(ActionContext ctx)
    {
        var tags = await CandidatesAsync(ctx);
        var query = ctx.String("query") is { Length: > 0 } q1 ? q1 : ctx.String("q");
        if (!string.IsNullOrEmpty(query))
        {
            tags = Matching(tags, query.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
        var list = await SortedAsync(ctx, tags);
        return ctx.Bool("all_fields")
            ? new JsonArray(list.Select(t => (JsonNode?)Dict(t)).ToArray())
            : new JsonArray(list.Select(t => (JsonNode?)t.Name).ToArray());
    }

    /// <summary>CKAN's _tag_search: <c>query</c> (a string or a list of terms) and/or <c>fields</c> {"tags": …}; no terms, no results.</summary>
    private static async Task<(int Count, List<Tag> Page)> SearchAsync(ActionContext ctx)
    {
        var terms = ctx.List("query") ?? [];
        if (ctx.String("query") is { } single && ctx.Data["query"] is JsonValue)
        {
            terms = [single];
        }
        if (ctx.Data["fields"] is JsonObject fields)
        {
            terms.AddRange(fields.Select(kv => Params.AsString(kv.Value)).Where(v => v is not null).Select(v => v!));
        }
        terms = terms.Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        if (terms.Count == 0)
        {
            return (0, []);
        }
        var tags = Matching(await CandidatesAsync(ctx), terms);
        var all = await SortedAsync(ctx, tags);
        var limit = ctx.Natural("limit", 10);
        var offset = ctx.Natural("offset", 0);
        return (all.Count, all.Skip(offset).Take(limit == 0 ? int.MaxValue : limit).ToList());
    }

    private static async Task<JsonNode?> TagSearch(ActionContext ctx)
    {
        var (count, page) = await SearchAsync(ctx);
        return new JsonObject { ["count"] = count, ["results"] = new JsonArray(page.Select(t => (JsonNode?)Dict(t)).ToArray()) };
    }

    private static async Task<JsonNode?> TagAutocomplete(ActionContext ctx)
    {
        var (_, page) = await SearchAsync(ctx);
        return new JsonArray(page.Select(t => (JsonNode?)t.Name).ToArray());
    }

    /// <summary>By id, else by name among the vocabulary's tags (free tags when no vocabulary is given).</summary>
    private static async Task<Tag?> FindTagAsync(ActionContext ctx, string idOrName, string? vocabularyRef)
    {
        var ct = ctx.Http.RequestAborted;
        var byId = await ctx.Db.Tags.SingleOrDefaultAsync(t => t.Id == idOrName, ct);
        if (byId is not null)
        {
            return byId;
        }
        if (string.IsNullOrEmpty(vocabularyRef))
        {
            return await ctx.Db.Tags.SingleOrDefaultAsync(t => t.Name == idOrName && t.VocabularyId == null, ct);
        }
        var vocabulary = await FindVocabularyAsync(ctx, vocabularyRef);
        return vocabulary is null ? null : await ctx.Db.Tags.SingleOrDefaultAsync(t => t.Name == idOrName && t.VocabularyId == vocabulary.Id, ct);
    }

    private static async Task<JsonNode?> TagShow(ActionContext ctx)
    {
        var id = ctx.String("id");
        if (string.IsNullOrEmpty(id))
        {
            throw new ValidationError("id", "Missing value");
        }
        var tag = await FindTagAsync(ctx, id, ctx.String("vocabulary_id")) ?? throw new NotFound($"Could not find tag \"{id}\"");
        var dict = Dict(tag);
        if (ctx.Bool("include_datasets"))
        {
            // As CKAN's search without include_private: public, active datasets only.
            var tagged = ctx.Db.DatasetTags.Where(dt => dt.TagId == tag.Id).Select(dt => dt.DatasetId);
            dict["packages"] = await GroupDict.PackagesAsync(ctx, ctx.Db.Datasets.PublicActive().Where(d => tagged.Contains(d.Id)),
                ctx.Service<Data.GovChannelSettings>().SearchRowsMax);
        }
        return dict;
    }

    /// <summary>Only vocabulary tags are created explicitly; free tags come into being with the datasets that use them.</summary>
    private static async Task<JsonNode?> TagCreate(ActionContext ctx)
    {
        Authz.RequireSysadmin(ctx, "create tags");
        var errors = new JsonObject();
        var name = (ctx.String("name") ?? "").Trim();
        var vocabularyRef = ctx.String("vocabulary_id");
        Vocabulary? vocabulary = null;
        if (string.IsNullOrEmpty(vocabularyRef))
        {
            errors["vocabulary_id"] = new JsonArray("Missing value");
        }
        else if ((vocabulary = await FindVocabularyAsync(ctx, vocabularyRef)) is null)
        {
            errors["vocabulary_id"] = new JsonArray($"Tag vocabulary \"{vocabularyRef}\" does not exist");
        }
        if (name.Length == 0)
        {
            errors["name"] = new JsonArray("Missing value");
        }
        else if (Validators.TagError(name) is { } tagError)
        {
            errors["name"] = new JsonArray(tagError);
        }
        else if (vocabulary is not null && await ctx.Db.Tags.AnyAsync(t => t.Name == name && t.VocabularyId == vocabulary.Id, ctx.Http.RequestAborted))
        {
            errors["name"] = new JsonArray($"Tag \"{name}\" already belongs to vocabulary \"{vocabulary.Name}\"");
        }
        if (errors.Count > 0)
        {
            throw new ValidationError(errors);
        }
        var tag = new Tag { Name = name, VocabularyId = vocabulary!.Id };
        ctx.Db.Tags.Add(tag);
        await ctx.Db.SaveChangesAsync(ctx.Http.RequestAborted);
        return Dict(tag);
    }

    /// <summary>Not found is answered before the permission check, as CKAN does (acceptance case 7 posts anonymously).</summary>
    private static async Task<JsonNode?> TagDelete(ActionContext ctx)
    {
        var id = ctx.String("id");
        if (string.IsNullOrEmpty(id))
        {
            throw new ValidationError("id", "id not in data");
        }
        var tag = await FindTagAsync(ctx, id, ctx.String("vocabulary_id")) ?? throw new NotFound($"Could not find tag \"{id}\"");
        Authz.RequireSysadmin(ctx, "delete tags");
        await RemoveTagsAsync(ctx, [tag]);
        await ctx.Db.SaveChangesAsync(ctx.Http.RequestAborted);
        return null;
    }

    private static async Task RemoveTagsAsync(ActionContext ctx, List<Tag> tags)
    {
        var ids = tags.Select(t => t.Id).ToList();
        var links = await ctx.Db.DatasetTags.Where(dt => ids.Contains(dt.TagId)).ToListAsync(ctx.Http.RequestAborted);
        foreach (var datasetId in links.Select(l => l.DatasetId).Distinct())
        {
            Changes.Reindex(ctx, datasetId);
        }
        ctx.Db.DatasetTags.RemoveRange(links);
        ctx.Db.Tags.RemoveRange(tags);
    }

    private static async Task<JsonObject> VocabularyDictAsync(ActionContext ctx, Vocabulary v)
    {
        var tags = await SortedAsync(ctx, ctx.Db.Tags.Where(t => t.VocabularyId == v.Id));
        return new JsonObject
        {
            ["id"] = v.Id,
            ["name"] = v.Name,
            ["tags"] = new JsonArray(tags.Select(t => (JsonNode?)Dict(t)).ToArray()),
        };
    }

    private static async Task<JsonNode?> VocabularyList(ActionContext ctx)
    {
        var result = new JsonArray();
        foreach (var v in (await ctx.Db.Vocabularies.ToListAsync(ctx.Http.RequestAborted)).OrderBy(v => v.Name, StringComparer.Ordinal))
        {
            result.Add(await VocabularyDictAsync(ctx, v));
        }
        return result;
    }

    private static async Task<JsonNode?> VocabularyShow(ActionContext ctx) =>
        await VocabularyDictAsync(ctx, await RequireVocabularyAsync(ctx, ctx.Required("id")));

    private static async Task<string?> VocabularyNameErrorAsync(ActionContext ctx, string? name, string? selfId)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "Missing value";
        }
        if (name.Length < 2)
        {
            return "Name must be at least 2 characters long";
        }
        if (name.Length > 100)
        {
            return "Name must be a maximum of 100 characters long";
        }
        return await ctx.Db.Vocabularies.AnyAsync(v => v.Name == name && v.Id != selfId, ctx.Http.RequestAborted)
            ? "That vocabulary name is already in use." : null;
    }

    /// <summary>tags: [{name}] on create and update; update replaces the set when tags is sent.</summary>
    private static async Task SetTagsAsync(ActionContext ctx, Vocabulary v, JsonArray tags, JsonObject errors)
    {
        var wanted = new List<string>();
        foreach (var item in tags)
        {
            var name = (item is JsonObject o ? Params.AsString(o["name"]) : Params.AsString(item))?.Trim() ?? "";
            if (Validators.TagError(name) is { } e)
            {
                errors["tags"] = new JsonArray(e);
                return;
            }
            if (!wanted.Contains(name))
            {
                wanted.Add(name);
            }
        }
        var current = await ctx.Db.Tags.Where(t => t.VocabularyId == v.Id).ToListAsync(ctx.Http.RequestAborted);
        await RemoveTagsAsync(ctx, current.Where(t => !wanted.Contains(t.Name)).ToList());
        foreach (var name in wanted.Where(n => current.All(t => t.Name != n)))
        {
            ctx.Db.Tags.Add(new Tag { Name = name, VocabularyId = v.Id });
        }
    }

    private static async Task<JsonNode?> VocabularyCreate(ActionContext ctx)
    {
        Authz.RequireSysadmin(ctx, "create vocabularies");
        var errors = new JsonObject();
        var name = ctx.String("name");
        if (await VocabularyNameErrorAsync(ctx, name, null) is { } nameError)
        {
            errors["name"] = new JsonArray(nameError);
        }
        var v = new Vocabulary { Name = name ?? "" };
        if (errors.Count == 0)
        {
            ctx.Db.Vocabularies.Add(v);
            if (ctx.Data["tags"] is JsonArray tags)
            {
                await SetTagsAsync(ctx, v, tags, errors);
            }
        }
        if (errors.Count > 0)
        {
            throw new ValidationError(errors);
        }
        await ctx.Db.SaveChangesAsync(ctx.Http.RequestAborted);
        return await VocabularyDictAsync(ctx, v);
    }

    private static async Task<JsonNode?> VocabularyUpdate(ActionContext ctx)
    {
        Authz.RequireSysadmin(ctx, "update vocabularies");
        var v = await RequireVocabularyAsync(ctx, ctx.Required("id"));
        var errors = new JsonObject();
        if (ctx.String("name") is { Length: > 0 } name)
        {
            if (await VocabularyNameErrorAsync(ctx, name, v.Id) is { } nameError)
            {
                errors["name"] = new JsonArray(nameError);
            }
            else
            {
                v.Name = name;
            }
        }
        if (ctx.Data["tags"] is JsonArray tags)
        {
            await SetTagsAsync(ctx, v, tags, errors);
        }
        if (errors.Count > 0)
        {
            throw new ValidationError(errors);
        }
        await ctx.Db.SaveChangesAsync(ctx.Http.RequestAborted);
        return await VocabularyDictAsync(ctx, v);
    }

    private static async Task<JsonNode?> VocabularyDelete(ActionContext ctx)
    {
        var id = ctx.Required("id");
        var v = await RequireVocabularyAsync(ctx, id);
        Authz.RequireSysadmin(ctx, "delete vocabularies");
        await RemoveTagsAsync(ctx, await ctx.Db.Tags.Where(t => t.VocabularyId == v.Id).ToListAsync(ctx.Http.RequestAborted));
        ctx.Db.Vocabularies.Remove(v);
        await ctx.Db.SaveChangesAsync(ctx.Http.RequestAborted);
        return null;
    }
}
