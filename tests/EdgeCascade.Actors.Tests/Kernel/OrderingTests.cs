using EdgeCascade.Actors.Kernel;
using EdgeCascade.Actors.TestKit;

namespace EdgeCascade.Actors.Tests.Kernel;

public sealed class OrderingTests
{
    [Fact]
    public void Tell_ManyMessagesFromOneSender_ArriveInSendOrder()
    {
        using var kit = new ActorTestKit();
        var received = new List<int>();
        IActorRef recorder = kit.Sys.ActorOf(Props.Create(() => new Recorder(received)));

        for (int i = 0; i < 1000; i++)
        {
            recorder.Tell(i);
        }

        kit.RunPending();

        Assert.Equal(Enumerable.Range(0, 1000), received);
    }

    [Fact]
    public void Run_SameProgramTwice_ProducesIdenticalTraces()
    {
        List<string> first = RunProgram(seed: 7);
        List<string> second = RunProgram(seed: 7);

        Assert.True(first.Count > 1000, $"trace too short: {first.Count}");
        Assert.Equal(first, second);
    }

    [Fact]
    public void Run_DifferentSeeds_ProduceDifferentTraces()
    {
        Assert.NotEqual(RunProgram(seed: 7), RunProgram(seed: 8));
    }

    [Fact]
    public void Run_SameProgramWithFailuresOverflowAndStopsTwice_ProducesIdenticalTraces()
    {
        List<string> first = RunProgram(seed: 11, chaos: true);
        List<string> second = RunProgram(seed: 11, chaos: true);

        Assert.Contains(first, line => line.Contains("restarted", StringComparison.Ordinal));
        Assert.Contains(first, line => line.Contains("MailboxOverflow", StringComparison.Ordinal));
        Assert.Contains(first, line => line.Contains("terminated", StringComparison.Ordinal));
        Assert.Equal(first, second);
    }

    // Nodes pass tokens around with seeded delays (many ties at equal times), timers and
    // same-time bursts, recording (time, node, token) on every delivery.
    private static List<string> RunProgram(int seed, bool chaos = false)
    {
        var trace = new List<string>();
        using var kit = new ActorTestKit();
        var random = new Random(seed);
        var nodes = new IActorRef[6];
        for (int i = 0; i < nodes.Length; i++)
        {
            int index = i;
            Props props = Props.Create(() => new Relay(index, nodes, random, trace, chaos));
            nodes[i] = kit.Sys.ActorOf(chaos ? props.WithMailbox(3) : props, "node-" + i);
        }

        if (chaos)
        {
            IActorRef observer = kit.Sys.ActorOf(Props.Create(() => new Observer(trace, nodes[5])), "observer");
            kit.Sys.SubscribeDeadLetters(observer);
            kit.Sys.Scheduler.ScheduleAfter(TimeSpan.FromMilliseconds(50), () => kit.Sys.Stop(nodes[5]));
        }

        for (int token = 0; token < 40; token++)
        {
            nodes[token % nodes.Length].Tell(new Token(token, Hops: 0));
        }

        kit.Advance(TimeSpan.FromSeconds(1));
        return trace;
    }

    private sealed record Token(int Id, int Hops);

    /// <summary>Records dead letters and the death of one watched node into the trace.</summary>
    private sealed class Observer : ReceiveActor
    {
        public Observer(List<string> trace, IActorRef watched)
        {
            Context.Watch(watched);
            Receive<Terminated>(t => trace.Add($"{Context.Clock.Now} {t.ActorRef.Name} terminated"));
            ReceiveAny(m => trace.Add($"{Context.Clock.Now} dead letter {m.GetType().Name} {m}"));
        }
    }

    private sealed record Flush;

    private sealed class Recorder : ReceiveActor
    {
        public Recorder(List<int> received) => Receive<int>(received.Add);
    }

    private sealed class Relay : ReceiveActor
    {
        private readonly int _index;
        private readonly List<string> _trace;

        public Relay(int index, IActorRef[] nodes, Random random, List<string> trace, bool chaos)
        {
            _index = index;
            _trace = trace;
            Context.Timers.StartPeriodicTimer("flush", new Flush(), TimeSpan.FromMilliseconds(3));
            Receive<Flush>(_ => trace.Add($"{Context.Clock.Now} {index} flush"));
            Receive<Token>(token =>
            {
                trace.Add($"{Context.Clock.Now} {index} {token.Id}/{token.Hops} from {Sender.Name}");
                if (chaos && token.Hops % 13 == 7)
                {
                    throw new InvalidOperationException("chaos");
                }

                if (token.Hops >= 60)
                {
                    return;
                }

                IActorRef next = nodes[random.Next(nodes.Length)];
                var forward = token with { Hops = token.Hops + 1 };

                // Whole milliseconds make many deliveries coincide, exercising the tie-breaks.
                long delayNs = random.Next(0, 4) * 1_000_000L;
                if (delayNs == 0)
                {
                    next.Tell(forward, Self);
                }
                else
                {
                    Context.System.Scheduler.ScheduleTellAt(Context.Clock.Now + delayNs, next, forward, Self);
                }
            });
        }

        protected override void PostRestart(Exception reason)
        {
            _trace.Add($"{Context.Clock.Now} {_index} restarted");
            base.PostRestart(reason);
        }
    }
}
