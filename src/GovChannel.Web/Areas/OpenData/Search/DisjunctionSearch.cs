using System.Buffers;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace GovChannel.Web.Areas.OpenData.Search;

/// <summary>
/// The common package_search, one word over the query fields (<c>name^4 title^4 tags^2 groups^2 text</c>, each a term
/// or a Thai word OR its sub-word form), run without scoring the documents that cannot reach the page asked for.
/// Lucene scores every match: for a broad word that is 50,000 dismax scores of three terms each, to keep 20. Counts
/// and facets need every match, but the order needs scores only for documents that can beat the current page's worst:
/// a document's score is at most its matching terms' BM25 ceilings (a term scores below its weight × (k1 + 1) at any
/// frequency and length), so a document whose ceiling is below the n-th best score so far is counted and faceted
/// but not scored. For ประชากร only the title matches (11,000 of 51,000) can beat a title match's score.
/// <para>
/// Results are Lucene's own, bit for bit: the same term scorers (<see cref="Weight"/>s normalised with the same
/// boosts), visited in the same order. Lucene sums a dismax's sub-scores in the order its heap of sub-scorers holds
/// them at that document, and float addition is not associative: a document matching title, tags and text can differ
/// in the last bit when summed in another order, and ties are common in this catalogue (norms are one byte), so the
/// order of tied documents would change. <see cref="Union"/> therefore keeps its sub-scorers in the same heap as
/// Lucene's DisjunctionScorer (sift-down preferring the left child, a tie never moves) and sums in its pre-order, but
/// only when a score is asked for. Queries of any other shape, and filters Lucene would not apply as accepted
/// documents, take Lucene's path (<see cref="TrySearch"/> returns false before collecting anything).
/// </para>
/// </summary>
internal static class DisjunctionSearch
{
    /// <summary>
    /// Collects <paramref name="query"/> (already rewritten by the searcher) filtered by <paramref name="filter"/> into
    /// <paramref name="top"/> (null to count only) and <paramref name="facets"/>, as
    /// <c>searcher.Search(query, filter, MultiCollector.Wrap(top, facets))</c> would, and returns the number of matches;
    /// null (nothing collected) if the query is not a dismax of terms and sums of terms, or a filter segment would be
    /// stepped rather than tested per document.
    /// </summary>
    /// <param name="n">The number of top documents <paramref name="top"/> keeps (start + rows).</param>
    public static int? TrySearch(IndexSearcher searcher, Query query, Filter filter, Sort sort, ICollector? top, int n, FacetCounts.Collector facets)
    {
        if (searcher.Similarity is not BM25Similarity bm25 || query is not (DisjunctionMaxQuery or TermQuery))
        {
            return null;
        }
        // Lucene wraps the query in a FilteredQuery (boost 1) and normalises its weight with a top-level boost of 1;
        // BM25 ignores the query norm.
        var plan = Plan.For(query, searcher, 1f, bm25.K1 + 1);
        if (plan is null)
        {
            return null;
        }
        var leaves = searcher.IndexReader.Leaves;
        var accepted = new IBits?[leaves.Count];
        for (var i = 0; i < leaves.Count; i++)
        {
            // FilteredQuery's random-access strategy: the filter's bits become the term scorers' accepted documents
            // unless its first document is 100 or more into the segment (then it steps filter and query in turn,
            // advancing the scorers, which visits another heap order).
            var set = filter.GetDocIdSet(leaves[i], leaves[i].AtomicReader.LiveDocs);
            var first = set?.GetIterator()?.NextDoc() ?? DocIdSetIterator.NO_MORE_DOCS;
            if (first == DocIdSetIterator.NO_MORE_DOCS)
            {
                continue;
            }
            if (set!.Bits is not { } bits || first >= 100)
            {
                return null;
            }
            accepted[i] = bits;
        }

        // Documents are scored only when they can enter the top n by score: the first sort key is the score, and
        // the ceilings hold (non-negative boosts, a tie-breaker between 0 and 1).
        var sorts = sort.GetSort();
        var prune = top is not null && sorts.Length > 0 && sorts[0].Type == SortFieldType.SCORE && !sorts[0].IsReverse && plan.CanBound
            && bm25.K1 >= 0 && bm25.B is >= 0 and <= 1;
        var best = new PriorityQueue<float, float>(prune ? n : 0);
        var total = 0;
        var current = new CurrentScore();
        for (var i = 0; i < leaves.Count; i++)
        {
            var leaf = leaves[i];
            top?.SetNextReader(leaf);
            facets.SetNextReader(leaf);
            if (accepted[i] is not { } bits || plan.Scorer(leaf, bits) is not { } scorer)
            {
                continue;
            }
            current.Node = scorer;
            top?.SetScorer(current);
            for (var doc = scorer.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = scorer.NextDoc())
            {
                total++;
                facets.Collect(doc);
                if (top is null)
                {
                    continue;
                }
                if (!prune)
                {
                    // The collector asks for the score only if it sorts or keeps by it.
                    current.Unscored(doc);
                    top.Collect(doc);
                    continue;
                }
                if (best.Count == n && (scorer.Ceiling(false) * CeilingMargin < best.Peek()
                    || scorer is Union && scorer.Ceiling(true) * CeilingMargin < best.Peek()))
                {
                    // n documents already score above anything this one can: it cannot be on the page. The second,
                    // tighter ceiling scores the sub-scorer with the highest ceiling (a title match: its length
                    // decides most of the score) and takes the others' ceilings.
                    continue;
                }
                var score = scorer.Score();
                if (best.Count == n && score < best.Peek())
                {
                    continue;
                }
                current.Scored(doc, score);
                top.Collect(doc);
                if (best.Count < n)
                {
                    best.Enqueue(score, score);
                }
                else if (score > best.Peek())
                {
                    best.EnqueueDequeue(score, score);
                }
            }
            scorer.Release();
        }
        return total;
    }

    // A ceiling is computed in float from the same factors as the score, in another order: a margin far above the
    // rounding error keeps it a ceiling.
    private const float CeilingMargin = 1.001f;

    /// <summary>The query's shape with each term's normalised weight, built once per search.</summary>
    private abstract class Plan
    {
        /// <summary>Whether ceilings bound the scores (boosts non-negative, dismax tie-breakers within 0..1).</summary>
        public abstract bool CanBound { get; }

        /// <summary>The scorer of one segment, shaped as Lucene's would be; null if nothing matches in it.</summary>
        public abstract Node? Scorer(AtomicReaderContext leaf, IBits accepted);

        public static Plan? For(Query query, IndexSearcher searcher, float topLevelBoost, float k1Plus1)
        {
            switch (query)
            {
                case TermQuery term:
                {
                    // As TermWeight: statistics with the term's own boost, normalised with the product of its parents'
                    // boosts (the query norm is 1 under BM25).
                    var states = TermContext.Build(searcher.TopReaderContext, term.Term);
                    var stats = searcher.Similarity.ComputeWeight(term.Boost, searcher.CollectionStatistics(term.Term.Field),
                        searcher.TermStatistics(term.Term, states));
                    stats.Normalize(1f, topLevelBoost);
                    // BM25: weight × (k1 + 1) × freq / (freq + norm) < weight × (k1 + 1), where weight = idf × boosts
                    // and the value for normalisation is (idf × own boost)².
                    var ceiling = MathF.Sqrt(stats.GetValueForNormalization()) * topLevelBoost * k1Plus1;
                    return new TermPlan(term.Term, states, searcher.Similarity, stats, ceiling,
                        term.Boost >= 0 && topLevelBoost >= 0 && float.IsFinite(ceiling));
                }
                case DisjunctionMaxQuery dismax:
                {
                    var parts = dismax.Disjuncts.Select(d => For(d, searcher, topLevelBoost * dismax.Boost, k1Plus1)).ToArray();
                    return parts.Any(p => p is null) ? null : new UnionPlan(parts!, dismax.TieBreakerMultiplier);
                }
                case BooleanQuery boolean when boolean.MinimumNumberShouldMatch == 0 && boolean.Clauses.All(c => c.Occur == Occur.SHOULD):
                {
                    // Nested in a dismax this is Lucene's DisjunctionSumScorer (coord is 1 under BM25); a lone clause
                    // was rewritten away, and one present in a segment scores alone.
                    var parts = boolean.Clauses.Select(c => For(c.Query, searcher, topLevelBoost * boolean.Boost, k1Plus1)).ToArray();
                    return parts.Any(p => p is null) ? null : new UnionPlan(parts!, tie: null);
                }
                default:
                    return null;
            }
        }
    }

    private sealed class TermPlan(Lucene.Net.Index.Term term, TermContext states, Similarity similarity, Similarity.SimWeight stats, float ceiling, bool bounded) : Plan
    {
        public override bool CanBound => bounded;

        public override Node? Scorer(AtomicReaderContext leaf, IBits accepted)
        {
            if (states.Get(leaf.Ord) is not { } state)
            {
                return null;
            }
            var terms = leaf.AtomicReader.GetTerms(term.Field).GetEnumerator();
            terms.SeekExact(term.Bytes, state);
            // The accepted postings and their frequencies, read ahead into arrays: the union then steps through plain
            // arrays instead of three virtual calls per posting. TermScorer's postings, with acceptDocs tested here.
            var postings = terms.Docs(null, null, DocsFlags.FREQS);
            var docs = ArrayPool<int>.Shared.Rent(terms.DocFreq);
            var freqs = ArrayPool<int>.Shared.Rent(terms.DocFreq);
            var count = 0;
            var bits = accepted as FixedBitSet;
            for (var doc = postings.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.NextDoc())
            {
                if (bits?.Get(doc) ?? accepted.Get(doc))
                {
                    docs[count] = doc;
                    freqs[count++] = postings.Freq;
                }
            }
            if (count == 0)
            {
                ArrayPool<int>.Shared.Return(docs);
                ArrayPool<int>.Shared.Return(freqs);
                return null;
            }
            var scorer = similarity.GetSimScorer(stats, leaf);
            // A string field (no frequencies, no norms) scores every document the same: that is its ceiling.
            var exact = leaf.AtomicReader.FieldInfos.FieldInfo(term.Field) is { IndexOptions: IndexOptions.DOCS_ONLY, OmitsNorms: true };
            return new Term(docs, freqs, count, scorer, exact ? scorer.Score(docs[0], 1) : ceiling, exact);
        }
    }

    /// <param name="tie">A dismax's tie-breaker; null for a sum.</param>
    private sealed class UnionPlan(Plan[] parts, float? tie) : Plan
    {
        public override bool CanBound => tie is null or >= 0 and <= 1 && parts.All(p => p.CanBound);

        public override Node? Scorer(AtomicReaderContext leaf, IBits accepted)
        {
            // As Lucene: sub-scorers with nothing in this segment are left out, the others keep the clauses' order.
            var present = parts.Select(p => p.Scorer(leaf, accepted)).OfType<Node>().ToArray();
            return present.Length switch
            {
                0 => null,
                // A sum of one is BooleanScorer2 around it: its score times a coord of 1.
                1 when tie is null => present[0],
                _ => new Union(present, tie),
            };
        }
    }

    /// <summary>A scorer whose score is computed only when asked for.</summary>
    internal abstract class Node
    {
        /// <summary>The current document: -1 before the first, then <see cref="DocIdSetIterator.NO_MORE_DOCS"/> at the end.</summary>
        public int Doc = -1;

        public abstract int NextDoc();

        /// <summary>The score of the current document.</summary>
        public abstract float Score();

        /// <summary>A value the score of the current document cannot exceed (before <see cref="CeilingMargin"/>).</summary>
        /// <param name="scoreHighest">Score the sub-scorer with the highest ceiling instead (a term: itself).</param>
        public abstract float Ceiling(bool scoreHighest);

        /// <summary>Gives back the pooled arrays; the node is not used again.</summary>
        public abstract void Release();
    }

    /// <summary>One term's accepted postings and its BM25 scorer (as Lucene's TermScorer scores them).</summary>
    /// <param name="exact">Whether every document scores the ceiling (no frequencies and no norms: tags, name, groups).</param>
    private sealed class Term(int[] docs, int[] freqs, int count, Similarity.SimScorer scorer, float ceiling, bool exact) : Node
    {
        private int _at = -1;

        public override int NextDoc() => Doc = ++_at < count ? docs[_at] : DocIdSetIterator.NO_MORE_DOCS;

        public override float Score() => scorer.Score(Doc, freqs[_at]);

        public override float Ceiling(bool scoreHighest) => scoreHighest && !exact ? Score() : ceiling;

        public override void Release()
        {
            ArrayPool<int>.Shared.Return(docs);
            ArrayPool<int>.Shared.Return(freqs);
        }
    }

    /// <summary>
    /// The union of sub-scorers in a min-heap by current document, kept exactly as Lucene's DisjunctionScorer keeps it
    /// (so that the score sums in its order): a dismax (Lucene's DisjunctionMaxScorer: float sum, max plus tie × the
    /// rest) or a sum (DisjunctionSumScorer: double sum).
    /// </summary>
    private sealed class Union : Node
    {
        // Slots rather than a Node[]: storing into an array of a non-sealed class checks the element's type on every
        // store, which was a tenth of a broad search.
        private readonly Slot[] _heap;
        private readonly Slot[] _subs;
        private readonly float? _tie;
        private int _count;

        public Union(Node[] subs, float? tie)
        {
            // Every sub-scorer is before its first document (-1), so the initial heap is the given order.
            _heap = subs.Select(s => new Slot(s)).ToArray();
            _subs = [.. _heap];
            _count = subs.Length;
            _tie = tie;
        }

        private readonly record struct Slot(Node Node);

        public override int NextDoc()
        {
            while (true)
            {
                // Most sub-scorers are terms: a sealed type's call is direct and inlined, a virtual one per posting is not.
                var root = _heap[0].Node;
                if ((root is Term term ? term.NextDoc() : root.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
                {
                    SiftDown(0);
                }
                else if (--_count == 0)
                {
                    return Doc = DocIdSetIterator.NO_MORE_DOCS;
                }
                else
                {
                    // The last leaf replaces the exhausted root.
                    _heap[0] = _heap[_count];
                    SiftDown(0);
                }
                if (_heap[0].Node.Doc != Doc)
                {
                    return Doc = _heap[0].Node.Doc;
                }
            }
        }

        /// <summary>Move the node at i down while a child is on an earlier document; a tie never moves.</summary>
        private void SiftDown(int i)
        {
            var node = _heap[i];
            var doc = node.Node.Doc;
            while (i < _count >> 1)
            {
                var left = (i << 1) + 1;
                var right = left + 1;
                var leftDoc = _heap[left].Node.Doc;
                var rightDoc = right < _count ? _heap[right].Node.Doc : int.MaxValue;
                int child;
                if (leftDoc < doc)
                {
                    child = rightDoc < leftDoc ? right : left;
                }
                else if (rightDoc < doc)
                {
                    child = right;
                }
                else
                {
                    return;
                }
                _heap[i] = _heap[child];
                _heap[child] = node;
                i = child;
            }
        }

        public override float Score()
        {
            if (_tie is not { } tie)
            {
                // DisjunctionSumScorer: the sub-scores summed as double in heap pre-order, then a coord of 1.
                var sum = 0d;
                SumFrom(0, ref sum);
                return (float)sum;
            }
            var first = _heap[0].Node.Score();
            float total = first, max = first;
            MaxFrom(1, ref total, ref max);
            MaxFrom(2, ref total, ref max);
            return max + (total - max) * tie;
        }

        private void SumFrom(int i, ref double sum)
        {
            if (i < _count && _heap[i].Node.Doc == Doc)
            {
                sum += _heap[i].Node.Score();
                SumFrom((i << 1) + 1, ref sum);
                SumFrom((i << 1) + 2, ref sum);
            }
        }

        private void MaxFrom(int i, ref float total, ref float max)
        {
            if (i < _count && _heap[i].Node.Doc == Doc)
            {
                var score = _heap[i].Node.Score();
                total += score;
                max = Math.Max(max, score);
                MaxFrom((i << 1) + 1, ref total, ref max);
                MaxFrom((i << 1) + 2, ref total, ref max);
            }
        }

        public override void Release()
        {
            foreach (var slot in _subs)
            {
                slot.Node.Release();
            }
        }

        public override float Ceiling(bool scoreHighest)
        {
            // Both forms grow with every sub-score (for a tie-breaker within 0..1), so the sub-ceilings bound them. The
            // sub-scorers on this document are those of the heap's top (a parent is never after its children), in any
            // order: a ceiling need not sum in the score's order.
            Node? highest = null;
            if (scoreHighest)
            {
                var most = float.NegativeInfinity;
                for (var i = 0; i < _count; i++)
                {
                    var node = _heap[i].Node;
                    if (node.Doc == Doc && node.Ceiling(false) is var ceiling && ceiling > most)
                    {
                        (highest, most) = (node, ceiling);
                    }
                }
            }
            float total = 0, max = 0;
            for (var i = 0; i < _count; i++)
            {
                var node = _heap[i].Node;
                if (node.Doc == Doc)
                {
                    var ceiling = node.Ceiling(node == highest);
                    total += ceiling;
                    max = Math.Max(max, ceiling);
                }
            }
            return _tie is { } tie ? max + (total - max) * tie : total;
        }
    }

    /// <summary>What the collectors see as the scorer: the current document, and its score when they ask.</summary>
    private sealed class CurrentScore() : Scorer(null)
    {
        private int _doc = -1;
        private float _score;
        private bool _scored;
        public Node? Node;

        public void Scored(int doc, float score) => (_doc, _score, _scored) = (doc, score, true);

        public void Unscored(int doc) => (_doc, _scored) = (doc, false);

        public override float GetScore()
        {
            if (!_scored)
            {
                _score = Node!.Score();
                _scored = true;
            }
            return _score;
        }

        public override int DocID => _doc;
        public override int Freq => 1;
        public override int NextDoc() => throw new NotSupportedException();
        public override int Advance(int target) => throw new NotSupportedException();
        public override long GetCost() => 0;
    }
}
