using System.Text.Json.Serialization;
using EdgeCascade.Cli.Benchmarks;
using EdgeCascade.Cli.Commands;
using EdgeCascade.Cli.Evaluation;
using EdgeCascade.Cli.Rendering;

namespace EdgeCascade.Cli;

/// <summary>
/// Source-generated serialization of the CLI's own --json documents (eval, bench, inspect, report, topology): snake_case keys from the
/// property names, in declaration order, numbers as System.Text.Json writes them.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(EvalDocument))]
[JsonSerializable(typeof(BenchCodecResult))]
[JsonSerializable(typeof(BenchSimulateResult))]
[JsonSerializable(typeof(EcbInspection))]
[JsonSerializable(typeof(ReportOutcome))]
[JsonSerializable(typeof(TopologyDocument))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
