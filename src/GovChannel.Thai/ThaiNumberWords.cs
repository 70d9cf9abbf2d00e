using System.Globalization;
using System.Text;

namespace GovChannel.Thai;

/// <summary>Numbers in Thai words (2,500 → สองพันห้าร้อย) and amounts of money in Baht text (บาทถ้วน / สตางค์).</summary>
public static class ThaiNumberWords
{
    private static readonly string[] Digits = ["ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า"];
    private static readonly string[] Places = ["", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน"];

    /// <summary>
    /// Writes <paramref name="number"/> in Thai words: 21 → ยี่สิบเอ็ด, 11 → สิบเอ็ด, 101 → หนึ่งร้อยเอ็ด,
    /// 2,500 → สองพันห้าร้อย, 1,000,000 → หนึ่งล้าน; negative numbers start with ลบ. A units digit of one is เอ็ด
    /// when the group of six digits it belongs to has other digits (so 1,000,001 → หนึ่งล้านหนึ่ง).
    /// </summary>
    public static string ToWords(long number)
    {
        if (number == 0)
        {
            return Digits[0];
        }

        var sb = new StringBuilder();
        if (number < 0)
        {
            sb.Append("ลบ");
        }

        // long.MinValue has no positive counterpart in long; decimal holds it.
        AppendMillions(sb, Math.Abs((decimal)number));
        return sb.ToString();
    }

    /// <summary>
    /// Writes an amount of Baht as on a cheque or receipt: 100 → หนึ่งร้อยบาทถ้วน, 21.50 → ยี่สิบเอ็ดบาทห้าสิบสตางค์,
    /// 0.25 → ยี่สิบห้าสตางค์. Satang are rounded half away from zero to two decimals.
    /// </summary>
    public static string ToBahtText(decimal amount)
    {
        decimal rounded = Math.Round(amount, 2, MidpointRounding.AwayFromZero);
        var sb = new StringBuilder();
        if (rounded < 0)
        {
            sb.Append("ลบ");
            rounded = -rounded;
        }

        decimal baht = decimal.Truncate(rounded);
        int satang = (int)((rounded - baht) * 100);
        if (baht > 0 || satang == 0)
        {
            if (baht == 0)
            {
                sb.Append(Digits[0]);
            }
            else
            {
                AppendMillions(sb, baht);
            }

            sb.Append("บาท");
        }

        if (satang == 0)
        {
            sb.Append("ถ้วน");
        }
        else
        {
            AppendGroup(sb, satang);
            sb.Append("สตางค์");
        }

        return sb.ToString();
    }

    // Groups of six digits joined by ล้าน: 1,234,567,000,000 → หนึ่งล้านสองแสน…ล้าน.
    private static void AppendMillions(StringBuilder sb, decimal n)
    {
        decimal millions = decimal.Truncate(n / 1_000_000m);
        int rest = (int)(n - millions * 1_000_000m);
        if (millions > 0)
        {
            AppendMillions(sb, millions);
            sb.Append("ล้าน");
        }

        if (rest > 0)
        {
            AppendGroup(sb, rest);
        }
    }

    // 1 … 999,999.
    private static void AppendGroup(StringBuilder sb, int n)
    {
        string digits = n.ToString(CultureInfo.InvariantCulture);
        int length = digits.Length;
        for (int i = 0; i < length; i++)
        {
            int d = digits[i] - '0';
            int place = length - 1 - i;
            if (d == 0)
            {
                continue;
            }

            if (place == 1 && d == 1)
            {
                sb.Append("สิบ");
            }
            else if (place == 1 && d == 2)
            {
                sb.Append("ยี่สิบ");
            }
            else if (place == 0 && d == 1 && length > 1)
            {
                sb.Append("เอ็ด");
            }
            else
            {
                sb.Append(Digits[d]).Append(Places[place]);
            }
        }
    }
}
