namespace GovChannel.Web.Areas.OpenData.Catalog;

/// <summary>CKAN's ROLE_PERMISSIONS (ckan/authz.py): admin may do everything; editor and member a fixed list.</summary>
public static class Roles
{
    public static readonly string[] All = ["admin", "editor", "member"];

    private static readonly string[] EditorPermissions = ["read", "delete_dataset", "create_dataset", "update_dataset", "manage_group"];
    private static readonly string[] MemberPermissions = ["read", "manage_group"];

    public static bool Exists(string? role) => role is "admin" or "editor" or "member";

    public static bool Allows(string? capacity, string permission) => capacity switch
    {
        "admin" => true,
        "editor" => EditorPermissions.Contains(permission),
        "member" => MemberPermissions.Contains(permission),
        _ => false,
    };
}
