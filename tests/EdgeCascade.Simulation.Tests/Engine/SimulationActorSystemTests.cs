using Akka.Actor;
using EdgeCascade.Actors.Timing;
using EdgeCascade.Simulation.Engine;

namespace EdgeCascade.Simulation.Tests.Engine;

/// <summary>The simulator's Akka host: virtual time, the deterministic loop, supervision of the simulation actors.</summary>
public sealed class SimulationActorSystemTests
{
    [Fact]
    public void Step_TimersAtDifferentTimes_ClockJumpsToEachInOrder()
    {
        using var host = new SimulationActorSystem("order");
        var seen = new List<(string Name, long Ns)>();
        host.Start(context =>
        {
            foreach ((string name, int ms) in new[] { ("late", 30), ("early", 10), ("middle", 20), ("tie", 20) })
            {
                context.ActorOf(Props.Create(() => new Alarm(name, TimeSpan.FromMilliseconds(ms), seen)).WithDispatcher(SimulationActorSystem.DispatcherId), name);
            }
        });

        while (host.Step())
        {
        }

        Assert.Equal([("early", 10_000_000L), ("middle", 20_000_000L), ("tie", 20_000_000L), ("late", 30_000_000L)], seen);
        Assert.Equal(30_000_000, host.NowNanoseconds);
    }

    [Fact]
    public void Step_LongChainOfTells_RunsWithoutGrowingTheStack()
    {
        // 200,000 hops through a ring: the calling-thread dispatcher would recurse once per hop and overflow.
        using var host = new SimulationActorSystem("chain");
        var counter = new HopCounter();
        host.Start(context =>
        {
            var ring = new IActorRef[100];
            for (int i = 0; i < ring.Length; i++)
            {
                ring[i] = context.ActorOf(Props.Create(() => new RingMember(ring, counter)).WithDispatcher(SimulationActorSystem.DispatcherId), $"r{i}");
            }

            ring[0].Tell(200_000);
        });

        while (host.Step())
        {
        }

        Assert.Equal(200_001, counter.Hops);
        Assert.True(host.Events >= 200_001);
    }

    [Fact]
    public void Step_ActorThrows_StopsTheRunAndReportsTheFailure()
    {
        using var host = new SimulationActorSystem("failing");
        IActorRef target = ActorRefs.Nobody;
        host.Start(context => target = context.ActorOf(Props.Create(() => new Thrower()).WithDispatcher(SimulationActorSystem.DispatcherId), "thrower"));

        target.Tell("boom");
        bool more = host.Step();

        Assert.False(more);
        Assert.IsType<InvalidDataException>(host.Failure);
        Assert.Contains("boom", host.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_ChildConstructorThrows_ThrowsNamingTheCause()
    {
        using var host = new SimulationActorSystem("bad-start");

        var error = Assert.Throws<InvalidOperationException>(() =>
            host.Start(context => context.ActorOf(Props.Create(() => new BrokenOnCreate()).WithDispatcher(SimulationActorSystem.DispatcherId), "broken")));

        Assert.Contains("failed to start", error.Message, StringComparison.Ordinal);
    }

    private sealed class Alarm : UntypedActor, IWithTimers
    {
        private readonly string _name;
        private readonly TimeSpan _after;
        private readonly List<(string, long)> _seen;

        public Alarm(string name, TimeSpan after, List<(string, long)> seen)
        {
            _name = name;
            _after = after;
            _seen = seen;
        }

        public ITimerScheduler Timers { get; set; } = null!;

        protected override void PreStart() => Timers.StartSingleTimer("alarm", "ring", _after);

        protected override void OnReceive(object message) => _seen.Add((_name, Context.System.Scheduler.NowNanoseconds()));
    }

    private sealed class HopCounter
    {
        public long Hops { get; set; }
    }

    private sealed class RingMember(IActorRef[] ring, HopCounter counter) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            counter.Hops++;
            if (message is int left && left > 0)
            {
                ring[(int)(counter.Hops % ring.Length)].Tell(left - 1);
            }
        }
    }

    private sealed class Thrower : UntypedActor
    {
        protected override void OnReceive(object message) => throw new InvalidDataException($"told {message}");
    }

    private sealed class BrokenOnCreate : UntypedActor
    {
        public BrokenOnCreate() => throw new InvalidDataException("cannot build");

        protected override void OnReceive(object message)
        {
        }
    }
}
