using GovChannel.Web.Areas.OpenData.Catalog;
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
/// A small in-memory Lucene index of the manuals, e-services, apps and news, analysed with the catalogue's
/// Thai-segmenting analyzer (<see cref="TextAnalysis.Text"/>), so that a Thai word inside a title is found exactly as
/// in dataset search. The database is the source of truth: the first search builds the index from it; after that every
/// change is an <see cref="IndexOperation"/> of one of <see cref="Kinds"/> in the catalogue's index-operations log,
/// which <see cref="SearchIndex"/> follows (at start, after a write on this node, twice a second for other nodes) and
/// hands to <see cref="ApplyAsync"/>: the changed item's document is replaced or deleted, nothing else is read.
/// Drafts and news not yet due are indexed too, and the query keeps them out (<see cref="Visible"/>), so a news item
/// published for tomorrow appears tomorrow without another change.
/// </summary>
public sealed class OneSearchIndex(IServiceScopeFactory scopes, TimeProvider time)
{
    public const string Manual = "manual";
    public const string EService = "eservice";
    public const string App = "app";
    public const string News = "news";
    public static readonly string[] Kinds = [Manual, EService, App, News];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IndexWriter? _writer;
    private volatile SearcherManager? _searchers;

    /// <summary>The one search must apply this change: an index operation, saved in the same SaveChanges as the change.</summary>
    public static void Reindex(GovDb db, string kind, string id, DateTime now) =>
        db.IndexOperations.Add(new IndexOperation { Kind = kind, ItemId = id, At = now });

    /// <summary>Replace or delete the documents of changed items (called by <see cref="SearchIndex"/> as it applies the log).</summary>
    public async Task ApplyAsync(GovDb db, IReadOnlyCollection<(string Kind, string Id)> changed, CancellationToken ct)
    {
        if (changed.Count == 0)
        {
            return;
        }
        await _gate.WaitAsync(ct);
        try
        {
            // Not built yet: the first search reads these changes from the database with everything else.
            if (_writer is null)
            {
                return;
            }
            foreach (var kind in changed.GroupBy(c => c.Kind, StringComparer.Ordinal))
            {
                await IndexAsync(db, _writer, kind.Key, kind.Select(c => c.Id).Distinct(StringComparer.Ordinal).ToList(), ct);
            }
            _searchers!.MaybeRefreshBlocking();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<SearcherManager> SearchersAsync(CancellationToken ct)
    {
        if (_searchers is { } ready)
        {
            return ready;
        }
        await _gate.WaitAsync(ct);
        try
        {
            if (_searchers is null)
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<GovDb>();
                var writer = new IndexWriter(new RAMDirectory(), new IndexWriterConfig(TextAnalysis.Version, TextAnalysis.Text));
                foreach (var kind in Kinds)
                {
                    await IndexAsync(db, writer, kind, null, ct);
                }
                _writer = writer;
                _searchers = new SearcherManager(writer, true, null);
            }
            return _searchers;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>One searchable item as the index stores it.</summary>
    private sealed record Entry(string Id, string Title, string Url, string Text, string? OrgId, bool Published, DateTime From, string?[] More);

    /// <summary>Index the items of one kind: those with <paramref name="ids"/> (deleting the ones gone), or all when null.</summary>
    private async Task IndexAsync(GovDb db, IndexWriter writer, string kind, List<string>? ids, CancellationToken ct)
    {
        var entries = kind switch
        {
            Manual => await ManualsAsync(db, ids, ct),
            EService => await (ids is null ? db.EServices : db.EServices.Where(s => ids.Contains(s.Id))).AsNoTracking().Where(s => s.State != "deleted")
                .Select(s => new Entry(s.Id, s.Name, "/eservices/" + s.Slug, s.Description, s.OwnerOrgId, s.State == "published", DateTime.MinValue, new[] { s.NameEn }))
                .ToListAsync(ct),
            App => await (ids is null ? db.Apps : db.Apps.Where(a => ids.Contains(a.Id))).AsNoTracking().Where(a => a.State != "deleted")
                .Select(a => new Entry(a.Id, a.Name, "/apps/" + a.Slug, a.Description, a.OwnerOrgId, a.State == "published", DateTime.MinValue, new[] { a.NameEn }))
                .ToListAsync(ct),
            News => await (ids is null ? db.News : db.News.Where(n => ids.Contains(n.Id))).AsNoTracking()
                .Select(n => new Entry(n.Id, n.Title, "/news/" + n.Id, n.Summary.Trim() == "" ? n.Body : n.Summary, n.OwnerOrgId, n.State == "published", n.PublishedAt, new[] { n.Body }))
                .ToListAsync(ct),
            _ => [],
        };
        var orgIds = entries.Where(e => e.OrgId is not null).Select(e => e.OrgId!).Distinct().ToList();
        var orgs = await db.Groups.AsNoTracking().Where(g => orgIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Title ?? g.Name, ct);
        foreach (var e in entries)
        {
            writer.UpdateDocument(new Term("key", kind + ":" + e.Id), Document(kind, e, e.OrgId is null ? null : orgs.GetValueOrDefault(e.OrgId)));
        }
        foreach (var gone in (ids ?? []).Except(entries.Select(e => e.Id), StringComparer.Ordinal))
        {
            writer.DeleteDocuments(new Term("key", kind + ":" + gone));
        }
    }

    /// <summary>A manual is found by its published revision; one never published by its latest draft (which the query keeps out).</summary>
    private static async Task<List<Entry>> ManualsAsync(GovDb db, List<string>? ids, CancellationToken ct)
    {
        var rows = await (ids is null ? db.CitizenManuals : db.CitizenManuals.Where(m => ids.Contains(m.Id))).AsNoTracking()
            .Join(db.ManualRevisions.AsNoTracking(), m => new { Id = m.Id, N = m.PublishedRevision ?? m.LatestRevision }, r => new { Id = r.ManualId, N = r.Number },
                (m, r) => new { m.Id, m.OwnerOrgId, Published = m.PublishedRevision != null, r.ContentJson })
            .ToListAsync(ct);
        return rows.Select(m =>
        {
            var c = ManualContent.FromJson(m.ContentJson);
            var summary = string.Join(" ", c.Steps.Select(s => s.Detail));
            return new Entry(m.Id, c.Name, ManualApi.Url(m.Id), string.IsNullOrWhiteSpace(c.Criteria) ? summary : c.Criteria, m.OwnerOrgId, m.Published, DateTime.MinValue,
                [c.NameEn, summary, string.Join(" ", c.ServingUnits), string.Join(" ", c.IdentityDocuments.Concat(c.OtherDocuments).Select(d => d.Name)),
                    string.Join(" ", c.LegalBasis.Select(l => l.Name)), c.ReferenceName]);
        }).ToList();
    }

    private static Document Document(string kind, Entry e, string? agency)
    {
        var doc = new Document
        {
            new StringField("key", kind + ":" + e.Id, Field.Store.NO),
            new StringField("type", kind, Field.Store.YES),
            new StringField("id", e.Id, Field.Store.YES),
            new StringField("url", e.Url, Field.Store.YES),
            new StringField("published", e.Published ? "1" : "0", Field.Store.NO),
            new Int64Field("from", e.From.Ticks, Field.Store.NO),
            new TextField("title", e.Title, Field.Store.YES),
            new StoredField("text", e.Text),
            new TextField("body", string.Join("\n", new[] { e.Text, agency }.Concat(e.More).Where(s => !string.IsNullOrWhiteSpace(s))), Field.Store.NO),
        };
        if (agency is not null)
        {
            doc.Add(new StoredField("agency", agency));
        }
        return doc;
    }

    /// <summary>What the public may find: published, and (news) due by <paramref name="now"/>.</summary>
    private static QueryWrapperFilter Visible(DateTime now) => new(new BooleanQuery
    {
        { new TermQuery(new Term("published", "1")), Occur.MUST },
        { NumericRangeQuery.NewInt64Range("from", null, now.Ticks, true, true), Occur.MUST },
    });

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
    /// sub-word terms, weighted lower); if that finds nothing, any word may. Titles weigh three times the body. Returns
    /// every hit the public may see, best first: the caller groups and counts them by kind.
    /// </summary>
    public async Task<List<SearchHit>> SearchAsync(string query, CancellationToken ct)
    {
        var terms = Terms(query);
        if (terms.Count == 0)
        {
            return [];
        }
        var searchers = await SearchersAsync(ct);
        var searcher = searchers.Acquire();
        try
        {
            var visible = Visible(Clock.Now(time));
            var hits = Run(searcher, visible, terms, Occur.MUST);
            return hits.Count > 0 || terms.Count == 1 ? hits : Run(searcher, visible, terms, Occur.SHOULD);
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    private static List<SearchHit> Run(IndexSearcher searcher, Filter visible, List<string> terms, Occur occur)
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
        return searcher.Search(query, visible, max).ScoreDocs.Select(sd =>
        {
            var d = searcher.Doc(sd.Doc);
            string? Get(string field) => d.GetField(field)?.GetStringValue(System.Globalization.CultureInfo.InvariantCulture);
            return new SearchHit(Get("type")!, Get("id")!, Get("title") ?? "", Get("url")!, Get("text") ?? "", Get("agency"), sd.Score);
        }).ToList();
    }
}
