using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace GovChannel.Web.Areas.OpenData.Ckan;

/// <summary>
/// JSON as CKAN writes it: simplejson with <c>ensure_ascii=True</c>, so every non-ASCII character is a lower-case
/// <c>\uXXXX</c> escape and nothing else (no HTML escaping of &lt; &gt; &amp; or '). Clients and CKAN's own tests compare
/// raw bodies (<c>test_unicode_in_error_message_works_ok</c>).
/// </summary>
public static class CkanJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = new AsciiOnlyEncoder(),
        WriteIndented = false,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        Converters = { new RawJsonConverter() },
    };

    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = new AsciiOnlyEncoder(), Indented = false };

    private static readonly JsonTypeInfo<RawJson> RawInfo = (JsonTypeInfo<RawJson>)Options.GetTypeInfo(typeof(RawJson));

    /// <summary>
    /// A node for JSON text that is already serialised (a package dict stored in the search index): written into the
    /// response as it is, only escaped to CKAN's ASCII form, instead of parsed into nodes and serialised again.
    /// </summary>
    public static JsonNode Raw(string json) => JsonValue.Create(new RawJson(json), RawInfo)!;

    /// <summary>
    /// Rewrites compact JSON text into exactly what parsing it and writing it with <see cref="Options"/> gives: every
    /// string character outside printable ASCII as a lower-case <c>\uXXXX</c> escape, the short escapes where JSON has
    /// them, and escapes of printable ASCII undone. Returns the number of bytes written; <paramref name="target"/> needs
    /// six bytes per character of <paramref name="json"/>.
    /// </summary>
    public static int ToAscii(ReadOnlySpan<char> json, Span<byte> target)
    {
        var o = 0;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (c == '\\')
            {
                var next = json[++i];
                if (next == 'u')
                {
                    o = WriteEscaped(int.Parse(json.Slice(i + 1, 4), System.Globalization.NumberStyles.AllowHexSpecifier,
                        System.Globalization.CultureInfo.InvariantCulture), target, o);
                    i += 4;
                }
                else
                {
                    o = WriteEscaped(next switch { 'n' => '\n', 'r' => '\r', 't' => '\t', 'b' => '\b', 'f' => '\f', _ => next }, target, o);
                }
            }
            else if (c < 0x7F)
            {
                // Printable ASCII, and quotes and whitespace between values: as they are.
                target[o++] = (byte)c;
            }
            else
            {
                o = WriteUnit(c, target, o);
            }
        }
        return o;
    }

    /// <summary>A character that stands inside a string: as <see cref="AsciiOnlyEncoder"/> writes it.</summary>
    private static int WriteEscaped(int unit, Span<byte> target, int o)
    {
        var shortForm = unit switch { '"' => '"', '\\' => '\\', '\n' => 'n', '\r' => 'r', '\t' => 't', '\b' => 'b', '\f' => 'f', _ => '\0' };
        if (shortForm != '\0')
        {
            target[o++] = (byte)'\\';
            target[o++] = (byte)shortForm;
            return o;
        }
        if (unit is >= 0x20 and < 0x7F)
        {
            target[o++] = (byte)unit;
            return o;
        }
        return WriteUnit(unit, target, o);
    }

    private static int WriteUnit(int unit, Span<byte> target, int o)
    {
        Span<char> chars = stackalloc char[6];
        AsciiOnlyEncoder.WriteUnit(chars, unit);
        for (var k = 0; k < 6; k++)
        {
            target[o++] = (byte)chars[k];
        }
        return o;
    }

    private sealed record RawJson(string Json);

    private sealed class RawJsonConverter : JsonConverter<RawJson>
    {
        public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(value.Json.Length * 6);
            try
            {
                var length = ToAscii(value.Json, buffer);
                writer.WriteRawValue(buffer.AsSpan(0, length), skipInputValidation: true);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private sealed class AsciiOnlyEncoder : JavaScriptEncoder
    {
        public override int MaxOutputCharactersPerInputCharacter => 12;

        public override bool WillEncode(int unicodeScalar) =>
            unicodeScalar < 0x20 || unicodeScalar > 0x7E || unicodeScalar == '"' || unicodeScalar == '\\';

        public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
        {
            for (var i = 0; i < textLength; i++)
            {
                var c = text[i];
                if (c < 0x20 || c > 0x7E || c == '"' || c == '\\')
                {
                    return i;
                }
            }
            return -1;
        }

        public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
        {
            // Called for every non-ASCII character (all of Thai): written straight into the buffer, no strings.
            var shortForm = unicodeScalar switch
            {
                '"' => '"',
                '\\' => '\\',
                '\n' => 'n',
                '\r' => 'r',
                '\t' => 't',
                '\b' => 'b',
                '\f' => 'f',
                _ => '\0',
            };
            if (shortForm != '\0')
            {
                return Write(buffer, bufferLength, ['\\', shortForm], out numberOfCharactersWritten);
            }
            if (unicodeScalar > 0xFFFF)
            {
                Span<char> pair = stackalloc char[12];
                WriteUnit(pair, 0xD800 + ((unicodeScalar - 0x10000) >> 10));
                WriteUnit(pair[6..], 0xDC00 + ((unicodeScalar - 0x10000) & 0x3FF));
                return Write(buffer, bufferLength, pair, out numberOfCharactersWritten);
            }
            Span<char> one = stackalloc char[6];
            WriteUnit(one, unicodeScalar);
            return Write(buffer, bufferLength, one, out numberOfCharactersWritten);
        }

        private static unsafe bool Write(char* buffer, int bufferLength, ReadOnlySpan<char> escaped, out int written)
        {
            if (escaped.Length > bufferLength)
            {
                written = 0;
                return false;
            }
            escaped.CopyTo(new Span<char>(buffer, bufferLength));
            written = escaped.Length;
            return true;
        }

        /// <summary><c>\uXXXX</c> with lower-case hex, as simplejson writes it.</summary>
        public static void WriteUnit(Span<char> target, int unit)
        {
            target[0] = '\\';
            target[1] = 'u';
            target[2] = Hex[(unit >> 12) & 0xF];
            target[3] = Hex[(unit >> 8) & 0xF];
            target[4] = Hex[(unit >> 4) & 0xF];
            target[5] = Hex[unit & 0xF];
        }

        private const string Hex = "0123456789abcdef";
    }
}
