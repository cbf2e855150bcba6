using EdgeCascade.Actors.Kernel;
using EdgeCascade.Actors.TestKit;

namespace EdgeCascade.Actors.Tests.Kernel;

public sealed class DeathWatchTests : ActorTestKit
{
    [Fact]
    public void Watch_WatchedActorStops_WatcherReceivesTerminated()
    {
        IActorRef target = Sys.ActorOf(Props.Create(() => new Idle()), "target");
        IActorRef watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor)));
        watcher.Tell(new WatchIt(target));
        RunPending();

        Sys.Stop(target);

        Assert.Same(target, ExpectMsg<Terminated>().ActorRef);
    }

    [Fact]
    public void Watch_AlreadyStoppedActor_TerminatedArrivesAtOnce()
    {
        IActorRef target = Sys.ActorOf(Props.Create(() => new Idle()));
        Sys.Stop(target);
        RunPending();
        IActorRef watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor)));

        watcher.Tell(new WatchIt(target));

        Assert.Same(target, ExpectMsg<Terminated>().ActorRef);
    }

    [Fact]
    public void Unwatch_BeforeWatchedActorStops_NoTerminated()
    {
        IActorRef target = Sys.ActorOf(Props.Create(() => new Idle()));
        IActorRef watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor)));
        watcher.Tell(new WatchIt(target));
        watcher.Tell(new UnwatchIt(target));
        RunPending();

        Sys.Stop(target);

        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Unwatch_AfterNotificationWasQueued_NoTerminated()
    {
        IActorRef target = Sys.ActorOf(Props.Create(() => new Idle()));
        IActorRef watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor)));
        watcher.Tell(new WatchIt(target));
        RunPending();

        // The target stops first and queues the notification behind the Unwatch; the watcher
        // handles the Unwatch, then drops the notification.
        Sys.Stop(target);
        watcher.Tell(new UnwatchIt(target));

        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Stop_ParentWithChildren_ChildrenStopBeforeParentAndWatchersAreTold()
    {
        var order = new List<string>();
        IActorRef parent = Sys.ActorOf(Props.Create(() => new Tree(order, depth: 2)), "root");
        RunPending();
        Watch(parent);

        Sys.Stop(parent);

        ExpectTerminated(parent);
        Assert.Equal(7, order.Count);
        Assert.Equal("/user/root", order[^1]);
        Assert.True(order.IndexOf("/user/root/a") > order.IndexOf("/user/root/a/a"));
        Assert.True(order.IndexOf("/user/root/a") > order.IndexOf("/user/root/a/b"));
    }

    [Fact]
    public void ProbeWatch_ActorStoppedWithPoisonPill_ProbeReceivesTerminated()
    {
        IActorRef target = Sys.ActorOf(Props.Create(() => new Idle()));
        Watch(target);

        target.Tell(PoisonPill.Instance);

        ExpectTerminated(target);
    }

    private sealed record WatchIt(IActorRef Target);

    private sealed record UnwatchIt(IActorRef Target);

    private sealed class Idle : ReceiveActor
    {
    }

    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef probe)
        {
            Receive<WatchIt>(w => Context.Watch(w.Target));
            Receive<UnwatchIt>(w => Context.Unwatch(w.Target));
            Receive<Terminated>(t => probe.Tell(t));
        }
    }

    private sealed class Tree : ReceiveActor
    {
        private readonly List<string> _order;

        public Tree(List<string> order, int depth)
        {
            _order = order;
            if (depth > 0)
            {
                Context.ActorOf(Props.Create(() => new Tree(order, depth - 1)), "a");
                Context.ActorOf(Props.Create(() => new Tree(order, depth - 1)), "b");
            }
        }

        protected override void PostStop() => _order.Add(Self.Path);
    }
}
