namespace GovChannel.Web.Areas.OpenData.Showcases;

/// <summary>
/// ckanext-showcase's association table: a showcase (a package of type <c>showcase</c>) uses a dataset. Both ends are
/// rows of <c>datasets</c>, so deleting either removes the link.
/// </summary>
public sealed class ShowcasePackage
{
    public required string ShowcaseId { get; set; }
    public required string DatasetId { get; set; }
    public DateTime Created { get; set; }
}
