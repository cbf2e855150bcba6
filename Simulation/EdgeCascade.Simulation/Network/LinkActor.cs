using Akka.Actor;
using EdgeCascade.Actors.Messages;
using EdgeCascade.Actors.Timing;
using EdgeCascade.Simulation.Engine;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Simulation.Network;

/// <summary>
/// One directed link in virtual time: serialization (bits / bandwidth), then propagation latency,
/// then the <see cref="HopTransfer"/> is told to the receiving node unchanged.
/// </summary>
/// <remarks>
/// <para>
/// <b>FIFO</b>: one transfer at a time in arrival order; a transfer starts when the previous one has
/// left the sender (start = max(now, busy-until)), so completion times are computed at arrival and
/// need no further events. <b>Fair</b> (processor sharing): the n active transfers each get
/// bandwidth / n; on every arrival or completion the remaining bits are advanced and the next
/// completion is rescheduled (a stale <see cref="FairTick"/> is recognized by its version).
/// </para>
/// <para>
/// <b>Loss</b>: each attempt is lost with the link's loss rate, drawn from the link's own seeded
/// stream; a lost attempt has occupied the link for its full serialization time and is re-sent at
/// once (link-level ARQ), so a transfer of b bits needing a attempts costs a·b bits of link time and
/// arrives one propagation latency after its last attempt.
/// </para>
/// <para>
/// A transfer's arrival is scheduled straight to the receiving node with the scheduler's
/// <c>ScheduleTellOnce</c>: it is never cancelled, and Akka timers (kept for this actor's own fair-share
/// ticks) only message their owner, which would cost a timer entry and one more message per transfer
/// (measured: 35 to 30 events per image on five-hop-chain, CPU 5.6-5.9 s to 4.8-4.9 s per million images).
/// </para>
/// </remarks>
public sealed class LinkActor : UntypedActor, IWithTimers
{
    private const double CompletionToleranceBits = 1e-3;
    private const int MaxAttempts = 10_000;

    private readonly LinkSpec _spec;
    private readonly IActorRef _destination;
    private readonly LinkStats _stats;
    private readonly DeterministicRandom _lossRandom;
    private readonly long _latencyNs;
    private readonly List<FairTransfer> _fairActive = [];
    private long _fairVersion;

    /// <summary>Creates the actor; use <see cref="Props"/> with ActorOf.</summary>
    public LinkActor(LinkSpec spec, IActorRef destination, LinkStats stats, DeterministicRandom lossRandom)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(lossRandom);
        _spec = spec;
        _destination = destination;
        _stats = stats;
        _lossRandom = lossRandom;
        _latencyNs = spec.Latency.ToNanoseconds();
    }

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for the link <paramref name="spec"/> delivering to <paramref name="destination"/>.</summary>
    public static Props Props(LinkSpec spec, IActorRef destination, LinkStats stats, DeterministicRandom lossRandom) =>
        Akka.Actor.Props.Create(() => new LinkActor(spec, destination, stats, lossRandom));

    /// <summary>Serialization time of <paramref name="bits"/> at <paramref name="bitsPerSecond"/>, whole ns rounded up.</summary>
    public static long SerializationNs(double bits, double bitsPerSecond) =>
        bits <= 0 ? 0 : (long)Math.Ceiling(bits * 1e9 / bitsPerSecond);

    /// <inheritdoc/>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case HopTransfer transfer when _spec.Sharing == LinkSharing.Fifo:
                TransmitFifo(transfer);
                break;
            case HopTransfer transfer:
                TransmitFair(transfer);
                break;
            case FairTick tick:
                OnFairTick(tick);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private long Now => Context.System.Scheduler.NowNanoseconds();

    private void DeliverAt(long dueNs, long now, HopTransfer transfer) =>
        Context.System.Scheduler.ScheduleTellOnce(SchedulerTime.DelayUntil(dueNs, now), _destination, transfer, Self);

    private void TransmitFifo(HopTransfer transfer)
    {
        long now = Now;
        long wireBits = Account(transfer);
        long serialization = SerializationNs(wireBits, _spec.BandwidthBitsPerSecond);
        long start = Math.Max(now, _stats.FifoBusyUntilNs);
        long finish = start + serialization;
        _stats.FifoBusyUntilNs = finish;
        _stats.FifoScheduledBusyNs += serialization;
        _stats.AddFifoTransfer(now, finish);
        DeliverAt(finish + _latencyNs, now, transfer);
    }

    private void TransmitFair(HopTransfer transfer)
    {
        long now = Now;
        long wireBits = Account(transfer);
        AdvanceFair(now);
        _fairActive.Add(new FairTransfer(transfer, wireBits));
        _stats.FairActive = _fairActive.Count;
        RescheduleFair(now);
    }

    private void OnFairTick(FairTick tick)
    {
        if (tick.Version != _fairVersion)
        {
            return;
        }

        long now = Now;
        AdvanceFair(now);
        for (int i = 0; i < _fairActive.Count;)
        {
            FairTransfer active = _fairActive[i];
            if (active.RemainingBits <= CompletionToleranceBits)
            {
                _fairActive.RemoveAt(i);
                DeliverAt(now + _latencyNs, now, active.Transfer);
            }
            else
            {
                i++;
            }
        }

        _stats.FairActive = _fairActive.Count;
        RescheduleFair(now);
    }

    // Moves every active transfer forward by its share of the bandwidth since the last update.
    private void AdvanceFair(long now)
    {
        long elapsed = now - _stats.FairLastUpdateNs;
        if (elapsed > 0 && _fairActive.Count > 0)
        {
            double share = elapsed * _spec.BandwidthBitsPerSecond / 1e9 / _fairActive.Count;
            foreach (FairTransfer active in _fairActive)
            {
                active.RemainingBits -= share;
            }

            _stats.FairBusyNs += elapsed;
        }

        _stats.FairLastUpdateNs = now;
    }

    private void RescheduleFair(long now)
    {
        _fairVersion++;
        if (_fairActive.Count == 0)
        {
            return;
        }

        double smallest = double.MaxValue;
        foreach (FairTransfer active in _fairActive)
        {
            smallest = Math.Min(smallest, active.RemainingBits);
        }

        long delay = SerializationNs(Math.Max(0, smallest) * _fairActive.Count, _spec.BandwidthBitsPerSecond);
        Timers.StartSingleTimer(FairTick.Key, new FairTick(_fairVersion), SchedulerTime.DelayUntil(now + delay, now));
    }

    private long Account(HopTransfer transfer)
    {
        int attempts = 1;
        if (_spec.LossRate > 0)
        {
            while (attempts < MaxAttempts && _lossRandom.NextDouble() < _spec.LossRate)
            {
                attempts++;
            }
        }

        long wireBits = transfer.Bits * attempts;
        _stats.Transfers++;
        _stats.Retransmissions += attempts - 1;
        _stats.PayloadBits += transfer.Bits;
        _stats.WireBits += wireBits;
        return wireBits;
    }

    /// <summary>The earliest active fair-shared transfer may have finished (self-message; stale when the version moved on).</summary>
    private sealed record FairTick(long Version)
    {
        /// <summary>One fair-sharing timer per link: starting it again replaces the pending one.</summary>
        public static readonly object Key = new();
    }

    private sealed class FairTransfer(HopTransfer transfer, double remainingBits)
    {
        public HopTransfer Transfer { get; } = transfer;

        public double RemainingBits { get; set; } = remainingBits;
    }
}
