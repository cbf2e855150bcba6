using System.Text.Json.Serialization;

namespace EdgeCascade.Simulation.Reports;

/// <summary>
/// Source-generated serialization of summary.json: snake_case keys from the property names, in declaration order,
/// indented with "\n" line ends, numbers in shortest round-trip form, non-finite optional values as null.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    NewLine = "\n",
    Converters = [typeof(FiniteOrNullConverter)])]
[JsonSerializable(typeof(SummaryDocument))]
internal sealed partial class SummaryJsonContext : JsonSerializerContext;
