using BenchmarkDotNet.Attributes;
using EdgeCascade.Actors.Kernel;

namespace EdgeCascade.Benchmarks;

/// <summary>
/// Virtual-time actor kernel throughput. Each benchmark delivers <see cref="Messages"/> messages
/// and declares them as its operations, so the Op/s column reads directly as messages per second.
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project bench/EdgeCascade.Benchmarks -- --filter *ActorBenchmarks* --job short</c>.
/// </remarks>
[MemoryDiagnoser]
[OperationsPerSecond]
public class ActorBenchmarks
{
    private const int Messages = 1_000_000;

    /// <summary>Concurrent ping-pong pairs (messages in flight at once).</summary>
    [Params(1, 16)]
    public int Pairs { get; set; }

    /// <summary>Request-reply between pairs of actors; every delivery is one event at the current time.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public long PingPong()
    {
        var scheduler = new VirtualTimeScheduler();
        ActorSystem system = ActorSystem.Create("bench", ActorSystemSettings.ForVirtualTime(scheduler));
        int roundTrips = Messages / 2 / Pairs;
        for (int i = 0; i < Pairs; i++)
        {
            IActorRef ponger = system.ActorOf(Props.Create(() => new Ponger()));
            IActorRef pinger = system.ActorOf(Props.Create(() => new Pinger(ponger, roundTrips)));
            pinger.Tell(Ball.Instance);
        }

        return scheduler.RunUntilIdle();
    }

    /// <summary>
    /// Discrete-event shape: every hop is delivered in the virtual future (seeded 0-999 ns delay
    /// through <see cref="IScheduler.ScheduleTellAt"/>), so each message also goes through the
    /// time-ordered heap, as link and GPU delays do in the simulator.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public long DelayedHops()
    {
        var scheduler = new VirtualTimeScheduler();
        ActorSystem system = ActorSystem.Create("bench", ActorSystemSettings.ForVirtualTime(scheduler));
        var nodes = new IActorRef[Pairs * 2];
        var budget = new HopBudget(Messages);
        for (int i = 0; i < nodes.Length; i++)
        {
            int seed = i;
            nodes[i] = system.ActorOf(Props.Create(() => new Hopper(nodes, budget, seed)));
        }

        foreach (IActorRef node in nodes)
        {
            node.Tell(Ball.Instance);
        }

        return scheduler.RunUntilIdle();
    }

    private sealed class Ball
    {
        public static Ball Instance { get; } = new();
    }

    private sealed class HopBudget(int remaining)
    {
        public bool TryTake() => --remaining >= 0;
    }

    private sealed class Ponger : ReceiveActor
    {
        public Ponger() => Receive<Ball>(ball => Sender.Tell(ball, Self));
    }

    private sealed class Pinger : ReceiveActor
    {
        private int _remaining;

        public Pinger(IActorRef ponger, int roundTrips)
        {
            _remaining = roundTrips;
            Receive<Ball>(ball =>
            {
                if (_remaining-- > 0)
                {
                    ponger.Tell(ball, Self);
                }
            });
        }
    }

    private sealed class Hopper : ReceiveActor
    {
        public Hopper(IActorRef[] nodes, HopBudget budget, int seed)
        {
            var random = new Random(seed);
            Receive<Ball>(ball =>
            {
                if (budget.TryTake())
                {
                    IActorRef next = nodes[random.Next(nodes.Length)];
                    Context.System.Scheduler.ScheduleTellAt(Context.Clock.Now + random.Next(1000), next, ball, Self);
                }
            });
        }
    }
}
