using EdgeCascade.Actors.Kernel;
using EdgeCascade.Actors.TestKit;

namespace EdgeCascade.Actors.Tests.Kernel;

public sealed class BecomeTests : ActorTestKit
{
    [Fact]
    public void Become_NamedBehaviours_SwitchHandlersFromNextMessage()
    {
        IActorRef worker = Sys.ActorOf(Props.Create(() => new Worker()));

        TestActor.Send(worker, "work");
        TestActor.Send(worker, "work");
        TestActor.Send(worker, "done");
        TestActor.Send(worker, "work");

        ExpectMsg("started");
        ExpectMsg("busy");
        ExpectMsg("idle");
        ExpectMsg("started");
    }

    [Fact]
    public void Unbecome_AfterBecomeStacked_ReturnsToPreviousBehaviour()
    {
        IActorRef worker = Sys.ActorOf(Props.Create(() => new Worker()));

        TestActor.Send(worker, "peek");
        TestActor.Send(worker, "work");
        TestActor.Send(worker, "unpeek");
        TestActor.Send(worker, "work");

        ExpectMsg("peeking");
        ExpectMsg("peeked");
        ExpectMsg("started");
    }

    [Fact]
    public void Receive_MessageNoHandlerMatches_PublishesUnhandledMessage()
    {
        var deadLetters = CreateTestProbe();
        Sys.SubscribeDeadLetters(deadLetters);
        IActorRef worker = Sys.ActorOf(Props.Create(() => new Worker()));

        worker.Tell(42);

        Assert.Equal(42, deadLetters.ExpectMsg<UnhandledMessage>().Message);
    }

    [Fact]
    public void Receive_PredicateRejects_NextMatchingHandlerRuns()
    {
        IActorRef worker = Sys.ActorOf(Props.Create(() => new Worker()));

        TestActor.Send(worker, "other");

        ExpectMsg("fallback other");
    }

    private sealed class Worker : ReceiveActor
    {
        public Worker() => Idle();

        private void Idle()
        {
            Receive<string>(_ => { Become(Busy); Sender.Tell("started"); }, s => s == "work");
            Receive<string>(_ => { BecomeStacked(Peeking); Sender.Tell("peeking"); }, s => s == "peek");
            Receive<string>(s => Sender.Tell("fallback " + s));
        }

        private void Busy()
        {
            Receive<string>(_ => Sender.Tell("busy"), s => s == "work");
            Receive<string>(_ => { Become(Idle); Sender.Tell("idle"); }, s => s == "done");
        }

        private void Peeking()
        {
            Receive<string>(_ => Sender.Tell("peeked"), s => s == "work");
            Receive<string>(_ => Unbecome(), s => s == "unpeek");
        }
    }
}
