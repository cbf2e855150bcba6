namespace EdgeCascade.Experiments.Reports;

/// <summary>A named list of (x, y) points for one line of a report plot.</summary>
public sealed record ReportSeries(string Name, List<(double X, double Y)> Points);
