using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeCascade.Simulation.Reports;

/// <summary>
/// Writes an optional double as a number, or null when it is missing or not finite (JSON has no NaN or infinity):
/// summary.json's rule for values that may not exist yet, such as the latency of a flow that delivered nothing.
/// </summary>
internal sealed class FiniteOrNullConverter : JsonConverter<double?>
{
    public override bool HandleNull => true;

    public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is double number && double.IsFinite(number))
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
