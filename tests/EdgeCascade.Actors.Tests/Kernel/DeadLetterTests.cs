using EdgeCascade.Actors.Kernel;
using EdgeCascade.Actors.TestKit;

namespace EdgeCascade.Actors.Tests.Kernel;

public sealed class DeadLetterTests : ActorTestKit
{
    [Fact]
    public void Tell_StoppedActor_PublishesDeadLetterWithSenderAndRecipient()
    {
        var deadLetters = CreateTestProbe();
        Sys.SubscribeDeadLetters(deadLetters);
        IActorRef actor = Sys.ActorOf(Props.Create(() => new Silent()));
        Sys.Stop(actor);
        RunPending();

        actor.Tell("late", TestActor);

        Assert.Equal(new DeadLetter("late", TestActor, actor), deadLetters.ExpectMsg<DeadLetter>());
        Assert.Equal(1, Sys.DeadLetterCount);
    }

    [Fact]
    public void PoisonPill_MessagesQueuedBehindIt_GoToDeadLetters()
    {
        var deadLetters = CreateTestProbe();
        Sys.SubscribeDeadLetters(deadLetters);
        IActorRef actor = Sys.ActorOf(Props.Create(() => new Echo()));

        TestActor.Send(actor, "before");
        actor.Tell(PoisonPill.Instance);
        TestActor.Send(actor, "after");

        ExpectMsg("before");
        Assert.Equal("after", deadLetters.ExpectMsg<DeadLetter>().Message);
    }

    [Fact]
    public void Sender_MessageToldWithoutSender_ReplyGoesToDeadLetters()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new Echo()));

        actor.Tell("hello", ActorRefs.NoSender);
        RunPending();

        Assert.Equal(1, Sys.DeadLetterCount);
    }

    [Fact]
    public void UnsubscribeDeadLetters_AfterUnsubscribe_NothingMoreIsForwarded()
    {
        var deadLetters = CreateTestProbe();
        Sys.SubscribeDeadLetters(deadLetters);
        Sys.DeadLetters.Tell("one");
        Sys.UnsubscribeDeadLetters(deadLetters);

        Sys.DeadLetters.Tell("two");

        Assert.Equal("one", deadLetters.ExpectMsg<DeadLetter>().Message);
        deadLetters.ExpectNoMsg();
        Assert.Equal(2, Sys.DeadLetterCount);
    }

    [Fact]
    public void Publish_SubscriberStopped_IsDroppedWithoutRecursion()
    {
        IActorRef subscriber = Sys.ActorOf(Props.Create(() => new Silent()));
        Sys.SubscribeDeadLetters(subscriber);
        Sys.Stop(subscriber);
        RunPending();

        Sys.DeadLetters.Tell("first");
        Sys.DeadLetters.Tell("second");

        Assert.Equal(2, Sys.DeadLetterCount);
    }

    [Fact]
    public void Publish_SubscriberMailboxFull_CountsOverflowWithoutRecursion()
    {
        IActorRef subscriber = Sys.ActorOf(Props.Create(() => new Silent()).WithMailbox(1));
        Sys.SubscribeDeadLetters(subscriber);

        Sys.DeadLetters.Tell("fills the mailbox");
        Sys.DeadLetters.Tell("overflows it");

        Assert.Equal(3, Sys.DeadLetterCount);
        Assert.Equal(1, ActorSystem.GetMailboxLength(subscriber));
    }

    private sealed class Silent : ReceiveActor
    {
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }
}
