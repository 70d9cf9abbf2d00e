using System.Globalization;
using System.Text;
using System.Xml;
using GovChannel.Web.Areas.OpenData.Catalog;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.Services.Manuals;
using GovChannel.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Services.Channels;

/// <summary>
/// Atom 1.0 feeds for information displays and feed readers: <c>/feeds/news.atom</c>, <c>datasets.atom</c> (public,
/// active datasets only: the same condition as every anonymous list), <c>manuals.atom</c> (published revisions) and
/// <c>eservices.atom</c>. Newest 50 entries each.
/// </summary>
public static class Feeds
{
    private const int Size = 50;

    private sealed record Entry(string Id, string Title, string Url, string Summary, DateTime Updated, string? Author);

    public static void MapFeeds(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/feeds").ExcludeFromDescription();
        feeds.MapGet("/news.atom", async (HttpContext http, GovDb db, TimeProvider time, CancellationToken ct) =>
        {
            var rows = await News.NewsApi.Published(db, Clock.Now(time)).Where(n => n.Kind == "news").OrderByDescending(n => n.PublishedAt).Take(Size)
                .Select(n => new Entry(n.Id, n.Title, "/news/" + n.Id, n.Summary, n.PublishedAt, null)).ToListAsync(ct);
            return Atom(http, "news", "ข่าวประชาสัมพันธ์ GovChannel", rows);
        });
        feeds.MapGet("/datasets.atom", async (HttpContext http, GovDb db, CancellationToken ct) =>
        {
            var rows = await db.Datasets.AsNoTracking().PublicActive().Where(d => d.Type == "dataset")
                .OrderByDescending(d => d.MetadataModified).Take(Size)
                .Select(d => new Entry(d.Id, d.Title ?? d.Name, "/dataset/" + d.Name, d.Notes ?? "", d.MetadataModified, d.Organization != null ? d.Organization.Title : null))
                .ToListAsync(ct);
            return Atom(http, "datasets", "ชุดข้อมูลเปิดภาครัฐ GovChannel", rows);
        });
        feeds.MapGet("/manuals.atom", async (HttpContext http, GovDb db, CancellationToken ct) =>
        {
            var rows = await db.CitizenManuals.AsNoTracking().Where(m => m.PublishedRevision != null)
                .OrderByDescending(m => m.PublishedAt).Take(Size)
                .Join(db.ManualRevisions, m => new { Id = m.Id, N = m.PublishedRevision!.Value }, r => new { Id = r.ManualId, N = r.Number }, (m, r) => new { m, r.ContentJson })
                .Join(db.Groups, x => x.m.OwnerOrgId, g => g.Id, (x, g) => new { x.m, x.ContentJson, Agency = g.Title })
                .ToListAsync(ct);
            var entries = rows.OrderByDescending(x => x.m.PublishedAt).Select(x =>
            {
                var content = ManualContent.FromJson(x.ContentJson);
                var summary = string.Create(CultureInfo.InvariantCulture, $"ฉบับที่ {x.m.PublishedRevision} · {content.Steps.Count} ขั้นตอน · {content.TotalTime?.Show(true)}");
                return new Entry(x.m.Id, content.Name, ManualApi.Url(x.m.Id), summary, x.m.PublishedAt ?? x.m.Modified, x.Agency);
            }).ToList();
            return Atom(http, "manuals", "คู่มือสำหรับประชาชน GovChannel", entries);
        });
        feeds.MapGet("/eservices.atom", async (HttpContext http, GovDb db, CancellationToken ct) =>
        {
            var rows = await db.EServices.AsNoTracking().Where(s => s.State == "published").OrderByDescending(s => s.Modified).Take(Size)
                .Join(db.Groups, s => s.OwnerOrgId, g => g.Id, (s, g) => new Entry(s.Id, s.Name, "/eservices/" + s.Slug, s.Description, s.Modified, g.Title))
                .ToListAsync(ct);
            return Atom(http, "eservices", "บริการอิเล็กทรอนิกส์ภาครัฐ GovChannel", rows);
        });
    }

    private static IResult Atom(HttpContext http, string name, string title, List<Entry> entries)
    {
        var site = CkanApi.SiteUrl(http, http.RequestServices.GetRequiredService<GovChannelSettings>());
        var builder = new StringBuilder();
        using (var xml = XmlWriter.Create(builder, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false }))
        {
            const string ns = "http://www.w3.org/2005/Atom";
            xml.WriteStartElement("feed", ns);
            xml.WriteAttributeString("xml", "lang", null, "th");
            xml.WriteElementString("id", ns, $"{site}/feeds/{name}.atom");
            xml.WriteElementString("title", ns, title);
            xml.WriteElementString("updated", ns, Stamp(entries.Count > 0 ? entries.Max(e => e.Updated) : new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
            Link(xml, ns, "self", $"{site}/feeds/{name}.atom");
            xml.WriteStartElement("author", ns);
            xml.WriteElementString("name", ns, "GovChannel");
            xml.WriteEndElement();
            foreach (var e in entries)
            {
                xml.WriteStartElement("entry", ns);
                xml.WriteElementString("id", ns, $"urn:govchannel:{name}:{e.Id}");
                xml.WriteElementString("title", ns, e.Title);
                Link(xml, ns, "alternate", site + e.Url);
                xml.WriteElementString("updated", ns, Stamp(e.Updated));
                if (!string.IsNullOrWhiteSpace(e.Author))
                {
                    xml.WriteStartElement("author", ns);
                    xml.WriteElementString("name", ns, e.Author);
                    xml.WriteEndElement();
                }
                xml.WriteElementString("summary", ns, e.Summary.Length > 500 ? e.Summary[..500] + "…" : e.Summary);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        // StringBuilder output declares utf-16; the bytes we send are UTF-8.
        var text = builder.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
        return Results.Text(text, "application/atom+xml; charset=utf-8", Encoding.UTF8);
    }

    private static void Link(XmlWriter xml, string ns, string rel, string href)
    {
        xml.WriteStartElement("link", ns);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static string Stamp(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
