using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Showcases;
using GovChannel.Web.Pages;

namespace GovChannel.Web.Areas.OpenData.Pages.Showcases;

/// <summary><c>/showcase</c>: apps and uses of the data (ckanext_showcase_list).</summary>
public sealed class IndexModel : PortalPage
{
    public List<JsonObject> Showcases { get; } = [];
    /// <summary>Sysadmins and showcase admins see the link to add one.</summary>
    public bool CanManage { get; private set; }
    public bool IsSysadmin { get; private set; }

    public async Task OnGetAsync()
    {
        Showcases.AddRange((await ReadAsync("ckanext_showcase_list", []) as JsonArray ?? []).OfType<JsonObject>());
        CanManage = await ShowcaseActions.CanManageAsync(await ContextAsync("ckanext_showcase_create", []));
        IsSysadmin = CurrentUser?.Sysadmin == true;
    }
}
