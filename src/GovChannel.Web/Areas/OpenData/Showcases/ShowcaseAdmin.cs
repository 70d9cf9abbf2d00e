namespace GovChannel.Web.Areas.OpenData.Showcases;

/// <summary>
/// ckanext-showcase's showcase admins: users who may create, edit and delete showcases and link datasets to them
/// without being sysadmins. Only sysadmins change the list (ckanext_showcase_admin_add/remove).
/// </summary>
public sealed class ShowcaseAdmin
{
    public required string UserId { get; set; }
    public DateTime Created { get; set; }
}
