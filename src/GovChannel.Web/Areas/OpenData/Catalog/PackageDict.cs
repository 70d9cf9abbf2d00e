using System.Text.Json;
using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.OpenData.Catalog;

/// <summary>
/// The package dict exactly as CKAN's package_show returns it (reference/ckan.md §4.1–4.4), with the Thai GDC fields at
/// the top level. Upload URLs are written relative (<c>/dataset/…/download/…</c>) and made absolute by
/// <see cref="Absolutise"/> at the edge, so the same dict can be stored in the search index.
/// </summary>
public static class PackageDict
{
    public static IQueryable<Dataset> WithEverything(this IQueryable<Dataset> q) =>
        q.Include(d => d.Resources).Include(d => d.Tags).ThenInclude(t => t.Tag)
            .Include(d => d.Groups).ThenInclude(g => g.Group).Include(d => d.Organization)
            .AsSplitQuery();

    /// <summary>Find by id or name, with everything the dict needs; null if neither matches.</summary>
    public static async Task<Dataset?> FindAsync(GovDb db, string idOrName, CancellationToken ct) =>
        await db.Datasets.WithEverything().SingleOrDefaultAsync(d => d.Id == idOrName, ct)
        ?? await db.Datasets.WithEverything().SingleOrDefaultAsync(d => d.Name == idOrName, ct);

    public static JsonObject Build(Dataset d)
    {
        var license = Licenses.Find(d.LicenseId);
        var resources = d.Resources.Where(r => r.State == "active").OrderBy(r => r.Position).ToList();
        var tags = d.Tags.Where(t => t.Tag is { VocabularyId: null }).Select(t => t.Tag!).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var dict = new JsonObject
        {
            ["author"] = d.Author,
            ["author_email"] = d.AuthorEmail,
            ["creator_user_id"] = d.CreatorUserId,
            ["extras"] = ParseArray(d.ExtrasJson),
            ["groups"] = new JsonArray(d.Groups.Where(g => g.Group is { State: "active" }).Select(g => g.Group!)
                .OrderBy(g => g.Name, StringComparer.Ordinal).Select(g => (JsonNode)GroupSummary(g)).ToArray()),
            ["id"] = d.Id,
            ["isopen"] = license?.IsOpen ?? false,
            ["license_id"] = d.LicenseId,
            ["license_title"] = license?.Title ?? d.LicenseId,
        };
        if (!string.IsNullOrEmpty(license?.Url))
        {
            dict["license_url"] = license.Url;
        }
        dict["maintainer"] = d.Maintainer;
        dict["maintainer_email"] = d.MaintainerEmail;
        dict["metadata_created"] = Clock.Iso(d.MetadataCreated);
        dict["metadata_modified"] = Clock.Iso(d.MetadataModified);
        dict["name"] = d.Name;
        dict["notes"] = d.Notes;
        dict["num_resources"] = resources.Count;
        dict["num_tags"] = tags.Count;
        dict["organization"] = d.Organization is { State: "active" } org ? OrganizationSummary(org) : null;
        dict["owner_org"] = d.OwnerOrg;
        dict["private"] = d.Private;
        dict["relationships_as_object"] = new JsonArray();
        dict["relationships_as_subject"] = new JsonArray();
        dict["resources"] = new JsonArray(resources.Select(r => (JsonNode)Resource(r, d)).ToArray());
        dict["state"] = d.State;
        dict["tags"] = new JsonArray(tags.Select(t => (JsonNode)TagDict(t)).ToArray());
        dict["title"] = (d.Title ?? d.Name).Trim();
        dict["type"] = string.IsNullOrEmpty(d.Type) ? "dataset" : d.Type;
        dict["url"] = d.Url;
        dict["version"] = d.Version;
        foreach (var (key, value) in ParseObject(d.FieldsJson))
        {
            dict[key] = value?.DeepClone();
        }
        return dict;
    }

    public static JsonObject Resource(Resource r, Dataset d)
    {
        var url = r.UrlType == "upload" ? $"/dataset/{d.Id}/resource/{r.Id}/download/{Uri.EscapeDataString(r.Url)}" : r.Url;
        var dict = new JsonObject
        {
            ["cache_last_updated"] = Clock.Iso(r.CacheLastUpdated),
            ["cache_url"] = r.CacheUrl,
            ["created"] = Clock.Iso(r.Created),
            ["description"] = r.Description ?? "",
            ["format"] = r.Format,
            ["hash"] = r.Hash,
            ["id"] = r.Id,
            ["last_modified"] = Clock.Iso(r.LastModified),
            ["metadata_modified"] = Clock.Iso(r.MetadataModified),
            ["mimetype"] = r.Mimetype,
            ["mimetype_inner"] = r.MimetypeInner,
            ["name"] = r.Name,
            ["package_id"] = r.DatasetId,
            ["position"] = r.Position,
            ["resource_type"] = r.ResourceType,
            ["size"] = r.Size,
            ["state"] = r.State,
            ["url"] = url,
            ["url_type"] = r.UrlType,
            // The DataStore is always on (reference/ckan.md §4.2); the flag itself is kept in the resource's extras.
            ["datastore_active"] = false,
        };
        foreach (var (key, value) in ParseObject(r.ExtrasJson))
        {
            dict[key] = value?.DeepClone();
        }
        return dict;
    }

    public static JsonObject GroupSummary(Group g) => new()
    {
        ["description"] = g.Description ?? "",
        ["display_name"] = g.Title is { Length: > 0 } t ? t : g.Name,
        ["id"] = g.Id,
        ["image_display_url"] = g.ImageUrl ?? "",
        ["name"] = g.Name,
        ["title"] = g.Title ?? "",
    };

    public static JsonObject OrganizationSummary(Group org) => new()
    {
        ["approval_status"] = org.ApprovalStatus,
        ["created"] = Clock.Iso(org.Created),
        ["description"] = org.Description ?? "",
        ["id"] = org.Id,
        ["image_url"] = org.ImageUrl ?? "",
        ["is_organization"] = true,
        ["name"] = org.Name,
        ["state"] = org.State,
        ["title"] = org.Title ?? "",
        ["type"] = org.Type,
    };

    public static JsonObject TagDict(Tag t) => new()
    {
        ["display_name"] = t.Name,
        ["id"] = t.Id,
        ["name"] = t.Name,
        ["state"] = "active",
        ["vocabulary_id"] = t.VocabularyId,
    };

    /// <summary>use_default_schema=true: the schema fields go back into extras, the way stock CKAN stores them.</summary>
    public static void FieldsToExtras(JsonObject dict)
    {
        if (dict["extras"] is not JsonArray extras)
        {
            extras = [];
            dict["extras"] = extras;
        }
        foreach (var name in GdcFields.All)
        {
            if (dict[name] is { } value)
            {
                extras.Add(new JsonObject { ["key"] = name, ["value"] = value is JsonArray ? value.ToJsonString() : Params.AsString(value) });
                dict.Remove(name);
            }
        }
    }

    /// <summary>Make upload URLs absolute for the caller's site (the stored dict keeps them relative).</summary>
    public static JsonObject Absolutise(JsonObject dict, string siteUrl)
    {
        if (dict["resources"] is JsonArray resources)
        {
            foreach (var r in resources.OfType<JsonObject>())
            {
                AbsolutiseResource(r, siteUrl);
            }
        }
        return dict;
    }

    public static JsonObject AbsolutiseResource(JsonObject r, string siteUrl)
    {
        if (Params.AsString(r["url_type"]) == "upload" && Params.AsString(r["url"]) is { } u && u.StartsWith('/'))
        {
            r["url"] = siteUrl + u;
        }
        return r;
    }

    // Most extras are empty ("[]" for most datasets, "{}" for nearly every resource), and a rebuild reads every one of them.
    public static JsonArray ParseArray(string json) => json is null or "" or "[]" ? [] : JsonNode.Parse(json) as JsonArray ?? [];

    public static JsonObject ParseObject(string json) => json is null or "" or "{}" ? [] : JsonNode.Parse(json) as JsonObject ?? [];

    public static string ToJson(JsonNode node) => node.ToJsonString(JsonSerializerOptions.Default);
}
