using EdgeCascade.Actors.Kernel;
using EdgeCascade.Actors.TestKit;

namespace EdgeCascade.Actors.Tests.Kernel;

public sealed class AskTests : ActorTestKit
{
    [Fact]
    public async Task Ask_VirtualTimeReply_CompletesWhenSchedulerRuns()
    {
        IActorRef doubler = Sys.ActorOf(Props.Create(() => new Doubler()));

        Task<int> answer = doubler.Ask<int>(21, TimeSpan.FromSeconds(1));
        Assert.False(answer.IsCompleted);
        RunPending();

        Assert.True(answer.IsCompletedSuccessfully);
        Assert.Equal(42, await answer);
    }

    [Fact]
    public void Ask_VirtualTimeNoReply_TimesOutAtVirtualDeadline()
    {
        IActorRef doubler = Sys.ActorOf(Props.Create(() => new Doubler()));

        Task<int> answer = doubler.Ask<int>("not a number", TimeSpan.FromSeconds(1));
        Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(answer.IsCompleted);
        Advance(TimeSpan.FromMilliseconds(1));

        Assert.IsType<TimeoutException>(answer.Exception?.InnerException);
    }

    [Fact]
    public void Ask_ReplyOfWrongType_FailsWithInvalidCast()
    {
        IActorRef doubler = Sys.ActorOf(Props.Create(() => new Doubler()));

        Task<string> answer = doubler.Ask<string>(21, TimeSpan.FromSeconds(1));
        RunPending();

        Assert.IsType<InvalidCastException>(answer.Exception?.InnerException);
    }

    [Fact]
    public void Ask_RecipientMailboxFullWithReject_FailsAtOnce()
    {
        IActorRef doubler = Sys.ActorOf(Props.Create(() => new Doubler()).WithMailbox(1, MailboxOverflowPolicy.Reject));
        doubler.Tell(1);

        Task<int> answer = doubler.Ask<int>(21, TimeSpan.FromSeconds(1));

        Assert.IsType<InvalidOperationException>(answer.Exception?.InnerException);
    }

    private sealed class Doubler : ReceiveActor
    {
        public Doubler() => Receive<int>(i => Sender.Tell(i * 2));
    }
}
