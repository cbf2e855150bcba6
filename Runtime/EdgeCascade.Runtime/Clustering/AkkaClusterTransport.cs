using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster;
using EdgeCascade.Runtime.Transport;
using Envelope = EdgeCascade.Runtime.Transport.Envelope;

namespace EdgeCascade.Runtime.Clustering;

/// <summary>
/// <see cref="ITransport"/> over Akka.Cluster: this process is one cluster member (role = its node name), links run
/// on Akka.Remote (DotNetty TCP) with Akka.Delivery lanes, payloads travel as <see cref="LatentFrame"/>s through
/// <see cref="Serialization.LatentFrameSerializer"/>.
/// </summary>
/// <remarks>
/// <para>How the <see cref="ITransport"/> contract maps: <see cref="PublishAsync"/> completes when the destination's
/// subscriber acked the frame (Akka.Delivery confirmation), and a node acks its input only after its own output
/// was confirmed, so an image is confirmed at the source only once the next hops hold it. Until then the sending
/// lane's ProducerController keeps it and resends it to a new incarnation of a crashed receiver: at least once,
/// duplicates removed at the sink by (flow, image id).</para>
/// <para>Unlike a broker queue, nothing is kept outside the processes: a message waits in the sender's memory while
/// its destination is down, and is lost if the sender dies too (the durable source queue is separate work).</para>
/// </remarks>
public sealed class AkkaClusterTransport : ITransport
{
    private readonly ConcurrentDictionary<string, Lazy<IActorRef>> _links = new(StringComparer.Ordinal);
    private readonly ClusterSettings _settings;
    private readonly string _node;
    private readonly IActorRef _inbox;
    private readonly bool _ownsSystem;
    private int _disposed;

    private AkkaClusterTransport(ActorSystem system, ClusterSettings settings, string node, IActorRef inbox, bool ownsSystem)
    {
        System = system;
        _settings = settings;
        _node = node;
        _inbox = inbox;
        _ownsSystem = ownsSystem;
    }

    public string Kind => "akka-cluster";

    public int MaxPayloadBytes => _settings.MaxPayloadBytes;

    /// <summary>The member's ActorSystem.</summary>
    public ActorSystem System { get; }

    /// <summary>This member's address (host:port it really listens on).</summary>
    public Address SelfAddress => Akka.Cluster.Cluster.Get(System).SelfAddress;

    /// <summary>
    /// Starts the ActorSystem, creates the inbox, joins through the seed nodes and waits until this member is Up.
    /// </summary>
    /// <param name="settings">Validated settings.</param>
    /// <param name="node">The local node name (the inbox accepts only lanes addressed to it).</param>
    /// <param name="cancellationToken">Cancels the join (SIGTERM during start-up).</param>
    /// <exception cref="TransportException">The port cannot be bound, or no seed node answered within the join timeout.</exception>
    public static async Task<AkkaClusterTransport> StartAsync(ClusterSettings settings, string node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrEmpty(node);
        Akka.Configuration.Config config = settings.ToConfig();
        ActorSystem system;
        try
        {
            system = ActorSystem.Create(ClusterSettings.SystemName, config);
        }
#pragma warning disable CA1031 // Whatever Akka.Remote throws on bind (port in use, no such address) becomes one line.
        catch (Exception error)
#pragma warning restore CA1031
        {
            throw new TransportException($"cannot listen on {settings.Listen}: {Innermost(error).Message}", error);
        }

        return await JoinCoreAsync(system, settings, node, ownsSystem: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Joins with an ActorSystem someone else started (the node host's, under Akka.Hosting) and made from
    /// <see cref="ClusterSettings.ToConfig"/>: creates the inbox, joins through the seed nodes and waits until Up.
    /// Disposing the transport then leaves the system to its owner, whose CoordinatedShutdown leaves the cluster.
    /// </summary>
    /// <exception cref="TransportException">No seed node answered within the join timeout.</exception>
    public static Task<AkkaClusterTransport> JoinAsync(ActorSystem system, ClusterSettings settings, string node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrEmpty(node);
        settings.Validate();
        return JoinCoreAsync(system, settings, node, ownsSystem: false, cancellationToken);
    }

    private static async Task<AkkaClusterTransport> JoinCoreAsync(ActorSystem system, ClusterSettings settings, string node, bool ownsSystem, CancellationToken cancellationToken)
    {
        // The inbox exists before the join, so a sender that sees this member Up never opens a lane into nothing.
        IActorRef inbox = system.ActorOf(InboxActor.Props(node), InboxActor.Name);
        var transport = new AkkaClusterTransport(system, settings, node, inbox, ownsSystem);
        var cluster = Akka.Cluster.Cluster.Get(system);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        cluster.JoinSeedNodes(settings.SeedNodes
            .Select(s => new Address("akka.tcp", ClusterSettings.SystemName, s.Host, s.Port))
            .ToList());
        try
        {
            await up.Task.WaitAsync(settings.JoinTimeout, cancellationToken).ConfigureAwait(false);
            return transport;
        }
        catch (TimeoutException)
        {
            await transport.TerminateAsync().ConfigureAwait(false);
            throw new TransportException(
                $"could not join the cluster within {settings.JoinTimeout.TotalSeconds:0.#} s: no seed node answered at {string.Join(", ", settings.SeedNodes)}");
        }
        catch (OperationCanceledException)
        {
            await transport.TerminateAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task PublishAsync(string destinationNode, Envelope envelope, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        TransportOptions.CheckPayload(destinationNode, envelope, payload, MaxPayloadBytes);
        if (Volatile.Read(ref _disposed) != 0)
        {
            throw new TransportException("the cluster transport is closed");
        }

        var confirmed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IActorRef link = _links.GetOrAdd(
            destinationNode,
            d => new Lazy<IActorRef>(() => System.ActorOf(LinkSenderActor.Props(_node, d, _settings.Lanes), LinkName(d)))).Value;
        // No copy: publishers never write to a payload after handing it over (ITransport.PublishAsync).
        link.Tell(new LinkSenderActor.Send(new LatentFrame(envelope, payload), confirmed));
        return confirmed.Task.WaitAsync(cancellationToken);
    }

    public Task<ISubscription> SubscribeAsync(
        string node,
        Func<Transport.Delivery, CancellationToken, Task> handler,
        SubscribeOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (!string.Equals(node, _node, StringComparison.Ordinal))
        {
            throw new ArgumentException($"this cluster member is node '{_node}'; it cannot consume node '{node}'s messages", nameof(node));
        }

        options ??= new SubscribeOptions();
        options.Validate();
        var subscription = new ClusterSubscription(node, _inbox, handler, options);
        _inbox.Tell(new InboxActor.Attach(subscription));
        return Task.FromResult<ISubscription>(subscription);
    }

    /// <summary>Members as this node sees them now (Akka.Cluster's gossip state), ordered by address.</summary>
    public IReadOnlyList<ClusterMember> Members()
    {
        var cluster = Akka.Cluster.Cluster.Get(System);
        ClusterEvent.CurrentClusterState state = cluster.State;
        return state.Members
            .OrderBy(m => m.Address.ToString(), StringComparer.Ordinal)
            .Select(m => new ClusterMember(
                m.Address.ToString(),
                m.Roles.OrderBy(r => r, StringComparer.Ordinal).ToList(),
                m.Status.ToString(),
                !state.Unreachable.Contains(m),
                m.UniqueAddress.Equals(cluster.SelfUniqueAddress)))
            .ToList();
    }

    /// <summary>Leaves the cluster gracefully (CoordinatedShutdown: leave, exit, terminate), at most 10 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || !_ownsSystem)
        {
            return; // a hosted system is left and terminated by its host (Akka.Hosting runs CoordinatedShutdown)
        }

        Task shutdown = CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
        await Task.WhenAny(shutdown, Task.Delay(TimeSpan.FromSeconds(10))).ConfigureAwait(false);
        await Task.WhenAny(System.Terminate(), Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
    }

    private async Task TerminateAsync()
    {
        Interlocked.Exchange(ref _disposed, 1);
        if (!_ownsSystem)
        {
            return;
        }

        await Task.WhenAny(System.Terminate(), Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
    }

    // Actor names allow a safe subset; node names on a cluster are already restricted to it (ClusterSettings.Validate).
    private static string LinkName(string destination) =>
        "link-" + new string(destination.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray());

    private static Exception Innermost(Exception error)
    {
        while (error.InnerException is not null)
        {
            error = error.InnerException;
        }

        return error;
    }
}
