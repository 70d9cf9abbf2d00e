namespace GovChannel.Web.Areas.OpenData.Datastore;

/// <summary>The DataStore's settings, read from the <c>GovChannel</c> section (<c>GovChannel__DatastoreSearchRowsMax</c> …).</summary>
public sealed class DatastoreSettings
{
    /// <summary>ckan.datastore.search.rows_default.</summary>
    public int DatastoreSearchRowsDefault { get; set; } = 100;
    /// <summary>ckan.datastore.search.rows_max: larger limits are clamped, not rejected.</summary>
    public int DatastoreSearchRowsMax { get; set; } = 32000;
    /// <summary>ckan.datastore.sqlsearch.enabled (false in CKAN): datastore_search_sql answers only when true.</summary>
    public bool DatastoreSqlSearch { get; set; }
    /// <summary>datastore_search_sql's statement timeout in milliseconds (PostgreSQL statement_timeout; SQLite progress handler).</summary>
    public int DatastoreSqlTimeoutMs { get; set; } = 10_000;
    /// <summary>
    /// ckan.datastore.sqlsearch.allowed_functions_file, as a list: the only functions datastore_search_sql may call
    /// (aggregates, arithmetic, text, dates; nothing that reads files, settings, other tables or sleeps).
    /// </summary>
    public string DatastoreSqlFunctions { get; set; } =
        "count sum avg min max stddev stddev_pop stddev_samp variance var_pop var_samp string_agg array_agg bool_and bool_or " +
        "every mode percentile_cont percentile_disc group_concat total " +
        "abs round ceil ceiling floor trunc sqrt cbrt power pow exp ln log log10 mod sign div width_bucket " +
        "lower upper length char_length character_length octet_length substr strpos instr left right lpad rpad ltrim rtrim " +
        "btrim replace translate concat concat_ws split_part reverse repeat initcap starts_with format to_char to_number " +
        "ifnull iif " +
        "date_trunc date_part date to_date to_timestamp make_date age justify_days strftime julianday datetime " +
        "row_number rank dense_rank percent_rank cume_dist ntile lag lead first_value last_value nth_value";
    /// <summary>ckanext.xloader.formats: the resource formats loaded automatically.</summary>
    public string DatastoreLoadFormats { get; set; } = "csv tsv xls xlsx";
    /// <summary>ckanext.xloader.max_content_length: 1 GB.</summary>
    public long DatastoreMaxLoadBytes { get; set; } = 1L << 30;
    /// <summary>
    /// Whether linked files may be fetched from loopback, private, link-local and other internal addresses (off: the
    /// loader fetches only public addresses, so a link cannot reach the server's own network).
    /// </summary>
    public bool DatastoreLoadPrivateAddresses { get; set; }
    /// <summary>How many bad rows a failed load lists before it stops reading.</summary>
    public int DatastoreLoadErrorLimit { get; set; } = 20;
    /// <summary>Rows per insert batch / progress update.</summary>
    public int DatastoreLoadBatch { get; set; } = 5000;
}
