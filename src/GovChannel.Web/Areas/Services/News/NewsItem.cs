namespace GovChannel.Web.Areas.Services.News;

/// <summary>
/// A short public announcement (ข่าวประชาสัมพันธ์) for the display boxes, the news feed and the one search. Kept
/// tiny on purpose: title, summary, body, agency, publication time.
/// </summary>
public sealed class NewsItem
{
    public string Id { get; set; } = Guid.NewGuid().ToString();
    public required string Title { get; set; }
    public string Summary { get; set; } = "";
    public string Body { get; set; } = "";
    public string? OwnerOrgId { get; set; }
    public DateTime PublishedAt { get; set; }
    /// <summary><c>published</c>, <c>draft</c> or <see cref="Deleted"/>.</summary>
    public string State { get; set; } = "published";

    /// <summary>A deleted item stays as a row for the audit trail; no page shows or edits it, not even to its editors.</summary>
    public const string Deleted = "deleted";
    public DateTime Created { get; set; }

    /// <summary><c>news</c> (ข่าวและประกาศ) or <c>publication</c> (เอกสารเผยแพร่): the portal's /news and /publications.</summary>
    public string Kind { get; set; } = "news";
    /// <summary>An attached document in the file store under a generated key; the uploader's name is kept only for display.</summary>
    public string? AttachmentKey { get; set; }
    public string? AttachmentName { get; set; }
    public long? AttachmentSize { get; set; }
    public DateTime? Modified { get; set; }
}
