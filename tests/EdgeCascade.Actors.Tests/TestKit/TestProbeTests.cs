using EdgeCascade.Actors.Kernel;
using EdgeCascade.Actors.TestKit;

namespace EdgeCascade.Actors.Tests.TestKit;

public sealed class TestProbeTests : ActorTestKit
{
    [Fact]
    public void ExpectMsg_MessageOfOtherType_ThrowsAssertion()
    {
        TestActor.Tell("text");

        Assert.Throws<TestKitAssertionException>(() => ExpectMsg<int>());
    }

    [Fact]
    public void ExpectMsg_PredicateFails_ThrowsAssertion()
    {
        TestActor.Tell(3);

        Assert.Throws<TestKitAssertionException>(() => ExpectMsg<int>(i => i > 5));
    }

    [Fact]
    public void ExpectMsg_NothingWithinDuration_ThrowsAndClockReachesDeadline()
    {
        Assert.Throws<TestKitAssertionException>(() => ExpectMsg<int>(within: TimeSpan.FromSeconds(2)));

        Assert.Equal(TimeSpan.FromSeconds(2).ToNanoseconds(), Now);
    }

    [Fact]
    public void ExpectMsg_MessageDueInVirtualFuture_RunsSchedulerOnlyUntilArrival()
    {
        Sys.Scheduler.ScheduleTellAfter(TimeSpan.FromMilliseconds(250), TestActor, "later");
        Sys.Scheduler.ScheduleTellAfter(TimeSpan.FromMilliseconds(900), TestActor, "much later");

        ExpectMsg("later");

        Assert.Equal(TimeSpan.FromMilliseconds(250).ToNanoseconds(), Now);
        Assert.Equal(1, VirtualScheduler!.PendingEvents);
    }

    [Fact]
    public void ExpectMsg_MessageDueAfterWithin_Throws()
    {
        Sys.Scheduler.ScheduleTellAfter(TimeSpan.FromSeconds(5), TestActor, "late");

        Assert.Throws<TestKitAssertionException>(() => ExpectMsg<string>(within: TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void ExpectNoMsg_MessageArrivesWithinDuration_Throws()
    {
        Sys.Scheduler.ScheduleTellAfter(TimeSpan.FromMilliseconds(10), TestActor, "oops");

        Assert.Throws<TestKitAssertionException>(() => ExpectNoMsg(TimeSpan.FromMilliseconds(20)));
    }

    [Fact]
    public void ExpectNoMsg_Duration_AdvancesVirtualClock()
    {
        ExpectNoMsg(TimeSpan.FromMinutes(5));

        Assert.Equal(TimeSpan.FromMinutes(5).ToNanoseconds(), Now);
    }

    [Fact]
    public void Reply_AfterExpectMsg_GoesToLastSender()
    {
        var other = CreateTestProbe("other");
        other.Send(TestActor, "question");
        ExpectMsg("question");
        Assert.Same(other, TestActor.LastSender);

        TestActor.Reply("answer");

        other.ExpectMsg("answer");
        Assert.Same(TestActor, other.LastSender);
    }

    [Fact]
    public void ExpectTerminated_OtherActorTerminated_Throws()
    {
        IActorRef a = Sys.ActorOf(Props.Create(() => new Quiet()));
        IActorRef b = Sys.ActorOf(Props.Create(() => new Quiet()));
        Watch(a);
        Watch(b);

        Sys.Stop(b);

        Assert.Throws<TestKitAssertionException>(() => ExpectTerminated(a));
    }

    [Fact]
    public void Advance_RealTimeKit_Throws()
    {
        using var kit = new ActorTestKit(ActorSystemSettings.ForRealTime(new RealTimeScheduler()));

        Assert.Throws<InvalidOperationException>(() => kit.Advance(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void ExpectMsg_RealTimeMessageFromAnotherThread_ArrivesWithinTimeout()
    {
        using var kit = new ActorTestKit(ActorSystemSettings.ForRealTime(new RealTimeScheduler()));

        _ = Task.Run(async () =>
        {
            await Task.Delay(20);
            kit.TestActor.Tell("from another thread");
        });

        kit.ExpectMsg("from another thread", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void ExpectMsg_RealTimeNothingArrives_ThrowsAfterTimeout()
    {
        using var kit = new ActorTestKit(ActorSystemSettings.ForRealTime(new RealTimeScheduler()));

        Assert.Throws<TestKitAssertionException>(() => kit.ExpectMsg<string>(within: TimeSpan.FromMilliseconds(50)));
    }

    private sealed class Quiet : ReceiveActor
    {
    }
}
