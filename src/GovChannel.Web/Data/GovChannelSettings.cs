namespace GovChannel.Web.Data;

/// <summary>The <c>GovChannel</c> settings section (DESIGN: names other tools rely on).</summary>
public sealed class GovChannelSettings
{
    public string DataDirectory { get; set; } = Path.Combine(Directory.GetCurrentDirectory(), "data");
    /// <summary>Public base URL for help links, feeds and DCAT URIs; the request's own when empty.</summary>
    public string? SiteUrl { get; set; }
    public string SiteId { get; set; } = "default";
    public string SiteTitle { get; set; } = "GovChannel";
    /// <summary>Secret for API token signatures; a key file in the data directory when empty.</summary>
    public string? TokenSecret { get; set; }
    /// <summary>How often datasets whose recent page views changed are re-indexed (Tracking/ViewIndexing).</summary>
    public TimeSpan ViewsIndexInterval { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>
    /// How often a node looks for index operations it has not applied (other nodes' writes). On PostgreSQL a node is
    /// also woken by the writer (Search/IndexWakeUp), so this is the fallback when a notification is lost.
    /// </summary>
    public TimeSpan IndexPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);
    public long MaxUploadBytes { get; set; } = 100L * 1024 * 1024;
    /// <summary>ckan.auth.create_unowned_dataset (CKAN's production default: false).</summary>
    public bool CreateUnownedDataset { get; set; }
    /// <summary>ckan.auth.allow_dataset_collaborators.</summary>
    public bool AllowDatasetCollaborators { get; set; } = true;
    /// <summary>ckan.auth.create_user_via_api (false in CKAN: only sysadmins create users through the API).</summary>
    public bool CreateUserViaApi { get; set; }
    /// <summary>ckan.auth.user_create_organizations (true in CKAN 2.11).</summary>
    public bool UserCreateOrganizations { get; set; } = true;
    public bool UserCreateGroups { get; set; } = true;
    public int SearchRowsMax { get; set; } = 1000;
    /// <summary>Memory for cached package_search responses (Ckan/ResponseCache); 0 turns the cache off.</summary>
    public int ResponseCacheMegabytes { get; set; } = 64;
    public string DefaultPackageSort { get; set; } = "score desc, metadata_modified desc";
    /// <summary>ckan.default_group_sort: <c>title</c> (CKAN's default) or <c>name</c>.</summary>
    public string DefaultGroupSort { get; set; } = "title";
    public int GroupListMax { get; set; } = 1000;
    public int GroupListAllFieldsMax { get; set; } = 25;
    /// <summary>status_show's thaigdc_catalog_type: agency, area_based or data_center.</summary>
    public string ThaiGdcCatalogType { get; set; } = "agency";
}
