using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Ckan;
using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace GovChannel.Web.Areas.OpenData.Search;

/// <summary>
/// The index fields CKAN clients rely on (reference/ckan.md §3.4) and how a dataset becomes a Lucene document.
/// String fields are exact and case-sensitive and carry doc values, so they can be faceted (and, when single-valued,
/// sorted); text fields are analysed; dates are longs (UTC ticks) for ranges and sorting.
/// </summary>
public static class IndexFields
{
    public const string DataDict = "data_dict";
    /// <summary>Lower-cased title kept whole, for infix autocomplete.</summary>
    public const string TitleLower = "title_lc";

    private static readonly HashSet<string> TextFields = new(StringComparer.Ordinal)
    {
        "title", "notes", "text", "res_name", "res_description", "author", "maintainer", "author_email", "maintainer_email",
    };

    /// <summary>Single-valued string fields: sortable (SortedDocValues) and facetable.</summary>
    private static readonly HashSet<string> SingleStrings = new(StringComparer.Ordinal)
    {
        "id", "name", "site_id", "state", "dataset_type", "entity_type", "capacity", "license_id", "organization", "owner_org",
        "creator_user_id", "title_string", "version", "url",
    };

    public static readonly IReadOnlySet<string> DateFields = new HashSet<string>(StringComparer.Ordinal) { "metadata_created", "metadata_modified" };

    public static readonly IReadOnlySet<string> IntFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "views_recent", "views_total", "num_resources", "num_tags",
    };

    /// <summary>Top-level dict keys an extra must not shadow when it is copied to its own field.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "id", "name", "title", "notes", "text", "tags", "groups", "organization", "state", "site_id", "capacity", "dataset_type",
        "entity_type", "license_id", "res_name", "res_description", "res_format", "res_url", "res_type", "permission_labels",
        "metadata_created", "metadata_modified", "author", "maintainer", "url", "version", "owner_org", "creator_user_id",
        "title_string", "views_recent", "views_total", "num_resources", "num_tags", DataDict, TitleLower, "private", "type",
    };

    public static bool IsText(string field) => TextFields.Contains(field) || field.StartsWith("extras_", StringComparison.Ordinal);

    public static bool IsSortableString(string field) => SingleStrings.Contains(field);

    // Lucene refuses terms over 32 766 UTF-8 bytes; a URL or a pasted value can be longer.
    private const int MaxStringChars = 4000;

    public static Document Build(Dataset d, IEnumerable<string> collaboratorIds, string siteId, JsonObject dict)
    {
        var doc = new Document();
        var text = new List<string>();

        doc.Add(new StringField("id", d.Id, Field.Store.YES));
        doc.Add(new SortedDocValuesField("id", new BytesRef(d.Id)));
        Single(doc, "name", d.Name);
        Single(doc, "site_id", siteId);
        Single(doc, "state", d.State);
        Single(doc, "dataset_type", string.IsNullOrEmpty(d.Type) ? "dataset" : d.Type);
        Single(doc, "entity_type", "package");
        Single(doc, "capacity", d.Private ? "private" : "public");
        Single(doc, "license_id", d.LicenseId);
        Single(doc, "organization", d.Organization?.Name);
        Single(doc, "owner_org", d.OwnerOrg);
        Single(doc, "creator_user_id", d.CreatorUserId);
        Single(doc, "version", d.Version);
        Single(doc, "url", d.Url);

        var title = Params.AsString(dict["title"]) ?? d.Name;
        Single(doc, "title_string", title);
        doc.Add(new StringField(TitleLower, Truncate(TextAnalysis.Fold(title)), Field.Store.NO));
        Text(doc, "title", title);
        Text(doc, "notes", d.Notes);
        Text(doc, "author", d.Author);
        Text(doc, "maintainer", d.Maintainer);
        Text(doc, "author_email", d.AuthorEmail);
        Text(doc, "maintainer_email", d.MaintainerEmail);
        text.AddRange([d.Name, title, d.Notes ?? "", d.Author ?? "", d.Maintainer ?? "", d.Version ?? ""]);
        if (d.Organization is { } org)
        {
            text.Add(org.Name);
            text.Add(org.Title ?? "");
        }

        foreach (var group in d.Groups.Where(g => g.Group is { State: "active" }).Select(g => g.Group!))
        {
            Multi(doc, "groups", group.Name);
            text.Add(group.Name);
            text.Add(group.Title ?? "");
        }
        foreach (var tag in d.Tags.Where(t => t.Tag is { VocabularyId: null }).Select(t => t.Tag!.Name))
        {
            Multi(doc, "tags", tag);
            text.Add(tag);
        }

        var resources = dict["resources"] as JsonArray ?? [];
        foreach (var r in resources.OfType<JsonObject>())
        {
            Multi(doc, "res_format", Params.AsString(r["format"]));
            Multi(doc, "res_url", Params.AsString(r["url"]));
            Multi(doc, "res_type", Params.AsString(r["resource_type"]));
            var name = Params.AsString(r["name"]);
            var description = Params.AsString(r["description"]);
            Text(doc, "res_name", name);
            Text(doc, "res_description", description);
            text.Add(name ?? "");
            text.Add(description ?? "");
        }

        foreach (var extra in (dict["extras"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = Params.AsString(extra["key"]);
            var value = Params.AsString(extra["value"]);
            if (string.IsNullOrEmpty(key) || value is null)
            {
                continue;
            }
            Text(doc, "extras_" + key, value);
            if (!Reserved.Contains(key))
            {
                Multi(doc, key, value);
            }
            text.Add(value);
        }

        foreach (var field in GdcFields.All)
        {
            switch (dict[field])
            {
                case JsonArray list:
                    foreach (var item in list)
                    {
                        var v = Params.AsString(item);
                        Multi(doc, field, v);
                        text.Add(v ?? "");
                    }
                    break;
                case JsonValue value when Params.AsString(value) is { } v:
                    Multi(doc, field, v);
                    text.Add(v);
                    break;
            }
        }

        foreach (var label in Authz.DatasetLabels(d, collaboratorIds))
        {
            Multi(doc, "permission_labels", label);
        }

        Long(doc, "metadata_created", d.MetadataCreated.Ticks);
        Long(doc, "metadata_modified", d.MetadataModified.Ticks);
        // Page-view tracking is not built yet; the fields exist so that `sort=views_recent desc` works.
        Int(doc, "views_recent", 0);
        Int(doc, "views_total", 0);
        Int(doc, "num_resources", resources.Count);
        Int(doc, "num_tags", (dict["tags"] as JsonArray)?.Count ?? 0);

        foreach (var part in text.Where(t => t.Length > 0))
        {
            doc.Add(new TextField("text", part, Field.Store.NO));
        }
        doc.Add(new StoredField(DataDict, PackageDict.ToJson(dict)));
        return doc;
    }

    private static string Truncate(string value) => value.Length > MaxStringChars ? value[..MaxStringChars] : value;

    private static void Single(Document doc, string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }
        value = Truncate(value);
        doc.Add(new StringField(field, value, Field.Store.NO));
        doc.Add(new SortedDocValuesField(field, new BytesRef(value)));
    }

    private static void Multi(Document doc, string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }
        value = Truncate(value);
        doc.Add(new StringField(field, value, Field.Store.NO));
        doc.Add(new SortedSetDocValuesField(field, new BytesRef(value)));
    }

    private static void Text(Document doc, string field, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            doc.Add(new TextField(field, value, Field.Store.NO));
        }
    }

    private static void Long(Document doc, string field, long value)
    {
        doc.Add(new Int64Field(field, value, Field.Store.NO));
        doc.Add(new NumericDocValuesField(field, value));
    }

    private static void Int(Document doc, string field, int value)
    {
        doc.Add(new Int32Field(field, value, Field.Store.NO));
        doc.Add(new NumericDocValuesField(field, value));
    }
}
