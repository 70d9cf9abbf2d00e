using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GovChannel.Thai;
using GovChannel.Web.Areas.Identity;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.OpenData.Datastore;
using GovChannel.Web.Areas.OpenData.Files;
using GovChannel.Web.Areas.OpenData.Search;
using GovChannel.Web.Areas.Search;
using GovChannel.Web.Areas.Services.News;
using GovChannel.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web;

/// <summary>
/// <c>seed demo</c>: agencies, categories, Thai and English datasets with resources and tags, and the Thai sub-district
/// master data as a real dataset with a CSV. Written for GovChannel (not copied from government sites). Datasets go
/// through the same writer as the API, so they are validated, audited and indexed like any other. Safe to run twice.
/// </summary>
public static class DemoSeed
{
    public const string AdminName = "admin";
    public const string AdminPassword = "govchannel-demo";

    private static readonly (string Name, string Th, string En, string? Parent)[] Agencies =
    [
        ("moi", "กระทรวงมหาดไทย", "Ministry of Interior", null),
        ("dopa", "กรมการปกครอง", "Department of Provincial Administration", "moi"),
        ("nso", "สำนักงานสถิติแห่งชาติ", "National Statistical Office", null),
        ("pcd", "กรมควบคุมมลพิษ", "Pollution Control Department", null),
        ("tmd", "กรมอุตุนิยมวิทยา", "Thai Meteorological Department", null),
        ("dga", "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)", "Digital Government Development Agency", null),
        ("dbd", "กรมพัฒนาธุรกิจการค้า", "Department of Business Development", null),
        ("moph", "กระทรวงสาธารณสุข", "Ministry of Public Health", null),
        ("bma", "กรุงเทพมหานคร", "Bangkok Metropolitan Administration", null),
    ];

    private static readonly (string Name, string Title, string Type)[] Categories =
    [
        ("category01-master-plan", "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ", "category01"),
        ("category02-development", "ประเด็นการพัฒนา", "category02"),
        ("category03-physical", "ด้านกายภาพ", "category03"),
        ("category04-economic", "ด้านเศรษฐกิจ", "category04"),
        ("category05-social", "ด้านสังคมและความมั่นคง", "category05"),
        ("category06-environment", "ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม", "category06"),
        ("category07-other", "อื่น ๆ", "category07"),
        ("environment", "สิ่งแวดล้อม (Environment)", "group"),
        ("economy", "เศรษฐกิจ (Economy)", "group"),
        ("health", "สุขภาพ (Health)", "group"),
        ("population", "ประชากร (Population)", "group"),
        ("transport", "การคมนาคม (Transport)", "group"),
    ];

    private sealed record Demo(string Name, string Title, string Org, string Notes, string[] Tags, string[] Groups,
        string DataType, string Format, string Frequency, string License = "cc-by", bool Private = false);

    private static readonly Demo[] Datasets =
    [
        new("air-quality-pm25-daily", "คุณภาพอากาศ ค่าฝุ่นละออง PM2.5 รายวัน", "pcd",
            "ค่าความเข้มข้นของฝุ่นละอองขนาดไม่เกิน 2.5 ไมครอน (PM2.5) เฉลี่ย 24 ชั่วโมง จากสถานีตรวจวัดคุณภาพอากาศทั่วประเทศ\n\nDaily 24-hour mean PM2.5 from the national air-quality monitoring network.",
            ["ฝุ่นละออง", "PM2.5", "คุณภาพอากาศ", "air quality"], ["environment", "category06-environment"], "ข้อมูลสถิติ", "CSV", "วัน"),
        new("air-quality-stations", "ที่ตั้งสถานีตรวจวัดคุณภาพอากาศ", "pcd",
            "พิกัดและรายละเอียดสถานีตรวจวัดคุณภาพอากาศอัตโนมัติ Locations of automatic air-quality stations.",
            ["คุณภาพอากาศ", "สถานีตรวจวัด", "พิกัด"], ["environment"], "ข้อมูลภูมิสารสนเทศเชิงพื้นที่", "GeoJSON", "ปี"),
        new("water-quality-rivers", "คุณภาพน้ำแม่น้ำสายหลัก", "pcd",
            "ผลการตรวจวัดคุณภาพน้ำในแม่น้ำสายหลัก 59 สาย รายไตรมาส", ["คุณภาพน้ำ", "แม่น้ำ", "สิ่งแวดล้อม"], ["environment", "category06-environment"], "ข้อมูลสถิติ", "XLSX", "ไตรมาส"),
        new("rainfall-monthly", "ปริมาณฝนรายเดือน รายจังหวัด", "tmd",
            "ปริมาณฝนสะสมรายเดือนจากสถานีอุตุนิยมวิทยา จำแนกรายจังหวัด Monthly rainfall by province.", ["ปริมาณฝน", "อากาศ", "rainfall"], ["environment"], "ข้อมูลสถิติ", "CSV", "เดือน"),
        new("weather-forecast-7days", "พยากรณ์อากาศล่วงหน้า 7 วัน", "tmd",
            "พยากรณ์อากาศรายจังหวัดล่วงหน้า 7 วัน ผ่าน API", ["พยากรณ์อากาศ", "อากาศ", "API"], ["environment"], "ข้อมูลหลากหลายประเภท", "API", "วัน"),
        new("population-by-province", "จำนวนประชากรจากการทะเบียนราษฎร จำแนกรายจังหวัด", "dopa",
            "จำนวนประชากรตามหลักฐานการทะเบียนราษฎร ณ วันที่ 31 ธันวาคม ของทุกปี จำแนกตามเพศ รายจังหวัด",
            ["ประชากร", "ทะเบียนราษฎร", "population"], ["population", "category05-social"], "ข้อมูลสถิติ", "CSV", "ปี"),
        new("births-deaths-monthly", "สถิติการเกิดและการตาย รายเดือน", "dopa",
            "จำนวนการแจ้งเกิดและแจ้งตายจากระบบทะเบียนราษฎร รายเดือน รายจังหวัด", ["การเกิด", "การตาย", "ทะเบียนราษฎร"], ["population"], "ข้อมูลสถิติ", "CSV", "เดือน"),
        new("registration-offices", "ที่ตั้งสำนักทะเบียนอำเภอและสำนักทะเบียนท้องถิ่น", "dopa",
            "รายชื่อ ที่อยู่ และพิกัดของสำนักทะเบียนทั่วประเทศ สำหรับการติดต่อขอรับบริการงานทะเบียนและบัตรประจำตัวประชาชน",
            ["สำนักทะเบียน", "บัตรประจำตัวประชาชน", "ที่ตั้ง"], ["category03-physical"], "ข้อมูลระเบียน", "CSV", "ปี"),
        new("labour-force-survey", "การสำรวจภาวะการทำงานของประชากร", "nso",
            "ผลการสำรวจภาวะการทำงานของประชากร รายไตรมาส: กำลังแรงงาน ผู้มีงานทำ ผู้ว่างงาน Labour force survey, quarterly.",
            ["แรงงาน", "การว่างงาน", "labour force"], ["economy", "category04-economic"], "ข้อมูลสถิติ", "XLSX", "ไตรมาส"),
        new("household-income-survey", "การสำรวจภาวะเศรษฐกิจและสังคมของครัวเรือน", "nso",
            "รายได้ ค่าใช้จ่าย และหนี้สินของครัวเรือน จำแนกตามภาค", ["รายได้ครัวเรือน", "หนี้สิน", "ครัวเรือน"], ["economy"], "ข้อมูลสถิติ", "XLSX", "ปี"),
        new("internet-use-survey", "การสำรวจการมีการใช้เทคโนโลยีสารสนเทศและการสื่อสารในครัวเรือน", "nso",
            "สัดส่วนประชากรที่ใช้อินเทอร์เน็ต โทรศัพท์มือถือ และคอมพิวเตอร์ ICT use in households.", ["อินเทอร์เน็ต", "ICT", "ดิจิทัล"], ["category02-development"], "ข้อมูลสถิติ", "CSV", "ปี"),
        new("registered-companies", "ข้อมูลนิติบุคคลที่จดทะเบียน", "dbd",
            "รายชื่อนิติบุคคลที่จดทะเบียนจัดตั้งใหม่ รายเดือน ประเภทธุรกิจ ทุนจดทะเบียน และจังหวัดที่ตั้ง", ["นิติบุคคล", "จดทะเบียน", "ธุรกิจ"], ["economy", "category04-economic"], "ข้อมูลระเบียน", "CSV", "เดือน"),
        new("business-registration-statistics", "สถิติการจดทะเบียนธุรกิจ", "dbd",
            "จำนวนการจดทะเบียนจัดตั้ง เลิก และคงอยู่ของนิติบุคคล รายเดือน Business registrations.", ["จดทะเบียน", "สถิติธุรกิจ"], ["economy"], "ข้อมูลสถิติ", "XLSX", "เดือน"),
        new("government-open-data-inventory", "บัญชีข้อมูลภาครัฐ", "dga",
            "รายการบัญชีข้อมูล (data catalog) ของหน่วยงานภาครัฐที่เผยแพร่บนศูนย์กลางข้อมูลเปิดภาครัฐ", ["บัญชีข้อมูล", "ข้อมูลเปิด", "open data"], ["category02-development"], "ข้อมูลระเบียน", "JSON", "เดือน"),
        new("egov-service-usage", "สถิติการใช้บริการภาครัฐผ่านระบบดิจิทัล", "dga",
            "จำนวนการใช้งาน e-Service จำแนกตามหน่วยงานและช่องทาง (เว็บไซต์ แอปพลิเคชัน ตู้บริการ)", ["e-Service", "บริการภาครัฐ", "ดิจิทัล"], ["category02-development"], "ข้อมูลสถิติ", "CSV", "เดือน"),
        new("hospitals-list", "รายชื่อสถานพยาบาลและโรงพยาบาล", "moph",
            "รายชื่อ ประเภท จำนวนเตียง และพิกัดของโรงพยาบาลและสถานพยาบาลทั่วประเทศ", ["โรงพยาบาล", "สถานพยาบาล", "สาธารณสุข"], ["health", "category05-social"], "ข้อมูลระเบียน", "CSV", "ปี"),
        new("dengue-cases-weekly", "จำนวนผู้ป่วยโรคไข้เลือดออก รายสัปดาห์", "moph",
            "จำนวนผู้ป่วยและผู้เสียชีวิตด้วยโรคไข้เลือดออก รายสัปดาห์ รายจังหวัด Dengue surveillance.", ["ไข้เลือดออก", "โรคติดต่อ", "dengue"], ["health"], "ข้อมูลสถิติ", "CSV", "สัปดาห์"),
        new("vaccination-coverage", "ความครอบคลุมการได้รับวัคซีนขั้นพื้นฐาน", "moph",
            "ร้อยละความครอบคลุมวัคซีนในเด็กอายุต่ำกว่า 5 ปี จำแนกรายจังหวัด", ["วัคซีน", "เด็ก", "สาธารณสุข"], ["health"], "ข้อมูลสถิติ", "XLSX", "ปี"),
        new("bangkok-bus-stops", "จุดจอดรถโดยสารประจำทางในกรุงเทพมหานคร", "bma",
            "ตำแหน่งป้ายรถโดยสารประจำทาง ศาลาที่พักผู้โดยสาร และสายรถที่ผ่าน Bus stops in Bangkok.", ["ป้ายรถเมล์", "การเดินทาง", "bus"], ["transport", "category03-physical"], "ข้อมูลภูมิสารสนเทศเชิงพื้นที่", "GeoJSON", "ปี"),
        new("bangkok-flood-points", "จุดเสี่ยงน้ำท่วมในกรุงเทพมหานคร", "bma",
            "จุดเสี่ยงน้ำท่วมขังและจุดเฝ้าระวังในพื้นที่ 50 เขต", ["น้ำท่วม", "จุดเสี่ยง", "กรุงเทพมหานคร"], ["environment", "category03-physical"], "ข้อมูลภูมิสารสนเทศเชิงพื้นที่", "KML", "ปี"),
        new("bangkok-budget", "งบประมาณรายจ่ายประจำปีของกรุงเทพมหานคร", "bma",
            "ข้อบัญญัติงบประมาณรายจ่ายประจำปี จำแนกตามหน่วยงานและแผนงาน Annual budget of the BMA.", ["งบประมาณ", "การคลัง", "budget"], ["economy"], "ข้อมูลสถิติ", "XLSX", "ปี"),
        new("dopa-internal-draft-indicators", "ตัวชี้วัดภายใน (ฉบับร่าง)", "dopa",
            "ชุดข้อมูลภายในหน่วยงาน ยังไม่เผยแพร่ An internal, unpublished dataset to show private visibility.", ["ตัวชี้วัด"], [], "ข้อมูลหลากหลายประเภท", "XLSX", "ไตรมาส", "other-closed", Private: true),
    ];

    public static async Task<bool> IsEmptyAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        return !await scope.ServiceProvider.GetRequiredService<GovDb>().Datasets.AnyAsync();
    }

    public static async Task RunAsync(IServiceProvider services, TextWriter log, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<GovDb>();
        var time = sp.GetRequiredService<TimeProvider>();
        var now = Clock.Now(time);

        var admin = await db.Users.SingleOrDefaultAsync(u => u.Name == AdminName, ct);
        if (admin is null)
        {
            admin = new User { Name = AdminName, FullName = "ผู้ดูแลระบบ (Demo administrator)", Email = "admin@example.go.th", Sysadmin = true, Created = now };
            admin.PasswordHash = sp.GetRequiredService<IPasswordHasher<User>>().HashPassword(admin, AdminPassword);
            db.Users.Add(admin);
        }
        var editor = await db.Users.SingleOrDefaultAsync(u => u.Name == "somchai", ct);
        if (editor is null)
        {
            editor = new User { Name = "somchai", FullName = "สมชาย ใจดี", Email = "somchai@example.go.th", Created = now };
            editor.PasswordHash = sp.GetRequiredService<IPasswordHasher<User>>().HashPassword(editor, AdminPassword);
            db.Users.Add(editor);
        }
        await db.SaveChangesAsync(ct);

        var groupIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, th, en, parent) in Agencies)
        {
            var org = await db.Groups.SingleOrDefaultAsync(g => g.Name == name, ct);
            if (org is null)
            {
                org = new Group
                {
                    Name = name, Title = th, Description = en, Type = "organization", IsOrganization = true, Created = now,
                    ParentId = parent is null ? null : groupIds[parent],
                    ExtrasJson = new JsonArray(new JsonObject { ["key"] = "title_en", ["value"] = en }).ToJsonString(),
                };
                db.Groups.Add(org);
            }
            groupIds[name] = org.Id;
        }
        foreach (var (name, title, type) in Categories)
        {
            var group = await db.Groups.SingleOrDefaultAsync(g => g.Name == name, ct);
            if (group is null)
            {
                group = new Group { Name = name, Title = title, Type = type, Created = now };
                db.Groups.Add(group);
            }
            groupIds[name] = group.Id;
        }
        await db.SaveChangesAsync(ct);
        if (!await db.Memberships.AnyAsync(m => m.UserId == editor.Id, ct))
        {
            db.Memberships.Add(new Membership { GroupId = groupIds["dopa"], UserId = editor.Id, Capacity = "editor", Created = now });
            db.Memberships.Add(new Membership { GroupId = groupIds["nso"], UserId = editor.Id, Capacity = "admin", Created = now });
            await db.SaveChangesAsync(ct);
        }

        var http = new DefaultHttpContext { RequestServices = sp };
        var created = 0;
        foreach (var demo in Datasets)
        {
            if (await db.Datasets.AnyAsync(d => d.Name == demo.Name, ct))
            {
                continue;
            }
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var ctx = new ActionContext(http, db, admin, [], "seed");
            await PackageWriter.CreateAsync(ctx, ToDict(demo, groupIds));
            await tx.CommitAsync(ct);
            created++;
        }
        created += await SubDistrictDatasetAsync(sp, db, admin, groupIds, http, ct);
        await PortalContentAsync(db, admin, groupIds, http, now, ct);
        await log.WriteLineAsync("Services demo content: " + await Areas.Services.ServicesDemoSeed.RunAsync(sp, db, admin, groupIds, ct));
        await sp.GetRequiredService<SearchIndex>().CatchUpAsync(ct);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Demo content: {Agencies.Length} agencies, {Categories.Length} categories, {created} new datasets. Sign in as '{AdminName}' / '{AdminPassword}'."));
    }

    /// <summary>A showcase that uses two datasets, two news items and a publication, so the home page's sections have content.</summary>
    private static async Task PortalContentAsync(GovDb db, User admin, Dictionary<string, string> groupIds, HttpContext http, DateTime now, CancellationToken ct)
    {
        if (!await db.Datasets.AnyAsync(d => d.Name == "tambon-finder", ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var create = new ActionContext(http, db, admin, new JsonObject
            {
                ["name"] = "tambon-finder",
                ["title"] = "ค้นหาตำบลใกล้ฉัน (Tambon finder)",
                ["notes"] = "เว็บแอปตัวอย่างที่ใช้พิกัดตำบลและที่ตั้งสำนักทะเบียน เพื่อบอกตำบลและสำนักทะเบียนที่ใกล้ที่สุด\n\nA sample web app: the nearest sub-district and registration office.",
                ["url"] = "https://apps.example.go.th/tambon-finder",
                ["image_url"] = "",
                ["author"] = "ทีมข้อมูลเปิด (ตัวอย่าง)",
                ["tags"] = new JsonArray(new JsonObject { ["name"] = "แผนที่" }, new JsonObject { ["name"] = "ตำบล" }),
            }, "ckanext_showcase_create");
            var showcase = await CkanApi.Actions.Find("ckanext_showcase_create")!.Handler(create);
            foreach (var dataset in new[] { "thailand-sub-districts", "registration-offices" })
            {
                await CkanApi.Actions.Find("ckanext_showcase_package_association_create")!.Handler(new ActionContext(http, db, admin,
                    new JsonObject { ["showcase_id"] = showcase!["id"]!.GetValue<string>(), ["package_id"] = dataset }, "ckanext_showcase_package_association_create"));
            }
            await tx.CommitAsync(ct);
        }
        if (!await db.News.AnyAsync(ct))
        {
            NewsItem[] news =
            [
                new NewsItem
                {
                    Title = "เปิดให้บริการข้อมูลพิกัดตำบลผ่าน DataStore API", Kind = "news", OwnerOrgId = groupIds["dopa"], PublishedAt = now.AddDays(-2), Created = now,
                    Summary = "ดูตัวอย่าง กรอง สร้างแผนภูมิ และแผนที่ของข้อมูลตำบลได้บนหน้าไฟล์ข้อมูล",
                    Body = "ชุดข้อมูล **ตำแหน่งที่ตั้งตำบล** เรียกผ่าน `datastore_search` ได้แล้ว\n\n- ตารางพร้อมการค้นหาและกรอง\n- แผนภูมิและแผนที่",
                },
                new NewsItem
                {
                    Title = "ประกาศปรับปรุงระบบ ศูนย์กลางข้อมูลเปิดภาครัฐ", Kind = "news", OwnerOrgId = groupIds["dga"], PublishedAt = now.AddDays(-5), Created = now,
                    Summary = "ระบบจะปิดปรับปรุงชั่วคราวในวันเสาร์ เวลา 22.00–24.00 น.", Body = "ขออภัยในความไม่สะดวก",
                },
                new NewsItem
                {
                    Title = "แนวทางการเปิดเผยข้อมูลภาครัฐในรูปแบบข้อมูลดิจิทัลต่อสาธารณะ", Kind = "publication", OwnerOrgId = groupIds["dga"], PublishedAt = now.AddDays(-10), Created = now,
                    Summary = "เอกสารแนวทางสำหรับหน่วยงาน (ตัวอย่าง)", Body = "เอกสารตัวอย่างสำหรับการสาธิตระบบ",
                },
            ];
            db.News.AddRange(news);
            foreach (var n in news)
            {
                OneSearchIndex.Reindex(db, OneSearchIndex.News, n.Id, now);
            }
            await db.SaveChangesAsync(ct);
        }
    }

    private static JsonObject ToDict(Demo demo, Dictionary<string, string> groupIds) => new()
    {
        ["name"] = demo.Name,
        ["title"] = demo.Title,
        ["owner_org"] = groupIds[demo.Org],
        ["notes"] = demo.Notes,
        ["license_id"] = demo.License,
        ["private"] = demo.Private,
        ["maintainer"] = "ฝ่ายเทคโนโลยีสารสนเทศ",
        ["maintainer_email"] = $"opendata@{demo.Org}.example.go.th",
        ["tags"] = new JsonArray(demo.Tags.Select(t => (JsonNode)new JsonObject { ["name"] = t }).ToArray()),
        ["groups"] = new JsonArray(demo.Groups.Select(g => (JsonNode)new JsonObject { ["id"] = groupIds[g] }).ToArray()),
        ["data_type"] = demo.DataType,
        ["data_category"] = demo.Private ? "ข้อมูลความลับทางราชการ" : "ข้อมูลสาธารณะ",
        ["update_frequency_unit"] = demo.Frequency,
        ["geo_coverage"] = "ประเทศ",
        ["data_source"] = "ระบบสารสนเทศของหน่วยงาน",
        ["data_format"] = new JsonArray(demo.Format == "XLSX" ? "XLS" : demo.Format),
        ["objective"] = new JsonArray("พันธกิจหน่วยงาน", "เพื่อการให้บริการประชาชน"),
        ["data_language"] = new JsonArray("ไทย"),
        ["allow_harvest"] = demo.Private ? "False" : "True",
        ["high_value_dataset"] = "False",
        ["resources"] = new JsonArray(new JsonObject
        {
            ["name"] = demo.Title + " (" + demo.Format + ")",
            ["url"] = $"https://data.{demo.Org}.example.go.th/{demo.Name}.{demo.Format.ToLowerInvariant()}",
            ["format"] = demo.Format,
            ["description"] = "ไฟล์ข้อมูลล่าสุด",
        }),
    };

    /// <summary>The sub-district master data as a real dataset with the CSV uploaded (7,451 rows, 7,121 with coordinates).</summary>
    private static async Task<int> SubDistrictDatasetAsync(IServiceProvider sp, GovDb db, User admin, Dictionary<string, string> groupIds, HttpContext http, CancellationToken ct)
    {
        const string name = "thailand-sub-districts";
        if (await db.Datasets.AnyAsync(d => d.Name == name, ct))
        {
            return 0;
        }
        var csv = new StringBuilder("sub_district_code,sub_district_th,sub_district_en,district_code,district_th,district_en,province_code,province_th,province_en,zip_code,lat,long\n");
        foreach (var s in AdministrativeAreas.SubDistricts)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{s.Code},{s.NameTh},{s.NameEn},{s.DistrictCode},{s.DistrictTh},{s.DistrictEn},{s.ProvinceCode},{s.ProvinceTh},{s.ProvinceEn},{s.ZipCode},{s.Latitude?.ToString(CultureInfo.InvariantCulture)},{s.Longitude?.ToString(CultureInfo.InvariantCulture)}\n");
        }
        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        var key = LocalFileStore.NewKey();
        await sp.GetRequiredService<IFileStore>().SaveAsync(key, new MemoryStream(bytes), ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ctx = new ActionContext(http, db, admin, [], "seed");
        var dict = await PackageWriter.CreateAsync(ctx, new JsonObject
        {
            ["name"] = name,
            ["title"] = "ข้อมูลตำแหน่งที่ตั้งตำบล (LAT/LONG ที่ตั้งตำบล)",
            ["owner_org"] = groupIds["dopa"],
            ["notes"] = "รหัสและชื่อตำบล อำเภอ จังหวัด รหัสไปรษณีย์ และพิกัดละติจูด/ลองจิจูดที่ตั้งตำบลทั่วประเทศ 7,451 ตำบล\n\n" +
                "Sub-district (tambon) codes and names with district, province, postcode and coordinates. " +
                "Source: kongvut/thai-province-data (MIT licence, © 2025 Kongvut Sangkla).",
            ["license_id"] = "other-at",
            ["maintainer"] = "กรมการปกครอง",
            ["maintainer_email"] = "opendata@dopa.example.go.th",
            ["tags"] = new JsonArray(new JsonObject { ["name"] = "ตำบล" }, new JsonObject { ["name"] = "พิกัด" }, new JsonObject { ["name"] = "ข้อมูลอ้างอิง" }, new JsonObject { ["name"] = "master data" }),
            ["groups"] = new JsonArray(new JsonObject { ["id"] = groupIds["category03-physical"] }, new JsonObject { ["id"] = groupIds["population"] }),
            ["data_type"] = "ข้อมูลระเบียน",
            ["data_category"] = "ข้อมูลสาธารณะ",
            ["update_frequency_unit"] = "ปี",
            ["geo_coverage"] = "ตำบล",
            ["data_source"] = "กรมการปกครอง",
            ["data_format"] = new JsonArray("CSV"),
            ["objective"] = new JsonArray("เพื่อการให้บริการประชาชน"),
            ["data_language"] = new JsonArray("ไทย", "อังกฤษ"),
            ["allow_harvest"] = "True",
            ["reference_data"] = "True",
            ["high_value_dataset"] = "True",
        });
        var dataset = await db.Datasets.Include(d => d.Resources).SingleAsync(d => d.Id == dict["id"]!.GetValue<string>(), ct);
        var resource = new Resource
        {
            DatasetId = dataset.Id, Name = "ตำแหน่งที่ตั้งตำบล (CSV)", Description = "7,451 ตำบล พร้อมพิกัด", Format = "CSV",
            Url = "thailand-sub-districts.csv", UrlType = "upload", StorageKey = key, Size = bytes.Length, Mimetype = "text/csv",
            Created = dataset.MetadataCreated, MetadataModified = dataset.MetadataModified,
        };
        dataset.Resources.Add(resource);
        Changes.Reindex(ctx, dataset.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        // Into the DataStore like any uploaded CSV (the resource page's table, chart and map): the durable job queue
        // keeps it, so `seed demo` from the command line is loaded when the server next starts.
        await sp.GetRequiredService<DatastoreLoader>().EnqueueAsync(resource.Id, ct);
        return 1;
    }
}
