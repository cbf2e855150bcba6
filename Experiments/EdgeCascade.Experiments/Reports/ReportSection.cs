namespace EdgeCascade.Experiments.Reports;

/// <summary>One result the report renders as a section: where it was read from.</summary>
/// <param name="Source">The file or folder as found under the folder the user gave (display path).</param>
public abstract record ReportSection(string Source);
