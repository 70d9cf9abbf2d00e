using System.Text.Encodings.Web;
using System.Text.Json;

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
    };

    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = new AsciiOnlyEncoder(), Indented = false };

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
            var escaped = unicodeScalar switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                > 0xFFFF => Escape(0xD800 + ((unicodeScalar - 0x10000) >> 10)) + Escape(0xDC00 + ((unicodeScalar - 0x10000) & 0x3FF)),
                _ => Escape(unicodeScalar),
            };
            if (escaped.Length > bufferLength)
            {
                numberOfCharactersWritten = 0;
                return false;
            }
            for (var i = 0; i < escaped.Length; i++)
            {
                buffer[i] = escaped[i];
            }
            numberOfCharactersWritten = escaped.Length;
            return true;
        }

        private static string Escape(int unit) => "\\u" + unit.ToString("x4", System.Globalization.CultureInfo.InvariantCulture);
    }
}
