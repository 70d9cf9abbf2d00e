using System.Text.Json.Nodes;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Data;

namespace GovChannel.Web.Areas.OpenData.Ckan;

/// <summary>Site-wide actions: status_show (with the thaigdc_* keys the GD-Catalog harvester reads), license_list, help_show.</summary>
public static class SiteActions
{
    public const string CkanVersion = "2.11.5";
    public const string GovChannelVersion = "0.1.0";
    public const string ReleaseDate = "2026-11-24";

    public static void Register(ActionTable t)
    {
        t.Read("status_show", StatusShow);
        t.Read("license_list", _ => Task.FromResult<JsonNode?>(new JsonArray(Licenses.All.Select(l => (JsonNode)LicenseDict(l)).ToArray())));
        t.Read("help_show", ctx =>
        {
            var name = ctx.Required("name");
            return CkanApi.Actions.Find(name) is null
                ? throw new NotFound("Action function not found")
                : Task.FromResult<JsonNode?>($"{name}: see the CKAN Action API documentation; GovChannel implements it with CKAN's wire contract.");
        });
    }

    private static Task<JsonNode?> StatusShow(ActionContext ctx)
    {
        var s = ctx.Service<GovChannelSettings>();
        return Task.FromResult<JsonNode?>(new JsonObject
        {
            ["site_title"] = s.SiteTitle,
            ["site_description"] = "",
            ["site_url"] = CkanApi.SiteUrl(ctx.Http, s),
            ["ckan_version"] = CkanVersion,
            ["error_emails_to"] = null,
            ["locale_default"] = "th",
            ["extensions"] = new JsonArray("activity", "thai_gdc", "govchannel"),
            ["thaigdc_catalog_type"] = s.ThaiGdcCatalogType,
            ["thaigdc_is_as_a_service"] = "False",
            ["thaigdc_version"] = GovChannelVersion,
            ["thaigdc_update"] = new JsonObject { ["thai_gdc"] = ReleaseDate, ["xloader"] = ReleaseDate, ["discovery"] = ReleaseDate },
        });
    }

    public static JsonObject LicenseDict(License l) => new()
    {
        ["domain_content"] = false,
        ["domain_data"] = false,
        ["domain_software"] = false,
        ["family"] = "",
        ["id"] = l.Id,
        ["is_generic"] = l.IsGeneric.ToString(),
        ["is_okd_compliant"] = l.OdConformance,
        ["is_osi_compliant"] = l.OsdConformance,
        ["maintainer"] = "",
        ["od_conformance"] = l.OdConformance ? "approved" : "not reviewed",
        ["osd_conformance"] = l.OsdConformance ? "approved" : "not reviewed",
        ["status"] = "active",
        ["title"] = l.Title,
        ["url"] = l.Url,
    };
}
