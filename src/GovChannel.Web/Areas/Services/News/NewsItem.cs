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
    public string State { get; set; } = "published";
    public DateTime Created { get; set; }
}
