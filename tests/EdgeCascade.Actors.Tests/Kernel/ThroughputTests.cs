using System.Diagnostics;
using EdgeCascade.Actors.Kernel;
using Xunit.Abstractions;

namespace EdgeCascade.Actors.Tests.Kernel;

/// <summary>
/// Reports virtual-time message throughput. Asserts correctness only, never speed: timing
/// assertions are flaky on shared machines; the BenchmarkDotNet suite measures properly.
/// </summary>
public sealed class ThroughputTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    public void PingPong_VirtualTimeOneMillionMessagesInTotal_AllDeliveredAndRateReported(int pairs)
    {
        int messagesPerPair = 1_000_000 / pairs;
        var scheduler = new VirtualTimeScheduler();
        ActorSystem system = ActorSystem.Create("bench", ActorSystemSettings.ForVirtualTime(scheduler));
        var counters = new int[pairs];
        for (int i = 0; i < pairs; i++)
        {
            int index = i;
            IActorRef ponger = system.ActorOf(Props.Create(() => new Ponger()));
            IActorRef pinger = system.ActorOf(Props.Create(() => new Pinger(ponger, messagesPerPair / 2, counters, index)));
            pinger.Tell(Start.Instance);
        }

        var stopwatch = Stopwatch.StartNew();
        long events = scheduler.RunUntilIdle();
        stopwatch.Stop();

        long messages = (long)pairs * messagesPerPair;
        Assert.All(counters, c => Assert.Equal(messagesPerPair / 2, c));
        output.WriteLine($"{pairs} pair(s): {messages:N0} messages, {events:N0} events in {stopwatch.Elapsed.TotalMilliseconds:F0} ms = {messages / stopwatch.Elapsed.TotalSeconds:N0} msg/s");
    }

    private sealed record Start
    {
        public static Start Instance { get; } = new();
    }

    private sealed class Ping
    {
        public static Ping Instance { get; } = new();
    }

    private sealed class Ponger : ReceiveActor
    {
        public Ponger() => Receive<Ping>(p => Sender.Tell(p, Self));
    }

    private sealed class Pinger : ReceiveActor
    {
        private int _remaining;

        public Pinger(IActorRef ponger, int roundTrips, int[] counters, int index)
        {
            _remaining = roundTrips;
            Receive<Start>(_ => ponger.Tell(Ping.Instance, Self));
            Receive<Ping>(p =>
            {
                counters[index]++;
                if (--_remaining > 0)
                {
                    ponger.Tell(p, Self);
                }
            });
        }
    }
}
