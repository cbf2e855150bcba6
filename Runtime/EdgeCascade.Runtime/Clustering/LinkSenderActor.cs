using Akka.Actor;
using Akka.Cluster;
using static Akka.Cluster.ClusterEvent;

namespace EdgeCascade.Runtime.Clustering;

/// <summary>
/// The sending end of one link (this node to <c>destination</c>): a fixed set of Akka.Delivery lanes, each carrying
/// at most one unconfirmed frame, so the link pipelines up to <c>lanes</c> images while every image is confirmed
/// upstream only after the next node confirmed it. Finds the destination through cluster membership (the member
/// whose role is the destination's name) and (re)opens its lanes at that member's inbox whenever a new incarnation
/// is Up, and every two seconds in case an open was lost; the ProducerControllers then resend what is unconfirmed.
/// </summary>
public sealed class LinkSenderActor : UntypedActor, IWithTimers
{
    private const string ReopenTimer = "reopen";
    private readonly string _from;
    private readonly string _destination;
    private readonly IActorRef[] _laneActors;
    private readonly IActorRef?[] _controllers;
    private readonly int[] _outstanding;
    private readonly Queue<LaneProducerActor.Send> _queue = new();
    private UniqueAddress? _member;

    public LinkSenderActor(string from, string destination, int lanes)
    {
        _from = from;
        _destination = destination;
        _laneActors = new IActorRef[lanes];
        _controllers = new IActorRef?[lanes];
        _outstanding = new int[lanes];
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string from, string destination, int lanes) =>
        Akka.Actor.Props.Create(() => new LinkSenderActor(from, destination, lanes));

    protected override void PreStart()
    {
        for (int i = 0; i < _laneActors.Length; i++)
        {
            _laneActors[i] = Context.ActorOf(LaneProducerActor.Props(i, $"{_from}->{_destination}#{i}"), $"lane-{i}");
        }

        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, InitialStateAsEvents, typeof(IMemberEvent));
        Timers.StartPeriodicTimer(ReopenTimer, Reopen.Instance, TimeSpan.FromSeconds(2));
    }

    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case LaneProducerActor.Send send:
                _queue.Enqueue(send);
                Dispatch();
                break;
            case LaneProducerActor.LaneFreed freed:
                _outstanding[freed.Lane]--;
                Dispatch();
                break;
            case LaneProducerActor.LaneReady ready:
                _controllers[ready.Lane] = ready.Controller;
                Open();
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
        while (_queue.Count > 0)
        {
            int lane = FreeLane();
            if (lane < 0)
            {
                return;
            }

            _outstanding[lane]++;
            _laneActors[lane].Tell(_queue.Dequeue());
        }
    }

    private int FreeLane()
    {
        for (int i = 0; i < _outstanding.Length; i++)
        {
            if (_outstanding[i] == 0)
            {
                return i;
            }
        }

        return -1;
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
            if (_controllers[i] is { } controller)
            {
                inbox.Tell(new OpenLane(_from, _destination, i, controller));
            }
        }
    }

    private sealed class Reopen : INoSerializationVerificationNeeded
    {
        public static readonly Reopen Instance = new();
    }
}
