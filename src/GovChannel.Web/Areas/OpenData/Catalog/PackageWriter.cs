using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Ckan;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.OpenData.Catalog;

/// <summary>
/// package_create and package_update: CKAN's create schema and full-replace update semantics (reference/ckan.md §4.6–4.8).
/// All validation happens before anything is written; the caller's transaction makes the write all-or-nothing.
/// </summary>
public static class PackageWriter
{
    /// <summary>Keys of the default schema: an extra may not use one ("There is a schema field with the same name").</summary>
    private static readonly HashSet<string> CoreKeys = new(StringComparer.Ordinal)
    {
        "id", "name", "title", "author", "author_email", "maintainer", "maintainer_email", "license_id", "notes", "url",
        "version", "state", "type", "owner_org", "private", "resources", "tags", "tag_string", "extras", "groups",
        "metadata_created", "metadata_modified", "creator_user_id", "relationships_as_object", "relationships_as_subject",
        "plugin_data", "organization", "num_resources", "num_tags", "isopen", "license_title", "license_url",
    };

    private static readonly HashSet<string> ResourceCoreKeys = new(StringComparer.Ordinal)
    {
        "id", "package_id", "url", "description", "format", "hash", "name", "resource_type", "mimetype", "mimetype_inner",
        "cache_url", "size", "created", "last_modified", "cache_last_updated", "url_type", "position", "state",
        "metadata_modified", "upload", "extras", "tracking_summary", "datastore_active", "clear_upload",
    };

    public static async Task<JsonObject> CreateAsync(ActionContext ctx, JsonObject input, bool recordActivity = true)
    {
        var ct = ctx.Http.RequestAborted;
        var errors = new JsonObject();
        var d = new Dataset { Name = "" };
        if (await Validators.RequestedIdAsync(ctx, Params.AsString(input["id"]), id => ctx.Db.Datasets.AnyAsync(x => x.Id == id, ct),
                "Dataset id already exists", errors) is { } id)
        {
            d.Id = id;
        }
        var now = ctx.Now;
        d.CreatorUserId = ctx.User?.Id;
        d.MetadataCreated = now;
        d.MetadataModified = now;
        var holder = await ApplyAsync(ctx, input, d, errors, isNew: true);
        if (errors.Count > 0)
        {
            throw new ValidationError(errors);
        }

        // A name held by a deleted dataset is freed by renaming that row to its own id (CKAN core behaviour).
        if (holder is not null)
        {
            holder.Name = holder.Id;
            await ctx.Db.SaveChangesAsync(ct);
        }
        foreach (var r in d.Resources)
        {
            r.MetadataModified = d.MetadataModified;
            r.Created = r.Created == default ? now : r.Created;
        }
        ctx.Db.Datasets.Add(d);
        // Ids are made here, not by the database, so the dict, its activity and the index operation go in one save.
        var dict = PackageDict.Build(d);
        if (recordActivity)
        {
            Changes.Record(ctx, d.Id, "new package", new JsonObject { ["package"] = dict.DeepClone() });
        }
        Changes.Reindex(ctx, d);
        await ctx.Db.SaveChangesAsync(ct);
        return dict;
    }

    /// <summary>Full replace. Returns the stored dict unchanged (and keeps metadata_modified) when nothing changed.</summary>
    public static async Task<JsonObject> UpdateAsync(ActionContext ctx, JsonObject input, Dataset d)
    {
        var ct = ctx.Http.RequestAborted;
        var before = PackageDict.Build(d);
        var errors = new JsonObject();
        await ApplyAsync(ctx, input, d, errors, isNew: false);
        if (errors.Count > 0)
        {
            throw new ValidationError(errors);
        }

        // A sysadmin may set metadata_modified (migrations), but a dict sent back as package_show returned it carries the
        // stored value: that is a round trip, not a request, and a real change must still bump the timestamp.
        var storedModified = d.MetadataModified;
        var requestedModified = ctx.IsSysadmin && Clock.TryParseIso(Params.AsString(input["metadata_modified"]), out var m) && m != storedModified
            ? m : (DateTime?)null;
        var after = PackageDict.Build(d);
        if (SameIgnoringModified(before, after) && requestedModified is null)
        {
            // Nothing changed: keep metadata_modified, as CKAN 2.12 does; harvesters rely on it to skip no-op updates.
            ctx.Db.ChangeTracker.Clear();
            return before;
        }
        var now = requestedModified ?? ctx.Now;
        d.MetadataModified = now;
        foreach (var r in d.Resources.Where(r => r.State == "active"))
        {
            r.MetadataModified = now;
            r.Created = r.Created == default ? now : r.Created;
        }
        var dict = PackageDict.Build(d);
        Changes.Record(ctx, d.Id, d.State == "deleted" ? "deleted package" : "changed package", new JsonObject { ["package"] = dict.DeepClone() });
        Changes.Reindex(ctx, d.Id);
        await ctx.Db.SaveChangesAsync(ct);
        return dict;
    }

    private static bool SameIgnoringModified(JsonObject a, JsonObject b)
    {
        static string Canon(JsonObject o)
        {
            var copy = (JsonObject)o.DeepClone();
            copy.Remove("metadata_modified");
            if (copy["resources"] is JsonArray rs)
            {
                foreach (var r in rs.OfType<JsonObject>())
                {
                    r.Remove("metadata_modified");
                }
            }
            return copy.ToJsonString();
        }
        return string.Equals(Canon(a), Canon(b), StringComparison.Ordinal);
    }

    /// <returns>A deleted dataset that holds the requested name, if any.</returns>
    private static async Task<Dataset?> ApplyAsync(ActionContext ctx, JsonObject input, Dataset d, JsonObject errors, bool isNew)
    {
        var ct = ctx.Http.RequestAborted;

        var name = Params.AsString(input["name"]);
        if (!isNew && string.IsNullOrEmpty(name))
        {
            name = d.Name;
        }
        Dataset? holder = null;
        if (Validators.NameError(name) is { } nameError)
        {
            errors["name"] = new JsonArray(nameError);
        }
        else if ((holder = await ctx.Db.Datasets.FirstOrDefaultAsync(x => x.Name == name && x.Id != d.Id, ct)) is { State: not "deleted" })
        {
            errors["name"] = new JsonArray("That URL is already in use.");
        }
        else
        {
            d.Name = name!;
        }

        var title = Params.AsString(input["title"]);
        d.Title = string.IsNullOrEmpty(title) ? name : title;
        d.Author = Params.AsString(input["author"]);
        d.Maintainer = Params.AsString(input["maintainer"]);
        d.LicenseId = Params.AsString(input["license_id"]);
        d.Notes = Params.AsString(input["notes"]);
        d.Url = Params.AsString(input["url"]);
        d.AuthorEmail = Email(input, "author_email", errors);
        d.MaintainerEmail = Email(input, "maintainer_email", errors);
        d.Version = Params.AsString(input["version"]);
        if (d.Version is { Length: > 100 })
        {
            errors["version"] = new JsonArray("Version must be a maximum of 100 characters long");
        }

        if (isNew)
        {
            d.Type = Params.AsString(input["type"]) is { Length: > 0 } type ? type : "dataset";
        }
        var state = Params.AsString(input["state"]);
        if (state is "active" or "draft" or "deleted")
        {
            // ignore_not_package_admin: a state is taken only from someone who may administer the dataset.
            if (isNew ? state != "deleted" : await Authz.CanUpdateDatasetAsync(ctx, d))
            {
                d.State = state;
            }
        }

        await OwnerOrgAsync(ctx, input, d, errors, isNew);

        d.Private = input.ContainsKey("private") ? Params.AsBool(input["private"]) : (!isNew && d.Private);
        if (d.Private && d.OwnerOrg is null)
        {
            errors["private"] = new JsonArray("Datasets with no organization can't be private.");
        }

        await TagsAsync(ctx, input, d, errors);
        Extras(ctx, input, d, errors);
        Fields(input, d, errors);
        if (input.ContainsKey("groups") || isNew)
        {
            await GroupsAsync(ctx, input["groups"] as JsonArray, d, errors);
        }
        if (input["resources"] is JsonArray resources)
        {
            await ResourcesAsync(ctx, resources, d, errors);
        }
        else if (input.ContainsKey("resources") && input["resources"] is not null)
        {
            errors["resources"] = new JsonArray("Not a list");
        }

        if (isNew && ctx.IsSysadmin && Clock.TryParseIso(Params.AsString(input["metadata_modified"]), out var modified))
        {
            d.MetadataModified = modified;
        }
        if (isNew && ctx.IsSysadmin && Clock.TryParseIso(Params.AsString(input["metadata_created"]), out var created))
        {
            d.MetadataCreated = created;
        }
        return holder;
    }

    private static string? Email(JsonObject input, string key, JsonObject errors)
    {
        var value = Params.AsString(input[key])?.Trim();
        if (!string.IsNullOrEmpty(value) && !Validators.IsEmail(value))
        {
            errors[key] = new JsonArray($"Email {value} is not a valid format");
        }
        return value;
    }

    private static async Task OwnerOrgAsync(ActionContext ctx, JsonObject input, Dataset d, JsonObject errors, bool isNew)
    {
        var ct = ctx.Http.RequestAborted;
        var requested = Params.AsString(input["owner_org"]);
        if (string.IsNullOrEmpty(requested))
        {
            // GovChannel keeps the current organisation when an update omits owner_org (CKAN would refuse the update).
            if (!isNew && !input.ContainsKey("owner_org"))
            {
                return;
            }
            // Showcases belong to no agency (ckanext-showcase's schema has no owner_org).
            if (!ctx.Service<Data.GovChannelSettings>().CreateUnownedDataset && !ctx.ActionName.StartsWith("ckanext_showcase_", StringComparison.Ordinal))
            {
                errors["owner_org"] = new JsonArray("An organization must be provided");
            }
            d.OwnerOrg = null;
            d.Organization = null;
            return;
        }
        var org = await ctx.Db.Groups.SingleOrDefaultAsync(g => g.IsOrganization && g.State == "active" && (g.Id == requested || g.Name == requested), ct);
        if (org is null)
        {
            errors["owner_org"] = new JsonArray("Organization does not exist");
            return;
        }
        if (org.Id != d.OwnerOrg && !await Authz.CanCreateInOrgAsync(ctx, org.Id))
        {
            errors["owner_org"] = new JsonArray("You cannot add a dataset to this organization");
            return;
        }
        d.OwnerOrg = org.Id;
        d.Organization = org;
    }

    private static async Task TagsAsync(ActionContext ctx, JsonObject input, Dataset d, JsonObject errors)
    {
        var names = new List<(string Name, string? Vocabulary)>();
        if (input["tags"] is JsonArray tags)
        {
            foreach (var t in tags)
            {
                var tagName = t is JsonObject o ? Params.AsString(o["name"]) : Params.AsString(t);
                var vocab = t is JsonObject ov ? Params.AsString(ov["vocabulary_id"]) : null;
                names.Add(((tagName ?? "").Trim(), string.IsNullOrEmpty(vocab) ? null : vocab));
            }
        }
        else if (Params.AsString(input["tag_string"]) is { Length: > 0 } tagString)
        {
            names.AddRange(tagString.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(n => (n, (string?)null)));
        }
        var messages = new JsonArray();
        foreach (var (tagName, _) in names)
        {
            if (Validators.TagError(tagName) is { } e)
            {
                messages.Add(e);
            }
        }
        if (messages.Count > 0)
        {
            errors["tags"] = messages;
            return;
        }

        var ct = ctx.Http.RequestAborted;
        var wanted = new List<Tag>();
        foreach (var (tagName, vocabRef) in names.Distinct())
        {
            string? vocabularyId = null;
            if (vocabRef is not null)
            {
                vocabularyId = await ctx.Db.Vocabularies.Where(v => v.Id == vocabRef || v.Name == vocabRef).Select(v => v.Id).FirstOrDefaultAsync(ct);
                if (vocabularyId is null)
                {
                    errors["tags"] = new JsonArray($"Tag vocabulary \"{vocabRef}\" does not exist");
                    return;
                }
            }
            var tag = ctx.Db.Tags.Local.FirstOrDefault(t => t.Name == tagName && t.VocabularyId == vocabularyId)
                ?? await ctx.Db.Tags.FirstOrDefaultAsync(t => t.Name == tagName && t.VocabularyId == vocabularyId, ct);
            if (tag is null)
            {
                tag = new Tag { Name = tagName, VocabularyId = vocabularyId };
                ctx.Db.Tags.Add(tag);
            }
            wanted.Add(tag);
        }
        d.Tags.RemoveAll(dt => !wanted.Any(w => w.Id == dt.TagId));
        foreach (var tag in wanted.Where(w => d.Tags.All(dt => dt.TagId != w.Id)))
        {
            d.Tags.Add(new DatasetTag { DatasetId = d.Id, TagId = tag.Id, Tag = tag });
        }
    }

    /// <summary>Dataset extras: besides the shared rules, a key may not be a schema field, a value is required, and only a sysadmin may set an id.</summary>
    private static void Extras(ActionContext ctx, JsonObject input, Dataset d, JsonObject errors) =>
        d.ExtrasJson = ExtrasInput.Read(input["extras"], errors, (item, key, itemError) =>
        {
            if (!string.IsNullOrEmpty(key) && CoreKeys.Contains(key))
            {
                itemError["key"] = new JsonArray("There is a schema field with the same name");
            }
            if (!item.ContainsKey("value"))
            {
                itemError["value"] = new JsonArray("Missing value");
            }
            if (item.ContainsKey("id") && !ctx.IsSysadmin)
            {
                itemError["id"] = new JsonArray("The input field id was not expected.");
            }
        });

    private static void Fields(JsonObject input, Dataset d, JsonObject errors)
    {
        var fields = new JsonObject();
        foreach (var name in GdcFields.All)
        {
            var value = input[name];
            if (value is null)
            {
                continue;
            }
            if (GdcFields.MultiValued.Contains(name))
            {
                // Stored and returned as a list; a JSON-encoded list string (scheming's storage form) is accepted too.
                fields[name] = new JsonArray((Params.AsList(value) ?? []).Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
            }
            else if (value is JsonValue { } v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            {
                fields[name] = v.GetValue<bool>() ? "True" : "False";
            }
            else if (value is JsonObject)
            {
                errors[name] = new JsonArray("Must be a string");
            }
            else
            {
                fields[name] = Params.AsString(value);
            }
        }
        d.FieldsJson = fields.ToJsonString();
    }

    private static async Task GroupsAsync(ActionContext ctx, JsonArray? groups, Dataset d, JsonObject errors)
    {
        var ct = ctx.Http.RequestAborted;
        var wanted = new List<Group>();
        foreach (var g in groups ?? [])
        {
            var reference = g is JsonObject o ? Params.AsString(o["id"]) ?? Params.AsString(o["name"]) : Params.AsString(g);
            var group = reference is null ? null
                : await ctx.Db.Groups.SingleOrDefaultAsync(x => !x.IsOrganization && x.State == "active" && (x.Id == reference || x.Name == reference), ct);
            if (group is null)
            {
                errors["groups"] = new JsonArray("That group name or ID does not exist.");
                return;
            }
            wanted.Add(group);
        }
        var current = d.Groups.Select(x => x.GroupId).ToHashSet(StringComparer.Ordinal);
        foreach (var group in wanted.Where(w => !current.Contains(w.Id)))
        {
            // Adding a dataset to a group needs a role in that group (manage_group), or sysadmin.
            if (!ctx.IsSysadmin && await Authz.CapacityInAsync(ctx, group.Id) is null)
            {
                throw new NotAuthorized($"User {ctx.User?.Name} not authorized to edit these groups");
            }
        }
        d.Groups.RemoveAll(x => !wanted.Any(w => w.Id == x.GroupId));
        foreach (var group in wanted.DistinctBy(w => w.Id).Where(w => !current.Contains(w.Id)))
        {
            d.Groups.Add(new DatasetGroup { DatasetId = d.Id, GroupId = group.Id, Group = group });
        }
    }

    /// <summary>Resources are matched by id; those left out of the list are removed; order is list order.</summary>
    private static async Task ResourcesAsync(ActionContext ctx, JsonArray input, Dataset d, JsonObject errors)
    {
        var itemErrors = new JsonArray();
        var any = false;
        var keep = new List<Resource>();
        var position = 0;
        foreach (var item in input)
        {
            var e = new JsonObject();
            if (item is not JsonObject o)
            {
                itemErrors.Add(new JsonObject { ["message"] = new JsonArray("Not a dict") });
                any = true;
                continue;
            }
            var id = Params.AsString(o["id"]);
            var existing = id is null ? null : d.Resources.FirstOrDefault(r => r.Id == id);
            var resource = existing ?? new Resource { DatasetId = d.Id };
            if (existing is null && !string.IsNullOrEmpty(id))
            {
                if (!Validators.IsUuid(id))
                {
                    e["id"] = new JsonArray("Invalid id provided");
                }
                else if (await ctx.Db.Resources.AnyAsync(r => r.Id == id && r.DatasetId != d.Id && r.State != "deleted", ctx.Http.RequestAborted))
                {
                    e["id"] = new JsonArray("Resource id already exists.");
                }
                else
                {
                    resource.Id = id;
                }
            }
            ApplyResource(o, resource, e, isNew: existing is null);
            resource.Position = position++;
            any |= e.Count > 0;
            itemErrors.Add(e);
            keep.Add(resource);
        }
        if (any)
        {
            errors["resources"] = itemErrors;
            return;
        }
        foreach (var gone in d.Resources.Where(r => !keep.Contains(r)).ToList())
        {
            d.Resources.Remove(gone);
            ctx.Db.Resources.Remove(gone);
        }
        foreach (var r in keep.Where(r => !d.Resources.Contains(r)))
        {
            d.Resources.Add(r);
        }
    }

    /// <summary>Apply a resource dict (CKAN's default resource schema). Unknown keys become top-level resource extras.</summary>
    public static void ApplyResource(JsonObject o, Resource r, JsonObject e, bool isNew)
    {
        r.Url = (Params.AsString(o["url"]) ?? (isNew ? "" : r.Url)).Trim();
        if (o.ContainsKey("url") && r.UrlType == "upload" && Params.AsString(o["url"]) is { } u && u.Contains("/download/", StringComparison.Ordinal))
        {
            // A client sending back the absolute download URL of an upload keeps the upload.
            r.Url = Uri.UnescapeDataString(u[(u.LastIndexOf('/') + 1)..]);
        }
        r.Name = Params.AsString(o["name"]);
        r.Description = Params.AsString(o["description"]);
        var format = Params.AsString(o["format"]) ?? "";
        if (format.Length == 0 && isNew)
        {
            format = ResourceFormats.GuessFromUrl(r.Url);
        }
        r.Format = format.Length == 0 ? "" : ResourceFormats.Clean(format);
        r.Hash = Params.AsString(o["hash"]) ?? "";
        r.Mimetype = Params.AsString(o["mimetype"]) ?? (isNew ? null : r.Mimetype);
        r.MimetypeInner = Params.AsString(o["mimetype_inner"]);
        r.CacheUrl = Params.AsString(o["cache_url"]);
        r.ResourceType = Params.AsString(o["resource_type"]);
        if (o.ContainsKey("url_type"))
        {
            var urlType = Params.AsString(o["url_type"]);
            // "upload" is set only by a real upload; a client cannot point a resource at a stored file it does not own.
            r.UrlType = urlType == "upload" && r.UrlType != "upload" ? null : (string.IsNullOrEmpty(urlType) ? null : urlType);
        }
        var size = Params.AsString(o["size"]);
        if (string.IsNullOrWhiteSpace(size))
        {
            r.Size = r.UrlType == "upload" ? r.Size : null;
        }
        else if (long.TryParse(size, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            r.Size = n;
        }
        else
        {
            e["size"] = new JsonArray("Invalid integer");
        }
        r.Created = IsoField(o, "created", e) ?? (isNew ? default : r.Created);
        r.LastModified = IsoField(o, "last_modified", e);
        r.CacheLastUpdated = IsoField(o, "cache_last_updated", e);

        var extras = new JsonObject();
        foreach (var (key, value) in o)
        {
            if (!ResourceCoreKeys.Contains(key) && value is not null)
            {
                extras[key] = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value.DeepClone();
            }
        }
        // datastore_active is set by the DataStore, never by a client: an update keeps the stored flag.
        if (PackageDict.ParseObject(r.ExtrasJson)["datastore_active"] is { } active)
        {
            extras["datastore_active"] = active.DeepClone();
        }
        r.ExtrasJson = extras.ToJsonString();
    }

    private static DateTime? IsoField(JsonObject o, string key, JsonObject e)
    {
        var text = Params.AsString(o[key]);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (Clock.TryParseIso(text, out var value))
        {
            return value;
        }
        e[key] = new JsonArray("Date format incorrect");
        return null;
    }
}
