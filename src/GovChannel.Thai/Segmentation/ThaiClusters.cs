namespace GovChannel.Thai;

/// <summary>
/// Thai character classes and the cluster rule: where inside a run of Thai letters a word may legally end.
/// A break inside a cluster would cut a vowel or tone mark off its consonant, so no token may end there.
/// </summary>
internal static class ThaiClusters
{
    public static bool IsConsonant(char c) => c is >= '\u0E01' and <= '\u0E2E';

    public static bool IsLeadingVowel(char c) => c is >= '\u0E40' and <= '\u0E44';

    // ะ า ำ ๅ follow their consonant on the line; a syllable never starts with them.
    public static bool IsFollowingVowel(char c) => c is '\u0E30' or '\u0E32' or '\u0E33' or '\u0E45';

    public static bool IsToneMark(char c) => c is >= '\u0E48' and <= '\u0E4B';

    /// <summary>Characters that form Thai words (letters and marks; not digits, not ฿).</summary>
    public static bool IsThaiLetter(char c) => c is >= '\u0E01' and <= '\u0E3A' or >= '\u0E40' and <= '\u0E4F' or '\u0E5A' or '\u0E5B';

    /// <summary>Thai signs that are tokens of their own when no lexicon word contains them (ๆ ฯ ๏ ๚ ๛).</summary>
    public static bool IsThaiPunctuation(char c) => c is '\u0E46' or '\u0E2F' or '\u0E4F' or '\u0E5A' or '\u0E5B';

    /// <summary>
    /// Fills <paramref name="canBreak"/> (length <c>run.Length + 1</c>) with true where a token may end:
    /// always at both ends of the run, and inside it only between character clusters.
    /// </summary>
    public static void MarkBoundaries(ReadOnlySpan<char> run, Span<bool> canBreak)
    {
        int n = run.Length;
        canBreak[0] = true;
        canBreak[n] = true;
        for (int p = 1; p < n; p++)
        {
            canBreak[p] = CanBreakBefore(run, p);
        }
    }

    /// <summary>
    /// Tightens <paramref name="canBreak"/> with the enumerated enhanced clusters (ETCC, PyThaiNLP etcc.txt): from each
    /// boundary, the longest ETCC entry that starts there and ends on a boundary becomes one unbreakable cluster.
    /// </summary>
    public static void ApplyEnhancedClusters(ReadOnlySpan<char> run, Span<bool> canBreak, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> etcc, int maxLength)
    {
        int n = run.Length;
        int p = 0;
        while (p < n)
        {
            int best = 0;
            for (int length = Math.Min(maxLength, n - p); length >= 2; length--)
            {
                if (canBreak[p + length] && etcc.Contains(run.Slice(p, length)))
                {
                    best = length;
                    break;
                }
            }

            if (best > 0)
            {
                for (int k = p + 1; k < p + best; k++)
                {
                    canBreak[k] = false;
                }

                p += best;
            }
            else
            {
                p++;
                while (p < n && !canBreak[p])
                {
                    p++;
                }
            }
        }
    }

    private static bool CanBreakBefore(ReadOnlySpan<char> s, int p)
    {
        char c = s[p];
        char prev = s[p - 1];

        // Punctuation inside a run ('.', ๆ, ฯ) separates unless a lexicon word spans it (ก.พ., กรุงเทพฯ).
        if (c == '.' || prev == '.' || IsThaiPunctuation(c) || IsThaiPunctuation(prev))
        {
            return true;
        }

        if (ThaiNormalizer.IsThaiCombining(c) || IsFollowingVowel(c) || IsLeadingVowel(prev))
        {
            return false;
        }

        if (!IsConsonant(c))
        {
            return true;
        }

        // A consonant silenced by thanthakhat (์), possibly with ิ/ุ, belongs to the syllable before it: จันทร์, สิทธิ์.
        if (p + 1 < s.Length && s[p + 1] == '\u0E4C')
        {
            return false;
        }

        if (p + 2 < s.Length && s[p + 2] == '\u0E4C' && s[p + 1] is '\u0E34' or '\u0E38')
        {
            return false;
        }

        // Mai han-akat (ั) always takes a final consonant: กัน, สั่ง.
        if (prev == '\u0E31' || (IsToneMark(prev) && p >= 2 && s[p - 2] == '\u0E31'))
        {
            return false;
        }

        int lead = FindLeadingVowel(s, p);
        if (lead >= 0 && s[lead] is '\u0E40' or '\u0E41' or '\u0E42')
        {
            // An initial cluster with ร ล ว after เ แ โ: เปล่า, เกรง, แกล้ง, โปรด, เลว. (Not after ไ ใ: ไป|รับ.)
            if (p == lead + 2 && c is '\u0E23' or '\u0E25' or '\u0E27')
            {
                return false;
            }

            bool tone = IsToneMark(prev);
            char before = tone ? s[p - 2] : prev;
            int offset = p - lead - (tone ? 1 : 0);

            // Vowels written around the consonant: เ-ีย (เสีย, เปลี่ยน), เ-ือ (เรือ, เลื่อน), เ-อ (เธอ, เก่อ).
            if (s[lead] == '\u0E40' && ((c == '\u0E22' && before == '\u0E35') || (c == '\u0E2D' && (before == '\u0E37' || (offset == 2 && IsConsonant(before))))))
            {
                return false;
            }

            // เ-็C / แ-็C: the short-vowel mark needs its final consonant (เด็ก, แข็ง).
            if (before == '\u0E47' && offset <= 4)
            {
                return false;
            }
        }

        return true;
    }

    // The leading vowel of the syllable that p continues, if it is close enough to still be in that syllable.
    private static int FindLeadingVowel(ReadOnlySpan<char> s, int p)
    {
        int consonants = 0;
        for (int i = p - 1; i >= 0 && i >= p - 5; i--)
        {
            char c = s[i];
            if (IsLeadingVowel(c))
            {
                return i;
            }

            if (IsConsonant(c) && ++consonants > 2)
            {
                return -1;
            }

            if (IsFollowingVowel(c) || c == '.')
            {
                return -1;
            }
        }

        return -1;
    }
}
