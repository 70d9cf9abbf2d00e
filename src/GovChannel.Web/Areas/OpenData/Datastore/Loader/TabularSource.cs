using System.Buffers;
using System.Globalization;
using System.Text;
using ExcelDataReader;

namespace GovChannel.Web.Areas.OpenData.Datastore;

/// <summary>A file that cannot be read as a table; the message is shown to the publisher as it is.</summary>
public sealed class TabularException(string message) : Exception(message);

/// <summary>Rows of cells from a CSV/TSV or spreadsheet, streamed: only the current row is in memory.</summary>
public interface ITabularSource : IDisposable
{
    /// <summary>The next non-blank row and its 1-based line (or sheet row) number; null at the end.</summary>
    (string?[] Cells, long Line)? Next();
    /// <summary>0–100: how far through the file the reader is.</summary>
    double Percent { get; }
    /// <summary>What the reader decided (encoding, delimiter, sheets) for the job's notes.</summary>
    List<string> Notes { get; }
}

public static class TabularSource
{
    static TabularSource() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static ITabularSource Open(Stream stream, string format)
    {
        return format.ToUpperInvariant() switch
        {
            "XLS" or "XLSX" => new ExcelSource(stream),
            _ => CsvSource.Open(stream, format.Equals("TSV", StringComparison.OrdinalIgnoreCase) ? '\t' : null),
        };
    }

    /// <summary>
    /// BOMs decide (UTF-8, UTF-16 LE/BE). Without one, a sample that is valid UTF-8 is UTF-8; otherwise Windows-874
    /// (TIS-620 plus a few symbols), the encoding Thai Excel exports use. Both decoders throw on invalid bytes, so a file
    /// that changes encoding half-way fails with the byte position instead of loading replacement characters.
    /// </summary>
    public static (Encoding Encoding, int Preamble, string Name) DetectEncoding(ReadOnlySpan<byte> sample, bool complete)
    {
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (new UTF8Encoding(false, true), 3, "UTF-8 with BOM");
        }
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (new UnicodeEncoding(false, false, true), 2, "UTF-16 LE");
        }
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (new UnicodeEncoding(true, false, true), 2, "UTF-16 BE");
        }
        var check = sample;
        if (!complete)
        {
            // Do not judge a multi-byte character cut by the end of the sample.
            var cut = check.Length;
            while (cut > 0 && check.Length - cut < 4 && (check[cut - 1] & 0xC0) == 0x80)
            {
                cut--;
            }
            if (cut > 0 && check[cut - 1] >= 0xC0)
            {
                cut--;
            }
            check = check[..cut];
        }
        try
        {
            new UTF8Encoding(false, true).GetCharCount(check);
            return (new UTF8Encoding(false, true), 0, "UTF-8");
        }
        catch (DecoderFallbackException)
        {
        }
        var thai = Encoding.GetEncoding(874, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        try
        {
            thai.GetCharCount(check);
            return (thai, 0, "Windows-874 (TIS-620)");
        }
        catch (DecoderFallbackException)
        {
            throw new TabularException("The file's text encoding is not recognised: it is neither UTF-8, UTF-16 nor Windows-874/TIS-620. Save it as CSV UTF-8 and upload it again.");
        }
    }
}

/// <summary>
/// RFC 4180 CSV with a detected delimiter. Lenient about a stray quote inside a field; an unclosed quote is an error.
/// Reads through its own character buffer and cuts unquoted cells straight out of it (the loader's hot loop: a raw
/// PostgreSQL COPY is the yardstick).
/// </summary>
public sealed class CsvSource : ITabularSource
{
    private readonly Stream _stream;
    private readonly TextReader _reader;
    private readonly char _sep;
    private readonly SearchValues<char> _stops;
    private readonly long _length;
    private readonly char[] _buf = new char[1 << 16];
    private int _pos;
    private int _len;
    private long _line = 1;
    private readonly StringBuilder _cell = new();
    private readonly List<string> _cells = [];

    private CsvSource(Stream stream, TextReader reader, char sep, List<string> notes)
    {
        _stream = stream;
        _reader = reader;
        _sep = sep;
        _stops = SearchValues.Create([sep, '\n', '\r']);
        _length = stream.CanSeek ? stream.Length : 0;
        Notes = notes;
    }

    public List<string> Notes { get; }

    public double Percent => _length > 0 && _stream.CanSeek ? Math.Min(100, 100.0 * _stream.Position / _length) : 0;

    public static CsvSource Open(Stream stream, char? delimiter)
    {
        var sample = new byte[65536];
        var read = 0;
        while (read < sample.Length)
        {
            var n = stream.Read(sample, read, sample.Length - read);
            if (n == 0)
            {
                break;
            }
            read += n;
        }
        var complete = read < sample.Length;
        if (read == 0)
        {
            throw new TabularException("The file is empty: there is no header row and no data.");
        }
        var head = sample.AsSpan(0, read);
        if (head.Contains((byte)0) && !head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) && !head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            throw new TabularException("The file is not a text table (CSV/TSV): it contains binary data. A spreadsheet needs the format XLSX or XLS.");
        }
        var (encoding, preamble, name) = TabularSource.DetectEncoding(head, complete);
        string text;
        try
        {
            text = encoding.GetString(sample, preamble, TrimToChar(sample, read, complete, encoding) - preamble);
        }
        catch (DecoderFallbackException)
        {
            throw new TabularException("The file's text encoding is not recognised.");
        }
        var start = text.AsSpan().TrimStart();
        if (start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
        {
            throw new TabularException("The file is a web page (HTML), not a table. For a link, check that it points at the CSV file itself, not at a page about it.");
        }
        var sep = delimiter ?? DetectDelimiter(text);
        var notes = new List<string> { $"encoding: {name}", $"delimiter: {Describe(sep)}" };
        // Start again after the BOM; the rest is decoded as it streams.
        var all = new ConcatStream(sample, read, stream, preamble);
        var reader = new StreamReader(all, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 65536);
        return new CsvSource(all, reader, sep, notes);
    }

    private static int TrimToChar(byte[] sample, int read, bool complete, Encoding encoding)
    {
        if (complete || encoding.CodePage != 65001)
        {
            return encoding is UnicodeEncoding ? read - (read % 2) : read;
        }
        var cut = read;
        while (cut > 0 && read - cut < 4 && (sample[cut - 1] & 0xC0) == 0x80)
        {
            cut--;
        }
        return cut > 0 && sample[cut - 1] >= 0xC0 ? cut - 1 : read;
    }

    private static string Describe(char sep) => sep switch
    {
        '\t' => "tab",
        ',' => "comma",
        ';' => "semicolon",
        '|' => "pipe",
        _ => sep.ToString(),
    };

    /// <summary>The candidate that splits the first lines into the same number (&gt; 1) of cells most consistently.</summary>
    public static char DetectDelimiter(string sample)
    {
        var lines = sample.Split('\n').Take(20).Where(l => l.Trim().Length > 0).ToList();
        if (lines.Count > 1 && !sample.EndsWith('\n'))
        {
            lines.RemoveAt(lines.Count - 1);
        }
        var best = ',';
        var bestScore = -1.0;
        foreach (var c in new[] { ',', ';', '\t', '|' })
        {
            var counts = lines.Select(l => CountOutsideQuotes(l, c)).ToList();
            if (counts.Count == 0 || counts[0] == 0)
            {
                continue;
            }
            var consistent = counts.Count(n => n == counts[0]);
            var score = consistent * 1000.0 + counts[0];
            if (score > bestScore)
            {
                best = c;
                bestScore = score;
            }
        }
        return best;
    }

    private static int CountOutsideQuotes(string line, char c)
    {
        var quoted = false;
        var n = 0;
        foreach (var ch in line)
        {
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (ch == c && !quoted)
            {
                n++;
            }
        }
        return n;
    }

    public (string?[] Cells, long Line)? Next()
    {
        while (true)
        {
            var start = _line;
            if (!ReadRow())
            {
                return null;
            }
            if (_cells.Count == 1 && _cells[0].Length == 0)
            {
                continue;
            }
            return (_cells.ToArray(), start);
        }
    }

    /// <summary>One row into <see cref="_cells"/>; false at the end of the file.</summary>
    private bool ReadRow()
    {
        _cells.Clear();
        if (_pos >= _len && !Fill())
        {
            return false;
        }
        while (true)
        {
            int stop;
            string cell;
            if ((_pos < _len || Fill()) && _buf[_pos] == '"')
            {
                ReadQuoted();
                cell = ReadPlain(append: true, out stop);
            }
            else
            {
                cell = ReadPlain(append: false, out stop);
            }
            _cells.Add(cell);
            if (stop == _sep)
            {
                continue;
            }
            if (stop == '\r')
            {
                if ((_pos < _len || Fill()) && _buf[_pos] == '\n')
                {
                    _pos++;
                }
            }
            if (stop >= 0)
            {
                _line++;
            }
            return true;
        }
    }

    /// <summary>Up to the next delimiter or line end (returned in <paramref name="stop"/>; -1 at the end of the file).</summary>
    private string ReadPlain(bool append, out int stop)
    {
        if (!append)
        {
            var span = _buf.AsSpan(_pos, _len - _pos);
            var i = span.IndexOfAny(_stops);
            if (i >= 0)
            {
                stop = span[i];
                _pos += i + 1;
                return i == 0 ? "" : new string(span[..i]);
            }
            _cell.Clear();
        }
        while (true)
        {
            if (_pos >= _len && !Fill())
            {
                stop = -1;
                return _cell.ToString();
            }
            var span = _buf.AsSpan(_pos, _len - _pos);
            var i = span.IndexOfAny(_stops);
            if (i >= 0)
            {
                _cell.Append(span[..i]);
                stop = span[i];
                _pos += i + 1;
                return _cell.ToString();
            }
            _cell.Append(span);
            _pos = _len;
        }
    }

    /// <summary>A quoted field from its opening quote to its closing one into <see cref="_cell"/>; "" is a quote.</summary>
    private void ReadQuoted()
    {
        var startLine = _line;
        _cell.Clear();
        _pos++;
        while (true)
        {
            if (_pos >= _len && !Fill())
            {
                throw new TabularException($"Broken quoting: the quoted field that starts on line {startLine} is never closed.");
            }
            var span = _buf.AsSpan(_pos, _len - _pos);
            var q = span.IndexOf('"');
            var chunk = q < 0 ? span : span[..q];
            _line += chunk.Count('\n');
            _cell.Append(chunk);
            if (q < 0)
            {
                _pos = _len;
                continue;
            }
            _pos += q + 1;
            if ((_pos < _len || Fill()) && _buf[_pos] == '"')
            {
                _cell.Append('"');
                _pos++;
                continue;
            }
            return;
        }
    }

    private bool Fill()
    {
        try
        {
            _len = _reader.Read(_buf, 0, _buf.Length);
        }
        catch (DecoderFallbackException e)
        {
            throw new TabularException($"Mixed encodings: the text after line {_line} is not valid in the encoding detected at the start of the file (byte 0x{(e.BytesUnknown is { Length: > 0 } b ? b[0] : 0):X2}). Nothing was loaded; save the whole file in one encoding (CSV UTF-8) and upload it again.");
        }
        _pos = 0;
        return _len > 0;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _stream.Dispose();
    }

    /// <summary>The sample already read, then the rest of the stream; reports the position for progress.</summary>
    private sealed class ConcatStream(byte[] head, int headLength, Stream tail, int skip) : Stream
    {
        private int _headPos = skip;
        private long _position = skip;

        public override bool CanRead => true;
        public override bool CanSeek => tail.CanSeek;
        public override bool CanWrite => false;
        public override long Length => tail.Length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n;
            if (_headPos < headLength)
            {
                n = Math.Min(count, headLength - _headPos);
                Array.Copy(head, _headPos, buffer, offset, n);
                _headPos += n;
            }
            else
            {
                n = tail.Read(buffer, offset, count);
            }
            _position += n;
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                tail.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}

/// <summary>
/// XLS and XLSX through ExcelDataReader, streamed row by row. The first sheet is loaded and the others are named in
/// the notes; a merged range keeps its value in its first cell (the others are empty), as the spreadsheet shows it.
/// </summary>
public sealed class ExcelSource : ITabularSource
{
    private readonly IExcelDataReader _reader;
    private readonly int _rows;
    private long _row;

    public ExcelSource(Stream stream)
    {
        try
        {
            _reader = ExcelReaderFactory.CreateReader(stream);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new TabularException("The spreadsheet could not be opened: " + e.Message);
        }
        var sheets = new List<string>();
        do
        {
            sheets.Add(_reader.Name);
        }
        while (_reader.NextResult());
        _reader.Reset();
        _rows = _reader.RowCount;
        Notes.Add($"sheet: \"{sheets[0]}\"");
        if (sheets.Count > 1)
        {
            Notes.Add($"the workbook has {sheets.Count} sheets; only the first (\"{sheets[0]}\") was loaded. Not loaded: {string.Join(", ", sheets.Skip(1).Select(s => "\"" + s + "\""))}");
        }
        if (_reader.MergeCells is { Length: > 0 } merged)
        {
            Notes.Add($"{merged.Length} merged cell range(s): each value is kept in the range's first cell");
        }
    }

    public List<string> Notes { get; } = [];

    public double Percent => _rows > 0 ? Math.Min(100, 100.0 * _row / _rows) : 0;

    public (string?[] Cells, long Line)? Next()
    {
        while (_reader.Read())
        {
            _row++;
            var cells = new string?[_reader.FieldCount];
            var any = false;
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = Text(_reader.GetValue(i));
                any |= !string.IsNullOrEmpty(cells[i]);
            }
            if (!any)
            {
                continue;
            }
            // Trailing empty cells are spreadsheet formatting, not columns.
            var last = cells.Length;
            while (last > 0 && string.IsNullOrEmpty(cells[last - 1]))
            {
                last--;
            }
            return (cells[..last], _row);
        }
        return null;
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime dt when dt.TimeOfDay == TimeSpan.Zero => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    public void Dispose() => _reader.Dispose();
}
