namespace GovChannel.Web.Areas.OpenData.Tracking;

/// <summary>
/// Views of a dataset page (<see cref="ResourceId"/> empty) or downloads of one resource, per UTC day. Only the count is
/// stored: who viewed is never written down (see <see cref="ViewTracker"/>).
/// </summary>
public sealed class ViewCount
{
    public required string DatasetId { get; set; }
    /// <summary>Empty for the dataset page itself; a resource id for its downloads.</summary>
    public string ResourceId { get; set; } = "";
    public DateOnly Day { get; set; }
    public int Count { get; set; }
}
