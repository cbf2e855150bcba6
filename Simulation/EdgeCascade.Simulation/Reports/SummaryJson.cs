using System.Text;
using System.Text.Json;

namespace EdgeCascade.Simulation.Reports;

/// <summary>
/// Writes <see cref="SimulationSummary"/> as JSON: snake_case keys with units in the names, fixed
/// key order, lists in topology order, numbers in shortest round-trip form; the same summary gives
/// the same bytes. Missing values (no delivery yet, no deadline) are null.
/// </summary>
public static class SummaryJson
{
    /// <summary>The summary as indented UTF-8 JSON, ending with a newline.</summary>
    public static byte[] ToUtf8(SimulationSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            Write(writer, summary);
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>The summary as indented JSON text, ending with a newline.</summary>
    public static string ToText(SimulationSummary summary) => Encoding.UTF8.GetString(ToUtf8(summary));

    private static void Write(Utf8JsonWriter writer, SimulationSummary summary)
    {
        writer.WriteStartObject();
        writer.WriteString("schema", SimulationSummary.SchemaId);
        writer.WriteString("topology", summary.Topology);
        writer.WriteString("scenario", summary.Scenario);
        writer.WriteString("policy", summary.Policy);
        writer.WriteString("fidelity", summary.Fidelity);
        writer.WriteNumber("seed", summary.Seed);
        writer.WriteString("model_family", summary.ModelFamily);
        writer.WriteNumber("image_width", summary.ImageWidth);
        writer.WriteNumber("image_height", summary.ImageHeight);
        writer.WriteBoolean("completed", summary.Completed);
        writer.WriteNumber("simulated_seconds", summary.SimulatedSeconds);
        writer.WriteNumber("events", summary.Events);
        writer.WriteNumber("images_arrived", summary.Arrived);
        writer.WriteNumber("images_delivered", summary.Delivered);
        writer.WriteStartArray("flows");
        foreach (FlowSummary flow in summary.Flows)
        {
            writer.WriteStartObject();
            writer.WriteString("name", flow.Name);
            writer.WriteString("source", flow.Source);
            writer.WriteString("destination", flow.Destination);
            writer.WriteNumber("source_level", flow.SourceLevel);
            writer.WriteNumber("target_level", flow.TargetLevel);
            writer.WriteString("policy_vector", flow.PolicyVector);
            writer.WriteString("scheduler", flow.Scheduler);
            writer.WriteBoolean("feasible", flow.Feasible);
            writer.WriteNumber("arrived", flow.Arrived);
            writer.WriteNumber("delivered", flow.Delivered);
            writer.WriteNumber("dropped", flow.Dropped);
            writer.WriteNumber("dropped_queue_full", flow.DroppedQueueFull);
            writer.WriteNumber("dropped_memory", flow.DroppedMemory);
            writer.WriteNumber("dropped_stage_failed", flow.DroppedStageFailed);
            writer.WriteNumber("in_flight", flow.InFlight);
            Nullable(writer, "deadline_seconds", flow.DeadlineSeconds);
            writer.WriteNumber("deadline_misses", flow.DeadlineMisses);
            Nullable(writer, "latency_p50_seconds", flow.LatencyP50Seconds);
            Nullable(writer, "latency_p95_seconds", flow.LatencyP95Seconds);
            Nullable(writer, "latency_p99_seconds", flow.LatencyP99Seconds);
            Nullable(writer, "latency_mean_seconds", flow.LatencyMeanSeconds);
            Nullable(writer, "latency_max_seconds", flow.LatencyMaxSeconds);
            Nullable(writer, "mean_bpp", flow.MeanBpp);
            Nullable(writer, "mean_psnr_db", flow.MeanPsnrDb);
            Nullable(writer, "mean_ms_ssim", flow.MeanMsSsim);
            writer.WriteStartArray("hops");
            foreach (HopSummary hop in flow.Hops)
            {
                writer.WriteStartObject();
                writer.WriteString("from", hop.From);
                writer.WriteString("to", hop.To);
                writer.WriteNumber("level", hop.Level);
                Nullable(writer, "mean_bits", hop.MeanBits);
                Nullable(writer, "mean_bpp", hop.MeanBpp);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("nodes");
        foreach (NodeSummary node in summary.Nodes)
        {
            writer.WriteStartObject();
            writer.WriteString("name", node.Name);
            writer.WriteString("gpu", node.Gpu);
            writer.WriteNumber("gpu_busy_percent", node.GpuBusyPercent);
            writer.WriteNumber("peak_memory_bytes", node.PeakMemoryBytes);
            writer.WriteNumber("max_queue_length", node.MaxQueueLength);
            writer.WriteNumber("jobs", node.Jobs);
            writer.WriteNumber("flops", node.Flops);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("links");
        foreach (LinkSummary link in summary.Links)
        {
            writer.WriteStartObject();
            writer.WriteString("name", link.Name);
            writer.WriteString("from", link.From);
            writer.WriteString("to", link.To);
            writer.WriteString("sharing", link.Sharing);
            writer.WriteNumber("utilization_percent", link.UtilizationPercent);
            writer.WriteNumber("bytes", link.Bytes);
            writer.WriteNumber("wire_bytes", link.WireBytes);
            writer.WriteNumber("transfers", link.Transfers);
            writer.WriteNumber("retransmissions", link.Retransmissions);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void Nullable(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is double number && double.IsFinite(number))
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
