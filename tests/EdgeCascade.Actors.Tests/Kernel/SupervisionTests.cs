using EdgeCascade.Actors.Kernel;
using EdgeCascade.Actors.TestKit;

namespace EdgeCascade.Actors.Tests.Kernel;

public sealed class SupervisionTests : ActorTestKit
{
    [Fact]
    public void Resume_ChildThrows_KeepsStateAndContinuesWithNextMessage()
    {
        IActorRef child = StartSupervised(_ => Directive.Resume);

        child.Tell("inc");
        child.Tell(new Fail());
        child.Tell("inc");
        child.Tell("get", TestActor);

        Assert.Equal(2, ExpectMsg<int>());
    }

    [Fact]
    public void Restart_ChildThrows_NewInstanceFromPropsProcessesTheKeptMailbox()
    {
        IActorRef child = StartSupervised(_ => Directive.Restart);

        // All queued before anything runs: the restart must keep the three after the failure.
        child.Tell("inc");
        child.Tell(new Fail());
        child.Tell("inc");
        child.Tell("inc");
        child.Tell("get", TestActor);

        Assert.Equal(2, ExpectMsg<int>());
    }

    [Fact]
    public void Restart_ChildThrows_RunsLifecycleHooksInOrder()
    {
        var lifecycle = CreateTestProbe();
        IActorRef child = StartSupervised(_ => Directive.Restart, lifecycle);
        lifecycle.ExpectMsg("PreStart");

        child.Tell(new Fail());

        lifecycle.ExpectMsg("PreRestart Fail");
        lifecycle.ExpectMsg("PostRestart");
        lifecycle.ExpectMsg("PreStart");
        lifecycle.ExpectNoMsg();
    }

    [Fact]
    public void Stop_ChildThrows_ChildTerminatesAndLaterMessagesAreDeadLetters()
    {
        IActorRef child = StartSupervised(_ => Directive.Stop);
        Watch(child);

        child.Tell(new Fail());

        ExpectTerminated(child);
        child.Tell("inc");
        Assert.Equal(1, Sys.DeadLetterCount);
    }

    [Fact]
    public void Restart_MoreFailuresThanMaxRetriesWithinWindow_ChildIsStopped()
    {
        IActorRef child = StartSupervised(new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart));
        Watch(child);

        child.Tell(new Fail());
        child.Tell(new Fail());
        ExpectNoMsg();
        child.Tell(new Fail());

        ExpectTerminated(child);
    }

    [Fact]
    public void Restart_FailuresSpreadBeyondVirtualWindow_RetriesAreCountedPerWindow()
    {
        IActorRef child = StartSupervised(new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart));
        Watch(child);

        child.Tell(new Fail());
        child.Tell(new Fail());
        Advance(TimeSpan.FromMinutes(2));
        child.Tell(new Fail());
        child.Tell(new Fail());
        child.Tell("get", TestActor);

        Assert.Equal(0, ExpectMsg<int>());
        child.Tell(new Fail());
        ExpectTerminated(child);
    }

    [Fact]
    public void Restart_ZeroMaxRetries_StopsOnFirstFailure()
    {
        IActorRef child = StartSupervised(new OneForOneStrategy(0, Timeout.InfiniteTimeSpan, _ => Directive.Restart));
        Watch(child);

        child.Tell(new Fail());

        ExpectTerminated(child);
    }

    [Fact]
    public void Escalate_ChildThrows_GrandparentRestartsParentWhichRecreatesChild()
    {
        var reports = CreateTestProbe();
        Props childProps = Props.Create(() => new Fragile(null));
        Props parentProps = Props.Create(() => new Supervisor(childProps, reports))
            .WithSupervisorStrategy(new OneForOneStrategy(_ => Directive.Escalate));
        Props grandparentProps = Props.Create(() => new Supervisor(parentProps, reports))
            .WithSupervisorStrategy(new OneForOneStrategy(_ => Directive.Restart));
        Sys.ActorOf(grandparentProps, "grandparent");
        reports.ExpectMsg<IActorRef>();
        IActorRef child = reports.ExpectMsg<IActorRef>();
        Assert.Equal("/user/grandparent/child/child", child.Path);
        Watch(child);

        child.Tell(new Fail());

        // The restarted parent's default PreRestart stops the old child, then a new one starts.
        ExpectTerminated(child);
        IActorRef newChild = reports.ExpectMsg<IActorRef>();
        Assert.NotSame(child, newChild);
        Assert.Equal(child.Path, newChild.Path);
    }

    [Fact]
    public void Escalate_PastTheGuardian_TerminatesSystemWithCause()
    {
        using var kit = new ActorTestKit(new ActorSystemSettings
        {
            Scheduler = new VirtualTimeScheduler(),
            GuardianSupervisorStrategy = new OneForOneStrategy(_ => Directive.Escalate),
        });
        IActorRef actor = kit.Sys.ActorOf(Props.Create(() => new Fragile(null)));

        actor.Tell(new Fail());
        kit.RunPending();

        Assert.True(kit.Sys.IsTerminated);
        Assert.IsType<InvalidOperationException>(kit.Sys.TerminationCause);
    }

    [Fact]
    public void DefaultStrategy_ConstructorThrows_ActorIsStopped()
    {
        IActorRef actor = Sys.ActorOf(Props.Create<Fragile>(() => throw new InvalidOperationException("no")));
        Watch(actor);

        ExpectTerminated(actor);
    }

    [Fact]
    public void DefaultStrategy_HandlerThrows_ActorIsRestarted()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new Fragile(null)));
        actor.Tell("inc");
        actor.Tell(new Fail());
        actor.Tell("get", TestActor);

        Assert.Equal(0, ExpectMsg<int>());
    }

    [Fact]
    public void Decider_Throws_SupervisorFailsAndIsRestartedByItsParent()
    {
        var reports = CreateTestProbe();
        Props childProps = Props.Create(() => new Fragile(null));
        Props parentProps = Props.Create(() => new Supervisor(childProps, reports))
            .WithSupervisorStrategy(new OneForOneStrategy(_ => throw new InvalidOperationException("decider bug")));
        Sys.ActorOf(parentProps, "parent");
        IActorRef child = reports.ExpectMsg<IActorRef>();
        Watch(child);

        child.Tell(new Fail());

        // The guardian's default strategy restarts the parent, which replaces its child.
        ExpectTerminated(child);
        Assert.NotSame(child, reports.ExpectMsg<IActorRef>());
        Assert.False(Sys.IsTerminated);
    }

    private IActorRef StartSupervised(Func<Exception, Directive> decider, IActorRef? lifecycle = null) =>
        StartSupervised(new OneForOneStrategy(decider), lifecycle);

    private IActorRef StartSupervised(SupervisorStrategy strategy, IActorRef? lifecycle = null)
    {
        var reports = CreateTestProbe();
        Props childProps = Props.Create(() => new Fragile(lifecycle));
        Sys.ActorOf(Props.Create(() => new Supervisor(childProps, reports)).WithSupervisorStrategy(strategy), "parent");
        return reports.ExpectMsg<IActorRef>();
    }

    private sealed record Fail;

    /// <summary>Creates one child named "child" per instance and reports it.</summary>
    private sealed class Supervisor : ReceiveActor
    {
        public Supervisor(Props childProps, IActorRef reports)
        {
            reports.Tell(Context.ActorOf(childProps, "child"));
        }
    }

    /// <summary>Counts "inc", answers "get", throws on Fail, reports lifecycle hooks.</summary>
    private sealed class Fragile : ReceiveActor
    {
        private readonly IActorRef? _lifecycle;
        private int _count;

        public Fragile(IActorRef? lifecycle)
        {
            _lifecycle = lifecycle;
            Receive<string>(s => _count++, s => s == "inc");
            Receive<string>(s => Sender.Tell(_count), s => s == "get");
            Receive<Fail>(_ => throw new InvalidOperationException("fail"));
        }

        protected override void PreStart() => _lifecycle?.Tell("PreStart");

        protected override void PostStop() => _lifecycle?.Tell("PostStop");

        protected override void PreRestart(Exception reason, object? message) =>
            _lifecycle?.Tell("PreRestart " + message?.GetType().Name);

        protected override void PostRestart(Exception reason)
        {
            _lifecycle?.Tell("PostRestart");
            base.PostRestart(reason);
        }
    }
}
