using System.Globalization;

namespace EdgeCascade.Simulation.Workloads;

/// <summary>
/// Reads arrival traces: one arrival time in seconds per line (invariant culture, e.g. <c>0.125</c>),
/// non-negative and non-decreasing. Blank lines and lines starting with <c>#</c> are ignored; an
/// optional second comma-separated column is ignored too, so CSV exports with a label column work.
/// </summary>
public static class TraceFile
{
    /// <summary>The arrival times of <paramref name="path"/> in ns.</summary>
    /// <exception cref="TraceFileException">Missing file, or a bad line (named by its number).</exception>
    public static IReadOnlyList<long> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new TraceFileException($"{path}: trace file not found (the scenario's trace path is relative to the topology file)");
        }

        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    /// <summary>Parses trace text; <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="TraceFileException">A bad line.</exception>
    public static IReadOnlyList<long> Parse(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var times = new List<long>();
        long previous = 0;
        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            string text = line.Trim();
            if (text.Length == 0 || text[0] == '#')
            {
                continue;
            }

            int comma = text.IndexOf(',', StringComparison.Ordinal);
            string field = (comma >= 0 ? text[..comma] : text).Trim();
            if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || !double.IsFinite(seconds))
            {
                throw new TraceFileException($"{sourceName}:{lineNumber}: '{field}' is not a time in seconds (write one number per line, e.g. 0.125)");
            }

            if (seconds < 0)
            {
                throw new TraceFileException($"{sourceName}:{lineNumber}: arrival time {field} is negative");
            }

            long ns = (long)Math.Round(seconds * 1e9);
            if (ns < previous)
            {
                throw new TraceFileException($"{sourceName}:{lineNumber}: arrival time {field} is earlier than the line before; sort the trace by time");
            }

            previous = ns;
            times.Add(ns);
        }

        return times;
    }
}
