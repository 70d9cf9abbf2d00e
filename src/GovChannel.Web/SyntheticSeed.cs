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
/// tracking off, no per-dataset activity — then one search-index rebuild. Deterministic for a given N and M (apart from
/// the generated ids and the run suffix on names). The rows go in through <see cref="BulkWriter"/>: prepared INSERTs
/// in one transaction per batch on SQLite, binary COPY on PostgreSQL (EF's SaveChanges managed about 1,600 datasets/s).
/// </summary>
public static class SyntheticSeed
{
    /// <summary>Datasets per transaction (and per COPY on PostgreSQL); about 4 rows each with resources, tags and groups.</summary>
    private const int BatchSize = 10_000;

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

        // The generator is sequential (one seeded Random), so it runs one batch ahead of the writer on another core.
        List<Dataset> Generate(int start)
        {
            var count = Math.Min(BatchSize, datasets - start);
            var batch = new List<Dataset>(count);
            for (var i = start; i < start + count; i++)
            {
                batch.Add(Make(i, random, run, now, creator.Id, orgs, groups, tags, provinces, districts));
            }
            return batch;
        }

        await using (var bulk = await BulkWriter.OpenAsync(db, ct))
        {
            var next = Task.Run(() => Generate(0), ct);
            for (var start = 0; start < datasets; start += BatchSize)
            {
                var batch = await next;
                if (start + BatchSize < datasets)
                {
                    var following = start + BatchSize;
                    next = Task.Run(() => Generate(following), ct);
                }
                await bulk.WriteAsync(batch, ct);
                Bar(progress, "datasets", start + batch.Count, datasets, clock.Elapsed);
            }
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

/// <summary>
/// Appends catalogue rows (datasets with their resources, tags and groups) as fast as each database takes them. The
/// columns come from the EF model, so a new property is written without touching this class.
/// </summary>
internal sealed class BulkWriter : IAsyncDisposable
{
    private readonly GovDb _db;
    private readonly Table _datasets;
    private readonly Table _resources;
    private readonly Table _tags;
    private readonly Table _groups;
    private readonly string? _synchronous;

    private BulkWriter(GovDb db, string? synchronous)
    {
        _db = db;
        _synchronous = synchronous;
        _datasets = new Table(db, typeof(Dataset));
        _resources = new Table(db, typeof(Resource));
        _tags = new Table(db, typeof(DatasetTag));
        _groups = new Table(db, typeof(DatasetGroup));
    }

    public static async Task<BulkWriter> OpenAsync(GovDb db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        string? synchronous = null;
        if (db.Database.IsSqlite())
        {
            // Seeding may lose the last batch on a power cut (the database stays consistent in WAL mode); a bigger page
            // cache keeps the random-id B-trees of 500,000 rows in memory. Both are restored or end with the connection.
            synchronous = Convert.ToString(await Scalar(db, "PRAGMA synchronous", ct), CultureInfo.InvariantCulture);
            await Execute(db, "PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;", ct);
        }
        return new BulkWriter(db, synchronous);
    }

    public async Task WriteAsync(List<Dataset> batch, CancellationToken ct)
    {
        var connection = _db.Database.GetDbConnection();
        var resources = batch.SelectMany(d => d.Resources).Cast<object>();
        var tags = batch.SelectMany(d => d.Tags).Cast<object>();
        var groups = batch.SelectMany(d => d.Groups).Cast<object>();
        if (connection is Npgsql.NpgsqlConnection pg)
        {
            // COPY is transactional per statement; a failed batch leaves no half-written dataset behind it because the
            // dependants are copied after their datasets and the whole batch shares one transaction.
            await using var tx = await pg.BeginTransactionAsync(ct);
            await _datasets.CopyAsync(pg, batch, ct);
            await _resources.CopyAsync(pg, resources, ct);
            await _tags.CopyAsync(pg, tags, ct);
            await _groups.CopyAsync(pg, groups, ct);
            await tx.CommitAsync(ct);
        }
        else
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            _datasets.Insert(connection, tx, batch);
            _resources.Insert(connection, tx, resources);
            _tags.Insert(connection, tx, tags);
            _groups.Insert(connection, tx, groups);
            await tx.CommitAsync(ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_synchronous is not null)
        {
            await Execute(_db, "PRAGMA synchronous=" + _synchronous, CancellationToken.None);
        }
        await _db.Database.CloseConnectionAsync();
    }

    private static async Task<object?> Scalar(GovDb db, string sql, CancellationToken ct)
    {
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync(ct);
    }

    private static async Task Execute(GovDb db, string sql, CancellationToken ct)
    {
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>One table's columns as the EF model maps them: name, getter, value converter, provider type mapping.</summary>
    private sealed class Table
    {
        private readonly string _name;
        private readonly Column[] _columns;
        private System.Data.Common.DbCommand? _insert;

        public Table(GovDb db, Type clrType)
        {
            var entity = db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException(clrType.Name + " is not in the model.");
            _name = entity.GetTableName()!;
            var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(_name, entity.GetSchema());
            _columns = [.. entity.GetProperties().Select(p => new Column(
                p.GetColumnName(store)!, p.GetGetter(), p.GetRelationalTypeMapping()))];
        }

        private string ColumnList => string.Join(", ", _columns.Select(c => "\"" + c.Name + "\""));

        public void Insert(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, IEnumerable<object> rows)
        {
            if (_insert is null)
            {
                _insert = connection.CreateCommand();
#pragma warning disable CA2100 // table and column names come from the EF model, values are parameters
                _insert.CommandText = $"INSERT INTO \"{_name}\" ({ColumnList}) VALUES ({string.Join(", ", _columns.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))})";
#pragma warning restore CA2100
                for (var i = 0; i < _columns.Length; i++)
                {
                    _insert.Parameters.Add(_columns[i].Mapping.CreateParameter(_insert, "$p" + i.ToString(CultureInfo.InvariantCulture), null));
                }
            }
            _insert.Transaction = tx;
            _insert.Prepare();
            foreach (var row in rows)
            {
                for (var i = 0; i < _columns.Length; i++)
                {
                    _insert.Parameters[i].Value = _columns[i].ProviderValue(row) ?? DBNull.Value;
                }
                _insert.ExecuteNonQuery();
            }
        }

        public async Task CopyAsync(Npgsql.NpgsqlConnection connection, IEnumerable<object> rows, CancellationToken ct)
        {
            await using var importer = await connection.BeginBinaryImportAsync($"COPY \"{_name}\" ({ColumnList}) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var row in rows)
            {
                await importer.StartRowAsync(ct);
                foreach (var column in _columns)
                {
                    var value = column.ProviderValue(row);
                    if (value is null)
                    {
                        await importer.WriteNullAsync(ct);
                    }
                    else
                    {
                        await importer.WriteAsync(value, column.PgType, ct);
                    }
                }
            }
            await importer.CompleteAsync(ct);
        }
    }

    private sealed class Column(string name, Microsoft.EntityFrameworkCore.Metadata.IClrPropertyGetter getter, Microsoft.EntityFrameworkCore.Storage.RelationalTypeMapping mapping)
    {
        public string Name { get; } = name;
        public Microsoft.EntityFrameworkCore.Storage.RelationalTypeMapping Mapping { get; } = mapping;

        /// <summary>The binary COPY type: text for every string column (varchar has the same wire format).</summary>
        public NpgsqlTypes.NpgsqlDbType PgType { get; } = (Nullable.GetUnderlyingType(mapping.ClrType) ?? mapping.ClrType) switch
        {
            var t when t == typeof(string) => NpgsqlTypes.NpgsqlDbType.Text,
            var t when t == typeof(bool) => NpgsqlTypes.NpgsqlDbType.Boolean,
            var t when t == typeof(int) => NpgsqlTypes.NpgsqlDbType.Integer,
            var t when t == typeof(long) => NpgsqlTypes.NpgsqlDbType.Bigint,
            var t when t == typeof(DateTime) => NpgsqlTypes.NpgsqlDbType.TimestampTz,
            var t => throw new NotSupportedException("No COPY type for " + t.Name),
        };

        public object? ProviderValue(object row)
        {
            var value = getter.GetClrValue(row);
            return value is null || Mapping.Converter is not { } converter ? value : converter.ConvertToProvider(value);
        }
    }
}
