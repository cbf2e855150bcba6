using EdgeCascade.Actors.Kernel;
using EdgeCascade.Actors.TestKit;

namespace EdgeCascade.Actors.Tests.Kernel;

public sealed class MailboxTests : ActorTestKit
{
    [Fact]
    public void Tell_BoundedDropNewestMailboxFull_OverflowGoesToDeadLetters()
    {
        var deadLetters = CreateTestProbe();
        Sys.SubscribeDeadLetters(deadLetters);
        IActorRef sink = Sys.ActorOf(Props.Create(() => new Sink(TestActor)).WithMailbox(2, MailboxOverflowPolicy.DropNewest));

        for (int i = 1; i <= 5; i++)
        {
            sink.Tell(i, TestActor);
        }

        Assert.Equal(2, ActorSystem.GetMailboxLength(sink));
        ExpectMsg(1);
        ExpectMsg(2);
        ExpectNoMsg();
        for (int i = 3; i <= 5; i++)
        {
            MailboxOverflow overflow = deadLetters.ExpectMsg<MailboxOverflow>();
            Assert.Equal(i, overflow.Message);
            Assert.Same(sink, overflow.Recipient);
            Assert.Equal(2, overflow.Capacity);
        }

        Assert.Equal(3, Sys.DeadLetterCount);
    }

    [Fact]
    public void Tell_BoundedRejectMailboxFull_SenderReceivesMailboxFull()
    {
        IActorRef sink = Sys.ActorOf(Props.Create(() => new Sink(null)).WithMailbox(2, MailboxOverflowPolicy.Reject));

        for (int i = 1; i <= 4; i++)
        {
            sink.Tell(i, TestActor);
        }

        Assert.Equal(new MailboxFull(3, sink), ExpectMsg<MailboxFull>());
        Assert.Same(sink, TestActor.LastSender);
        Assert.Equal(new MailboxFull(4, sink), ExpectMsg<MailboxFull>());
        Assert.Equal(0, Sys.DeadLetterCount);
    }

    [Fact]
    public void Tell_RejectWithoutSender_GoesToDeadLetters()
    {
        IActorRef sink = Sys.ActorOf(Props.Create(() => new Sink(null)).WithMailbox(1, MailboxOverflowPolicy.Reject));

        sink.Tell(1);
        sink.Tell(2);

        Assert.Equal(1, Sys.DeadLetterCount);
    }

    [Fact]
    public void Tell_SenderBacksOffOnMailboxFull_AllMessagesDeliveredInOrder()
    {
        var received = new List<int>();
        IActorRef sink = Sys.ActorOf(Props.Create(() => new CountingSink(received, 50, TestActor)).WithMailbox(4, MailboxOverflowPolicy.Reject));
        IActorRef producer = Sys.ActorOf(Props.Create(() => new RetryingProducer(sink, 50)));

        producer.Tell("go");

        ExpectMsg("all received");
        Assert.Equal(Enumerable.Range(0, 50), received);
        Assert.Equal(12 * TimeSpan.FromMilliseconds(1).ToNanoseconds(), Now);
        Assert.Equal(0, Sys.DeadLetterCount);
    }

    [Fact]
    public void MailboxLength_MessagesQueuedBehindCurrent_IsVisibleToTheActor()
    {
        IActorRef sink = Sys.ActorOf(Props.Create(() => new Sink(TestActor)));

        sink.Tell("length?", TestActor);
        sink.Tell(1);
        sink.Tell(2);

        ExpectMsg(2);
    }

    private sealed class Sink : ReceiveActor
    {
        public Sink(IActorRef? probe)
        {
            Receive<string>(_ => Sender.Tell(Context.MailboxLength), s => s == "length?");
            ReceiveAny(m => probe?.Tell(m));
        }
    }

    private sealed class CountingSink : ReceiveActor
    {
        public CountingSink(List<int> received, int count, IActorRef done) => Receive<int>(i =>
        {
            received.Add(i);
            if (received.Count == count)
            {
                done.Tell("all received");
            }
        });
    }

    /// <summary>
    /// Sends 0..count-1 in one burst; a MailboxFull rewinds to the first rejected message and
    /// retries from there 1 ms later (backpressure through Reject).
    /// </summary>
    private sealed class RetryingProducer : ReceiveActor
    {
        private readonly IActorRef _sink;
        private readonly int _count;
        private int _next;

        public RetryingProducer(IActorRef sink, int count)
        {
            _sink = sink;
            _count = count;
            Receive<string>(_ => SendBurst(), s => s == "go");
            Receive<MailboxFull>(full =>
            {
                _next = Math.Min(_next, (int)full.Message);
                Context.Timers.StartSingleTimer("retry", "go", TimeSpan.FromMilliseconds(1));
            });
        }

        private void SendBurst()
        {
            while (_next < _count)
            {
                _sink.Tell(_next++, Self);
            }
        }
    }
}
