using GovChannel.Web.Areas.Services;

namespace GovChannel.Web.Areas.Apps;

/// <summary>A government app in the app centre (apps.go.th): platforms, store links, screenshots, version.</summary>
public sealed class GovApp : IAgencyOwned
{
    public string Id { get; set; } = Guid.NewGuid().ToString();
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public string Description { get; set; } = "";
    public required string OwnerOrgId { get; set; }
    public string Category { get; set; } = "";
    /// <summary><c>|android|ios|</c>, derived from the store links.</summary>
    public string Platforms { get; set; } = "|";
    /// <summary>JSON array of {platform, url}; every url is http(s).</summary>
    public string StoreLinksJson { get; set; } = "[]";
    /// <summary>JSON array of image URLs (http(s) or site-relative).</summary>
    public string ScreenshotsJson { get; set; } = "[]";
    public string Version { get; set; } = "";
    public string State { get; set; } = "published";
    public DateTime Created { get; set; }
    public DateTime Modified { get; set; }
    public bool IsPublic => State == "published";
}

/// <summary>A 1–5 rating. It counts only after a moderator approves it (pending → approved or rejected).</summary>
public sealed class AppRating
{
    public string Id { get; set; } = Guid.NewGuid().ToString();
    public required string AppId { get; set; }
    public required string UserId { get; set; }
    public int Stars { get; set; }
    public string Comment { get; set; } = "";
    public string State { get; set; } = RatingStates.Pending;
    public string? ModeratedBy { get; set; }
    public DateTime? ModeratedAt { get; set; }
    public DateTime Created { get; set; }
}

public static class RatingStates
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
}
