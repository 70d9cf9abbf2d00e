namespace GovChannel.Web.Areas.OpenData.Catalog;

/// <summary>
/// The Thai GDC (ckanext-thai_gdc) dataset fields, top-level keys of the package dict (reference/ckan.md §10.1).
/// Multi-selects are lists on the wire; booleans are the strings "True" and "False".
/// </summary>
public static class GdcFields
{
    public static readonly IReadOnlySet<string> MultiValued = new HashSet<string>(StringComparer.Ordinal)
    {
        "objective", "data_format", "data_language", "disaggregate",
    };

    public static readonly IReadOnlyList<string> All =
    [
        "data_type", "data_type_other", "allow_harvest", "reference_url_catalog",
        "objective", "objective_other", "update_frequency_unit", "update_frequency_unit_other", "update_frequency_interval",
        "geo_coverage", "geo_coverage_other", "data_source", "data_format", "data_format_other", "data_category",
        "accessible_condition", "data_support", "data_support_other", "data_collect", "data_collect_other",
        "data_language", "data_language_other", "created_date", "last_updated_date", "data_release_calendar",
        "first_year_of_data", "last_year_of_data", "disaggregate", "disaggregate_other", "unit_of_measure",
        "unit_of_multiplier", "unit_of_multiplier_other", "calculation_method", "standard", "official_statistics",
        "geographic_data_set", "equivalent_scale", "equivalent_scale_other",
        "west_bound_longitude", "east_bound_longitude", "north_bound_longitude", "south_bound_longitude",
        "positional_accuracy", "reference_period", "data_release_date", "high_value_dataset", "reference_data",
    ];

    public static readonly IReadOnlySet<string> Names = new HashSet<string>(All, StringComparer.Ordinal);

    /// <summary>Thai labels for the dataset page's metadata table.</summary>
    public static readonly IReadOnlyDictionary<string, (string Th, string En)> Labels = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["data_type"] = ("ประเภทชุดข้อมูล", "Dataset type"),
        ["allow_harvest"] = ("ยินยอมให้นำชื่อชุดข้อมูลไปใช้ที่ GD-Catalog", "Allow harvesting into GD-Catalog"),
        ["objective"] = ("วัตถุประสงค์", "Objective"),
        ["update_frequency_unit"] = ("หน่วยความถี่ของการปรับปรุงข้อมูล", "Update frequency unit"),
        ["update_frequency_interval"] = ("ค่าความถี่ของการปรับปรุงข้อมูล", "Update frequency interval"),
        ["geo_coverage"] = ("ขอบเขตเชิงภูมิศาสตร์หรือเชิงพื้นที่", "Geographic coverage"),
        ["data_source"] = ("แหล่งที่มา", "Data source"),
        ["data_format"] = ("รูปแบบการเก็บข้อมูล", "Data format"),
        ["data_category"] = ("หมวดหมู่ข้อมูลตามธรรมาภิบาลข้อมูลภาครัฐ", "Data category"),
        ["accessible_condition"] = ("เงื่อนไขในการเข้าถึงข้อมูล", "Access conditions"),
        ["data_language"] = ("ภาษาที่ใช้", "Language"),
        ["created_date"] = ("วันที่เริ่มต้นสร้าง", "Created"),
        ["last_updated_date"] = ("วันที่ปรับปรุงข้อมูลล่าสุด", "Last updated"),
        ["first_year_of_data"] = ("ปีข้อมูลที่เริ่มต้นจัดทำ", "First year of data"),
        ["last_year_of_data"] = ("ปีข้อมูลล่าสุดที่เผยแพร่", "Latest year of data"),
        ["official_statistics"] = ("สถิติทางการ", "Official statistics"),
        ["high_value_dataset"] = ("ชุดข้อมูลที่มีคุณค่าสูง", "High-value dataset"),
        ["reference_data"] = ("ข้อมูลอ้างอิง", "Reference data"),
    };
}
