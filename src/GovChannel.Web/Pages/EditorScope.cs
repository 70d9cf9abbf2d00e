using GovChannel.Web.Areas.Identity;
using GovChannel.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Pages;

/// <summary>The agencies whose content a user may edit (admin or editor membership), for news and dataset requests.</summary>
public static class EditorScope
{
    public static async Task<HashSet<string>> OrganizationsAsync(GovDb db, User? user, CancellationToken ct)
    {
        if (user is null)
        {
            return [];
        }
        var ids = await db.Memberships.Where(m => m.UserId == user.Id && (m.Capacity == "admin" || m.Capacity == "editor"))
            .Join(db.Groups.Where(g => g.IsOrganization && g.State == "active"), m => m.GroupId, g => g.Id, (m, g) => g.Id)
            .ToListAsync(ct);
        return ids.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Sysadmins edit everything; others only what belongs to an agency they edit for.</summary>
    public static bool CanEdit(User? user, HashSet<string> organizations, string? organizationId) =>
        user is not null && (user.Sysadmin || (organizationId is not null && organizations.Contains(organizationId)));
}
