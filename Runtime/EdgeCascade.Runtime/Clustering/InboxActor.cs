using Akka.Actor;
using Akka.Cluster;

namespace EdgeCascade.Runtime.Clustering;

/// <summary>
/// The receiving end of every link into this node, at the well-known path /user/inbox. Remembers each lane a sender
/// opened (its ProducerController) and, while a subscriber is attached, runs one <see cref="LaneReceiverActor"/>
/// (with its ConsumerController) per lane. A lane re-opened by a new incarnation of the sender replaces the old
/// receiver; detaching stops every receiver, so unconfirmed frames stay with their producers and come again. Lanes of
/// a sender that left the cluster (a finished <c>send</c>, a removed node) are forgotten, so their ConsumerControllers
/// stop asking a dead address for more.
/// </summary>
public sealed class InboxActor : UntypedActor
{
    /// <summary>The inbox's actor name under /user.</summary>
    public const string Name = "inbox";

    private readonly string _node;
    private readonly Dictionary<(string From, int Lane), IActorRef> _producers = [];
    private readonly Dictionary<(string From, int Lane), IActorRef> _receivers = [];
    private ClusterSubscription? _subscriber;
    private long _incarnations;

    public InboxActor(string node) => _node = node;

    public static Props Props(string node) => Akka.Actor.Props.Create(() => new InboxActor(node));

    protected override void PreStart() =>
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberRemoved));

    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case OpenLane open when string.Equals(open.To, _node, StringComparison.Ordinal):
                var key = (open.From, open.Lane);
                if (_producers.TryGetValue(key, out IActorRef? known) && known.Equals(open.ProducerController) && _receivers.ContainsKey(key))
                {
                    return; // the periodic re-open of a lane that is already served
                }

                _producers[key] = open.ProducerController;
                StartReceiver(key);
                break;
            case Attach attach:
                _subscriber = attach.Subscriber;
                foreach (var lane in _producers.Keys.ToList())
                {
                    StartReceiver(lane);
                }

                break;
            case Detach detach when ReferenceEquals(detach.Subscriber, _subscriber):
                _subscriber = null;
                foreach (IActorRef receiver in _receivers.Values)
                {
                    Context.Stop(receiver);
                }

                _receivers.Clear();
                break;
            case ClusterEvent.MemberRemoved removed:
                Forget(removed.Member.Address);
                break;
            case Detach:
            case OpenLane:
            case ClusterEvent.IMemberEvent:
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Forget(Address address)
    {
        // A restarted member reuses its address: keep the lanes when a live incarnation at that address exists
        // (its OpenLane already replaced the old producers, or will within two seconds).
        if (Akka.Cluster.Cluster.Get(Context.System).State.Members.Any(m => m.Address.Equals(address) && m.Status is MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Up))
        {
            return;
        }

        foreach (var key in _producers.Where(p => p.Value.Path.Address.Equals(address)).Select(p => p.Key).ToList())
        {
            _producers.Remove(key);
            if (_receivers.Remove(key, out IActorRef? receiver))
            {
                Context.Stop(receiver);
            }
        }
    }

    private void StartReceiver((string From, int Lane) key)
    {
        if (_receivers.Remove(key, out IActorRef? old))
        {
            Context.Stop(old);
        }

        if (_subscriber is null)
        {
            return; // opened again when a subscriber attaches
        }

        _incarnations++;
        _receivers[key] = Context.ActorOf(
            LaneReceiverActor.Props(_node, _producers[key], _subscriber),
            $"lane-{_incarnations}");
    }

    /// <summary>A subscriber starts taking this node's messages.</summary>
    public sealed record Attach(ClusterSubscription Subscriber) : INoSerializationVerificationNeeded;

    /// <summary>The subscriber stops; its unsettled messages are redelivered to the next one.</summary>
    public sealed record Detach(ClusterSubscription Subscriber) : INoSerializationVerificationNeeded;
}
