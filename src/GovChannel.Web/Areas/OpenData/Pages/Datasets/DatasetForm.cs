using System.Text.Json.Nodes;
using GovChannel.Thai;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.OpenData.Pages.Datasets;

/// <summary>The stage-1 metadata form's input: CKAN core fields plus the Thai GDC fields a publisher must give.</summary>
public sealed class DatasetInput
{
    public string? Title { get; set; }
    public string? Name { get; set; }
    public string? Notes { get; set; }
    public string? OwnerOrg { get; set; }
    public bool Private { get; set; }
    public string? LicenseId { get; set; }
    public string? TagString { get; set; }
    public List<string> Groups { get; set; } = [];
    public string? Maintainer { get; set; }
    public string? MaintainerEmail { get; set; }
    public string? Url { get; set; }
    public string? DataType { get; set; }
    public string? DataCategory { get; set; }
    public string? UpdateFrequencyUnit { get; set; }
    public string? GeoCoverage { get; set; }
    public string? DataSource { get; set; }
    public List<string> DataFormat { get; set; } = [];
    public List<string> Objective { get; set; } = [];
    public List<string> DataLanguage { get; set; } = [];
}

/// <summary>
/// Create and edit share this: the choices (GDC value lists, reference/ckan.md §10.1), the agencies and categories the
/// publisher may use, the form's own "required" check (GDC's scheming marks these required; the API does not), and the
/// mapping of CKAN's error dict back to the form's fields.
/// </summary>
public abstract class DatasetFormPage : PortalPage
{
    public static readonly IReadOnlyList<string> DataTypes = ["ข้อมูลระเบียน", "ข้อมูลสถิติ", "ข้อมูลภูมิสารสนเทศเชิงพื้นที่", "ข้อมูลหลากหลายประเภท", "ข้อมูลประเภทอื่นๆ"];
    public static readonly IReadOnlyList<string> DataCategories = ["ข้อมูลสาธารณะ", "ข้อมูลส่วนบุคคล", "ข้อมูลความมั่นคง", "ข้อมูลความลับทางราชการ"];
    public static readonly IReadOnlyList<string> Frequencies = ["ปี", "ครึ่งปี", "ไตรมาส", "เดือน", "สัปดาห์", "วัน", "วันทำการ", "ชั่วโมง", "นาที", "ตามเวลาจริง", "ไม่มีการปรับปรุงหลังจากการจัดเก็บข้อมูล", "ไม่ทราบ", "อื่นๆ"];
    public static readonly IReadOnlyList<string> GeoCoverages = ["ไม่มี", "โลก", "ทวีป/กลุ่มประเทศในทวีป", "กลุ่มประเทศทางเศรษฐกิจ", "ประเทศ", "ภาค", "จังหวัด", "อำเภอ", "ตำบล", "หมู่บ้าน", "เทศบาล/อบต.", "พิกัด", "ไม่ทราบ", "อื่นๆ"];
    public static readonly IReadOnlyList<string> DataFormats = ["CSV", "XLS", "JSON", "XML", "PDF", "Database", "HTML", "DOC/DOCX", "Text", "Image", "Shapefile", "GeoTiff", "GML", "RDF", "ไม่ทราบ", "อื่นๆ"];
    public static readonly IReadOnlyList<string> Objectives = ["ยุทธศาสตร์ชาติ", "นโยบายรัฐบาล/ข้อสั่งการนายกรัฐมนตรี", "มติคณะรัฐมนตรี", "เพื่อการให้บริการประชาชน", "กฎหมายที่เกี่ยวข้อง", "พันธกิจหน่วยงาน", "ไม่ทราบ", "อื่นๆ"];
    public static readonly IReadOnlyList<string> Languages = ["ไทย", "อังกฤษ", "ไม่ทราบ", "อื่นๆ"];

    [BindProperty] public DatasetInput Input { get; set; } = new();
    public JsonObject Errors { get; private set; } = [];
    public List<(string Id, string Title)> Organizations { get; } = [];
    public List<(string Id, string Name, string Title)> AssignableGroups { get; } = [];

    public abstract bool IsNew { get; }

    protected async Task LoadChoicesAsync()
    {
        var user = await UserAsync();
        var ct = HttpContext.RequestAborted;
        var orgs = Db.Groups.Where(g => g.IsOrganization && g.State == "active");
        var groups = Db.Groups.Where(g => !g.IsOrganization && g.State == "active");
        if (user is { Sysadmin: false })
        {
            var editorOf = Db.Memberships.Where(m => m.UserId == user.Id && (m.Capacity == "admin" || m.Capacity == "editor")).Select(m => m.GroupId);
            var memberOf = Db.Memberships.Where(m => m.UserId == user.Id).Select(m => m.GroupId);
            orgs = orgs.Where(g => editorOf.Contains(g.Id));
            groups = groups.Where(g => memberOf.Contains(g.Id));
        }
        Organizations.AddRange((await orgs.Select(g => new { g.Id, g.Title, g.Name }).ToListAsync(ct))
            .Select(g => (g.Id, g.Title ?? g.Name)).OrderBy(g => g.Item2, ThaiOrder.Comparer));
        AssignableGroups.AddRange((await groups.Select(g => new { g.Id, g.Name, g.Title, g.Type }).ToListAsync(ct))
            .OrderBy(g => g.Type, StringComparer.Ordinal).ThenBy(g => g.Name, StringComparer.Ordinal).Select(g => (g.Id, g.Name, g.Title ?? g.Name)));
    }

    /// <summary>GDC's required fields; CKAN's own rules (name, e-mail, tags, organisation) are checked by PackageWriter.</summary>
    protected bool CheckRequired()
    {
        void Require(string field, bool present)
        {
            if (!present)
            {
                Errors[field] = new JsonArray("Missing value");
            }
        }
        Require("title", !string.IsNullOrWhiteSpace(Input.Title));
        Require("name", !string.IsNullOrWhiteSpace(Input.Name));
        Require("notes", !string.IsNullOrWhiteSpace(Input.Notes));
        Require("owner_org", !string.IsNullOrWhiteSpace(Input.OwnerOrg));
        Require("tag_string", !string.IsNullOrWhiteSpace(Input.TagString));
        Require("maintainer", !string.IsNullOrWhiteSpace(Input.Maintainer));
        Require("maintainer_email", !string.IsNullOrWhiteSpace(Input.MaintainerEmail));
        Require("data_type", !string.IsNullOrWhiteSpace(Input.DataType));
        Require("data_category", !string.IsNullOrWhiteSpace(Input.DataCategory));
        Require("license_id", !string.IsNullOrWhiteSpace(Input.LicenseId));
        return Errors.Count == 0;
    }

    /// <summary>The data dict for package_create / package_patch.</summary>
    protected JsonObject ToData(IEnumerable<string> keepGroups)
    {
        static JsonArray List(IEnumerable<string> values) => new([.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => (JsonNode?)v)]);
        var data = new JsonObject
        {
            ["title"] = Input.Title?.Trim(),
            ["name"] = Input.Name?.Trim(),
            ["notes"] = Input.Notes,
            ["owner_org"] = Input.OwnerOrg,
            ["private"] = Input.Private,
            ["license_id"] = Input.LicenseId,
            ["tag_string"] = Input.TagString,
            ["maintainer"] = Input.Maintainer,
            ["maintainer_email"] = Input.MaintainerEmail?.Trim(),
            ["url"] = Input.Url?.Trim(),
            ["data_type"] = Input.DataType,
            ["data_category"] = Input.DataCategory,
            ["update_frequency_unit"] = Input.UpdateFrequencyUnit,
            ["geo_coverage"] = Input.GeoCoverage,
            ["data_source"] = Input.DataSource,
            ["data_format"] = List(Input.DataFormat),
            ["objective"] = List(Input.Objective),
            ["data_language"] = List(Input.DataLanguage),
        };
        var assignable = AssignableGroups.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        data["groups"] = new JsonArray([.. Input.Groups.Where(assignable.Contains).Concat(keepGroups).Distinct(StringComparer.Ordinal)
            .Select(id => (JsonNode?)new JsonObject { ["id"] = id })]);
        return data;
    }

    protected void FromDict(JsonObject d)
    {
        static List<string> List(JsonNode? n) => Params.AsList(n) ?? [];
        Input = new DatasetInput
        {
            Title = Params.AsString(d["title"]),
            Name = Params.AsString(d["name"]),
            Notes = Params.AsString(d["notes"]),
            OwnerOrg = Params.AsString(d["owner_org"]),
            Private = Params.AsBool(d["private"]),
            LicenseId = Params.AsString(d["license_id"]),
            TagString = string.Join(", ", (d["tags"] as JsonArray ?? []).Select(t => Params.AsString(t?["name"]))),
            Groups = (d["groups"] as JsonArray ?? []).Select(g => Params.AsString(g?["id"]) ?? "").ToList(),
            Maintainer = Params.AsString(d["maintainer"]),
            MaintainerEmail = Params.AsString(d["maintainer_email"]),
            Url = Params.AsString(d["url"]),
            DataType = Params.AsString(d["data_type"]),
            DataCategory = Params.AsString(d["data_category"]),
            UpdateFrequencyUnit = Params.AsString(d["update_frequency_unit"]),
            GeoCoverage = Params.AsString(d["geo_coverage"]),
            DataSource = Params.AsString(d["data_source"]),
            DataFormat = List(d["data_format"]),
            Objective = List(d["objective"]),
            DataLanguage = List(d["data_language"]),
        };
    }

    /// <summary>Merge the catalogue's error dict into the form's; "tags" errors belong to the tag_string field.</summary>
    protected void AddErrors(JsonObject errors)
    {
        foreach (var (key, value) in errors)
        {
            if (key == "__type")
            {
                continue;
            }
            Errors[key == "tags" ? "tag_string" : key] = value?.DeepClone();
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
    }

    public string? Error(string field) => ErrorFor(Errors, field);

    public static IReadOnlyList<License> LicenseChoices => Licenses.All;
}
