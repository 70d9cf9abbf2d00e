namespace GovChannel.Web.Areas.OpenData.Requests;

/// <summary>
/// A citizen's request for a dataset (Thai GDC's request-a-dataset form): what data, why, a contact email, optionally
/// the agency asked. The agency's admins and editors (or a sysadmin when no agency was chosen) answer and close it;
/// every change is an activity.
/// </summary>
public sealed class DatasetRequest
{
    public const string New = "new";
    public const string Answered = "answered";
    public const string Closed = "closed";
    public static readonly string[] Statuses = [New, Answered, Closed];

    public string Id { get; set; } = Guid.NewGuid().ToString();
    public required string Title { get; set; }
    public string Reason { get; set; } = "";
    public required string Email { get; set; }
    public string? OrganizationId { get; set; }
    public string Status { get; set; } = New;
    public string Reply { get; set; } = "";
    public DateTime Created { get; set; }
    public DateTime Modified { get; set; }
}
