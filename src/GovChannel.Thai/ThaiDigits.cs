namespace GovChannel.Thai;

/// <summary>Converts between Thai digits (๐–๙, U+0E50–U+0E59) and ASCII digits (0–9).</summary>
/// <remarks>.NET's <c>NumberFormat.NativeDigits</c> for th-TH is ASCII and <c>-u-nu-thai</c> has no effect, so the mapping is done here.</remarks>
public static class ThaiDigits
{
    private const char ThaiZero = '\u0E50';

    /// <summary>Replaces every Thai digit with the matching ASCII digit; other characters are kept.</summary>
    public static string ToArabic(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Map(text, ThaiZero, '0');
    }

    /// <summary>Replaces every ASCII digit with the matching Thai digit; other characters are kept.</summary>
    public static string ToThai(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Map(text, '0', ThaiZero);
    }

    internal static bool IsThaiDigit(char c) => c is >= '\u0E50' and <= '\u0E59';

    private static string Map(string text, char fromZero, char toZero)
    {
        int first = -1;
        for (int i = 0; i < text.Length; i++)
        {
            if ((uint)(text[i] - fromZero) <= 9)
            {
                first = i;
                break;
            }
        }

        if (first < 0)
        {
            return text;
        }

        return string.Create(text.Length, (text, first, fromZero, toZero), static (span, state) =>
        {
            state.text.AsSpan().CopyTo(span);
            for (int i = state.first; i < span.Length; i++)
            {
                uint d = (uint)(span[i] - state.fromZero);
                if (d <= 9)
                {
                    span[i] = (char)(state.toZero + d);
                }
            }
        });
    }
}
