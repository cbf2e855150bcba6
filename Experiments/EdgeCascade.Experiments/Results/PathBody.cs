using System.Text.Json.Serialization;

namespace EdgeCascade.Experiments.Results;

/// <summary>
/// The fields of the paths document after its head (schema 3): the reading of HCF Table 4 we take, every level a node
/// (<c>policy</c>, <c>curves</c> keyed <c>source_&lt;s&gt;</c>, <c>comparisons</c>), then the two-stage edge-policy
/// reading under <c>edge_policy</c>. Schema 2 had the two the other way round (edge first, the node reading under
/// <c>every_level_a_node</c>).
/// </summary>
internal sealed record PathBody(
    string Policy,
    IReadOnlyDictionary<string, IReadOnlyList<RdCurvePoint>> Curves,
    IReadOnlyList<PathComparison> Comparisons,
    [property: JsonPropertyName("edge_policy")] PathReading EdgePolicy);
