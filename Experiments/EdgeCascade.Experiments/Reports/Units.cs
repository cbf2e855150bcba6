using System.Globalization;

namespace EdgeCascade.Experiments.Reports;

/// <summary>Human-readable numbers for tables.</summary>
public static class Units
{
    public static string Bandwidth(double bitsPerSecond) => bitsPerSecond switch
    {
        >= 1e9 => Format(bitsPerSecond / 1e9, "Gbit/s"),
        >= 1e6 => Format(bitsPerSecond / 1e6, "Mbit/s"),
        >= 1e3 => Format(bitsPerSecond / 1e3, "kbit/s"),
        _ => Format(bitsPerSecond, "bit/s"),
    };

    public static string Flops(double flopsPerSecond) => flopsPerSecond switch
    {
        >= 1e12 => Format(flopsPerSecond / 1e12, "TFLOP/s"),
        >= 1e9 => Format(flopsPerSecond / 1e9, "GFLOP/s"),
        _ => Format(flopsPerSecond, "FLOP/s"),
    };

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => Format(bytes / (double)(1L << 30), "GiB"),
        >= 1L << 20 => Format(bytes / (double)(1L << 20), "MiB"),
        >= 1L << 10 => Format(bytes / (double)(1L << 10), "KiB"),
        _ => $"{bytes} B",
    };

    public static string Duration(TimeSpan duration) => duration.TotalSeconds switch
    {
        >= 1 => Format(duration.TotalSeconds, "s"),
        _ => Format(duration.TotalMilliseconds, "ms"),
    };

    private static string Format(double value, string unit) =>
        value.ToString("0.###", CultureInfo.InvariantCulture) + " " + unit;
}
