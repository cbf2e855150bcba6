using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Simulation.Network;

/// <summary>
/// Counters of one simulated link, written by its <see cref="LinkActor"/> and read by reports and
/// the time-series sampler on the same (virtual-time) thread.
/// </summary>
public sealed class LinkStats(LinkSpec spec, int index)
{
    private readonly Queue<long> _fifoFinishTimes = new();

    /// <summary>The link.</summary>
    public LinkSpec Spec { get; } = spec;

    /// <summary>Position of the link in the topology's link list.</summary>
    public int Index { get; } = index;

    /// <summary>Transfers handed to the link.</summary>
    public long Transfers { get; internal set; }

    /// <summary>Extra attempts caused by losses.</summary>
    public long Retransmissions { get; internal set; }

    /// <summary>Payload bits of all transfers (each counted once).</summary>
    public long PayloadBits { get; internal set; }

    /// <summary>Bits put on the wire, retransmissions included.</summary>
    public long WireBits { get; internal set; }

    /// <summary>Transfers being serialized or waiting to be, at the last update.</summary>
    internal int FairActive { get; set; }

    // FIFO: all serialization time ever scheduled, and when the last scheduled transfer ends.
    internal long FifoScheduledBusyNs { get; set; }

    internal long FifoBusyUntilNs { get; set; }

    // Fair: busy time accumulated up to FairLastUpdateNs.
    internal long FairBusyNs { get; set; }

    internal long FairLastUpdateNs { get; set; }

    /// <summary>Nanoseconds the link has spent transmitting up to <paramref name="nowNs"/>.</summary>
    public long BusyNanoseconds(long nowNs) => Spec.Sharing == LinkSharing.Fifo
        ? FifoScheduledBusyNs - Math.Max(0, FifoBusyUntilNs - nowNs)
        : FairBusyNs + (FairActive > 0 ? Math.Max(0, nowNs - FairLastUpdateNs) : 0);

    /// <summary>Transfers not yet fully serialized at <paramref name="nowNs"/>.</summary>
    public int ActiveTransfers(long nowNs)
    {
        if (Spec.Sharing != LinkSharing.Fifo)
        {
            return FairActive;
        }

        PruneFifo(nowNs);
        return _fifoFinishTimes.Count;
    }

    internal void AddFifoTransfer(long nowNs, long finishNs)
    {
        PruneFifo(nowNs);
        _fifoFinishTimes.Enqueue(finishNs);
    }

    private void PruneFifo(long nowNs)
    {
        while (_fifoFinishTimes.Count > 0 && _fifoFinishTimes.Peek() <= nowNs)
        {
            _fifoFinishTimes.Dequeue();
        }
    }
}
