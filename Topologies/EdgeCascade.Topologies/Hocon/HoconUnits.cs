using System.Globalization;

namespace EdgeCascade.Topologies.Hocon;

/// <summary>
/// Unit tables and parsing for "number unit" strings: durations, sizes, bandwidths and compute rates.
/// Decimal arithmetic keeps large nanosecond and byte counts exact.
/// </summary>
internal static class HoconUnits
{
    private const decimal Ki = 1024m;

    public static readonly IReadOnlyDictionary<string, decimal> NanosecondsPerUnit = Build(
        (1m, ["ns", "nano", "nanos", "nanosecond", "nanoseconds"]),
        (1_000m, ["us", "\u00b5s", "micro", "micros", "microsecond", "microseconds"]),
        (1_000_000m, ["ms", "milli", "millis", "millisecond", "milliseconds"]),
        (1_000_000_000m, ["s", "second", "seconds"]),
        (60_000_000_000m, ["m", "min", "mins", "minute", "minutes"]),
        (3_600_000_000_000m, ["h", "hour", "hours"]),
        (86_400_000_000_000m, ["d", "day", "days"]));

    /// <summary>SI prefixes (kB, MB) are powers of 1000 and binary ones (KiB, K, M) of 1024, as in Lightbend config; KB is read as 1000.</summary>
    public static readonly IReadOnlyDictionary<string, decimal> BytesPerUnit = Build(
        (1m, ["B", "b", "byte", "bytes"]),
        (1e3m, ["kB", "KB", "kilobyte", "kilobytes"]),
        (1e6m, ["MB", "megabyte", "megabytes"]),
        (1e9m, ["GB", "gigabyte", "gigabytes"]),
        (1e12m, ["TB", "terabyte", "terabytes"]),
        (1e15m, ["PB", "petabyte", "petabytes"]),
        (1e18m, ["EB", "exabyte", "exabytes"]),
        (1e21m, ["ZB", "zettabyte", "zettabytes"]),
        (1e24m, ["YB", "yottabyte", "yottabytes"]),
        (Ki, ["K", "k", "Ki", "KiB", "kibibyte", "kibibytes"]),
        (Ki * Ki, ["M", "m", "Mi", "MiB", "mebibyte", "mebibytes"]),
        (Ki * Ki * Ki, ["G", "g", "Gi", "GiB", "gibibyte", "gibibytes"]),
        (Ki * Ki * Ki * Ki, ["T", "t", "Ti", "TiB", "tebibyte", "tebibytes"]),
        (Ki * Ki * Ki * Ki * Ki, ["P", "p", "Pi", "PiB", "pebibyte", "pebibytes"]),
        (Ki * Ki * Ki * Ki * Ki * Ki, ["E", "e", "Ei", "EiB", "exbibyte", "exbibytes"]),
        (Ki * Ki * Ki * Ki * Ki * Ki * Ki, ["Z", "z", "Zi", "ZiB", "zebibyte", "zebibytes"]),
        (Ki * Ki * Ki * Ki * Ki * Ki * Ki * Ki, ["Y", "y", "Yi", "YiB", "yobibyte", "yobibytes"]));

    public static readonly IReadOnlyDictionary<string, decimal> BitsPerSecondPerUnit = Build(
        (1m, ["bps", "bit/s", "b/s"]),
        (1e3m, ["kbps", "Kbps", "kbit/s", "Kbit/s"]),
        (1e6m, ["Mbps", "Mbit/s"]),
        (1e9m, ["Gbps", "Gbit/s"]),
        (1e12m, ["Tbps", "Tbit/s"]),
        (8m, ["B/s", "Bps", "byte/s", "bytes/s"]),
        (8e3m, ["kB/s", "KB/s"]),
        (8e6m, ["MB/s"]),
        (8e9m, ["GB/s"]),
        (8e12m, ["TB/s"]),
        (8m * Ki, ["KiB/s"]),
        (8m * Ki * Ki, ["MiB/s"]),
        (8m * Ki * Ki * Ki, ["GiB/s"]),
        (8m * Ki * Ki * Ki * Ki, ["TiB/s"]));

    public static readonly IReadOnlyDictionary<string, decimal> FlopsPerUnit = Build(
        (1m, ["FLOPS", "flops", "FLOP/s"]),
        (1e3m, ["kFLOPS", "KFLOPS", "kFLOP/s", "KFLOP/s"]),
        (1e6m, ["MFLOPS", "MFLOP/s"]),
        (1e9m, ["GFLOPS", "GFLOP/s"]),
        (1e12m, ["TFLOPS", "TFLOP/s"]),
        (1e15m, ["PFLOPS", "PFLOP/s"]),
        (1e18m, ["EFLOPS", "EFLOP/s"]));

    /// <summary>
    /// Splits "1.5 GiB" into its number and unit and scales the number by the unit.
    /// An empty unit means <paramref name="defaultUnit"/>. Returns an error message on failure.
    /// </summary>
    public static string? TryScale(string text, IReadOnlyDictionary<string, decimal> units, decimal defaultUnit, out decimal value)
    {
        value = 0;
        string trimmed = text.Trim();
        int split = NumberPrefixLength(trimmed);
        if (split == 0)
        {
            return $"\"{text}\" does not start with a number";
        }

        if (!HoconNumbers.TryParseDecimal(trimmed[..split], out decimal number))
        {
            return $"\"{trimmed[..split]}\" is not a valid number";
        }

        string unit = trimmed[split..].Trim();
        decimal factor = defaultUnit;
        if (unit.Length > 0 && !units.TryGetValue(unit, out factor))
        {
            string? closest = Closest(unit, units.Keys);
            return closest is null ? $"unknown unit '{unit}'" : $"unknown unit '{unit}' (did you mean '{closest}'?)";
        }

        try
        {
            value = number * factor;
        }
        catch (OverflowException)
        {
            return $"\"{text}\" is out of range";
        }

        return null;
    }

    public static string Describe(IReadOnlyDictionary<string, decimal> units, int max = 14) =>
        string.Join(", ", units.Keys.Take(max));

    /// <summary>The candidate with the smallest edit distance, if it is close enough to be a likely typo.</summary>
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            int distance = EditDistance(input, candidate);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        return best is not null && bestDistance <= Math.Max(2, input.Length / 3) ? best : null;
    }

    private static int NumberPrefixLength(string text)
    {
        int i = 0;
        if (i < text.Length && (text[i] == '+' || text[i] == '-'))
        {
            i++;
        }

        int digitsStart = i;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
        {
            i++;
        }

        if (i == digitsStart)
        {
            return 0;
        }

        if (i + 1 < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            int j = i + 1;
            if (text[j] == '+' || text[j] == '-')
            {
                j++;
            }

            int exponentStart = j;
            while (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                j++;
            }

            if (j > exponentStart)
            {
                i = j;
            }
        }

        return i;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static Dictionary<string, decimal> Build(params (decimal Factor, string[] Names)[] groups)
    {
        var table = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach ((decimal factor, string[] names) in groups)
        {
            foreach (string name in names)
            {
                table.Add(name, factor);
            }
        }

        return table;
    }

    internal static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
