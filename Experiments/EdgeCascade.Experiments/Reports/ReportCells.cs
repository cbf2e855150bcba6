using System.Globalization;
using System.Text.Json.Nodes;

namespace EdgeCascade.Experiments.Reports;

/// <summary>Table cells from JSON values: invariant culture, "n/a" for null or missing values.</summary>
public static class ReportCells
{
    public const string Missing = "n/a";

    public static double? Number(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<double>(out var number) && double.IsFinite(number) ? number : null;

    public static string Text(JsonNode? node) => node switch
    {
        null => Missing,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag ? "yes" : "no",
        JsonValue value when value.TryGetValue<double>(out var number) => number.ToString("R", CultureInfo.InvariantCulture),
        _ => node.ToJsonString(),
    };

    public static string Number(JsonNode? node, string format, double scale = 1) =>
        Number(node) is { } number ? (number * scale).ToString(format, CultureInfo.InvariantCulture) : Missing;

    public static string Bytes(JsonNode? node) =>
        Number(node) is { } number ? Units.Bytes((long)number) : Missing;
}
