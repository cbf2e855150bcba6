using EdgeCascade.Actors.Kernel;
using EdgeCascade.Actors.TestKit;

namespace EdgeCascade.Actors.Tests.Kernel;

public sealed class RealTimeSchedulerTests() : ActorTestKit(ActorSystemSettings.ForRealTime(new RealTimeScheduler()))
{
    private const int PingPongMessages = 100_000;

    [Fact]
    public void PingPong_100kMessagesAcrossThreadPool_AllArriveInOrder()
    {
        IActorRef ponger = Sys.ActorOf(Props.Create(() => new Ponger()), "ponger");
        IActorRef pinger = Sys.ActorOf(Props.Create(() => new Pinger(ponger, PingPongMessages, TestActor)), "pinger");

        pinger.Tell("start");

        Done done = ExpectMsg<Done>(within: TimeSpan.FromSeconds(60));
        Assert.Equal(PingPongMessages, done.Received);
        Assert.True(done.InOrder);
    }

    [Fact]
    public void Tell_ManyConcurrentSenders_EachSendersOrderIsKept()
    {
        var received = new System.Collections.Concurrent.ConcurrentQueue<(int Sender, int Seq)>();
        IActorRef sink = Sys.ActorOf(Props.Create(() => new Collector(received, 4 * 10_000, TestActor)));

        Parallel.For(0, 4, sender =>
        {
            for (int seq = 0; seq < 10_000; seq++)
            {
                sink.Tell((sender, seq));
            }
        });

        ExpectMsg("complete", TimeSpan.FromSeconds(30));
        foreach (IGrouping<int, (int Sender, int Seq)> perSender in received.GroupBy(r => r.Sender))
        {
            Assert.Equal(Enumerable.Range(0, 10_000), perSender.Select(r => r.Seq));
        }
    }

    [Fact]
    public void StartSingleTimer_RealTime_FiresAfterDelay()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new DelayedReply(TestActor)));
        long start = Sys.Clock.Now;

        actor.Tell(TimeSpan.FromMilliseconds(50));

        ExpectMsg("fired", TimeSpan.FromSeconds(5));
        Assert.True(Sys.Clock.Now - start >= TimeSpan.FromMilliseconds(50).ToNanoseconds());
    }

    [Fact]
    public void ScheduleTellAt_SeveralDueTimes_DeliversInTimeOrder()
    {
        long now = Sys.Clock.Now;
        long ms = TimeSpan.FromMilliseconds(1).ToNanoseconds();

        Sys.Scheduler.ScheduleTellAt(now + 60 * ms, TestActor, "third");
        Sys.Scheduler.ScheduleTellAt(now + 20 * ms, TestActor, "first");
        Sys.Scheduler.ScheduleTellAt(now + 40 * ms, TestActor, "second");

        ExpectMsg("first");
        ExpectMsg("second");
        ExpectMsg("third");
    }

    [Fact]
    public async Task Ask_ActorReplies_TaskCompletesWithReply()
    {
        IActorRef ponger = Sys.ActorOf(Props.Create(() => new Ponger()));

        Pong pong = await ponger.Ask<Pong>(new Ping(7), TimeSpan.FromSeconds(5));

        Assert.Equal(new Pong(7), pong);
    }

    [Fact]
    public async Task Ask_NoReply_FailsWithTimeout()
    {
        IActorRef silent = Sys.ActorOf(Props.Create(() => new DelayedReply(null)));

        await Assert.ThrowsAsync<TimeoutException>(() => silent.Ask<string>("never", TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public void Watch_RealTime_TerminatedArrives()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new Ponger()));
        Watch(actor);

        actor.Tell(PoisonPill.Instance);

        ExpectTerminated(actor);
    }

    private sealed record Ping(int N);

    private sealed record Pong(int N);

    private sealed record Done(int Received, bool InOrder);

    private sealed class Ponger : ReceiveActor
    {
        public Ponger() => Receive<Ping>(p => Sender.Tell(new Pong(p.N)));
    }

    private sealed class Pinger : ReceiveActor
    {
        private int _received;
        private bool _inOrder = true;

        public Pinger(IActorRef ponger, int count, IActorRef done)
        {
            Receive<string>(_ => ponger.Tell(new Ping(0), Self));
            Receive<Pong>(pong =>
            {
                _inOrder &= pong.N == _received;
                _received++;
                if (_received == count)
                {
                    done.Tell(new Done(_received, _inOrder));
                }
                else
                {
                    ponger.Tell(new Ping(_received), Self);
                }
            });
        }
    }

    private sealed class Collector : ReceiveActor
    {
        public Collector(System.Collections.Concurrent.ConcurrentQueue<(int, int)> received, int expected, IActorRef done)
        {
            int count = 0;
            Receive<(int, int)>(m =>
            {
                received.Enqueue(m);
                if (++count == expected)
                {
                    done.Tell("complete");
                }
            });
        }
    }

    private sealed class DelayedReply : ReceiveActor
    {
        public DelayedReply(IActorRef? probe)
        {
            Receive<TimeSpan>(delay => Context.Timers.StartSingleTimer("t", "fire", delay));
            Receive<string>(_ => probe?.Tell("fired"), s => s == "fire");
        }
    }
}
