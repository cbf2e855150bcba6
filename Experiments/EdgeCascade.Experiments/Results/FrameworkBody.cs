using System.Text.Json.Serialization;

namespace EdgeCascade.Experiments.Results;

/// <summary>The fields of the frameworks document after its head.</summary>
internal sealed record FrameworkBody(
    int SourceLevel,
    [property: JsonPropertyName("n_q")] int NQ,
    FrameworkCurves Curves,
    IReadOnlyList<int> PcfLayerSteps,
    FrameworkDeltas BdVsHcf);
