using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using GovChannel.Thai;
using GovChannel.Web.Areas.Identity;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.OpenData.Search;
using GovChannel.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web;

/// <summary>
/// <c>seed synthetic --datasets N [--organizations M]</c>: a realistic national catalogue (Thai and English titles and
/// notes, tags, categories, GDC fields, 1–5 resources each) written through a bulk path — batched inserts with change
/// tracking off, no per-dataset activity — then one search-index rebuild. Deterministic for a given N and M.
/// </summary>
public static class SyntheticSeed
{
    private const int BatchSize = 2000;

    private static readonly string[] Subjects =
    [
        "จำนวนประชากร", "สถิติการเกิด", "สถิติการตาย", "ปริมาณฝน", "คุณภาพอากาศ", "ค่าฝุ่นละออง PM2.5", "คุณภาพน้ำ", "ผลผลิตข้าว",
        "ราคาสินค้าเกษตร", "จำนวนนักเรียน", "จำนวนโรงเรียน", "ผู้ป่วยโรคไข้เลือดออก", "จำนวนเตียงโรงพยาบาล", "อุบัติเหตุทางถนน",
        "การจดทะเบียนนิติบุคคล", "การใช้ไฟฟ้า", "การใช้น้ำประปา", "ปริมาณขยะมูลฝอย", "พื้นที่ป่าไม้", "จุดความร้อน",
        "งบประมาณรายจ่าย", "รายได้ครัวเรือน", "ภาวะการทำงาน", "ผู้สูงอายุ", "ผู้พิการ", "นักท่องเที่ยว", "ที่พักแรม", "สถานีตำรวจ",
        "ทะเบียนรถ", "ป้ายรถโดยสาร", "แหล่งน้ำ", "ร้านค้าชุมชน", "วิสาหกิจชุมชน", "สิทธิบัตรทอง", "เบี้ยยังชีพ",
    ];

    private static readonly string[] SubjectsEn =
    [
        "Population", "Births", "Deaths", "Rainfall", "Air quality", "PM2.5", "Water quality", "Rice yield", "Farm prices",
        "Students", "Schools", "Dengue cases", "Hospital beds", "Road accidents", "Company registrations", "Electricity use",
        "Water use", "Solid waste", "Forest area", "Hotspots", "Budget", "Household income", "Labour force", "Older people",
        "People with disabilities", "Tourists", "Accommodation", "Police stations", "Vehicle registrations", "Bus stops",
        "Water sources", "Community shops", "Community enterprises", "Universal health coverage", "Old-age allowance",
    ];

    private static readonly string[] Breakdowns = ["รายจังหวัด", "รายอำเภอ", "รายตำบล", "รายเดือน", "รายไตรมาส", "รายปี", "จำแนกตามเพศ", "จำแนกตามกลุ่มอายุ"];
    private static readonly string[] Tags =
    [
        "ข้อมูล", "สถิติ", "ประชากร", "สิ่งแวดล้อม", "สาธารณสุข", "การศึกษา", "เศรษฐกิจ", "การเกษตร", "คมนาคม", "พลังงาน", "ท่องเที่ยว",
        "งบประมาณ", "ความปลอดภัย", "สวัสดิการ", "ภูมิสารสนเทศ", "ข้อมูลเปิด", "open data", "statistics", "health", "environment",
        "education", "economy", "transport", "energy", "budget", "gis", "แรงงาน", "น้ำ", "อากาศ", "ป่าไม้",
    ];
    private static readonly string[] DataTypes = ["ข้อมูลระเบียน", "ข้อมูลสถิติ", "ข้อมูลภูมิสารสนเทศเชิงพื้นที่", "ข้อมูลหลากหลายประเภท", "ข้อมูลประเภทอื่นๆ"];
    private static readonly string[] DataCategories = ["ข้อมูลสาธารณะ", "ข้อมูลสาธารณะ", "ข้อมูลสาธารณะ", "ข้อมูลส่วนบุคคล", "ข้อมูลความมั่นคง"];
    private static readonly string[] Formats = ["CSV", "CSV", "CSV", "XLSX", "JSON", "PDF", "GeoJSON", "XML", "API", "SHP"];
    private static readonly string[] Licenses = ["cc-by", "cc-by", "cc-by-sa", "odc-by", "cc-zero", "other-open", "notspecified"];
    private static readonly string[] Frequencies = ["ปี", "ไตรมาส", "เดือน", "สัปดาห์", "วัน", "ไม่มีการปรับปรุงหลังจากการจัดเก็บข้อมูล"];
    private static readonly string[] AgencyKinds = ["สำนักงานจังหวัด", "สำนักงานสาธารณสุขจังหวัด", "สำนักงานเกษตรจังหวัด", "สำนักงานสถิติจังหวัด", "สำนักงานพาณิชย์จังหวัด", "สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัด", "องค์การบริหารส่วนจังหวัด"];
    private static readonly string[] AgencyKindsEn = ["Provincial Office", "Provincial Public Health Office", "Provincial Agriculture Office", "Provincial Statistical Office", "Provincial Commerce Office", "Provincial Natural Resources Office", "Provincial Administrative Organisation"];

    public static async Task RunAsync(IServiceProvider services, int datasets, int organizations, TextWriter progress, CancellationToken ct)
    {
        var random = new Random(20261124);
        var areas = AdministrativeAreas.SubDistricts;
        var provinces = areas.Select(a => (a.ProvinceCode, a.ProvinceTh, a.ProvinceEn)).Distinct().OrderBy(p => p.ProvinceCode).ToArray();
        var districts = areas.Select(a => (a.DistrictTh, a.ProvinceTh)).Distinct().ToArray();
        var clock = Stopwatch.StartNew();

        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<GovDb>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var now = Clock.Now(sp.GetRequiredService<TimeProvider>());
        var run = Guid.NewGuid().ToString("N")[..6];

        var creator = await db.Users.FirstOrDefaultAsync(u => u.Sysadmin, ct);
        if (creator is null)
        {
            creator = new User { Name = "synthetic-admin", Sysadmin = true, Created = now };
            db.Users.Add(creator);
        }

        var orgs = new List<Group>();
        for (var i = 0; i < organizations; i++)
        {
            var p = provinces[i % provinces.Length];
            var kind = i / provinces.Length % AgencyKinds.Length;
            orgs.Add(new Group
            {
                Name = string.Create(CultureInfo.InvariantCulture, $"agency-{run}-{i:D5}"),
                Title = AgencyKinds[kind] + p.ProvinceTh + (i >= provinces.Length * AgencyKinds.Length ? $" ({i})" : ""),
                Description = $"{p.ProvinceEn} {AgencyKindsEn[kind]}",
                Type = "organization", IsOrganization = true, Created = now,
            });
        }
        var groups = Enumerable.Range(1, 7).Select(n => new Group
        {
            Name = string.Create(CultureInfo.InvariantCulture, $"category{n:D2}-{run}"),
            Title = "หมวดหมู่ " + n.ToString(CultureInfo.InvariantCulture),
            Type = string.Create(CultureInfo.InvariantCulture, $"category{n:D2}"),
            Created = now,
        }).Concat(new[] { "environment", "economy", "health", "education", "transport" }.Select(n => new Group { Name = n + "-" + run, Title = n, Type = "group", Created = now })).ToList();
        var tags = Tags.Select(t => db.Tags.Local.FirstOrDefault(x => x.Name == t) ?? db.Tags.FirstOrDefault(x => x.Name == t && x.VocabularyId == null) ?? new Tag { Name = t }).ToList();
        db.Groups.AddRange(orgs);
        db.Groups.AddRange(groups);
        db.Tags.AddRange(tags.Where(t => db.Entry(t).State == EntityState.Detached));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        for (var start = 0; start < datasets; start += BatchSize)
        {
            var count = Math.Min(BatchSize, datasets - start);
            var batch = new List<Dataset>(count);
            for (var i = start; i < start + count; i++)
            {
                batch.Add(Make(i, random, run, now, creator.Id, orgs, groups, tags, provinces, districts));
            }
            db.Datasets.AddRange(batch);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            Bar(progress, "datasets", start + count, datasets, clock.Elapsed);
        }
        progress.WriteLine();
        await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Inserted {datasets:N0} datasets in {clock.Elapsed.TotalSeconds:F1} s; rebuilding the search index."));
        await sp.GetRequiredService<SearchIndex>().RebuildAsync(services, progress, ct);
        await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Done in {clock.Elapsed.TotalSeconds:F1} s."));
    }

    private static Dataset Make(int i, Random random, string run, DateTime now, string creatorId, List<Group> orgs, List<Group> groups,
        List<Tag> tags, (int Code, string Th, string En)[] provinces, (string DistrictTh, string ProvinceTh)[] districts)
    {
        var subject = random.Next(Subjects.Length);
        var org = orgs[random.Next(orgs.Count)];
        var province = provinces[random.Next(provinces.Length)];
        var district = districts[random.Next(districts.Length)];
        var yearBe = 2555 + random.Next(15);
        var breakdown = Breakdowns[random.Next(Breakdowns.Length)];
        var english = random.Next(5) == 0;
        var title = english
            ? string.Create(CultureInfo.InvariantCulture, $"{SubjectsEn[subject]} in {province.En} {yearBe - 543}")
            : string.Create(CultureInfo.InvariantCulture, $"{Subjects[subject]}{breakdown} จังหวัด{province.Th} ปี {yearBe}");
        var created = now.AddMinutes(-random.Next(60 * 24 * 365 * 8));
        var d = new Dataset
        {
            Name = string.Create(CultureInfo.InvariantCulture, $"ds-{run}-{i:D7}"),
            Title = title,
            Notes = string.Create(CultureInfo.InvariantCulture,
                $"ข้อมูล{Subjects[subject]} {breakdown} ในพื้นที่อำเภอ{district.DistrictTh.Replace("เขต", "", StringComparison.Ordinal)} จังหวัด{district.ProvinceTh} " +
                $"ปีงบประมาณ {yearBe} จัดทำโดย{org.Title} {SubjectsEn[subject]} data for {province.En}, {yearBe - 543}."),
            OwnerOrg = org.Id,
            CreatorUserId = creatorId,
            LicenseId = Licenses[random.Next(Licenses.Length)],
            Maintainer = org.Title,
            MaintainerEmail = string.Create(CultureInfo.InvariantCulture, $"opendata{random.Next(1000)}@example.go.th"),
            Private = random.Next(20) == 0,
            State = random.Next(100) == 0 ? "draft" : "active",
            MetadataCreated = created,
            MetadataModified = created.AddMinutes(random.Next(60 * 24 * 90)),
            FieldsJson = new JsonObject
            {
                ["data_type"] = DataTypes[random.Next(DataTypes.Length)],
                ["data_category"] = DataCategories[random.Next(DataCategories.Length)],
                ["update_frequency_unit"] = Frequencies[random.Next(Frequencies.Length)],
                ["geo_coverage"] = "จังหวัด",
                ["objective"] = new JsonArray("พันธกิจหน่วยงาน"),
                ["allow_harvest"] = "True",
            }.ToJsonString(),
        };
        var resourceCount = 1 + random.Next(5);
        for (var r = 0; r < resourceCount; r++)
        {
            var format = Formats[random.Next(Formats.Length)];
            d.Resources.Add(new Resource
            {
                DatasetId = d.Id, Position = r, Format = format, Created = created, MetadataModified = d.MetadataModified,
                Name = string.Create(CultureInfo.InvariantCulture, $"{Subjects[subject]} {yearBe - r} ({format})"),
                Url = string.Create(CultureInfo.InvariantCulture, $"https://data.example.go.th/{d.Name}/{r}.{format.ToLowerInvariant()}"),
            });
        }
        foreach (var tag in tags.OrderBy(_ => random.Next()).Take(1 + random.Next(4)))
        {
            d.Tags.Add(new DatasetTag { DatasetId = d.Id, TagId = tag.Id });
        }
        foreach (var group in groups.OrderBy(_ => random.Next()).Take(random.Next(3)))
        {
            d.Groups.Add(new DatasetGroup { DatasetId = d.Id, GroupId = group.Id });
        }
        return d;
    }

    private static void Bar(TextWriter progress, string what, int done, int total, TimeSpan elapsed)
    {
        const int width = 30;
        var filled = (int)((long)done * width / Math.Max(total, 1));
        var rate = done / Math.Max(elapsed.TotalSeconds, 0.001);
        progress.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r[{new string('#', filled)}{new string(' ', width - filled)}] {done * 100L / Math.Max(total, 1),3}% {done:N0}/{total:N0} {what}, {rate:N0}/s   "));
    }
}
