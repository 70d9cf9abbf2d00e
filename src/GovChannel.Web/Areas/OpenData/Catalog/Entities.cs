namespace GovChannel.Web.Areas.OpenData.Catalog;

/// <summary>A CKAN package. <see cref="Type"/> is <c>dataset</c> unless a client creates another type (showcase, harvest).</summary>
public sealed class Dataset
{
    private string? _id;

    /// <summary>
    /// A new id is made when first read, not when the object is made: EF sets the id of a dataset read from the
    /// database straight into the field (GovDb), so it makes none. Guid.NewGuid reads the kernel's random source, a system
    /// call each, and a rebuild reads every dataset and resource (about 1 % of its CPU time went into ids thrown away).
    /// </summary>
    public string Id { get => _id ??= Guid.NewGuid().ToString(); set => _id = value; }
    public required string Name { get; set; }
    public string? Title { get; set; }
    public string? Author { get; set; }
    public string? AuthorEmail { get; set; }
    public string? Maintainer { get; set; }
    public string? MaintainerEmail { get; set; }
    public string? LicenseId { get; set; }
    public string? Notes { get; set; }
    public string? Url { get; set; }
    public string? Version { get; set; }
    public string State { get; set; } = "active";
    public string Type { get; set; } = "dataset";
    public string? OwnerOrg { get; set; }
    public string? CreatorUserId { get; set; }
    public bool Private { get; set; }
    public DateTime MetadataCreated { get; set; }
    public DateTime MetadataModified { get; set; }
    /// <summary>Legacy extras as a JSON array of {key, value} (values are strings), in input order.</summary>
    public string ExtrasJson { get; set; } = "[]";
    /// <summary>
    /// Schema fields that sit at the top level of the package dict (the Thai GDC fields): a JSON object whose values are
    /// strings or lists of strings.
    /// </summary>
    public string FieldsJson { get; set; } = "{}";
    public string? PluginDataJson { get; set; }

    public List<Resource> Resources { get; set; } = [];
    public List<DatasetTag> Tags { get; set; } = [];
    public List<DatasetGroup> Groups { get; set; } = [];
    public Group? Organization { get; set; }
}

public sealed class Resource
{
    private string? _id;

    /// <summary>Made when first read, as <see cref="Dataset.Id"/> is.</summary>
    public string Id { get => _id ??= Guid.NewGuid().ToString(); set => _id = value; }
    public required string DatasetId { get; set; }
    public string Url { get; set; } = "";
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string Format { get; set; } = "";
    public string Hash { get; set; } = "";
    public string? Mimetype { get; set; }
    public string? MimetypeInner { get; set; }
    public string? CacheUrl { get; set; }
    public long? Size { get; set; }
    public DateTime Created { get; set; }
    public DateTime? LastModified { get; set; }
    public DateTime? MetadataModified { get; set; }
    public DateTime? CacheLastUpdated { get; set; }
    public string? ResourceType { get; set; }
    /// <summary><c>upload</c> for files in our store, <c>datastore</c> for API-only tables, null for links.</summary>
    public string? UrlType { get; set; }
    /// <summary>Generated name of the stored upload (never the client's file name).</summary>
    public string? StorageKey { get; set; }
    public int Position { get; set; }
    public string State { get; set; } = "active";
    /// <summary>Extra keys that sit at the top level of the resource dict, as a JSON object of strings.</summary>
    public string ExtrasJson { get; set; } = "{}";
    public Dataset? Dataset { get; set; }
}

/// <summary>Organisations and groups share one table, as in CKAN (<see cref="IsOrganization"/>).</summary>
public sealed class Group
{
    public string Id { get; set; } = Guid.NewGuid().ToString();
    public required string Name { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? ImageUrl { get; set; }
    /// <summary><c>organization</c>, <c>group</c>, or a custom group type such as Thai GDC's <c>category01</c>.</summary>
    public string Type { get; set; } = "group";
    public bool IsOrganization { get; set; }
    public string ApprovalStatus { get; set; } = "approved";
    public string State { get; set; } = "active";
    public DateTime Created { get; set; }
    /// <summary>Parent organisation or group (ckanext-hierarchy).</summary>
    public string? ParentId { get; set; }
    public string ExtrasJson { get; set; } = "[]";
}

/// <summary>A user's role in an organisation or group: <c>admin</c>, <c>editor</c> or <c>member</c>.</summary>
public sealed class Membership
{
    public int Id { get; set; }
    public required string GroupId { get; set; }
    public required string UserId { get; set; }
    public required string Capacity { get; set; }
    public DateTime Created { get; set; }
}

public sealed class DatasetGroup
{
    public required string DatasetId { get; set; }
    public required string GroupId { get; set; }
    public Group? Group { get; set; }
}

public sealed class Tag
{
    public string Id { get; set; } = Guid.NewGuid().ToString();
    public required string Name { get; set; }
    public string? VocabularyId { get; set; }
}

public sealed class DatasetTag
{
    public required string DatasetId { get; set; }
    public required string TagId { get; set; }
    public Tag? Tag { get; set; }
}

public sealed class Vocabulary
{
    public string Id { get; set; } = Guid.NewGuid().ToString();
    public required string Name { get; set; }
}

public sealed class Collaborator
{
    public required string DatasetId { get; set; }
    public required string UserId { get; set; }
    public required string Capacity { get; set; }
    public DateTime Modified { get; set; }
}

/// <summary>The activity stream, and the append-only record of every change to the catalogue.</summary>
public sealed class Activity
{
    public string Id { get; set; } = Guid.NewGuid().ToString();
    public DateTime Timestamp { get; set; }
    public string? UserId { get; set; }
    public required string ObjectId { get; set; }
    /// <summary>CKAN's strings: <c>new package</c>, <c>changed package</c>, <c>deleted package</c>, <c>new organization</c> …</summary>
    public required string ActivityType { get; set; }
    public string DataJson { get; set; } = "{}";
}

/// <summary>
/// One row per change that a search index must apply (DESIGN decision 4). Nodes apply rows above the last
/// sequence they have seen, so several processes on one database stay in step. The catalogue's index applies the
/// datasets (<see cref="Kind"/> null); the one search box's index (Areas/Search) applies the other kinds.
/// </summary>
public sealed class IndexOperation
{
    public long Seq { get; set; }
    /// <summary>Null for a dataset; else <c>manual</c>, <c>eservice</c>, <c>app</c> or <c>news</c> (OneSearchIndex.Kinds).</summary>
    public string? Kind { get; set; }
    /// <summary>The id of the dataset, manual, e-service, app or news item that changed.</summary>
    public required string ItemId { get; set; }
    public DateTime At { get; set; }
}
