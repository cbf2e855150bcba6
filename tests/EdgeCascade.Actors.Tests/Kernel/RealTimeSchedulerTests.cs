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

    [Fact]
    public void Supervision_ConcurrentSendersAndPeriodicFailures_EveryOtherMessageIsProcessed()
    {
        var received = new System.Collections.Concurrent.ConcurrentQueue<(int, int)>();
        var parentProps = Props.Create(() => new FlakyParent(received, TestActor))
            .WithSupervisorStrategy(new OneForOneStrategy(_ => Directive.Resume));
        IActorRef parent = Sys.ActorOf(parentProps);
        IActorRef child = ExpectMsg<IActorRef>();

        Parallel.For(0, 4, sender =>
        {
            for (int seq = 0; seq < 5_000; seq++)
            {
                child.Tell((sender, seq));
            }
        });
        child.Tell("done?", TestActor);

        // Messages with odd seq throw; Resume keeps the instance and the rest of the mailbox.
        Assert.Equal(4 * 2_500, ExpectMsg<int>(within: TimeSpan.FromSeconds(30)));
        Assert.All(received, r => Assert.Equal(0, r.Item2 % 2));
        Assert.NotNull(parent);
    }

    [Fact]
    public void Restart_RealTimeWithQueuedMessages_NewInstanceProcessesThemAll()
    {
        var received = new System.Collections.Concurrent.ConcurrentQueue<(int, int)>();
        IActorRef parent = Sys.ActorOf(Props.Create(() => new FlakyParent(received, TestActor)));
        IActorRef child = ExpectMsg<IActorRef>();

        for (int seq = 0; seq < 1_000; seq++)
        {
            child.Tell((0, seq));
        }

        child.Tell("done?", TestActor);

        // The default strategy restarts on each odd message (500 restarts); the mailbox survives
        // every one, so all even messages arrive in order, and the last instance (fresh after the
        // failure on 999) has processed nothing itself.
        Assert.Equal(0, ExpectMsg<int>(within: TimeSpan.FromSeconds(30)));
        Assert.Equal(Enumerable.Range(0, 500).Select(i => 2 * i), received.Select(r => r.Item2));
        Assert.NotNull(parent);
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

    private sealed class FlakyParent : ReceiveActor
    {
        public FlakyParent(System.Collections.Concurrent.ConcurrentQueue<(int, int)>? received, IActorRef report) =>
            report.Tell(Context.ActorOf(Props.Create(() => new FlakyChild(received)), "flaky"));
    }

    private sealed class FlakyChild : ReceiveActor
    {
        private int _processed;

        public FlakyChild(System.Collections.Concurrent.ConcurrentQueue<(int, int)>? received)
        {
            Receive<(int, int)>(m =>
            {
                if (m.Item2 % 2 == 1)
                {
                    throw new InvalidOperationException("odd");
                }

                received?.Enqueue(m);
                _processed++;
            });
            Receive<string>(_ => Sender.Tell(_processed));
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
