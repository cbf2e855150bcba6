using Akka.Actor;
using BenchmarkDotNet.Attributes;
using EdgeCascade.Simulation.Engine;

namespace EdgeCascade.Benchmarks;

/// <summary>
/// Akka.NET actors on the simulator's loop (<see cref="SimulationActorSystem"/>): message throughput of
/// <see cref="UntypedActor"/> against <see cref="ReceiveActor"/>, and of timer-delayed hops. Each benchmark
/// delivers <see cref="Messages"/> messages and declares them as its operations, so Op/s reads as messages per second.
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project bench/EdgeCascade.Benchmarks -- --filter *ActorBenchmarks* --job short</c>.
/// The system's start and stop are inside each invocation (~0.1 s), as they are in a simulation run.
/// </remarks>
[MemoryDiagnoser]
[OperationsPerSecond]
public class ActorBenchmarks
{
    private const int Messages = 1_000_000;

    /// <summary>Concurrent ping-pong pairs (messages in flight at once).</summary>
    [Params(1, 16)]
    public int Pairs { get; set; }

    /// <summary>Request-reply between pairs of <see cref="UntypedActor"/>s (one type switch per message).</summary>
    [Benchmark(OperationsPerInvoke = Messages, Baseline = true)]
    public long PingPongUntyped() => PingPong(typed: false);

    /// <summary>The same with <see cref="ReceiveActor"/>s (handler lookup per message).</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public long PingPongReceive() => PingPong(typed: true);

    /// <summary>Every hop through a timer (seeded 0-999 ticks), as link and GPU delays are in the simulator.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public long DelayedHops()
    {
        using var host = new SimulationActorSystem("bench");
        var budget = new HopBudget(Messages);
        host.Start(context =>
        {
            var nodes = new IActorRef[Pairs * 2];
            for (int i = 0; i < nodes.Length; i++)
            {
                int seed = i;
                nodes[i] = context.ActorOf(Props.Create(() => new Hopper(nodes, budget, seed)).WithDispatcher(SimulationActorSystem.DispatcherId));
            }

            foreach (IActorRef node in nodes)
            {
                node.Tell(Ball.Instance);
            }
        });
        while (host.Step())
        {
        }

        return host.Events;
    }

    private long PingPong(bool typed)
    {
        using var host = new SimulationActorSystem("bench");
        int roundTrips = Messages / 2 / Pairs;
        host.Start(context =>
        {
            for (int i = 0; i < Pairs; i++)
            {
                Props ponger = typed ? Props.Create(() => new ReceivePonger()) : Props.Create(() => new UntypedPonger());
                IActorRef target = context.ActorOf(ponger.WithDispatcher(SimulationActorSystem.DispatcherId));
                IActorRef pinger = context.ActorOf(Props.Create(() => new Pinger(target, roundTrips)).WithDispatcher(SimulationActorSystem.DispatcherId));
                pinger.Tell(Ball.Instance);
            }
        });
        while (host.Step())
        {
        }

        return host.Events;
    }

    private sealed class Ball
    {
        public static Ball Instance { get; } = new();
    }

    private sealed class UntypedPonger : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is Ball ball)
            {
                Sender.Tell(ball);
            }
        }
    }

    private sealed class ReceivePonger : ReceiveActor
    {
        public ReceivePonger() => Receive<Ball>(ball => Sender.Tell(ball));
    }

    private sealed class Pinger(IActorRef ponger, int roundTrips) : UntypedActor
    {
        private int _left = roundTrips;

        protected override void OnReceive(object message)
        {
            if (message is Ball ball && _left-- > 0)
            {
                ponger.Tell(ball);
            }
        }
    }

    private sealed class HopBudget(long messages)
    {
        public long Left { get; set; } = messages;
    }

    private sealed class Hopper(IActorRef[] nodes, HopBudget budget, int seed) : UntypedActor, IWithTimers
    {
        private readonly Random _random = new(seed);

        public ITimerScheduler Timers { get; set; } = null!;

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case Ball when budget.Left-- > 0:
                    var next = new Hop(nodes[_random.Next(nodes.Length)]);
                    Timers.StartSingleTimer(next, next, TimeSpan.FromTicks(_random.Next(1000)));
                    break;
                case Hop hop:
                    hop.Target.Tell(Ball.Instance);
                    break;
            }
        }
    }

    private sealed class Hop(IActorRef target)
    {
        public IActorRef Target { get; } = target;
    }
}
