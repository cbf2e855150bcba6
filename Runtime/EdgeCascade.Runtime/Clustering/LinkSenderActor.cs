using Akka.Actor;
using Akka.Cluster;
using Akka.Delivery;
using Akka.Util;
using EdgeCascade.Runtime.Transport;
using static Akka.Cluster.ClusterEvent;

namespace EdgeCascade.Runtime.Clustering;

/// <summary>
/// The sending end of one link (this node to <c>destination</c>): a fixed set of Akka.Delivery lanes (one
/// ProducerController each, children of this actor), each carrying at most one unconfirmed frame, so the link
/// pipelines up to <c>lanes</c> images while every image is confirmed upstream only after the next node confirmed it.
/// Finds the destination through cluster membership (the member whose role is the destination's name) and (re)opens
/// its lanes at that member's inbox whenever a new incarnation is Up, and every two seconds in case an open was lost;
/// the ProducerControllers then resend what is unconfirmed.
/// </summary>
/// <remarks>
/// This actor is the producer of every lane itself (no actor per lane in between): a lane is known by its
/// ProducerController, which is the sender of both its <c>RequestNext</c> and its confirmations. An adapter actor per
/// lane cost two more local messages per image and hop.
/// </remarks>
public sealed class LinkSenderActor : UntypedActor, IWithTimers
{
    private const string ReopenTimer = "reopen";
    private readonly string _from;
    private readonly string _destination;
    private readonly IActorRef[] _controllers;
    private readonly Dictionary<IActorRef, int> _laneOf = [];
    private readonly IActorRef?[] _sendNextTo;
    private readonly Send?[] _unconfirmed;
    private readonly Queue<Send> _queue = new();
    private UniqueAddress? _member;

    public LinkSenderActor(string from, string destination, int lanes)
    {
        _from = from;
        _destination = destination;
        _controllers = new IActorRef[lanes];
        _sendNextTo = new IActorRef?[lanes];
        _unconfirmed = new Send?[lanes];
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string from, string destination, int lanes) =>
        Akka.Actor.Props.Create(() => new LinkSenderActor(from, destination, lanes));

    protected override void PreStart()
    {
        for (int i = 0; i < _controllers.Length; i++)
        {
            _controllers[i] = Context.ActorOf(
                ProducerController.Create<LatentFrame>(Context, $"{_from}->{_destination}#{i}", Option<Props>.None), $"lane-{i}");
            _laneOf[_controllers[i]] = i;
            _controllers[i].Tell(new ProducerController.Start<LatentFrame>(Self));
        }

        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, InitialStateAsEvents, typeof(IMemberEvent));
        Timers.StartPeriodicTimer(ReopenTimer, Reopen.Instance, TimeSpan.FromSeconds(2));
    }

    protected override void PostStop()
    {
        Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
        var closed = new TransportException("the cluster transport stopped before the message was confirmed");
        foreach (Send send in _queue)
        {
            send.Confirmed.TrySetException(closed);
        }

        foreach (Send? unconfirmed in _unconfirmed)
        {
            unconfirmed?.Confirmed.TrySetException(closed);
        }
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Send send:
                _queue.Enqueue(send);
                Dispatch();
                break;
            case ProducerController.RequestNext<LatentFrame> next when _laneOf.TryGetValue(next.SendNextTo, out int lane):
                _sendNextTo[lane] = next.SendNextTo;
                Dispatch();
                break;
            case long when _laneOf.TryGetValue(Sender, out int lane):
                // The lane's ProducerController confirms its one outstanding frame (MessageWithConfirmation's reply).
                _unconfirmed[lane]?.Confirmed.TrySetResult(); // a no-op after a rejection failed it
                _unconfirmed[lane] = null;
                Dispatch();
                break;
            case LaneRejected rejected:
                foreach (Send? unconfirmed in _unconfirmed)
                {
                    if (unconfirmed is not null && unconfirmed.Frame.Envelope.MessageId == rejected.MessageId)
                    {
                        unconfirmed.Confirmed.TrySetException(new MessageRejectedException(
                            $"node {rejected.Node} refused flow {unconfirmed.Frame.Envelope.FlowsText} image {unconfirmed.Frame.Envelope.ImageId}: {rejected.Reason}"));
                    }
                }

                break;
            case MemberUp up when up.Member.HasRole(_destination):
                _member = up.Member.UniqueAddress;
                Open();
                break;
            case MemberRemoved removed when removed.Member.UniqueAddress.Equals(_member):
                _member = null;
                break;
            case Reopen:
                Open();
                break;
            case IMemberEvent:
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Dispatch()
    {
        for (int lane = 0; lane < _controllers.Length && _queue.Count > 0; lane++)
        {
            // A lane takes a frame when its controller asked for one and its previous frame is confirmed.
            if (_sendNextTo[lane] is { } sendNextTo && _unconfirmed[lane] is null)
            {
                Send send = _queue.Dequeue();
                _unconfirmed[lane] = send;
                _sendNextTo[lane] = null;
                sendNextTo.Tell(new ProducerController.MessageWithConfirmation<LatentFrame>(send.Frame, Self));
            }
        }
    }

    private void Open()
    {
        if (_member is null)
        {
            return;
        }

        ActorSelection inbox = Context.ActorSelection(new RootActorPath(_member.Address) / "user" / InboxActor.Name);
        for (int i = 0; i < _controllers.Length; i++)
        {
            inbox.Tell(new OpenLane(_from, _destination, i, _controllers[i]));
        }
    }

    /// <summary>Send this frame on the link; <paramref name="Confirmed"/> completes when the next node confirmed it.</summary>
    public sealed record Send(LatentFrame Frame, TaskCompletionSource Confirmed) : INoSerializationVerificationNeeded;

    private sealed class Reopen : INoSerializationVerificationNeeded
    {
        public static readonly Reopen Instance = new();
    }
}
