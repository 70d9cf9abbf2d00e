using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using GovChannel.Thai;
using Microsoft.AspNetCore.Html;

namespace GovChannel.Web.Pages.Shared;

/// <summary>
/// Marks the query's words in titles and snippets, on the server: the text is HTML-encoded piece by piece and only
/// the <c>&lt;mark&gt;</c> tags are ours, so nothing from the data can become markup. Thai queries are segmented the way
/// the search index segments them, so ตำบลพิกัด marks both words.
/// </summary>
public static class Highlighter
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static IReadOnlyList<string> Terms(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return [];
        }
        var terms = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var cleaned = new string(ThaiNormalizer.Normalize(query).Select(c => c is '"' or '(' or ')' or '*' or '+' or '~' or '^' ? ' ' : c).ToArray());
        foreach (var raw in cleaned.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var word = raw.TrimStart('-');
            if (word is "AND" or "OR" or "NOT" || word.Contains(':', StringComparison.Ordinal))
            {
                continue;
            }
            if (word.Length >= 2)
            {
                terms.Add(word);
            }
            if (word.Any(c => c is >= '\u0E00' and <= '\u0E7F'))
            {
                foreach (var part in ThaiSegmenter.Default.Words(word).Where(w => w.Length >= 2))
                {
                    terms.Add(part);
                }
            }
        }
        // Longest first, so a whole phrase is marked rather than its pieces.
        return terms.OrderByDescending(t => t.Length).ToList();
    }

    private static List<(int Start, int End)> Matches(string text, IReadOnlyList<string> terms)
    {
        var spans = new List<(int Start, int End)>();
        foreach (var term in terms)
        {
            var at = 0;
            while (at < text.Length && (at = text.IndexOf(term, at, StringComparison.OrdinalIgnoreCase)) >= 0)
            {
                var end = at + term.Length;
                if (!spans.Any(s => at < s.End && end > s.Start))
                {
                    spans.Add((at, end));
                }
                at = end;
            }
        }
        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        return spans;
    }

    public static IHtmlContent Highlight(string text, IReadOnlyList<string> terms)
    {
        var html = new StringBuilder();
        var position = 0;
        foreach (var (start, end) in Matches(text, terms))
        {
            html.Append(Encoder.Encode(text[position..start]));
            html.Append("<mark>").Append(Encoder.Encode(text[start..end])).Append("</mark>");
            position = end;
        }
        html.Append(Encoder.Encode(text[position..]));
        return new HtmlString(html.ToString());
    }

    /// <summary>About <paramref name="length"/> characters of the text around its first match, with the matches marked.</summary>
    public static IHtmlContent Snippet(string text, IReadOnlyList<string> terms, int length = 240)
    {
        text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length <= length)
        {
            return Highlight(text, terms);
        }
        var first = Matches(text, terms).Select(m => m.Start).DefaultIfEmpty(0).First();
        var start = Math.Max(0, Math.Min(first - length / 3, text.Length - length));
        // Do not cut inside a Thai character cluster (a vowel or tone mark without its consonant).
        while (start > 0 && char.GetUnicodeCategory(text[start]) is System.Globalization.UnicodeCategory.NonSpacingMark)
        {
            start--;
        }
        var end = Math.Min(text.Length, start + length);
        while (end < text.Length && char.GetUnicodeCategory(text[end]) is System.Globalization.UnicodeCategory.NonSpacingMark)
        {
            end++;
        }
        var piece = (start > 0 ? "… " : "") + text[start..end] + (end < text.Length ? " …" : "");
        return Highlight(piece, terms);
    }
}
