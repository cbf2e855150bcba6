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
        JsonSerializer.Serialize(stream, ToDocument(summary), SummaryJsonContext.Default.SummaryDocument);
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>The summary as indented JSON text, ending with a newline.</summary>
    public static string ToText(SimulationSummary summary) => Encoding.UTF8.GetString(ToUtf8(summary));

    private static SummaryDocument ToDocument(SimulationSummary summary) => new(
        SimulationSummary.SchemaId,
        summary.Topology,
        summary.Scenario,
        summary.Policy,
        summary.Fidelity,
        summary.Seed,
        summary.ModelFamily,
        summary.ImageWidth,
        summary.ImageHeight,
        summary.Completed,
        summary.SimulatedSeconds,
        summary.Events,
        summary.Arrived,
        summary.Delivered,
        [.. summary.Flows.Select(f => new SummaryFlowEntry(
            f.Name, f.Source, f.Destination, f.SourceLevel, f.TargetLevel, f.PolicyVector, f.Scheduler, f.Feasible,
            f.Arrived, f.Delivered, f.Dropped, f.DroppedQueueFull, f.DroppedMemory, f.DroppedStageFailed, f.InFlight,
            f.DeadlineSeconds, f.DeadlineMisses, f.LatencyP50Seconds, f.LatencyP95Seconds, f.LatencyP99Seconds,
            f.LatencyMeanSeconds, f.LatencyMaxSeconds, f.MeanBpp, f.MeanPsnrDb, f.MeanMsSsim, f.Hops))],
        summary.Nodes,
        summary.Links);
}
