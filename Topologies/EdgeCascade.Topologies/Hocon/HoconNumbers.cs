using System.Globalization;

namespace EdgeCascade.Topologies.Hocon;

/// <summary>Recognises and converts HOCON number literals (JSON numbers, plus a leading '.' as in <c>.5</c>).</summary>
internal static class HoconNumbers
{
    public static bool IsNumber(ReadOnlySpan<char> text)
    {
        int i = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        int intDigits = CountDigits(text, ref i);
        int fracDigits = 0;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            fracDigits = CountDigits(text, ref i);
            if (fracDigits == 0)
            {
                return false;
            }
        }

        if (intDigits == 0 && fracDigits == 0)
        {
            return false;
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
            {
                i++;
            }

            if (CountDigits(text, ref i) == 0)
            {
                return false;
            }
        }

        return i == text.Length;
    }

    /// <summary>Parses a number that may have a leading '+' (used inside unit strings).</summary>
    public static bool TryParseDecimal(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    public static bool TryParseDouble(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>JSON text for a number literal (normalising forms JSON lacks, such as <c>.5</c>).</summary>
    public static string ToJsonNumber(string text)
    {
        if (!IsJsonNumber(text))
        {
            return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);
        }

        return text;
    }

    /// <summary>Strict JSON number grammar: no leading '.', no leading zeros.</summary>
    private static bool IsJsonNumber(string text)
    {
        int i = text.StartsWith('-') ? 1 : 0;
        if (i >= text.Length || !char.IsAsciiDigit(text[i]) || (text[i] == '0' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
        {
            return false;
        }

        return IsNumber(text.AsSpan(i));
    }

    private static int CountDigits(ReadOnlySpan<char> text, ref int i)
    {
        int start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i - start;
    }
}
