using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeCascade.Experiments.Runners;

/// <summary>An experiment's JSON document (written to the output folder and printed by --json) and its tables.</summary>
public sealed record ExperimentResult(ExperimentKind Kind, JsonObject Document, IReadOnlyList<ExperimentTable> Tables)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string ToJson() => Document.ToJsonString(Indented);
}
