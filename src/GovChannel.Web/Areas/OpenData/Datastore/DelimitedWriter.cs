using System.Text;

namespace GovChannel.Web.Areas.OpenData.Datastore;

/// <summary>CSV and TSV rows: RFC 4180 quoting, each line ending in <c>\n</c> (CKAN's records_format csv/tsv).</summary>
public static class DelimitedWriter
{
    public static void AppendRow(StringBuilder sb, IEnumerable<string> cells, char separator, bool neutralise)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                sb.Append(separator);
            }
            first = false;
            AppendCell(sb, neutralise ? Neutralise(cell) : cell, separator);
        }
        sb.Append('\n');
    }

    private static void AppendCell(StringBuilder sb, string cell, char separator)
    {
        if (cell.AsSpan().IndexOfAny(['"', '\n', '\r', separator]) < 0)
        {
            sb.Append(cell);
            return;
        }
        sb.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    /// <summary>
    /// Spreadsheet formula injection (OWASP "CSV Injection"): a text cell starting with = + - @ (or a tab or carriage
    /// return, which some spreadsheets skip) is prefixed with ' so it is shown as text, never evaluated. Only text
    /// columns are touched: a number column's -5 stays a number.
    /// </summary>
    public static string Neutralise(string cell) =>
        cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;
}
