namespace GovChannel.Web.Areas.OpenData.Datastore;

/// <summary>The DataStore's settings, read from the <c>GovChannel</c> section (<c>GovChannel__DatastoreSearchRowsMax</c> …).</summary>
public sealed class DatastoreSettings
{
    /// <summary>ckan.datastore.search.rows_default.</summary>
    public int DatastoreSearchRowsDefault { get; set; } = 100;
    /// <summary>ckan.datastore.search.rows_max: larger limits are clamped, not rejected.</summary>
    public int DatastoreSearchRowsMax { get; set; } = 32000;
    /// <summary>ckan.datastore.sqlsearch.enabled (false in CKAN).</summary>
    public bool DatastoreSqlSearch { get; set; }
    /// <summary>ckanext.xloader.formats: the resource formats loaded automatically.</summary>
    public string DatastoreLoadFormats { get; set; } = "csv tsv xls xlsx";
    /// <summary>ckanext.xloader.max_content_length: 1 GB.</summary>
    public long DatastoreMaxLoadBytes { get; set; } = 1L << 30;
    /// <summary>How many bad rows a failed load lists before it stops reading.</summary>
    public int DatastoreLoadErrorLimit { get; set; } = 20;
    /// <summary>Rows per insert batch / progress update.</summary>
    public int DatastoreLoadBatch { get; set; } = 5000;
}
