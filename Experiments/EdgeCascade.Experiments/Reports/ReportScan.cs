namespace EdgeCascade.Experiments.Reports;

/// <summary>Everything found under the report's folders: sections in scan order and every file read.</summary>
public sealed record ReportScan(IReadOnlyList<ReportSection> Sections, IReadOnlyList<string> Inputs);
