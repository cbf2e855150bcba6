using System.Text.Json.Nodes;
using EdgeCascade.Experiments.Runners;

namespace EdgeCascade.Experiments.Reports;

/// <summary>A compare document (<c>&lt;experiment&gt;.json</c> with an <c>experiment</c> key), already checked for the keys the report reads.</summary>
public sealed record ReportExperiment(string Source, ExperimentKind Kind, JsonObject Document) : ReportSection(Source);
