using Akka.Actor;
using EdgeCascade.Actors.Messages;
using EdgeCascade.Simulation.Engine;
using EdgeCascade.Simulation.Network;
using EdgeCascade.Simulation.Tests.Support;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Simulation.Tests.Network;

/// <summary>Link timing against hand-computed values: 1 Mbit/s, so 10^6 bits take exactly 1 s.</summary>
public sealed class LinkActorTests : VirtualTimeTestKit
{
    private const long Second = 1_000_000_000;
    private const long Latency = 10_000_000;

    [Fact]
    public void Transmit_SingleTransfer_ArrivesAfterSerializationPlusLatency()
    {
        IActorRef link = CreateLink(LinkSharing.Fifo, out _);

        link.Tell(Transfer(0, 500_000));

        ExpectMsgInVirtualTime<HopTransfer>();
        Assert.Equal((Second / 2) + Latency, Now);
    }

    [Fact]
    public void Transmit_FifoTwoSimultaneousTransfers_SecondWaitsForFirst()
    {
        IActorRef link = CreateLink(LinkSharing.Fifo, out _);

        link.Tell(Transfer(0, 1_000_000));
        link.Tell(Transfer(1, 1_000_000));

        Assert.Equal(0, ExpectMsgInVirtualTime<HopTransfer>().Image.ImageId);
        Assert.Equal(Second + Latency, Now);
        Assert.Equal(1, ExpectMsgInVirtualTime<HopTransfer>().Image.ImageId);
        Assert.Equal((2 * Second) + Latency, Now);
    }

    [Fact]
    public void Transmit_FairTwoSimultaneousEqualTransfers_BothGetHalfRateAndFinishTogether()
    {
        IActorRef link = CreateLink(LinkSharing.Fair, out _);

        link.Tell(Transfer(0, 1_000_000));
        link.Tell(Transfer(1, 1_000_000));

        Assert.Equal(0, ExpectMsgInVirtualTime<HopTransfer>().Image.ImageId);
        Assert.Equal((2 * Second) + Latency, Now);
        Assert.Equal(1, ExpectMsgInVirtualTime<HopTransfer>().Image.ImageId);
        Assert.Equal((2 * Second) + Latency, Now);
    }

    [Fact]
    public void Transmit_FairStaggeredTransfers_MatchProcessorSharingTimes()
    {
        // A (10^6 bits) alone for 0.5 s: 0.5·10^6 left; then both at 0.5 Mbit/s: A ends at 1.5 s,
        // B has 0.5·10^6 left and runs alone: ends at 2.0 s. FIFO would give 1.0 s and 2.0 s.
        IActorRef link = CreateLink(LinkSharing.Fair, out _);
        link.Tell(Transfer(0, 1_000_000));
        AdvanceBy(TimeSpan.FromMilliseconds(500));
        link.Tell(Transfer(1, 1_000_000));

        Assert.Equal(0, ExpectMsgInVirtualTime<HopTransfer>().Image.ImageId);
        Assert.Equal((Second * 3 / 2) + Latency, Now);
        Assert.Equal(1, ExpectMsgInVirtualTime<HopTransfer>().Image.ImageId);
        Assert.Equal((2 * Second) + Latency, Now);
    }

    [Fact]
    public void Transmit_FifoStaggeredTransfers_SecondStartsWhenFirstEnds()
    {
        IActorRef link = CreateLink(LinkSharing.Fifo, out LinkStats stats);
        link.Tell(Transfer(0, 1_000_000));
        AdvanceBy(TimeSpan.FromMilliseconds(500));
        link.Tell(Transfer(1, 1_000_000));

        ExpectMsgInVirtualTime<HopTransfer>();
        Assert.Equal(Second + Latency, Now);
        ExpectMsgInVirtualTime<HopTransfer>();
        Assert.Equal((2 * Second) + Latency, Now);
        Assert.Equal(2 * Second, stats.BusyNanoseconds(Now));
        Assert.Equal(250_000, stats.PayloadBits / 8);
    }

    [Fact]
    public void Transmit_LossySameSeed_SameRetransmissionsAndTimes()
    {
        (long retransmissions, long[] times) first = RunLossy(seed: 5);
        (long retransmissions, long[] times) second = RunLossy(seed: 5);
        (long retransmissions, long[] times) other = RunLossy(seed: 6);

        Assert.True(first.retransmissions > 0);
        Assert.Equal(first.retransmissions, second.retransmissions);
        Assert.Equal(first.times, second.times);
        Assert.NotEqual(first.times, other.times);
    }

    [Fact]
    public void Transmit_LossyTransfer_EachAttemptCostsOneSerialization()
    {
        (long retransmissions, long[] times) = RunLossy(seed: 5);

        // FIFO back to back: the last arrival is (total attempts) × 0.1 s + latency.
        long attempts = 20 + retransmissions;
        Assert.Equal((attempts * Second / 10) + Latency, times[^1]);
    }

    private static (long Retransmissions, long[] Times) RunLossy(long seed)
    {
        using var kit = new LossyLinkKit();
        return kit.Run(seed);
    }

    private IActorRef CreateLink(LinkSharing sharing, out LinkStats stats)
    {
        var spec = new LinkSpec("a", "b", 1e6, TimeSpan.FromMilliseconds(10), 0, sharing);
        stats = new LinkStats(spec, 0);
        return ActorOnTestThread(LinkActor.Props(spec, TestActor, stats, new DeterministicRandom(1)));
    }

    /// <summary>A fresh system per lossy run, so two runs with one seed start from the same state.</summary>
    private sealed class LossyLinkKit : VirtualTimeTestKit
    {
        public (long Retransmissions, long[] Times) Run(long seed)
        {
            var spec = new LinkSpec("a", "b", 1e6, TimeSpan.FromMilliseconds(10), 0.3, LinkSharing.Fifo);
            var stats = new LinkStats(spec, 0);
            IActorRef link = ActorOnTestThread(LinkActor.Props(spec, TestActor, stats, DeterministicRandom.ForStream(seed, "loss", 0)));
            for (int i = 0; i < 20; i++)
            {
                link.Tell(Transfer(i, 100_000));
            }

            var times = new long[20];
            for (int i = 0; i < 20; i++)
            {
                ExpectMsgInVirtualTime<HopTransfer>();
                times[i] = Now;
            }

            return (stats.Retransmissions, times);
        }
    }

    private static HopTransfer Transfer(long id, long bits) => new(new ImageTrace(0, id, 0, 0, 1), 1, bits);
}
