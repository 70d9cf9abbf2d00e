namespace GovChannel.Web.Areas.Services.Manuals;

/// <summary>
/// A citizen manual (คู่มือสำหรับประชาชน, thai-egov.md §1.2). The manual is the identity and owner; its sections live in
/// <see cref="ManualRevision"/>s so that a published text never changes under a citizen's feet: editing a published
/// manual means a new revision, which goes through draft → approved → published again.
/// </summary>
public sealed class CitizenManual : IAgencyOwned
{
    public string Id { get; set; } = Guid.NewGuid().ToString();
    /// <summary>The owning agency (an organisation in the catalogue's groups table).</summary>
    public required string OwnerOrgId { get; set; }
    /// <summary>Set on a "copy for a local office": the manual this one was copied from.</summary>
    public string? CopiedFromId { get; set; }
    /// <summary>The name of the latest revision (the published one's when it is the latest), for lists and sorting.</summary>
    public required string Name { get; set; }
    public required string Category { get; set; }
    public int LatestRevision { get; set; } = 1;
    /// <summary>The revision the public reads; null until the first publication.</summary>
    public int? PublishedRevision { get; set; }
    public DateTime? PublishedAt { get; set; }
    public DateTime Created { get; set; }
    public DateTime Modified { get; set; }
    public string? CreatorUserId { get; set; }
    /// <summary>
    /// Set when an agency admin withdraws the manual (ยกเลิกคู่มือ: the service is abolished or merged). The public then
    /// gets 410 with the date and the reason; the revisions stay for the record and the manual can no longer change.
    /// </summary>
    public DateTime? WithdrawnAt { get; set; }
    public string? WithdrawnReason { get; set; }
    public List<ManualRevision> Revisions { get; set; } = [];
    public bool IsPublic => PublishedRevision is not null;
}

/// <summary>One revision of a manual's text (ฉบับปรับปรุง), with who approved and published it.</summary>
public sealed class ManualRevision
{
    public int Id { get; set; }
    public required string ManualId { get; set; }
    public int Number { get; set; }
    /// <summary><see cref="ManualStates"/>: draft, approved, published, superseded, withdrawn.</summary>
    public string State { get; set; } = ManualStates.Draft;
    /// <summary>The sections (<see cref="ManualContent"/>) as camelCase JSON.</summary>
    public string ContentJson { get; set; } = "{}";
    public DateTime Created { get; set; }
    public DateTime Modified { get; set; }
    public string? CreatedBy { get; set; }
    public string? ApprovedBy { get; set; }
    public DateTime? ApprovedAt { get; set; }
    public string? PublishedBy { get; set; }
    public DateTime? PublishedAt { get; set; }
}

public static class ManualStates
{
    public const string Draft = "draft";
    public const string Approved = "approved";
    public const string Published = "published";
    public const string Superseded = "superseded";
    /// <summary>The revision that was public when its manual was withdrawn.</summary>
    public const string Withdrawn = "withdrawn";
}
