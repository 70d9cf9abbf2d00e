using System.Buffers;
using System.Text.Encodings.Web;
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

    /// <summary>
    /// The dict as a tree, for the API: the same bytes <see cref="Write"/> makes for the search index, parsed. Values are
    /// read from the parsed JSON as the caller touches them.
    /// </summary>
    public static JsonObject Build(Dataset d) => Parse(w => Write(w, d));

    public static JsonObject Resource(Resource r, Dataset d) => Parse(w => WriteResource(w, r, d));

    /// <summary>
    /// Stored JSON is read back only by this application and by System.Text.Json, so Thai stays UTF-8 (3 bytes a
    /// letter) instead of <c>\uXXXX</c> escapes (6). The API's own serialiser escapes as it always did.
    /// </summary>
    public static readonly JsonWriterOptions Utf8 = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Writes the dict straight from the entities. A rebuild writes 500,000 of them: building the tree first and
    /// writing it after was a tenth of a rebuild's CPU, most of it the tree's allocations and date formatting.
    /// The schema fields (<see cref="Dataset.FieldsJson"/>) come last, in their stored order; one with the name of a
    /// key above is skipped, as the stored fields are only ever the GDC fields (PackageWriter.Fields).
    /// </summary>
    public static void Write(Utf8JsonWriter w, Dataset d)
    {
        var license = Licenses.Find(d.LicenseId);
        var resources = ActiveResources(d);
        var tags = FreeTags(d);
        w.WriteStartObject();
        w.WriteString("author", d.Author);
        w.WriteString("author_email", d.AuthorEmail);
        w.WriteString("creator_user_id", d.CreatorUserId);
        w.WritePropertyName("extras");
        using (var extras = ParseStored(d.ExtrasJson, JsonValueKind.Array))
        {
            if (extras is not null)
            {
                extras.RootElement.WriteTo(w);
            }
            else
            {
                w.WriteStartArray();
                w.WriteEndArray();
            }
        }
        w.WriteStartArray("groups");
        foreach (var g in d.Groups.Where(g => g.Group is { State: "active" }).Select(g => g.Group!).OrderBy(g => g.Name, StringComparer.Ordinal))
        {
            WriteGroupSummary(w, g);
        }
        w.WriteEndArray();
        w.WriteString("id", d.Id);
        w.WriteBoolean("isopen", license?.IsOpen ?? false);
        w.WriteString("license_id", d.LicenseId);
        w.WriteString("license_title", license?.Title ?? d.LicenseId);
        if (!string.IsNullOrEmpty(license?.Url))
        {
            w.WriteString("license_url", license.Url);
        }
        w.WriteString("maintainer", d.Maintainer);
        w.WriteString("maintainer_email", d.MaintainerEmail);
        WriteIso(w, "metadata_created", d.MetadataCreated);
        WriteIso(w, "metadata_modified", d.MetadataModified);
        w.WriteString("name", d.Name);
        w.WriteString("notes", d.Notes);
        w.WriteNumber("num_resources", resources.Count);
        w.WriteNumber("num_tags", tags.Count);
        w.WritePropertyName("organization");
        if (d.Organization is { State: "active" } org)
        {
            WriteOrganizationSummary(w, org);
        }
        else
        {
            w.WriteNullValue();
        }
        w.WriteString("owner_org", d.OwnerOrg);
        w.WriteBoolean("private", d.Private);
        w.WriteStartArray("relationships_as_object");
        w.WriteEndArray();
        w.WriteStartArray("relationships_as_subject");
        w.WriteEndArray();
        w.WriteStartArray("resources");
        foreach (var r in resources)
        {
            WriteResource(w, r, d);
        }
        w.WriteEndArray();
        w.WriteString("state", d.State);
        w.WriteStartArray("tags");
        foreach (var t in tags)
        {
            WriteTag(w, t);
        }
        w.WriteEndArray();
        w.WriteString("title", Title(d));
        w.WriteString("type", string.IsNullOrEmpty(d.Type) ? "dataset" : d.Type);
        w.WriteString("url", d.Url);
        w.WriteString("version", d.Version);
        using (var fields = ParseStored(d.FieldsJson, JsonValueKind.Object))
        {
            WriteOthers(w, fields, DatasetKeys);
        }
        w.WriteEndObject();
    }

    /// <summary>The keys <see cref="Write"/> writes itself (a test holds this to what it writes).</summary>
    public static readonly IReadOnlySet<string> DatasetKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "author", "author_email", "creator_user_id", "extras", "groups", "id", "isopen", "license_id", "license_title",
        "license_url", "maintainer", "maintainer_email", "metadata_created", "metadata_modified", "name", "notes",
        "num_resources", "num_tags", "organization", "owner_org", "private", "relationships_as_object",
        "relationships_as_subject", "resources", "state", "tags", "title", "type", "url", "version",
    };

    /// <summary>The title as the dict shows it: the name when there is none.</summary>
    public static string Title(Dataset d) => (d.Title ?? d.Name).Trim();

    /// <summary>The resources the dict lists, in their order.</summary>
    public static List<Resource> ActiveResources(Dataset d) => d.Resources.Where(r => r.State == "active").OrderBy(r => r.Position).ToList();

    /// <summary>The tags the dict lists (vocabulary tags are not), by name.</summary>
    public static List<Tag> FreeTags(Dataset d) =>
        d.Tags.Where(t => t.Tag is { VocabularyId: null }).Select(t => t.Tag!).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();

    /// <summary>The URL the dict shows: an upload's is relative until <see cref="Absolutise"/>.</summary>
    public static string ResourceUrl(Resource r, Dataset d) =>
        r.UrlType == "upload" ? $"/dataset/{d.Id}/resource/{r.Id}/download/{Uri.EscapeDataString(r.Url)}" : r.Url;

    /// <summary>
    /// A resource's dict. Its extras follow the core keys, except <c>datastore_active</c>: the DataStore keeps that flag
    /// in the extras (reference/ckan.md §4.2) and it is written in the core key's place. Other extras never have a core
    /// key's name (PackageWriter keeps those out); one that did would be skipped.
    /// </summary>
    public static void WriteResource(Utf8JsonWriter w, Resource r, Dataset d)
    {
        using var extras = ParseStored(r.ExtrasJson, JsonValueKind.Object);
        w.WriteStartObject();
        WriteIso(w, "cache_last_updated", r.CacheLastUpdated);
        w.WriteString("cache_url", r.CacheUrl);
        WriteIso(w, "created", r.Created);
        w.WriteString("description", r.Description ?? "");
        w.WriteString("format", r.Format);
        w.WriteString("hash", r.Hash);
        w.WriteString("id", r.Id);
        WriteIso(w, "last_modified", r.LastModified);
        WriteIso(w, "metadata_modified", r.MetadataModified);
        w.WriteString("mimetype", r.Mimetype);
        w.WriteString("mimetype_inner", r.MimetypeInner);
        w.WriteString("name", r.Name);
        w.WriteString("package_id", r.DatasetId);
        w.WriteNumber("position", r.Position);
        w.WriteString("resource_type", r.ResourceType);
        w.WritePropertyName("size");
        if (r.Size is { } size)
        {
            w.WriteNumberValue(size);
        }
        else
        {
            w.WriteNullValue();
        }
        w.WriteString("state", r.State);
        w.WriteString("url", ResourceUrl(r, d));
        w.WriteString("url_type", r.UrlType);
        if (extras is not null && extras.RootElement.TryGetProperty("datastore_active", out var active))
        {
            w.WritePropertyName("datastore_active");
            active.WriteTo(w);
        }
        else
        {
            w.WriteBoolean("datastore_active", false);
        }
        WriteOthers(w, extras, ResourceKeys);
        w.WriteEndObject();
    }

    /// <summary>The keys <see cref="WriteResource"/> writes itself (a test holds this to what it writes).</summary>
    public static readonly IReadOnlySet<string> ResourceKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "cache_last_updated", "cache_url", "created", "description", "format", "hash", "id", "last_modified",
        "metadata_modified", "mimetype", "mimetype_inner", "name", "package_id", "position", "resource_type", "size",
        "state", "url", "url_type", "datastore_active",
    };

    /// <summary>The properties of a stored JSON object, in their order, less those the dict already has.</summary>
    private static void WriteOthers(Utf8JsonWriter w, JsonDocument? stored, IReadOnlySet<string> written)
    {
        if (stored is null)
        {
            return;
        }
        foreach (var property in stored.RootElement.EnumerateObject())
        {
            if (!written.Contains(property.Name))
            {
                property.WriteTo(w);
            }
        }
    }

    private static void WriteGroupSummary(Utf8JsonWriter w, Group g)
    {
        w.WriteStartObject();
        w.WriteString("description", g.Description ?? "");
        w.WriteString("display_name", g.Title is { Length: > 0 } t ? t : g.Name);
        w.WriteString("id", g.Id);
        w.WriteString("image_display_url", g.ImageUrl ?? "");
        w.WriteString("name", g.Name);
        w.WriteString("title", g.Title ?? "");
        w.WriteEndObject();
    }

    private static void WriteOrganizationSummary(Utf8JsonWriter w, Group org)
    {
        w.WriteStartObject();
        w.WriteString("approval_status", org.ApprovalStatus);
        WriteIso(w, "created", org.Created);
        w.WriteString("description", org.Description ?? "");
        w.WriteString("id", org.Id);
        w.WriteString("image_url", org.ImageUrl ?? "");
        w.WriteBoolean("is_organization", true);
        w.WriteString("name", org.Name);
        w.WriteString("state", org.State);
        w.WriteString("title", org.Title ?? "");
        w.WriteString("type", org.Type);
        w.WriteEndObject();
    }

    private static void WriteTag(Utf8JsonWriter w, Tag t)
    {
        w.WriteStartObject();
        w.WriteString("display_name", t.Name);
        w.WriteString("id", t.Id);
        w.WriteString("name", t.Name);
        w.WriteString("state", "active");
        w.WriteString("vocabulary_id", t.VocabularyId);
        w.WriteEndObject();
    }

    private static void WriteIso(Utf8JsonWriter w, string name, DateTime? value)
    {
        if (value is { } v)
        {
            Span<byte> text = stackalloc byte[Clock.IsoLength];
            Clock.FormatIso(v, text);
            w.WriteString(name, text);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>A stored JSON column (extras, schema fields), or null when it is empty or not of the expected kind: the dict reads it as empty.</summary>
    public static JsonDocument? ParseStored(string? json, JsonValueKind kind)
    {
        if (json is null or "" or "[]" or "{}")
        {
            return null;
        }
        var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind == kind)
        {
            return doc;
        }
        doc.Dispose();
        return null;
    }

    private static JsonObject Parse(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, Utf8))
        {
            write(w);
        }
        return JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
    }

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

    // A stored JSON column as a tree, for code that changes it (writers, the DataStore flag); reading the dict uses
    // ParseStored. Most are empty ("[]" for most datasets, "{}" for nearly every resource) and are not parsed.
    public static JsonArray ParseArray(string json) => json is null or "" or "[]" ? [] : JsonNode.Parse(json) as JsonArray ?? [];

    public static JsonObject ParseObject(string json) => json is null or "" or "{}" ? [] : JsonNode.Parse(json) as JsonObject ?? [];

    public static string ToJson(JsonNode node) => node.ToJsonString(JsonSerializerOptions.Default);
}
