using System.Text;

namespace GovChannel.Thai;

/// <summary>Normalises Thai text before it is compared, indexed or segmented.</summary>
public static class ThaiNormalizer
{
    /// <summary>
    /// Returns the NFC form of <paramref name="text"/> with zero-width characters (U+200B, U+200C, U+200D, U+FEFF,
    /// U+2060) removed, nikhahit + sara aa (ํา) unified to sara am (ำ), and a combining mark typed twice in a row
    /// (for example two mai ek) kept once, and เเ (sara e typed twice) unified to แ. Digits and letter case are left alone.
    /// </summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return text;
        }

        string nfc = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        if (!NeedsWork(nfc))
        {
            return nfc;
        }

        var sb = new StringBuilder(nfc.Length);
        for (int i = 0; i < nfc.Length; i++)
        {
            char c = nfc[i];
            if (IsZeroWidth(c))
            {
                continue;
            }

            // ํ + า is how many keyboards and OCR output produce ำ; they look identical but do not compare equal.
            if (c == '\u0E4D' && i + 1 < nfc.Length && nfc[i + 1] == '\u0E32')
            {
                sb.Append('\u0E33');
                i++;
                continue;
            }

            // เ typed twice is a common way to type แ; the two look the same on screen.
            if (c == '\u0E40' && i + 1 < nfc.Length && nfc[i + 1] == '\u0E40')
            {
                sb.Append('\u0E41');
                i++;
                continue;
            }

            // A repeated above/below mark (เก่่า) is a typing slip: it renders as one mark but breaks matching.
            if (IsThaiCombining(c) && sb.Length > 0 && sb[^1] == c)
            {
                continue;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static bool NeedsWork(string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (IsZeroWidth(c) || c == '\u0E4D' || (i > 0 && s[i - 1] == c && (c == '\u0E40' || IsThaiCombining(c))))
            {
                return true;
            }
        }

        return false;
    }

    internal static bool IsZeroWidth(char c) => c is '\u200B' or '\u200C' or '\u200D' or '\uFEFF' or '\u2060';

    // Thai vowel signs and marks written above or below the consonant (they never start a cluster).
    internal static bool IsThaiCombining(char c) => c == '\u0E31' || c is >= '\u0E34' and <= '\u0E3A' || c is >= '\u0E47' and <= '\u0E4E';
}
