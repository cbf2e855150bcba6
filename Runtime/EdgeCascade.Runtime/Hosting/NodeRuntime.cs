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
        Interlocked.Read(ref _refused));

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
        HostingLog.Stopped(_logger, Node.Name, s.Received, s.Forwarded, s.Delivered, s.Duplicates, s.Returned);
        foreach (LinkThroughput link in LinkThroughput())
        {
            string configured = link.ConfiguredBitsPerSecond is { } bps
                ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bps / 1e6:0.###} Mbit/s")
                : "unshaped";
            HostingLog.LinkMeasured(
                _logger, Node.Name, link.Destination, link.Messages, link.PayloadBytes, link.Elapsed.TotalSeconds, link.MeasuredBitsPerSecond / 1e6, configured);
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
                Rejected = rejected => HostingLog.Refused(_logger, Node.Name, rejected.Envelope?.FlowId ?? "?", rejected.Envelope?.ImageId ?? -1, rejected.Envelope?.Hop ?? -1, rejected.Reason),
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
        FlowRoute? route = RoutePlanner.Find(_routes, envelope.FlowId);
        if (route is null)
        {
            await RefuseAsync(delivery, "unknown flow").ConfigureAwait(false);
            return;
        }

        int stageIndex = envelope.Hop;
        if (stageIndex < 0 || stageIndex > route.HopCount || !string.Equals(route.Plan.Stages[stageIndex].Node, Node.Name, StringComparison.Ordinal))
        {
            await RefuseAsync(delivery, $"hop {stageIndex} of flow {route.Name} does not run on this node").ConfigureAwait(false);
            return;
        }

        string bits = route.Plan.Policy.ToBitString();
        if (!string.Equals(envelope.Policy, bits, StringComparison.Ordinal))
        {
            await RefuseAsync(delivery, $"planned with policy {envelope.Policy}, this node runs {bits} (pass the same --policy everywhere)").ConfigureAwait(false);
            return;
        }

        bool destination = route.Plan.Stages[stageIndex].IsDestination;
        if (destination && _sink!.IsDelivered(envelope.FlowId, envelope.ImageId))
        {
            Interlocked.Increment(ref _duplicates);
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
            if (destination)
            {
                DeliverUnchanged(delivery, route);
            }
            else
            {
                Envelope next = envelope.Forwarded() with { Level = route.Plan.Hops[stageIndex].Level };
                _ = PublishAndAckAsync(delivery, route.Plan.Stages[stageIndex + 1].Node, next, delivery.Payload);
            }

            return;
        }

        object input;
        long streamBytes = 0;
        int width = route.ImageWidth;
        int height = route.ImageHeight;
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

        var trace = new ImageTrace(route.Index, envelope.ImageId, (int)(envelope.ImageId % int.MaxValue), _system.Scheduler.NowNanoseconds(), route.HopCount);
        _pending[trace] = new Pending(delivery, route, width, height, streamBytes);
        Interlocked.Increment(ref _inFlight);
        Interlocked.Increment(ref _received);
        _actor.Tell(stageIndex == 0
            ? new ImageArrived(trace, input)
            : new HopTransfer(trace, stageIndex, delivery.Payload.Length * 8L, input));
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
                HostingLog.QueueFailed(_logger, Node.Name, delivery.Envelope.FlowId, delivery.Envelope.ImageId, error.Message);
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
        HostingLog.Refused(_logger, Node.Name, e.FlowId, e.ImageId, e.Hop, reason);
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

    // On the actor's turn: hand the output to the transport and return at once.
    private void Forward(HopTransfer transfer, string destination)
    {
        if (!_pending.TryRemove(transfer.Image, out Pending? pending))
        {
            return;
        }

        _ = ForwardAsync(pending, transfer, destination);
    }

    private async Task ForwardAsync(Pending pending, HopTransfer transfer, string destination)
    {
        Envelope incoming = pending.Delivery.Envelope;
        try
        {
            // A pass-through relay forwards the packet it received (decoded on receipt to check it): same bytes again.
            byte[] payload = transfer.Payload switch
            {
                byte[] bytes => bytes,
                LatentPacket packet => LatentPacketCodec.Encode(packet),
                _ => throw new InvalidOperationException($"stage produced {transfer.Payload?.GetType().Name ?? "nothing"} instead of packet bytes"),
            };
            int level = pending.Route.Plan.Hops[transfer.StageIndex - 1].Level;
            Envelope next = incoming.ForNextHop(payload, level);
            await PublishAndAckAsync(pending.Delivery, destination, next, payload).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A stage that produced no packet returns the delivery to the queue; nothing is acked.
        catch (Exception error)
#pragma warning restore CA1031
        {
            await ReturnAsync(pending.Delivery, destination, error).ConfigureAwait(false);
        }
    }

    /// <summary>Publishes the output of <paramref name="delivery"/> and acks it once the publish is confirmed.</summary>
    private async Task PublishAndAckAsync(Delivery delivery, string destination, Envelope next, ReadOnlyMemory<byte> payload)
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

            await SettleAsync(delivery, ack: true, requeue: false).ConfigureAwait(false);
        }
        catch (MessageRejectedException rejected)
        {
            // Refused for good downstream: refused here too, so the rejection reaches whoever sent the image.
            Interlocked.Decrement(ref _inFlight);
            await RefuseAsync(delivery, rejected.Message).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Any failure to forward returns the delivery to the queue; nothing is acked.
        catch (Exception error)
#pragma warning restore CA1031
        {
            await ReturnAsync(delivery, destination, error).ConfigureAwait(false);
        }
    }

    private async Task ReturnAsync(Delivery delivery, string destination, Exception error)
    {
        if (_closed)
        {
            return;
        }

        Envelope incoming = delivery.Envelope;
        HostingLog.ForwardFailed(_logger, Node.Name, incoming.FlowId, incoming.ImageId, destination, error.Message);
        Interlocked.Increment(ref _returned);
        await SettleAsync(delivery, ack: false, requeue: true).ConfigureAwait(false);
    }

    // Codec bypassed: the payload reached the sink as it left the source; record it without a reconstruction.
    private void DeliverUnchanged(Delivery delivery, FlowRoute route)
    {
        var pending = new Pending(delivery, route, route.ImageWidth, route.ImageHeight, streamBytes: 0);
        _ = Task.Run(() => DeliverAsync(pending));
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
        Envelope envelope = pending.Delivery.Envelope;
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

            if (_sink!.TryWrite(envelope.FlowId, envelope.ImageId, reconstruction, latency, bpp, psnr))
            {
                Interlocked.Increment(ref _delivered);
            }
            else
            {
                Interlocked.Increment(ref _duplicates);
            }

            await SettleAsync(pending.Delivery, ack: true, requeue: false).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failed write returns the delivery to the queue.
        catch (Exception error)
#pragma warning restore CA1031
        {
            HostingLog.WriteFailed(_logger, Node.Name, envelope.FlowId, envelope.ImageId, error.Message);
            Interlocked.Increment(ref _returned);
            await SettleAsync(pending.Delivery, ack: false, requeue: true).ConfigureAwait(false);
        }
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
            DropReason.StageFailed => !pending.Delivery.Redelivered,
            _ => false,
        };
        Envelope e = pending.Delivery.Envelope;
        HostingLog.Dropped(_logger, Node.Name, e.FlowId, e.ImageId, reason.ToString(), requeue);
        if (requeue)
        {
            Interlocked.Increment(ref _returned);
        }
        else
        {
            Interlocked.Increment(ref _refused);
        }

        _ = SettleAsync(pending.Delivery, ack: false, requeue);
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

    /// <summary>A delivery in work: what the node needs to forward, deliver or return it.</summary>
    private sealed class Pending(Delivery delivery, FlowRoute route, int width, int height, long streamBytes)
    {
        public Delivery Delivery { get; } = delivery;

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
            if (work.Stage.IsDestination && runtime._pending.TryGetValue(work.Image, out Pending? pending))
            {
                pending.Reconstruction = output.Payload as RgbImage;
            }

            return output;
        }
    }
}
