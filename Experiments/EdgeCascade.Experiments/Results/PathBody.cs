using System.Text.Json.Serialization;

namespace EdgeCascade.Experiments.Results;

/// <summary>
/// The fields of the paths document after its head: the edge-policy reading (<c>curves</c> keyed <c>source_&lt;s&gt;</c>,
/// <c>comparisons</c>) and the every-level-a-node reading.
/// </summary>
internal sealed record PathBody(
    IReadOnlyDictionary<string, IReadOnlyList<RdCurvePoint>> Curves,
    IReadOnlyList<PathComparison> Comparisons,
    [property: JsonPropertyName("every_level_a_node")] PathReading EveryLevelANode);
