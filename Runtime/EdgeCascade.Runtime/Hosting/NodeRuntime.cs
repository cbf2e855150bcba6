using System.Collections.Concurrent;
using Akka.Actor;
using Envelope = EdgeCascade.Runtime.Transport.Envelope;
using Akka.Configuration;
using EdgeCascade.Actors.Budgets;
using EdgeCascade.Actors.Execution;
using EdgeCascade.Actors.Messages;
using EdgeCascade.Actors.Nodes;
using EdgeCascade.Actors.Timing;
using EdgeCascade.Codec.Bitstreams;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Codec.Imaging;
using EdgeCascade.Codec.Metrics;
using EdgeCascade.Runtime.Shaping;
using EdgeCascade.Runtime.Transport;
using EdgeCascade.Topologies.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeCascade.Runtime.Hosting;

/// <summary>
/// One node of a topology running for real: its <see cref="NodeActor"/> in an Akka.NET ActorSystem (Akka's default
/// dispatcher and scheduler) with the <see cref="CodecStageExecutor"/> on stage-worker children, fed from the node's
/// queue and forwarding to the next node's queue.
/// </summary>
/// <remarks>
/// <para>
/// At-least-once, end to end: a delivery is acked only after the node's output for it is confirmed by the next
/// node (an Akka.Delivery confirmation, which that node gives only once its own output is confirmed), or, at a
/// sink, after the reconstruction and its CSV row are written. Anything that fails or is dropped under load is
/// nacked back; a crash leaves it unconfirmed, and the upstream ProducerController resends it to the restarted
/// node. Sinks remove the resulting duplicates by (flow, image id) with <see cref="SinkWriter"/>.
/// </para>
/// <para>
/// One message may carry one image for several flows of its source (<see cref="Envelope.RiderFlows"/>): the node
/// actor runs one stage for the flows that agree here and forks where their plans part; each branch's output is one
/// message downstream, and the incoming message is acked only when every branch's output is confirmed (or written,
/// at a sink). Any branch to be retried gives the whole message back; see <c>CompleteAsync</c> for the rest.
/// </para>
/// <para>
/// Graceful stop: new deliveries are held (never processed, never acked), in-flight work gets
/// <see cref="NodeHostOptions.DrainTimeout"/> to be forwarded and acked, then the subscription closes and every
/// unsettled delivery returns to the queue. Work still running after the drain is never published.
/// </para>
/// </remarks>
public sealed class NodeRuntime : IAsyncDisposable
{
    private readonly NodeHostOptions _options;
    private readonly ITransport _transport;
    private readonly ShapedTransport? _shaped;
    private readonly CascadeEngine _engine;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly IReadOnlyList<FlowRoute> _routes;
    private readonly ConcurrentDictionary<ImageTrace, Pending> _pending = new(ReferenceEqualityComparer.Instance);
    private readonly CancellationTokenSource _closing = new();
    private readonly ActorSystem _system;
    private readonly bool _ownsSystem;
    private readonly SinkWriter? _sink;
    private readonly ImageSet? _references;
    private readonly Durability.DurableSourceQueue? _queue;

    // Queued images in work at once (the subscription's prefetch): accepted images are acked at once, so without this
    // bound a flood from send would reach the node actor and be shed and retried over and over.
    private readonly SemaphoreSlim _sourceWork;
    private IActorRef _actor = null!;
    private ISubscription? _subscription;
    private volatile bool _stopping;
    private volatile bool _closed;
    private int _stopped;
    private int _inFlight;
    private long _received;
    private long _forwarded;
    private long _delivered;
    private long _duplicates;
    private long _returned;
    private long _refused;
    private long _stagesRun;

    private NodeRuntime(NodeHostOptions options, ITransport transport, CascadeEngine engine, ILogger logger, TimeProvider timeProvider)
    {
        _options = options;
        _engine = engine;
        _logger = logger;
        _timeProvider = timeProvider;
        Node = options.Topology.Node(options.NodeName);
        _routes = RoutePlanner.Routes(options.Topology, options.Policy);
        if (options.ShapeLinks)
        {
            _shaped = new ShapedTransport(transport, LinkShape.OutgoingLinks(options.Topology, Node.Name), timeProvider);
            _transport = _shaped;
        }
        else
        {
            _transport = transport;
        }

        if (_routes.Any(r => string.Equals(r.Plan.Path[^1], Node.Name, StringComparison.Ordinal)))
        {
            _sink = new SinkWriter(options.ResolveOutputDirectory(), options.WriteImages);
            if (!string.IsNullOrEmpty(options.ReferenceImages))
            {
                _references = ImageSet.Open(options.ReferenceImages);
            }
        }

        _sourceWork = new SemaphoreSlim(Prefetch(options, Node), int.MaxValue);
        if (options.DurableSourceQueue && _routes.Any(r => string.Equals(r.Plan.Path[0], Node.Name, StringComparison.Ordinal)))
        {
            _queue = Durability.DurableSourceQueue.Open(
                Path.Combine(options.ResolveOutputDirectory(), NodeHostOptions.SourceQueueFileName), options.SourceQueueCapacity, transport.MaxPayloadBytes);
        }

        // On a cluster member the node actors live in the member's own ActorSystem (one per process, as designed);
        // otherwise (in-process transport) each node gets a local system of its own.
        if (transport is Clustering.AkkaClusterTransport member)
        {
            _system = member.System;
        }
        else
        {
            _system = ActorSystem.Create(SystemName(Node.Name), ConfigurationFactory.ParseString(AkkaConfig));
            _ownsSystem = true;
        }
    }

    /// <summary>The topology's description of this node.</summary>
    public NodeSpec Node { get; }

    /// <summary>The flows as this node runs them.</summary>
    public IReadOnlyList<FlowRoute> Routes => _routes;

    /// <summary>The sink's output (null when no flow ends here).</summary>
    public SinkWriter? Sink => _sink;

    /// <summary>Deliveries taken into work and not yet settled.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Counters so far.</summary>
    public NodeStatistics Statistics => new(
        Interlocked.Read(ref _received),
        Interlocked.Read(ref _forwarded),
        Interlocked.Read(ref _delivered),
        Interlocked.Read(ref _duplicates),
        Interlocked.Read(ref _returned),
        Interlocked.Read(ref _refused),
        Interlocked.Read(ref _stagesRun));

    /// <summary>Per outgoing link: messages, bytes and measured rate (empty when links are not shaped).</summary>
    public IReadOnlyList<LinkThroughput> LinkThroughput() => _shaped?.Throughput() ?? [];

    /// <summary>Creates the node actor and starts consuming (membership is the transport's: Akka.Cluster).</summary>
    /// <param name="options">What to run.</param>
    /// <param name="transport">The transport; owned by the caller (stop the runtime before disposing it).</param>
    /// <param name="engine">The codec engine of the model family.</param>
    /// <param name="logger">Log sink.</param>
    /// <param name="timeProvider">Wall clock for latency and shaping; the system clock by default.</param>
    /// <param name="cancellationToken">Cancels starting.</param>
    public static async Task<NodeRuntime> StartAsync(
        NodeHostOptions options,
        ITransport transport,
        CascadeEngine engine,
        ILogger? logger = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(engine);
        var runtime = new NodeRuntime(options, transport, engine, logger ?? NullLogger.Instance, timeProvider ?? TimeProvider.System);
        try
        {
            await runtime.StartCoreAsync(cancellationToken).ConfigureAwait(false);
            return runtime;
        }
        catch
        {
            await runtime.AbortAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Graceful stop: hold new deliveries, drain in-flight work, then return the rest to the queue.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        _stopping = true;
        HostingLog.Stopping(_logger, Node.Name, InFlight, _options.DrainTimeout.TotalSeconds);
        long deadline = _timeProvider.GetTimestamp();
        while (InFlight > 0 && _timeProvider.GetElapsedTime(deadline) < _options.DrainTimeout && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), _timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await CloseAsync().ConfigureAwait(false);
        NodeStatistics s = Statistics;
        HostingLog.Stopped(_logger, Node.Name, s.Received, s.Forwarded, s.Delivered, s.Duplicates, s.Returned, s.StagesRun);
        foreach (LinkThroughput link in LinkThroughput())
        {
            string configured = link.ConfiguredBitsPerSecond is { } bps
                ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bps / 1e6:0.###} Mbit/s")
                : "unshaped";
            HostingLog.LinkMeasured(
                _logger, Node.Name, link.Destination, link.Messages, link.FlowImages, link.PayloadBytes, link.Elapsed.TotalSeconds, link.MeasuredBitsPerSecond / 1e6, configured);
        }
    }

    /// <summary>
    /// Stops at once as a crash would: nothing more is published or acked, and every unsettled delivery goes back to
    /// the queue when the subscription closes.
    /// </summary>
    public async Task AbortAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        _stopping = true;
        await CloseAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _closing.Dispose();
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        GpuBudget budget = _options.EmulateGpuTime
            ? GpuBudget.ForNode(Node)
            : new GpuBudget(1e30, Node.Gpu.MemoryBytes, Node.Gpu.Concurrency, Node.QueueCapacity);
        var outgoing = _options.Topology.Links
            .Where(l => string.Equals(l.From, Node.Name, StringComparison.Ordinal))
            .Select(l => (ILinkPort)new LinkPort(this, l.From, l.To))
            .ToList();
        var settings = new NodeActorSettings(
            Node.Name, budget, new Executor(this, new CodecStageExecutor(_engine)), _routes, outgoing, new Observer(this), StageWorkers: budget.Concurrency);
        _actor = _system.ActorOf(NodeActor.Props(settings), "node");
        if (_queue is { Recovered.Count: > 0 })
        {
            // Accepted before a crash (or a stop) and never handed on: they go first, as they came first.
            HostingLog.Recovered(_logger, Node.Name, _queue.Recovered.Count, _queue.Path);
            foreach (Durability.QueuedImage image in _queue.Recovered)
            {
                _ = HandleAsync(Queued(image.EntryId, image.Frame.Envelope, image.Frame.Payload, redelivered: true), CancellationToken.None);
            }
        }

        int prefetch = Prefetch(_options, Node);
        _subscription = await _transport.SubscribeAsync(
            Node.Name,
            HandleAsync,
            new SubscribeOptions
            {
                Prefetch = prefetch,
                Rejected = rejected => HostingLog.Refused(_logger, Node.Name, rejected.Envelope?.FlowsText ?? "?", rejected.Envelope?.ImageId ?? -1, rejected.Envelope?.Hop ?? -1, rejected.Reason),
            },
            cancellationToken).ConfigureAwait(false);
        HostingLog.Started(_logger, Node.Name, _options.Topology.Name, _transport.Kind, prefetch, string.Join(" ", _routes.Select(r => $"{r.Name}={r.Plan.Policy.ToBitString()}")));
    }

    private async Task CloseAsync()
    {
        _closed = true;
        await _closing.CancelAsync().ConfigureAwait(false);
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync().ConfigureAwait(false);
        }

        if (_ownsSystem)
        {
            await Task.WhenAny(_system.Terminate(), Task.Delay(TimeSpan.FromSeconds(2), _timeProvider)).ConfigureAwait(false);
        }
        else if (_actor is not null)
        {
            // The cluster member's system outlives the node: it leaves the cluster when the transport is disposed.
            await Task.WhenAny(_actor.GracefulStop(TimeSpan.FromSeconds(2)), Task.Delay(TimeSpan.FromSeconds(2), _timeProvider)).ConfigureAwait(false);
        }
        _sink?.Dispose();
        _queue?.Dispose();
    }

    private static int Prefetch(NodeHostOptions options, NodeSpec node) =>
        options.Prefetch ?? Math.Clamp(node.QueueCapacity + node.Gpu.Concurrency, 1, 64);

    private async Task HandleAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        if (_stopping)
        {
            // Held unsettled: it returns to the queue when the subscription closes.
            return;
        }

        if (delivery is QueuedDelivery && !await TakeSourceWorkAsync().ConfigureAwait(false))
        {
            return; // stopping: it stays in the queue file
        }

        Envelope envelope = delivery.Envelope;
        FlowRoute[]? routes = RoutesOf(envelope, out string? problem);
        if (routes is null)
        {
            await RefuseAsync(delivery, problem!).ConfigureAwait(false);
            return;
        }

        int stageIndex = envelope.Hop;

        // A flow that ends here and has this image already is a redelivery: only the message's other flows are worked on.
        FlowRoute[] open = routes
            .Where(r => !(r.Plan.Stages[stageIndex].IsDestination && _sink!.IsDelivered(r.Name, envelope.ImageId)))
            .ToArray();
        if (open.Length < routes.Length)
        {
            Interlocked.Add(ref _duplicates, routes.Length - open.Length);
        }

        if (open.Length == 0)
        {
            Interlocked.Increment(ref _inFlight);
            await SettleAsync(delivery, ack: true, requeue: false).ConfigureAwait(false);
            return;
        }

        if (_options.BypassCodec)
        {
            if (stageIndex == 0 && _queue is not null && delivery is not QueuedDelivery)
            {
                Delivery? queued = await AcceptDurablyAsync(delivery).ConfigureAwait(false);
                if (queued is null)
                {
                    return;
                }

                if (!_sourceWork.Wait(0))
                {
                    _ = HandleAsync(queued, cancellationToken); // waits for a work slot there
                    return;
                }

                delivery = queued;
            }

            Interlocked.Increment(ref _inFlight);
            Interlocked.Increment(ref _received);
            PassOnUnchanged(new Incoming(delivery, open.Length), open, stageIndex);
            return;
        }

        object input;
        long streamBytes = 0;
        int width = open[0].ImageWidth;
        int height = open[0].ImageHeight;
        try
        {
            if (stageIndex == 0)
            {
                RgbImage image = ImageFile.Decode(delivery.Payload.Span);
                (width, height) = (image.Width, image.Height);
                input = image;
            }
            else
            {
                LatentPacket packet = LatentPacketCodec.Decode(delivery.Payload.Span, _engine.FamilyId);
                (width, height) = (packet.ImageWidth, packet.ImageHeight);
                streamBytes = packet.HyperStream.Length + packet.MainStream.Length;
                input = packet;
            }
        }
        catch (Exception error) when (error is ImageFormatException or BitstreamException)
        {
            await RefuseAsync(delivery, error.Message).ConfigureAwait(false);
            return;
        }

        if (stageIndex == 0 && _queue is not null && delivery is not QueuedDelivery)
        {
            // Checked first (route, policy, a readable image): only an image this source can code is accepted.
            Delivery? queued = await AcceptDurablyAsync(delivery).ConfigureAwait(false);
            if (queued is null)
            {
                return;
            }

            if (!_sourceWork.Wait(0))
            {
                // No work slot now: wait for one without holding the decoded image (it is decoded again then).
                _ = HandleAsync(queued, cancellationToken);
                return;
            }

            delivery = queued;
            envelope = delivery.Envelope;
        }

        // One trace per flow riding on the message; the node actor runs one stage per branch of them (one g_a^s at a
        // source, one transform where they agree) and forks where their plans part.
        var incoming = new Incoming(delivery, open.Length);
        long now = _system.Scheduler.NowNanoseconds();
        var traces = new ImageTrace[open.Length];
        for (int i = 0; i < open.Length; i++)
        {
            traces[i] = new ImageTrace(open[i].Index, envelope.ImageId, (int)(envelope.ImageId % int.MaxValue), now, open[i].HopCount);
            var pending = new Pending(incoming, open[i], width, height, streamBytes);
            incoming.Flows.Add(pending);
            _pending[traces[i]] = pending;
        }

        Interlocked.Increment(ref _inFlight);
        Interlocked.Increment(ref _received);
        ImageTrace[]? riders = traces.Length > 1 ? traces[1..] : null;
        _actor.Tell(stageIndex == 0
            ? new ImageArrived(traces[0], input, riders)
            : new HopTransfer(traces[0], stageIndex, delivery.Payload.Length * 8L, input, riders));
    }

    /// <summary>
    /// The routes of every flow the message carries, each checked to run stage <see cref="Envelope.Hop"/> here under
    /// the plan the message was made for; null with the reason to refuse it otherwise.
    /// </summary>
    private FlowRoute[]? RoutesOf(Envelope envelope, out string? problem)
    {
        var routes = new List<FlowRoute>(1 + envelope.RiderFlows.Count);
        foreach (string flow in envelope.Flows)
        {
            FlowRoute? route = RoutePlanner.Find(_routes, flow);
            if (route is null)
            {
                problem = envelope.RiderFlows.Count == 0 ? "unknown flow" : $"unknown flow '{flow}'";
                return null;
            }

            if (routes.Contains(route))
            {
                problem = $"flow {flow} rides twice on one message";
                return null;
            }

            int stageIndex = envelope.Hop;
            if (stageIndex < 0 || stageIndex > route.HopCount || !string.Equals(route.Plan.Stages[stageIndex].Node, Node.Name, StringComparison.Ordinal))
            {
                problem = $"hop {stageIndex} of flow {route.Name} does not run on this node";
                return null;
            }

            routes.Add(route);
        }

        string bits = RoutePlanner.PlanText(routes);
        if (!string.Equals(envelope.Policy, bits, StringComparison.Ordinal))
        {
            problem = $"planned with policy {envelope.Policy}, this node runs {bits} (pass the same --policy everywhere)";
            return null;
        }

        problem = null;
        return [.. routes];
    }

    // Codec bypassed: every flow that ends here is recorded without a reconstruction; the others go on unchanged, one
    // message per next node and level for the flows that agree on them.
    private void PassOnUnchanged(Incoming incoming, FlowRoute[] flows, int stageIndex)
    {
        Envelope envelope = incoming.Delivery.Envelope;
        foreach (FlowRoute route in flows.Where(r => r.Plan.Stages[stageIndex].IsDestination))
        {
            var pending = new Pending(incoming, route, route.ImageWidth, route.ImageHeight, streamBytes: 0);
            _ = Task.Run(() => DeliverAsync(pending));
        }

        var branches = flows
            .Where(r => !r.Plan.Stages[stageIndex].IsDestination)
            .GroupBy(r => (Next: r.Plan.Stages[stageIndex + 1].Node, r.Plan.Hops[stageIndex].Level));
        foreach (var branch in branches)
        {
            FlowRoute[] riding = [.. branch];
            Envelope next = RoutePlanner.Carrying(envelope.Forwarded() with { Level = branch.Key.Level }, riding);
            _ = PublishBranchAsync(incoming, riding.Length, branch.Key.Next, next, incoming.Delivery.Payload);
        }
    }

    /// <summary>
    /// Puts a source's incoming image on disk, then acks the transport delivery (the sender's publish completes: the
    /// image is accepted) and returns the queue's own delivery to work on; null when the image could not be written
    /// (the transport delivery goes back to the sender, which sends it again).
    /// </summary>
    private async Task<Delivery?> AcceptDurablyAsync(Delivery delivery)
    {
        long entry;
        try
        {
            entry = await _queue!.AppendAsync(new Clustering.LatentFrame(delivery.Envelope, delivery.Payload), _closing.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or OperationCanceledException or ObjectDisposedException)
        {
            if (error is IOException or UnauthorizedAccessException)
            {
                HostingLog.QueueFailed(_logger, Node.Name, delivery.Envelope.FlowsText, delivery.Envelope.ImageId, error.Message);
            }

            Interlocked.Increment(ref _inFlight);
            await SettleAsync(delivery, ack: false, requeue: true).ConfigureAwait(false);
            return null;
        }

        Interlocked.Increment(ref _inFlight);
        await SettleAsync(delivery, ack: true, requeue: false).ConfigureAwait(false);
        return Queued(entry, delivery.Envelope, delivery.Payload, delivery.Redelivered);
    }

    private QueuedDelivery Queued(long entry, Envelope envelope, ReadOnlyMemory<byte> payload, bool redelivered) =>
        new(entry, Node.Name, envelope, payload, redelivered, SettleQueuedAsync);

    // Done (handed on, or refused for good): off the disk. Given back: tried again shortly, still on the disk meanwhile.
    private async Task<bool> TakeSourceWorkAsync()
    {
        try
        {
            await _sourceWork.WaitAsync(_closing.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private Task SettleQueuedAsync(QueuedDelivery delivery, bool ack, bool requeue)
    {
        _sourceWork.Release();
        if (ack || !requeue)
        {
            _queue!.Complete(delivery.EntryId);
        }
        else
        {
            _ = RetryQueuedAsync(delivery);
        }

        return Task.CompletedTask;
    }

    private async Task RetryQueuedAsync(QueuedDelivery delivery)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), _timeProvider, _closing.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return; // stopping: it stays in the queue file and comes back after the restart
        }

        await HandleAsync(Queued(delivery.EntryId, delivery.Envelope, delivery.Payload, redelivered: true), _closing.Token).ConfigureAwait(false);
    }

    private async Task RefuseAsync(Delivery delivery, string reason)
    {
        Envelope e = delivery.Envelope;
        HostingLog.Refused(_logger, Node.Name, e.FlowsText, e.ImageId, e.Hop, reason);
        Interlocked.Increment(ref _refused);
        try
        {
            if (!_closed)
            {
                await delivery.RejectAsync(reason).ConfigureAwait(false); // the sender's publish fails with the reason
            }
        }
        catch (Exception error) when (error is TransportException or InvalidOperationException or ObjectDisposedException)
        {
            HostingLog.SettleFailed(_logger, Node.Name, error.Message);
        }
    }

    // On the actor's turn: hand the output to the transport and return at once. The transfer's riders are the flows
    // of the same message that share this output: one message downstream carries them all.
    private void Forward(HopTransfer transfer, string destination)
    {
        if (!_pending.TryRemove(transfer.Image, out Pending? leader))
        {
            return;
        }

        var branch = new List<Pending>(1 + (transfer.Riders?.Count ?? 0)) { leader };
        if (transfer.Riders is { } riders)
        {
            foreach (ImageTrace rider in riders)
            {
                if (_pending.TryRemove(rider, out Pending? pending))
                {
                    branch.Add(pending);
                }
            }
        }

        _ = ForwardAsync(branch, transfer, destination);
    }

    private async Task ForwardAsync(List<Pending> branch, HopTransfer transfer, string destination)
    {
        Incoming incoming = branch[0].Incoming;
        try
        {
            // A pass-through relay forwards the packet it received (decoded on receipt to check it): same bytes again.
            byte[] payload = transfer.Payload switch
            {
                byte[] bytes => bytes,
                LatentPacket packet => LatentPacketCodec.Encode(packet),
                _ => throw new InvalidOperationException($"stage produced {transfer.Payload?.GetType().Name ?? "nothing"} instead of packet bytes"),
            };
            int level = branch[0].Route.Plan.Hops[transfer.StageIndex - 1].Level;
            Envelope next = RoutePlanner.Carrying(incoming.Delivery.Envelope.ForNextHop(payload, level), [.. branch.Select(p => p.Route)]);
            await PublishBranchAsync(incoming, branch.Count, destination, next, payload).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A stage that produced no packet returns the delivery to the queue; nothing is acked.
        catch (Exception error)
#pragma warning restore CA1031
        {
            await ReturnBranchAsync(incoming, branch.Count, destination, error).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Publishes one branch's output of <paramref name="incoming"/> (<paramref name="flows"/> of its flows) and counts
    /// the branch done once the publish is confirmed; the incoming message is acked when all its branches are.
    /// </summary>
    private async Task PublishBranchAsync(Incoming incoming, int flows, string destination, Envelope next, ReadOnlyMemory<byte> payload)
    {
        try
        {
            if (_closed)
            {
                return; // never publish (or ack) after the drain ended; the delivery goes back to the queue
            }

            await _transport.PublishAsync(destination, next, payload, _closing.Token).ConfigureAwait(false);
            Interlocked.Increment(ref _forwarded);
            if (_closed)
            {
                return; // forwarded but not acked: the sink will see a duplicate and drop it
            }

            await CompleteAsync(incoming, flows, Outcome.Done).ConfigureAwait(false);
        }
        catch (MessageRejectedException rejected)
        {
            // Refused for good downstream: refused here too (when no other branch got through), so the rejection
            // reaches whoever sent the image.
            HostingLog.Refused(_logger, Node.Name, next.FlowsText, next.ImageId, next.Hop, rejected.Message);
            await CompleteAsync(incoming, flows, Outcome.Refused, rejected.Message).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Any failure to forward returns the delivery to the queue; nothing is acked.
        catch (Exception error)
#pragma warning restore CA1031
        {
            await ReturnBranchAsync(incoming, flows, destination, error).ConfigureAwait(false);
        }
    }

    private async Task ReturnBranchAsync(Incoming incoming, int flows, string destination, Exception error)
    {
        if (_closed)
        {
            return;
        }

        Envelope e = incoming.Delivery.Envelope;
        HostingLog.ForwardFailed(_logger, Node.Name, e.FlowsText, e.ImageId, destination, error.Message);
        await CompleteAsync(incoming, flows, Outcome.Retry).ConfigureAwait(false);
    }

    private void OnDelivered(ImageTrace image)
    {
        if (_pending.TryRemove(image, out Pending? pending))
        {
            _ = Task.Run(() => DeliverAsync(pending));
        }
    }

    private async Task DeliverAsync(Pending pending)
    {
        Envelope envelope = pending.Incoming.Delivery.Envelope;
        string flow = pending.Route.Name;
        try
        {
            if (_closed)
            {
                return;
            }

            RgbImage? reconstruction = pending.Reconstruction;
            if (reconstruction is null && !_options.BypassCodec)
            {
                throw new InvalidOperationException("the destination stage produced no image");
            }

            double latency = (_timeProvider.GetUtcNow() - envelope.CreatedAt).TotalSeconds;
            double bpp = reconstruction is null
                ? double.NaN // codec bypassed: the payload is no bitstream
                : pending.StreamBytes * 8.0 / ((double)reconstruction.Width * reconstruction.Height);
            double psnr = double.NaN;
            if (_references is not null && reconstruction is not null)
            {
                RgbImage reference = _references.ImageFor(envelope.ImageId);
                if (reference.Width == reconstruction.Width && reference.Height == reconstruction.Height)
                {
                    psnr = Psnr.Compute(reference, reconstruction);
                }
            }

            if (_sink!.TryWrite(flow, envelope.ImageId, reconstruction, latency, bpp, psnr))
            {
                Interlocked.Increment(ref _delivered);
            }
            else
            {
                Interlocked.Increment(ref _duplicates);
            }
        }
#pragma warning disable CA1031 // A failed write returns the delivery to the queue.
        catch (Exception error)
#pragma warning restore CA1031
        {
            HostingLog.WriteFailed(_logger, Node.Name, flow, envelope.ImageId, error.Message);
            await CompleteAsync(pending.Incoming, 1, Outcome.Retry).ConfigureAwait(false);
            return;
        }

        await CompleteAsync(pending.Incoming, 1, Outcome.Done).ConfigureAwait(false);
    }

    private void OnDropped(ImageTrace image, DropReason reason)
    {
        if (!_pending.TryRemove(image, out Pending? pending))
        {
            return;
        }

        // Load shedding goes back to the queue; a codec failure gets one more try on redelivery, then is dropped.
        bool requeue = reason switch
        {
            DropReason.QueueFull => true,
            DropReason.StageFailed => !pending.Incoming.Delivery.Redelivered,
            _ => false,
        };
        HostingLog.Dropped(_logger, Node.Name, pending.Route.Name, image.ImageId, reason.ToString(), requeue);
        _ = CompleteAsync(pending.Incoming, 1, requeue ? Outcome.Retry : Outcome.Dropped);
    }

    /// <summary>
    /// Counts <paramref name="flows"/> flows of <paramref name="incoming"/> settled with <paramref name="outcome"/>; the
    /// last one settles the delivery for all of them.
    /// </summary>
    /// <remarks>
    /// One delivery, one settlement: any flow to be retried gives the whole message back (the flows already handed on
    /// come again and the sinks drop them as duplicates); otherwise it is acked when any flow got through (the others'
    /// drops are in the log), refused when every flow was refused downstream (the sender learns why), and dropped when
    /// every flow was dropped. A message of one flow settles exactly as before the flows could share one.
    /// </remarks>
    private async Task CompleteAsync(Incoming incoming, int flows, Outcome outcome, string? reason = null)
    {
        if (!incoming.Complete(flows, outcome, reason))
        {
            return;
        }

        switch (incoming.Result)
        {
            case Outcome.Retry:
                Interlocked.Increment(ref _returned);
                await SettleAsync(incoming.Delivery, ack: false, requeue: true).ConfigureAwait(false);
                break;
            case Outcome.Done:
                await SettleAsync(incoming.Delivery, ack: true, requeue: false).ConfigureAwait(false);
                break;
            case Outcome.Refused:
                // Counted refused before it stops being in flight, so a reader that sees nothing in flight sees it refused.
                try
                {
                    await RefuseAsync(incoming.Delivery, incoming.Reason ?? "refused downstream").ConfigureAwait(false);
                }
                finally
                {
                    Interlocked.Decrement(ref _inFlight);
                }

                break;
            default:
                Interlocked.Increment(ref _refused);
                await SettleAsync(incoming.Delivery, ack: false, requeue: false).ConfigureAwait(false);
                break;
        }
    }

    private async Task SettleAsync(Delivery delivery, bool ack, bool requeue)
    {
        try
        {
            if (!_closed)
            {
                if (ack)
                {
                    await delivery.AckAsync().ConfigureAwait(false);
                }
                else
                {
                    await delivery.NackAsync(requeue).ConfigureAwait(false);
                }
            }
        }
        catch (Exception error) when (error is TransportException or InvalidOperationException or ObjectDisposedException)
        {
            HostingLog.SettleFailed(_logger, Node.Name, error.Message);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>How one flow of a message ended at this node, in the order that decides the message's settlement.</summary>
    private enum Outcome
    {
        /// <summary>Dropped for good here (memory, a stage that failed twice).</summary>
        Dropped,

        /// <summary>Refused for good downstream.</summary>
        Refused,

        /// <summary>Handed on (publish confirmed) or written at this sink.</summary>
        Done,

        /// <summary>To be tried again: the whole message goes back to the queue.</summary>
        Retry,
    }

    /// <summary>
    /// One delivery in work and the flows riding on it: settled once, when the last of its flows has an outcome.
    /// </summary>
    private sealed class Incoming(Delivery delivery, int flows)
    {
        private readonly Lock _gate = new();
        private int _open = flows;

        public Delivery Delivery { get; } = delivery;

        /// <summary>The flows' work, filled before the node actor sees the message and read-only after.</summary>
        public List<Pending> Flows { get; } = new(flows);

        /// <summary>The settlement, once every flow has an outcome: the highest <see cref="Outcome"/> seen.</summary>
        public Outcome Result { get; private set; } = Outcome.Dropped;

        /// <summary>The first downstream refusal's reason, if any.</summary>
        public string? Reason { get; private set; }

        /// <summary>Records an outcome for <paramref name="count"/> flows; true for the call that closed the last one.</summary>
        public bool Complete(int count, Outcome outcome, string? reason)
        {
            lock (_gate)
            {
                if (_open <= 0)
                {
                    return false;
                }

                if (outcome > Result)
                {
                    Result = outcome;
                }

                if (outcome == Outcome.Refused)
                {
                    Reason ??= reason;
                }

                _open -= count;
                return _open <= 0;
            }
        }
    }

    /// <summary>One flow of a delivery in work: what the node needs to forward or deliver it.</summary>
    private sealed class Pending(Incoming incoming, FlowRoute route, int width, int height, long streamBytes)
    {
        public Incoming Incoming { get; } = incoming;

        public FlowRoute Route { get; } = route;

        public int Width { get; } = width;

        public int Height { get; } = height;

        public long StreamBytes { get; } = streamBytes;

        public RgbImage? Reconstruction { get; set; }
    }
    /// <summary>Publishes a node's hop bitstreams through the (shaped) transport.</summary>
    private sealed class LinkPort(NodeRuntime runtime, string from, string to) : ILinkPort
    {
        public string From { get; } = from;

        public string To { get; } = to;

        public void Send(HopTransfer transfer) => runtime.Forward(transfer, To);
    }

    // Akka's own log goes nowhere: the runtime logs through ILogger, and stdout may carry a command's JSON.
    private const string AkkaConfig = """
        akka {
          loglevel = OFF
          stdout-loglevel = OFF
          log-dead-letters = off
          coordinated-shutdown.run-by-clr-shutdown-hook = off
        }
        """;

    // Akka system names allow [A-Za-z0-9_-]; node names may hold more (validated elsewhere), so map the rest to '-'.
    private static string SystemName(string node) =>
        "node-" + new string(node.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());

    /// <summary>Routes deliveries and drops back to the runtime.</summary>
    private sealed class Observer(NodeRuntime runtime) : INodeObserver
    {
        public void OnDelivered(ImageTrace image, long nowNs) => runtime.OnDelivered(image);

        public void OnDropped(ImageTrace image, DropReason reason, string node, long nowNs) => runtime.OnDropped(image, reason);
    }

    /// <summary>The codec executor, planning with each image's real size and keeping the destination's reconstruction.</summary>
    private sealed class Executor(NodeRuntime runtime, CodecStageExecutor inner) : IStageExecutor
    {
        public EdgeCascade.Actors.Scheduling.OperationCost Plan(in StageWork work)
        {
            if (runtime._pending.TryGetValue(work.Image, out Pending? pending)
                && (pending.Width != work.Route.ImageWidth || pending.Height != work.Route.ImageHeight))
            {
                return inner.Plan(work with { Route = work.Route with { ImageWidth = pending.Width, ImageHeight = pending.Height } });
            }

            return inner.Plan(work);
        }

        public StageOutput Execute(in StageWork work)
        {
            StageOutput output = inner.Execute(work);
            Interlocked.Increment(ref runtime._stagesRun);
            if (work.Stage.IsDestination && runtime._pending.TryGetValue(work.Image, out Pending? pending))
            {
                pending.Reconstruction = output.Payload as RgbImage;

                // A flow listed twice with the same plan rides in this job's branch and is delivered from its output.
                foreach (Pending other in pending.Incoming.Flows)
                {
                    if (other != pending && other.Route.Plan.Stages[work.Stage.Index].IsDestination
                        && other.Route.Plan.AgreesAt(pending.Route.Plan, work.Stage.Index))
                    {
                        other.Reconstruction ??= pending.Reconstruction;
                    }
                }
            }

            return output;
        }
    }
}
