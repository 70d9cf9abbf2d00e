using GovChannel.Web.Areas.Apps;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.OpenData.Search;
using GovChannel.Web.Areas.Services.Manuals;
using GovChannel.Web.Data;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Search;

public sealed record SearchHit(string Type, string Id, string Title, string Url, string Text, string? Agency, float Score);

/// <summary>
/// A small in-memory Lucene index of the published manuals, e-services, apps and news, analysed with the catalogue's
/// Thai-segmenting analyzer (<see cref="TextAnalysis.Text"/>), so that a Thai word inside a title is found exactly as
/// in dataset search. The database is the source of truth: the index is rebuilt from it when this node wrote
/// (<see cref="MarkStale"/>) or when a cheap signature of the four tables changes (another node wrote). Tens of
/// thousands of entries rebuild in well under a second; past that, move to the catalogue's index-operations log.
/// </summary>
public sealed class OneSearchIndex(IServiceScopeFactory scopes, TimeProvider time)
{
    private static readonly TimeSpan SignatureInterval = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _stale = true;
    private volatile IndexSearcher? _searcher;
    private string _signature = "";
    private DateTimeOffset _checkedAt = DateTimeOffset.MinValue;

    public void MarkStale() => _stale = true;

    public async Task<IndexSearcher> SearcherAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!_stale && _searcher is { } current && now - _checkedAt < SignatureInterval)
        {
            return current;
        }
        await _gate.WaitAsync(ct);
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<GovDb>();
            var signature = await SignatureAsync(db, ct);
            _checkedAt = now;
            if (_stale || _searcher is null || signature != _signature)
            {
                _stale = false;
                _searcher = await BuildAsync(db, ct);
                _signature = signature;
            }
            return _searcher;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<string> SignatureAsync(GovDb db, CancellationToken ct)
    {
        var manuals = await db.CitizenManuals.Select(m => (DateTime?)m.Modified).MaxAsync(ct);
        var services = await db.EServices.Select(s => (DateTime?)s.Modified).MaxAsync(ct);
        var apps = await db.Apps.Select(a => (DateTime?)a.Modified).MaxAsync(ct);
        // News is edited on the portal's own pages, which do not call MarkStale: its edit time is part of the signature.
        var news = await db.News.Select(n => (DateTime?)(n.Modified ?? n.Created)).MaxAsync(ct);
        return $"{manuals?.Ticks}|{services?.Ticks}|{apps?.Ticks}|{news?.Ticks}|{await db.News.CountAsync(ct)}|{await db.CitizenManuals.CountAsync(ct)}|{await db.EServices.CountAsync(ct)}|{await db.Apps.CountAsync(ct)}";
    }

    private async Task<IndexSearcher> BuildAsync(GovDb db, CancellationToken ct)
    {
        var orgs = await db.Groups.AsNoTracking().Where(g => g.IsOrganization).ToDictionaryAsync(g => g.Id, g => g.Title ?? g.Name, ct);
        var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(TextAnalysis.Version, TextAnalysis.Text)))
        {
            void Add(string type, string id, string title, string url, string text, string? orgId, params string?[] more)
            {
                var agency = orgId is not null ? orgs.GetValueOrDefault(orgId) : null;
                var doc = new Document
                {
                    new StringField("type", type, Field.Store.YES),
                    new StringField("id", id, Field.Store.YES),
                    new StringField("url", url, Field.Store.YES),
                    new TextField("title", title, Field.Store.YES),
                    new StoredField("text", text),
                    new TextField("body", string.Join("\n", new[] { text, agency }.Concat(more).Where(s => !string.IsNullOrWhiteSpace(s))), Field.Store.NO),
                };
                if (agency is not null)
                {
                    doc.Add(new StoredField("agency", agency));
                }
                writer.AddDocument(doc);
            }

            var manuals = await db.CitizenManuals.AsNoTracking().Where(m => m.PublishedRevision != null)
                .Join(db.ManualRevisions.AsNoTracking(), m => new { Id = m.Id, N = m.PublishedRevision!.Value }, r => new { Id = r.ManualId, N = r.Number },
                    (m, r) => new { m.Id, m.OwnerOrgId, r.ContentJson })
                .ToListAsync(ct);
            foreach (var m in manuals)
            {
                var c = ManualContent.FromJson(m.ContentJson);
                var summary = string.Join(" ", c.Steps.Select(s => s.Detail));
                Add("manual", m.Id, c.Name, ManualApi.Url(m.Id), string.IsNullOrWhiteSpace(c.Criteria) ? summary : c.Criteria, m.OwnerOrgId,
                    c.NameEn, summary, string.Join(" ", c.ServingUnits), string.Join(" ", c.IdentityDocuments.Concat(c.OtherDocuments).Select(d => d.Name)),
                    string.Join(" ", c.LegalBasis.Select(l => l.Name)), c.ReferenceName);
            }
            foreach (var s in await db.EServices.AsNoTracking().Where(s => s.State == "published").ToListAsync(ct))
            {
                Add("eservice", s.Id, s.Name, "/eservices/" + s.Slug, s.Description, s.OwnerOrgId, s.NameEn);
            }
            foreach (var a in await db.Apps.AsNoTracking().Where(a => a.State == "published").ToListAsync(ct))
            {
                Add("app", a.Id, a.Name, "/apps/" + a.Slug, a.Description, a.OwnerOrgId, a.NameEn);
            }
            var now = Clock.Now(time);
            foreach (var n in await db.News.AsNoTracking().Where(n => n.State == "published" && n.PublishedAt <= now).ToListAsync(ct))
            {
                Add("news", n.Id, n.Title, "/news/" + n.Id, string.IsNullOrWhiteSpace(n.Summary) ? n.Body : n.Summary, n.OwnerOrgId, n.Body);
            }
            writer.Commit();
        }
        return new IndexSearcher(DirectoryReader.Open(directory));
    }

    /// <summary>The query's words as the index has them (segmented, lower-cased, folded).</summary>
    public static List<string> Terms(string query)
    {
        var terms = new List<string>();
        using var stream = TextAnalysis.Text.GetTokenStream("body", query);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var t = term.ToString();
            // Sub-word terms of the query itself are not wanted: each query word already also matches as a sub-word.
            if (t.Length > 0 && t[0] != TextAnalysis.SubwordMark && !terms.Contains(t, StringComparer.Ordinal))
            {
                terms.Add(t);
            }
        }
        stream.End();
        return terms;
    }

    /// <summary>
    /// Every word must match (in the title or the text), whole or as a word inside a compound (the catalogue's
    /// sub-word terms, weighted lower); if that finds nothing, any word may. Titles weigh three times the body. Returns every hit, best first: the caller groups and counts them by kind.
    /// </summary>
    public async Task<List<SearchHit>> SearchAsync(string query, CancellationToken ct)
    {
        var terms = Terms(query);
        if (terms.Count == 0)
        {
            return [];
        }
        var searcher = await SearcherAsync(ct);
        var hits = Run(searcher, terms, Occur.MUST);
        return hits.Count > 0 || terms.Count == 1 ? hits : Run(searcher, terms, Occur.SHOULD);
    }

    private static List<SearchHit> Run(IndexSearcher searcher, List<string> terms, Occur occur)
    {
        var query = new BooleanQuery();
        foreach (var t in terms)
        {
            var marked = TextAnalysis.SubwordMark + t;
            var either = new BooleanQuery
            {
                { new TermQuery(new Term("title", t)) { Boost = 3 }, Occur.SHOULD },
                { new TermQuery(new Term("body", t)), Occur.SHOULD },
                { new TermQuery(new Term("title", marked)) { Boost = 3 * TextAnalysis.SubwordBoost }, Occur.SHOULD },
                { new TermQuery(new Term("body", marked)) { Boost = TextAnalysis.SubwordBoost }, Occur.SHOULD },
            };
            query.Add(either, occur);
        }
        var max = Math.Max(1, searcher.IndexReader.MaxDoc);
        return searcher.Search(query, max).ScoreDocs.Select(sd =>
        {
            var d = searcher.Doc(sd.Doc);
            string? Get(string field) => d.GetField(field)?.GetStringValue(System.Globalization.CultureInfo.InvariantCulture);
            return new SearchHit(Get("type")!, Get("id")!, Get("title") ?? "", Get("url")!, Get("text") ?? "", Get("agency"), sd.Score);
        }).ToList();
    }
}
