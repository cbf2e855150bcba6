using System.Collections.Concurrent;
using System.Diagnostics;

namespace EdgeCascade.Runtime.Transport;

/// <summary>
/// What a relay or sink process of <c>bench transport</c> saw per flow: the latency of each hop into it and, at the
/// sink, how many frames arrived and how many of them were duplicates.
/// </summary>
/// <remarks>
/// A hop's latency is its arrival time minus the send time the sender wrote into the envelope's creation time, both
/// read from <see cref="Stopwatch.GetTimestamp"/>: the monotonic clock every process on one machine shares.
/// </remarks>
public sealed class BenchRecorder
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _hops = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SinkDeduplicator> _seen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _delivered = new(StringComparer.Ordinal);

    /// <summary>The send time to put into an envelope (the monotonic clock as ticks).</summary>
    public static DateTimeOffset Now() => new((long)(Stopwatch.GetTimestamp() * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)), TimeSpan.Zero);

    /// <summary>Records the hop that brought <paramref name="envelope"/> here.</summary>
    public void Hop(Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        double seconds = (Now().UtcTicks - envelope.CreatedAt.UtcTicks) / (double)TimeSpan.TicksPerSecond;
        _hops.GetOrAdd(envelope.FlowId, _ => new ConcurrentQueue<double>()).Enqueue(seconds);
    }

    /// <summary>Counts a delivery at the sink; false for a duplicate (flow, image id).</summary>
    public bool Deliver(Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        bool fresh = _seen.GetOrAdd(envelope.FlowId, _ => new SinkDeduplicator(capacity: 1_000_000)).TryAccept(envelope);
        if (fresh)
        {
            _delivered.AddOrUpdate(envelope.FlowId, 1, (_, n) => n + 1);
        }

        return fresh;
    }

    /// <summary>Everything recorded for <paramref name="flow"/>.</summary>
    public BenchHopsReport Report(string flow) => new(
        _hops.TryGetValue(flow, out ConcurrentQueue<double>? hops) ? [.. hops] : [],
        _delivered.GetValueOrDefault(flow),
        _seen.TryGetValue(flow, out SinkDeduplicator? seen) ? seen.DuplicateCount : 0);
}
