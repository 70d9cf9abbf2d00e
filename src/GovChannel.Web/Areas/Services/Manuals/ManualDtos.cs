namespace GovChannel.Web.Areas.Services.Manuals;

/// <summary>One revision of a manual as the API returns it.</summary>
public sealed record ManualDto(
    string Id, string Url, AgencyRef Agency, string? CopiedFrom, int Revision, string State, int LatestRevision,
    int? PublishedRevision, string? CreatedBy, string? ApprovedBy, DateTime? ApprovedAt, string? PublishedBy,
    DateTime? PublishedAt, DateTime Modified, ManualContent Content, DateTime? WithdrawnAt = null, string? WithdrawnReason = null);

public sealed record ManualSummary(
    string Id, string Url, string Name, AgencyRef Agency, string Category, int? PublishedRevision, int LatestRevision,
    DateTime? PublishedAt, string? CopiedFrom, DateTime? WithdrawnAt = null);

public sealed record ManualList(int Count, List<ManualSummary> Items);

public sealed record RevisionDto(
    int Number, string State, DateTime Created, string? CreatedBy, string? ApprovedBy, DateTime? ApprovedAt,
    string? PublishedBy, DateTime? PublishedAt);

/// <summary>The body of create and update: the sections plus the owning agency (create only) and the revision switch.</summary>
public sealed class ManualInput : ManualContent
{
    /// <summary>Organisation name or id; required on create, ignored on update (a manual does not change owner).</summary>
    public string? Agency { get; set; }
    /// <summary>Editing a published manual: true opens the next revision as a draft; without it the edit is refused.</summary>
    public bool NewRevision { get; set; }
}

/// <summary>Withdrawing a manual: why (shown to the public with the date).</summary>
public sealed record WithdrawInput(string? Reason);

/// <summary>"Copy for a local office": the target agency and, optionally, the office that serves the public.</summary>
public sealed record CopyInput(string Agency, List<string>? ServingUnits);
