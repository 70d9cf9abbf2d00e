using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GovChannel.Web.Areas.OpenData.Ckan;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;

namespace GovChannel.Web.Areas.OpenData.Search;

/// <summary>
/// Turns CKAN's Solr query strings into Lucene queries (reference/ckan.md §3.1, §3.5). A <c>q</c> without a colon is
/// a dismax-style query over <c>name^4 title^4 tags^2 groups^2 text</c> in which every word must match some field;
/// anything with a colon, and every <c>fq</c>, is Lucene standard syntax with <c>text</c> as the default field and AND
/// as the default operator. Date fields take Solr date math (<c>NOW-1YEAR</c>, <c>NOW/DAY</c>).
/// </summary>
public static partial class SolrQuery
{
    public const string DefaultQueryFields = "name^4 title^4 tags^2 groups^2 text";

    public static bool IsMatchAll(string? q) => string.IsNullOrWhiteSpace(q) || q.Trim() is "\"\"" or "''" or "*:*";

    /// <summary>Parse a fielded query or filter; a syntax error is CKAN's Search Error (409) with the parser's message.</summary>
    public static Query Standard(string text, DateTime now, string defaultField = "text")
    {
        var parser = new Parser(defaultField, now);
        try
        {
            return MakePureNegativesMatch(parser.Parse(text));
        }
        catch (ParseException e)
        {
            throw new SearchError(e.Message);
        }
        catch (ArgumentException e)
        {
            throw new SearchError(e.Message);
        }
    }

    /// <summary>
    /// Solr lets a query be only negations (<c>-dataset_type:harvest</c>): "everything except". Lucene would match
    /// nothing, so each all-negative boolean gets a match-all clause.
    /// </summary>
    private static Query MakePureNegativesMatch(Query query)
    {
        if (query is BooleanQuery b)
        {
            foreach (var clause in b.Clauses)
            {
                clause.Query = MakePureNegativesMatch(clause.Query);
            }
            if (b.Clauses.Count > 0 && b.Clauses.All(c => c.Occur == Occur.MUST_NOT))
            {
                b.Add(new MatchAllDocsQuery(), Occur.MUST);
            }
        }
        return query;
    }

    /// <summary>
    /// The dismax form: words and quoted phrases, each optionally prefixed with + or -. Every word that is not negated
    /// must match at least one of the query fields (scores combine as DisjunctionMax with a tie-breaker).
    /// </summary>
    public static Query Dismax(string q, string? qf, float tie)
    {
        var fields = ParseQueryFields(qf ?? DefaultQueryFields);
        var query = new BooleanQuery();
        var positive = 0;
        foreach (var (clause, occur, phrase) in Clauses(q))
        {
            var dismax = new DisjunctionMaxQuery(tie);
            foreach (var (field, boost) in fields)
            {
                if (FieldQuery(field, clause, phrase) is { } fq)
                {
                    fq.Boost = boost;
                    dismax.Add(fq);
                }
            }
            if (dismax.Disjuncts.Count == 0)
            {
                // A clause of punctuation only analyses to nothing; Solr drops it.
                continue;
            }
            query.Add(dismax, occur);
            positive += occur == Occur.MUST ? 1 : 0;
        }
        if (positive == 0)
        {
            query.Add(new MatchAllDocsQuery(), Occur.MUST);
        }
        return query;
    }

    private static Query? FieldQuery(string field, string text, bool phrase)
    {
        if (!IndexFields.IsText(field))
        {
            return IndexFields.ExactQuery(new Term(field, text));
        }
        // Terms at one position are alternatives: a Thai word and the same word as a part of a compound
        // (TextAnalysis.Query). Positions are all required, in order for a phrase.
        var positions = Analyze(field, text)
            .GroupBy(t => t.Position)
            .Select(g => g.Select(t => t.Term).ToArray())
            .ToList();
        if (positions.Count == 0)
        {
            return null;
        }
        if (positions.Count == 1)
        {
            return Alternatives(field, positions[0]);
        }
        if (phrase)
        {
            var mpq = new MultiPhraseQuery();
            foreach (var alternatives in positions)
            {
                mpq.Add(alternatives.Select(a => new Term(field, a)).ToArray());
            }
            return mpq;
        }
        var all = new BooleanQuery();
        foreach (var alternatives in positions)
        {
            all.Add(Alternatives(field, alternatives), Occur.MUST);
        }
        return all;
    }

    /// <summary>One query position: a single term, or a word OR'ed with its sub-word form (weighted lower).</summary>
    private static Query Alternatives(string field, string[] terms)
    {
        if (terms.Length == 1)
        {
            return SubwordAware(new TermQuery(new Term(field, terms[0])));
        }
        var any = new BooleanQuery(true);
        foreach (var term in terms)
        {
            any.Add(SubwordAware(new TermQuery(new Term(field, term))), Occur.SHOULD);
        }
        return any;
    }

    private static TermQuery SubwordAware(TermQuery query)
    {
        if (TextAnalysis.IsSubwordTerm(query.Term.Text))
        {
            query.Boost *= TextAnalysis.SubwordBoost;
        }
        return query;
    }

    private static List<(string Term, int Position)> Analyze(string field, string text)
    {
        var terms = new List<(string, int)>();
        using var stream = TextAnalysis.Query.GetTokenStream(field, text);
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        var increment = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            terms.Add((term.ToString(), position));
        }
        stream.End();
        return terms;
    }

    private static IEnumerable<(string Text, Occur Occur, bool Phrase)> Clauses(string q)
    {
        var i = 0;
        while (i < q.Length)
        {
            while (i < q.Length && char.IsWhiteSpace(q[i]))
            {
                i++;
            }
            if (i >= q.Length)
            {
                yield break;
            }
            var occur = Occur.MUST;
            if (q[i] is '+' or '-' && i + 1 < q.Length && !char.IsWhiteSpace(q[i + 1]))
            {
                occur = q[i] == '-' ? Occur.MUST_NOT : Occur.MUST;
                i++;
            }
            if (q[i] == '"')
            {
                var end = q.IndexOf('"', i + 1);
                if (end < 0)
                {
                    end = q.Length;
                }
                yield return (q[(i + 1)..end], occur, true);
                i = end + 1;
                continue;
            }
            var start = i;
            while (i < q.Length && !char.IsWhiteSpace(q[i]))
            {
                i++;
            }
            var word = q[start..i];
            // Solr's dismax treats AND/OR/NOT as operators only in some modes; CKAN users type them as words rarely.
            if (word is "AND" or "&&")
            {
                continue;
            }
            yield return (word, occur, false);
        }
    }

    private static List<(string Field, float Boost)> ParseQueryFields(string qf)
    {
        var result = new List<(string, float)>();
        foreach (var part in qf.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var caret = part.IndexOf('^', StringComparison.Ordinal);
            if (caret < 0)
            {
                result.Add((part, 1f));
            }
            else if (float.TryParse(part[(caret + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var boost))
            {
                result.Add((part[..caret], boost));
            }
            else
            {
                throw new SearchError($"Invalid query field: {part}");
            }
        }
        return result;
    }

    /// <summary>
    /// Solr date math: <c>NOW</c> or an ISO date, then any of <c>+1YEAR</c>, <c>-2DAYS</c>, <c>/DAY</c> (round down).
    /// </summary>
    public static bool TryParseDate(string text, DateTime now, out DateTime value)
    {
        value = default;
        var match = DateMathPattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }
        var head = match.Groups["base"].Value;
        if (head == "NOW")
        {
            value = now;
        }
        else if (!DateTimeOffset.TryParse(head, CultureInfo.InvariantCulture,
                     DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return false;
        }
        else
        {
            value = parsed.UtcDateTime;
        }
        foreach (Capture op in match.Groups["op"].Captures)
        {
            var m = DateOpPattern().Match(op.Value);
            var unit = m.Groups["unit"].Value.TrimEnd('S');
            if (m.Groups["round"].Success)
            {
                value = unit switch
                {
                    "YEAR" => new DateTime(value.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc),
                    "MONTH" => new DateTime(value.Year, value.Month, 1, 0, 0, 0, DateTimeKind.Utc),
                    "DAY" or "DATE" => value.Date,
                    "HOUR" => new DateTime(value.Year, value.Month, value.Day, value.Hour, 0, 0, DateTimeKind.Utc),
                    "MINUTE" => new DateTime(value.Year, value.Month, value.Day, value.Hour, value.Minute, 0, DateTimeKind.Utc),
                    "SECOND" => new DateTime(value.Ticks - value.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc),
                    _ => value,
                };
                continue;
            }
            var n = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) * (m.Groups["sign"].Value == "-" ? -1 : 1);
            value = unit switch
            {
                "YEAR" => value.AddYears(n),
                "MONTH" => value.AddMonths(n),
                "WEEK" => value.AddDays(7 * n),
                "DAY" or "DATE" => value.AddDays(n),
                "HOUR" => value.AddHours(n),
                "MINUTE" => value.AddMinutes(n),
                "SECOND" => value.AddSeconds(n),
                "MILLI" or "MILLISECOND" => value.AddMilliseconds(n),
                _ => value,
            };
        }
        value = DateTime.SpecifyKind(value, DateTimeKind.Utc);
        return true;
    }

    [GeneratedRegex(@"^(?<base>NOW|\d{4}-\d\d-\d\d(?:[T ][0-9:.]+)?Z?)(?<op>[+-]\d+[A-Z]+|/[A-Z]+)*$")]
    private static partial Regex DateMathPattern();

    [GeneratedRegex(@"^(?:(?<round>/)|(?<sign>[+-])(?<n>\d+))(?<unit>[A-Z]+)$")]
    private static partial Regex DateOpPattern();

    /// <summary>The classic parser with CKAN's field types: exact string fields, folded text fields, numeric dates.</summary>
    private sealed class Parser : QueryParser
    {
        private readonly DateTime _now;

        public Parser(string defaultField, DateTime now) : base(TextAnalysis.Version, defaultField, TextAnalysis.PerField)
        {
            _now = now;
            DefaultOperator = Operator.AND;
            AllowLeadingWildcard = true;
            // Expanded terms (wildcards, ranges) are lower-cased per field below: string fields are case-sensitive.
            LowercaseExpandedTerms = false;
        }

        protected override Query GetFieldQuery(string field, string queryText, bool quoted)
        {
            if (IndexFields.DateFields.Contains(field) || IndexFields.IntFields.Contains(field))
            {
                return GetRangeQuery(field, queryText, queryText, true, true);
            }
            return base.GetFieldQuery(field, queryText, quoted);
        }

        protected override Query GetRangeQuery(string field, string part1, string part2, bool startInclusive, bool endInclusive)
        {
            if (IndexFields.DateFields.Contains(field))
            {
                return IndexFields.NumericRange(field, DateBound(part1), DateBound(part2), startInclusive, endInclusive);
            }
            if (IndexFields.IntFields.Contains(field))
            {
                return IndexFields.NumericRange(field, IntBound(part1), IntBound(part2), startInclusive, endInclusive);
            }
            if (IndexFields.IsText(field))
            {
                part1 = part1 is null ? null! : TextAnalysis.Fold(part1);
                part2 = part2 is null ? null! : TextAnalysis.Fold(part2);
            }
            return base.GetRangeQuery(field, part1, part2, startInclusive, endInclusive);
        }

        private long? DateBound(string? part)
        {
            if (part is null or "*")
            {
                return null;
            }
            if (!TryParseDate(part, _now, out var date))
            {
                throw new ParseException($"Invalid Date String:'{part}'");
            }
            return date.Ticks;
        }

        private static int? IntBound(string? part)
        {
            if (part is null or "*")
            {
                return null;
            }
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            {
                throw new ParseException($"Invalid Number: {part}");
            }
            return n;
        }

        // A Thai word in a fielded query also matches inside compounds (TextAnalysis.Query), weighted below the word.
        protected override Query NewTermQuery(Term term) =>
            IndexFields.IsDocValuesOnly(term.Field) ? IndexFields.ExactQuery(term) : SubwordAware((TermQuery)base.NewTermQuery(term));

        // Fields indexed as doc values only are matched through them (IndexFields.OnDocValues).
        protected override Query NewWildcardQuery(Term t) => OnDocValues(base.NewWildcardQuery(t));

        protected override Query NewPrefixQuery(Term prefix) => OnDocValues(base.NewPrefixQuery(prefix));

        protected override Query NewRegexpQuery(Term regexp) => OnDocValues(base.NewRegexpQuery(regexp));

        protected override Query NewFuzzyQuery(Term term, float minimumSimilarity, int prefixLength) =>
            OnDocValues(base.NewFuzzyQuery(term, minimumSimilarity, prefixLength));

        protected override Query NewRangeQuery(string field, string part1, string part2, bool startInclusive, bool endInclusive) =>
            OnDocValues(base.NewRangeQuery(field, part1, part2, startInclusive, endInclusive));

        private static Query OnDocValues(Query query) =>
            query is MultiTermQuery m && IndexFields.IsDocValuesOnly(m.Field) ? IndexFields.OnDocValues(m) : query;

        protected override Query GetWildcardQuery(string field, string termStr) =>
            base.GetWildcardQuery(field, IndexFields.IsText(field) ? TextAnalysis.Fold(termStr) : termStr);

        protected override Query GetPrefixQuery(string field, string termStr) =>
            base.GetPrefixQuery(field, IndexFields.IsText(field) ? TextAnalysis.Fold(termStr) : termStr);

        protected override Query GetFuzzyQuery(string field, string termStr, float minSimilarity) =>
            base.GetFuzzyQuery(field, IndexFields.IsText(field) ? TextAnalysis.Fold(termStr) : termStr, minSimilarity);
    }

    /// <summary>Escape a value for use inside a Lucene standard query (for filters built from names).</summary>
    public static string Quote(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                sb.Append('\\');
            }
            sb.Append(c);
        }
        return sb.Append('"').ToString();
    }
}
