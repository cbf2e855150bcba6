using EdgeCascade.Actors.Kernel;
using EdgeCascade.Actors.TestKit;

namespace EdgeCascade.Actors.Tests.Kernel;

public sealed class TimerTests : ActorTestKit
{
    private static readonly long s_ms = TimeSpan.FromMilliseconds(1).ToNanoseconds();

    [Fact]
    public void StartSingleTimer_Delay_DeliversOnceAtExactVirtualTime()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));

        actor.Tell(new StartSingle("tick", TimeSpan.FromMilliseconds(100)));

        Assert.Equal(new Fired("tick", 100 * s_ms), ExpectMsg<Fired>());
        Assert.Equal(100 * s_ms, Now);
        ExpectNoMsg(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void StartPeriodicTimer_Interval_DeliversAtFixedRate()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));

        actor.Tell(new StartPeriodic("tick", TimeSpan.FromMilliseconds(10)));

        Assert.Equal(10 * s_ms, ExpectMsg<Fired>().At);
        Assert.Equal(20 * s_ms, ExpectMsg<Fired>().At);
        Assert.Equal(30 * s_ms, ExpectMsg<Fired>().At);
    }

    [Fact]
    public void Cancel_BeforeDue_NothingDelivered()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new StartSingle("tick", TimeSpan.FromMilliseconds(10)));
        Advance(TimeSpan.FromMilliseconds(5));

        actor.Tell(new CancelTimer("tick"));

        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Cancel_AfterTimerMessageWasQueued_MessageIsNotReceived()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new StartSingle("tick", TimeSpan.FromMilliseconds(10)));
        RunPending();

        // The cancel is queued first (priority -1), the timer fires right after into the same
        // mailbox, and the actor handles the cancel before it reaches the timer message.
        VirtualScheduler!.ScheduleTellAt(10 * s_ms, actor, new CancelTimer("tick"), priority: -1);

        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void StartSingleTimer_SameKeyAgain_ReplacesPreviousTimer()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));

        actor.Tell(new StartSingle("a", TimeSpan.FromMilliseconds(10)));
        actor.Tell(new StartSingle("b", TimeSpan.FromMilliseconds(50), Key: "a"));

        Assert.Equal(new Fired("b", 50 * s_ms), ExpectMsg<Fired>());
        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Stop_ActorWithPeriodicTimer_TimerStopsWithoutDeadLetters()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new StartPeriodic("tick", TimeSpan.FromMilliseconds(10)));
        ExpectMsg<Fired>();

        Sys.Stop(actor);

        ExpectNoMsg(TimeSpan.FromSeconds(1));
        Assert.Equal(0, Sys.DeadLetterCount);
    }

    [Fact]
    public void IsTimerActive_SingleTimerBeforeAndAfterFiring_ReflectsState()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new StartSingle("tick", TimeSpan.FromMilliseconds(10)));
        actor.Tell(new QueryActive("tick"));
        Assert.True(ExpectMsg<bool>());

        ExpectMsg<Fired>();
        actor.Tell(new QueryActive("tick"));

        Assert.False(ExpectMsg<bool>());
    }

    private sealed record StartSingle(string Message, TimeSpan Delay, string? Key = null);

    private sealed record StartPeriodic(string Message, TimeSpan Interval);

    private sealed record CancelTimer(string Key);

    private sealed record QueryActive(string Key);

    private sealed record Fired(string Message, long At);

    private sealed class TimerActor : ReceiveActor
    {
        public TimerActor(IActorRef probe)
        {
            Receive<StartSingle>(s => Context.Timers.StartSingleTimer(s.Key ?? s.Message, s.Message, s.Delay));
            Receive<StartPeriodic>(s => Context.Timers.StartPeriodicTimer(s.Message, s.Message, s.Interval));
            Receive<CancelTimer>(c => Context.Timers.Cancel(c.Key));
            Receive<QueryActive>(q => probe.Tell(Context.Timers.IsTimerActive(q.Key)));
            Receive<string>(m => probe.Tell(new Fired(m, Context.Clock.Now)));
        }
    }
}
