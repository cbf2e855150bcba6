using System.Globalization;

namespace EdgeCascade.Simulation.Reports;

/// <summary>Culture-free, exact number formatting shared by every output file.</summary>
internal static class Formats
{
    /// <summary><paramref name="ns"/> as decimal seconds, exact, without trailing zeros (e.g. <c>0.023</c>).</summary>
    public static string Seconds(long ns)
    {
        bool negative = ns < 0;
        ulong magnitude = negative ? (ulong)(-(ns + 1)) + 1 : (ulong)ns;
        ulong whole = magnitude / 1_000_000_000UL;
        ulong fraction = magnitude % 1_000_000_000UL;
        string text = whole.ToString(CultureInfo.InvariantCulture);
        if (fraction != 0)
        {
            text += "." + fraction.ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0');
        }

        return negative ? "-" + text : text;
    }

    /// <summary>Shortest round-trip invariant form; empty for NaN.</summary>
    public static string Number(double value) => double.IsNaN(value) ? string.Empty : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="text"/> as one CSV field (RFC 4180): quoted, with quotes doubled, when it holds a comma, quote or
    /// line break. Names come from the user's topology, where HOCON allows any character in a quoted key, so they are
    /// quoted rather than refused; plain names are written as before, byte for byte.
    /// </summary>
    public static string CsvField(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>Invariant integer.</summary>
    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A percentage of <paramref name="part"/> over <paramref name="whole"/>, 0 when whole is 0.</summary>
    public static double Percent(double part, double whole) => whole > 0 ? part / whole * 100.0 : 0.0;
}
