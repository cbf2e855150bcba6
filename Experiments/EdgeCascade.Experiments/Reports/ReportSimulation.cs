using System.Text.Json.Nodes;

namespace EdgeCascade.Experiments.Reports;

/// <summary>
/// One simulate output folder: summary.json and what the report draws from its CSVs. A series list is null
/// when its CSV is absent (the plot is then replaced by a note).
/// </summary>
/// <param name="Source">The folder holding summary.json.</param>
/// <param name="Summary">summary.json (schema <see cref="EdgeCascade.Simulation.Reports.SimulationSummary.SchemaId"/>).</param>
/// <param name="LatencyCdf">Per flow: (latency in seconds, fraction of delivered images at or below it), from images.csv.</param>
/// <param name="NodeBusy">Per node: (time in seconds, GPU busy %), from nodes.csv.</param>
/// <param name="LinkUtilization">Per link: (time in seconds, utilization %), from links.csv.</param>
public sealed record ReportSimulation(
    string Source,
    JsonObject Summary,
    IReadOnlyList<ReportSeries>? LatencyCdf,
    IReadOnlyList<ReportSeries>? NodeBusy,
    IReadOnlyList<ReportSeries>? LinkUtilization) : ReportSection(Source);
