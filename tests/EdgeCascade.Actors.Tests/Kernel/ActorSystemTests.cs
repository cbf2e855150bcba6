using EdgeCascade.Actors.Kernel;
using EdgeCascade.Actors.TestKit;

namespace EdgeCascade.Actors.Tests.Kernel;

public sealed class ActorSystemTests : ActorTestKit
{
    [Fact]
    public void ActorOf_NamedAndGeneratedNames_GivesPathsUnderUser()
    {
        IActorRef named = Sys.ActorOf(Props.Create(() => new Parent(TestActor)), "node");
        IActorRef generated = Sys.ActorOf(Props.Create(() => new Parent(null)));

        Assert.Equal("/user/node", named.Path);
        Assert.Equal("node", named.Name);
        Assert.Equal("/user/$1", generated.Path);
        Assert.Equal("/user/node/uplink", ExpectMsg<IActorRef>().Path);
    }

    [Fact]
    public void ActorOf_DuplicateName_Throws()
    {
        Sys.ActorOf(Props.Create(() => new Parent(null)), "node");

        Assert.Throws<ArgumentException>(() => Sys.ActorOf(Props.Create(() => new Parent(null)), "node"));
    }

    [Fact]
    public void ActorOf_NameOfStoppedActor_CanBeReused()
    {
        IActorRef first = Sys.ActorOf(Props.Create(() => new Parent(null)), "node");
        Sys.Stop(first);

        IActorRef second = Sys.ActorOf(Props.Create(() => new Parent(null)), "node");

        Assert.NotSame(first, second);
    }

    [Fact]
    public void ActorBase_ConstructedWithNew_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new Parent(null));
    }

    [Fact]
    public void Terminate_RunningActors_AllStopAndWhenTerminatedCompletes()
    {
        var stopped = CreateTestProbe();
        Sys.ActorOf(Props.Create(() => new Parent(null, stopped)), "a");
        Sys.ActorOf(Props.Create(() => new Parent(null, stopped)), "b");
        RunPending();

        Sys.Terminate();
        RunPending();

        Assert.True(Sys.IsTerminated);
        Assert.Null(Sys.TerminationCause);
        var paths = new[] { stopped.ExpectMsg<string>(), stopped.ExpectMsg<string>(), stopped.ExpectMsg<string>(), stopped.ExpectMsg<string>() };
        Assert.Equal(["/user/a", "/user/a/uplink", "/user/b", "/user/b/uplink"], paths.Order(StringComparer.Ordinal));
        Assert.Throws<InvalidOperationException>(() => Sys.ActorOf(Props.Create(() => new Parent(null))));
    }

    [Fact]
    public void Create_SchedulerThatCannotHostActors_Throws()
    {
        Assert.Throws<ArgumentException>(() => ActorSystem.Create("x", new ActorSystemSettings { Scheduler = new ForeignScheduler() }));
    }

    [Fact]
    public void ContextChildren_AfterStoppingOne_ListsRemainingInCreationOrder()
    {
        IActorRef parent = Sys.ActorOf(Props.Create(() => new Family()));

        TestActor.Send(parent, "children?");

        Assert.Equal(["c1", "c3"], ExpectMsg<string[]>());
    }

    private sealed class Parent : ReceiveActor
    {
        private readonly IActorRef? _stopped;

        public Parent(IActorRef? report, IActorRef? stopped = null)
        {
            _stopped = stopped;
            IActorRef child = Context.ActorOf(Props.Create(() => new Leaf(stopped)), "uplink");
            report?.Tell(child);
        }

        protected override void PostStop() => _stopped?.Tell(Self.Path);
    }

    private sealed class Leaf(IActorRef? stopped) : ReceiveActor
    {
        protected override void PostStop() => stopped?.Tell(Self.Path);
    }

    private sealed class Family : ReceiveActor
    {
        public Family()
        {
            Context.ActorOf(Props.Create(() => new Leaf(null)), "c1");
            IActorRef c2 = Context.ActorOf(Props.Create(() => new Leaf(null)), "c2");
            Context.ActorOf(Props.Create(() => new Leaf(null)), "c3");
            Context.Stop(c2);
            Receive<string>(_ => Sender.Tell(Context.Children.Select(c => c.Name).ToArray()));
        }
    }

    private sealed class ForeignScheduler : IScheduler, IClock
    {
        public IClock Clock => this;

        public long Now => 0;

        public void ScheduleAt(long timeNs, Action action, int priority = 0) => throw new NotSupportedException();

        public void ScheduleAt(long timeNs, Action<object?> action, object? state, int priority = 0) => throw new NotSupportedException();

        public void ScheduleTellAt(long timeNs, IActorRef recipient, object message, IActorRef? sender = null, int priority = 0) => throw new NotSupportedException();
    }
}
