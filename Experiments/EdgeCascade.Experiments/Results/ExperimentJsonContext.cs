using System.Text.Json.Serialization;

namespace EdgeCascade.Experiments.Results;

/// <summary>
/// Source-generated serialization of the compare documents: snake_case keys from the property names, keys in
/// declaration order, numbers as System.Text.Json writes them (shortest round-trip), null for a missing value.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ExperimentHeader))]
[JsonSerializable(typeof(PolicyBody))]
[JsonSerializable(typeof(PathBody))]
[JsonSerializable(typeof(FrameworkBody))]
[JsonSerializable(typeof(ComplexityBody))]
[JsonSerializable(typeof(EntropyBody))]
internal sealed partial class ExperimentJsonContext : JsonSerializerContext;
