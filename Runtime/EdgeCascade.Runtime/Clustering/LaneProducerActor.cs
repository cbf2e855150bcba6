using Akka.Actor;
using Akka.Delivery;
using Akka.Util;
using EdgeCascade.Runtime.Transport;

namespace EdgeCascade.Runtime.Clustering;

/// <summary>
/// The producer side of one Akka.Delivery lane: owns the lane's ProducerController, sends each frame with
/// <c>MessageWithConfirmation</c> when the controller asks for the next one, and completes the publisher's task when
/// the consumer on the other node confirmed it (which a relay does only after its own output was confirmed).
/// </summary>
public sealed class LaneProducerActor : UntypedActor
{
    private readonly int _lane;
    private readonly string _producerId;
    private readonly Queue<Send> _waiting = new();
    private readonly Queue<TaskCompletionSource> _unconfirmed = new();
    private IActorRef? _sendNextTo;

    public LaneProducerActor(int lane, string producerId)
    {
        _lane = lane;
        _producerId = producerId;
    }

    /// <summary>The lane's ProducerController (a child), for <see cref="OpenLane"/>.</summary>
    public IActorRef Controller { get; private set; } = ActorRefs.Nobody;

    public static Props Props(int lane, string producerId) =>
        Akka.Actor.Props.Create(() => new LaneProducerActor(lane, producerId));

    protected override void PreStart()
    {
        Controller = Context.ActorOf(
            ProducerController.Create<LatentFrame>(Context, _producerId, Option<Props>.None), "producer-controller");
        Controller.Tell(new ProducerController.Start<LatentFrame>(Self));
        Context.Parent.Tell(new LaneReady(_lane, Controller));
    }

    protected override void PostStop()
    {
        var closed = new TransportException("the cluster transport stopped before the message was confirmed");
        foreach (Send send in _waiting)
        {
            send.Confirmed.TrySetException(closed);
        }

        foreach (TaskCompletionSource confirmation in _unconfirmed)
        {
            confirmation.TrySetException(closed);
        }
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ProducerController.RequestNext<LatentFrame> next:
                _sendNextTo = next.SendNextTo;
                TrySend();
                break;
            case Send send:
                _waiting.Enqueue(send);
                TrySend();
                break;
            case long:
                // Confirmations come in sequence-number order, one per MessageWithConfirmation.
                if (_unconfirmed.TryDequeue(out TaskCompletionSource? confirmed))
                {
                    confirmed.TrySetResult();
                    Context.Parent.Tell(new LaneFreed(_lane));
                }

                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void TrySend()
    {
        if (_sendNextTo is null || !_waiting.TryDequeue(out Send? send))
        {
            return;
        }

        _sendNextTo.Tell(new ProducerController.MessageWithConfirmation<LatentFrame>(send.Frame, Self));
        _unconfirmed.Enqueue(send.Confirmed);
        _sendNextTo = null;
    }

    /// <summary>Send this frame on the lane; <paramref name="Confirmed"/> completes when the consumer confirmed it.</summary>
    public sealed record Send(LatentFrame Frame, TaskCompletionSource Confirmed) : INoSerializationVerificationNeeded;

    /// <summary>To the parent: the lane's controller exists.</summary>
    public sealed record LaneReady(int Lane, IActorRef Controller) : INoSerializationVerificationNeeded;

    /// <summary>To the parent: one frame of this lane was confirmed.</summary>
    public sealed record LaneFreed(int Lane) : INoSerializationVerificationNeeded;
}
