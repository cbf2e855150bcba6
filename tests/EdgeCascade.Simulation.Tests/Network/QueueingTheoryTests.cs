using Akka.Actor;
using EdgeCascade.Actors.Messages;
using EdgeCascade.Actors.Timing;
using EdgeCascade.Simulation.Engine;
using EdgeCascade.Simulation.Network;
using EdgeCascade.Simulation.Workloads;
using EdgeCascade.Topologies.Model;
using Xunit.Abstractions;

namespace EdgeCascade.Simulation.Tests.Network;

/// <summary>The FIFO link against closed forms of queueing theory, on the simulator's own actor system and loop.</summary>
public sealed class QueueingTheoryTests(ITestOutputHelper output)
{
    [Fact]
    public void FifoLink_PoissonArrivalsFixedSize_MeanWaitMatchesPollaczekKhinchine()
    {
        // M/D/1: λ = 500/s, service S = 1,000 bits at 1 Mbit/s = 1 ms, ρ = 0.5.
        // Pollaczek-Khinchine mean wait in queue: Wq = ρ·S / (2(1 − ρ)) = 0.5 ms.
        const int Arrivals = 100_000;
        const double Rate = 500;
        const long ServiceNs = 1_000_000;
        const long LatencyNs = 2_000_000;
        using var host = new SimulationActorSystem("md1");
        var spec = new LinkSpec("a", "b", 1e6, TimeSpan.FromTicks(LatencyNs / 100), 0, LinkSharing.Fifo);
        var sojourn = new SojournTotals();
        IActorRef link = ActorRefs.Nobody;
        host.Start(context =>
        {
            IActorRef sink = context.ActorOf(Props.Create(() => new SojournCollector(sojourn)).WithDispatcher(SimulationActorSystem.DispatcherId), "sink");
            link = context.ActorOf(LinkActor.Props(spec, sink, new LinkStats(spec, 0), new DeterministicRandom(1)).WithDispatcher(SimulationActorSystem.DispatcherId), "link");
        });
        var arrivals = new PoissonArrivals(Rate, DeterministicRandom.ForStream(2024, "arrivals", 0));
        for (int i = 0; i < Arrivals; i++)
        {
            // Virtual time has a 100 ns tick: the arrival is scheduled at its tick, and counted from there.
            long atTicks = (arrivals.Next()!.Value + 99) / 100;
            ((IScheduler)host.Scheduler).ScheduleTellOnce(TimeSpan.FromTicks(atTicks), link, new HopTransfer(new ImageTrace(0, i, 0, atTicks * 100, 1), 1, 1_000), ActorRefs.NoSender);
        }

        while (host.Step())
        {
        }

        double meanWaitNs = (sojourn.TotalNs / (double)sojourn.Count) - ServiceNs - LatencyNs;
        double expectedNs = 0.5 * ServiceNs / (2 * (1 - 0.5));
        output.WriteLine($"mean wait {meanWaitNs / 1e6:F4} ms, Pollaczek-Khinchine {expectedNs / 1e6:F4} ms");
        Assert.Equal(Arrivals, sojourn.Count);
        Assert.InRange(meanWaitNs / expectedNs, 0.98, 1.02);
    }

    private sealed class SojournTotals
    {
        public long TotalNs { get; set; }

        public int Count { get; set; }
    }

    private sealed class SojournCollector : ReceiveActor
    {
        public SojournCollector(SojournTotals totals) => Receive<HopTransfer>(t =>
        {
            totals.TotalNs += Context.System.Scheduler.NowNanoseconds() - t.Image.ArrivalNs;
            totals.Count++;
        });
    }
}
