namespace GovChannel.Web.Areas.Services.Catalogue;

/// <summary>
/// An entry in the e-service catalogue (egov.go.th): what is online, at which level (thai-egov.md §6.2), on which
/// channels, for whom and for which life events. Multi-valued codes are stored as <c>|a|b|</c> so that one
/// <c>LIKE '%|a|%'</c> filter works the same on SQLite and PostgreSQL.
/// </summary>
public sealed class EService : IAgencyOwned
{
    public string Id { get; set; } = Guid.NewGuid().ToString();
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public string Description { get; set; } = "";
    public required string OwnerOrgId { get; set; }
    public string? ManualId { get; set; }
    /// <summary>1 information, 2 interaction, 3 transaction, 4 connected.</summary>
    public int Level { get; set; } = 1;
    public string Category { get; set; } = "";
    public string Channels { get; set; } = "|";
    public string Audiences { get; set; } = "|";
    public string LifeEvents { get; set; } = "|";
    public required string Url { get; set; }
    /// <summary>When the service went online at its level: the day that counts it in a fiscal year.</summary>
    public DateOnly LaunchedOn { get; set; }
    public string State { get; set; } = "published";
    public DateTime Created { get; set; }
    public DateTime Modified { get; set; }
    public bool IsPublic => State == "published";
}
