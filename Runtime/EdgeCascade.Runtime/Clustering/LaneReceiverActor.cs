using Akka.Actor;
using Akka.Delivery;
using Akka.Util;
using EdgeCascade.Runtime.Transport;

namespace EdgeCascade.Runtime.Clustering;

/// <summary>
/// The consumer side of one lane: a ConsumerController registered with the sender's ProducerController, handing each
/// frame to the subscriber as a <see cref="Transport.Delivery"/> and confirming it only when the subscriber acks
/// (a relay acks once its output is confirmed downstream) or drops it. A nack with requeue hands the same frame
/// out again shortly after, marked redelivered.
/// </summary>
public sealed class LaneReceiverActor : UntypedActor, IWithTimers
{
    private static readonly TimeSpan s_redeliverAfter = TimeSpan.FromMilliseconds(50);
    private readonly string _node;
    private readonly IActorRef _producerController;
    private readonly ClusterSubscription _subscriber;
    private ConsumerController.Delivery<LatentFrame>? _current;
    private long _handedOut;

    public LaneReceiverActor(string node, IActorRef producerController, ClusterSubscription subscriber)
    {
        _node = node;
        _producerController = producerController;
        _subscriber = subscriber;
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string node, IActorRef producerController, ClusterSubscription subscriber) =>
        Akka.Actor.Props.Create(() => new LaneReceiverActor(node, producerController, subscriber));

    protected override void PreStart()
    {
        IActorRef consumerController = Context.ActorOf(
            ConsumerController.Create<LatentFrame>(Context, Option<IActorRef>.None), "consumer-controller");
        consumerController.Tell(new ConsumerController.Start<LatentFrame>(Self));
        consumerController.Tell(new ConsumerController.RegisterToProducerController<LatentFrame>(_producerController));
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ConsumerController.Delivery<LatentFrame> delivery:
                LatentFrame frame = delivery.Message;
                if (!frame.Envelope.Matches(frame.Payload.Span))
                {
                    const string Damaged = "payload does not match its envelope checksum";
                    _subscriber.Reject(new RejectedMessage(_node, frame.Envelope, Damaged));
                    TellSender(frame, Damaged);
                    delivery.ConfirmTo.Tell(ConsumerController.Confirmed.Instance);
                    return;
                }

                _current = delivery;
                HandOut(redelivered: false);
                break;
            case Settle settle when _current is not null && settle.HandOut == _handedOut:
                if (settle.Ack || !settle.Requeue)
                {
                    _current.ConfirmTo.Tell(ConsumerController.Confirmed.Instance);
                    _current = null;
                }
                else
                {
                    Timers.StartSingleTimer("redeliver", new Redeliver(_handedOut), s_redeliverAfter);
                }

                break;
            case Reject reject when _current is not null && reject.HandOut == _handedOut:
                // First the reason, then the confirmation: both travel the same association in this order, so the
                // sender fails the publish before the confirmation could complete it.
                TellSender(_current.Message, reject.Reason);
                _current.ConfirmTo.Tell(ConsumerController.Confirmed.Instance);
                _current = null;
                break;
            case Redeliver redeliver when _current is not null && redeliver.HandOut == _handedOut:
                HandOut(redelivered: true);
                break;
            case Settle:
            case Reject:
            case Redeliver:
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void HandOut(bool redelivered)
    {
        _handedOut++;
        LatentFrame frame = _current!.Message;
        long handOut = _handedOut;
        IActorRef self = Self;
        var delivery = new ClusterDelivery(
            _node,
            frame.Envelope,
            frame.Payload,
            redelivered,
            (ack, requeue) => self.Tell(new Settle(handOut, ack, requeue)),
            reason => self.Tell(new Reject(handOut, reason)));
        _subscriber.Dispatch(delivery);
    }

    // The lane's producer side is the ProducerController's parent, the sender's LinkSenderActor.
    private void TellSender(LatentFrame frame, string reason) =>
        Context.ActorSelection(_producerController.Path.Parent).Tell(new LaneRejected(frame.Envelope.MessageId, _node, reason));

    /// <summary>The subscriber settled hand-out number <paramref name="HandOut"/>.</summary>
    public sealed record Settle(long HandOut, bool Ack, bool Requeue) : INoSerializationVerificationNeeded;

    /// <summary>The subscriber refused hand-out number <paramref name="HandOut"/> for good.</summary>
    public sealed record Reject(long HandOut, string Reason) : INoSerializationVerificationNeeded;

    private sealed record Redeliver(long HandOut) : INoSerializationVerificationNeeded;
}
