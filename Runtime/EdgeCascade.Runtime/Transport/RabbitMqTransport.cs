using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace EdgeCascade.Runtime.Transport;

/// <summary>
/// The broker transport: one durable queue per node (<see cref="RabbitMqTransportOptions.QueueName"/>), persistent
/// messages, publisher confirms with many in flight, manual acks, prefetch as backpressure.
/// </summary>
/// <remarks>
/// A body is the <see cref="EnvelopeSerializer"/> prefix followed by the payload, or, under load, an
/// <see cref="EnvelopeBatch"/> frame of several such bodies (<see cref="RabbitMqTransportOptions.MaxBatchMessages"/>).
/// Queues are declared by the first publisher or subscriber that needs them, so a message sent before its receiver
/// starts waits in the queue.
/// The connection recovers on its own from broker restarts (RabbitMQ.Client automatic recovery).
/// </remarks>
public sealed class RabbitMqTransport : ITransport
{
    private readonly RabbitMqTransportOptions _options;
    private readonly IConnection _connection;
    private readonly RabbitMqPublisher _publisher;
    private readonly IChannel _adminChannel;
    private readonly SemaphoreSlim _adminGate = new(1, 1);
    private readonly ConcurrentDictionary<string, Task> _declaredQueues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<RabbitMqSubscription, byte> _subscriptions = new();
    private readonly ILogger _logger;
    private volatile bool _disposed;

    private RabbitMqTransport(
        RabbitMqTransportOptions options,
        IConnection connection,
        RabbitMqPublisher publisher,
        IChannel adminChannel,
        string broker,
        ILogger logger)
    {
        _options = options;
        _connection = connection;
        _publisher = publisher;
        _adminChannel = adminChannel;
        Broker = broker;
        _logger = logger;
    }

    public string Kind => "rabbitmq";

    public int MaxPayloadBytes => _options.MaxPayloadBytes;

    /// <summary>The broker address (scheme, host and port only; no credentials).</summary>
    public string Broker { get; }

    public RabbitMqTransportOptions Options => _options;

    internal IConnection Connection => _connection;

    /// <summary>Broker messages this transport has published (a batch frame counts once).</summary>
    public long BrokerMessagesPublished => _publisher.BrokerMessages;

    /// <summary>Envelopes this transport has published inside batch frames.</summary>
    public long EnvelopesBatched => _publisher.BatchedEnvelopes;

    internal ILogger Logger => _logger;

    /// <summary>Connects (retrying with backoff) and opens the publishing channel.</summary>
    /// <exception cref="TransportException">The broker stayed unreachable, or refused the credentials.</exception>
    public static async Task<RabbitMqTransport> ConnectAsync(
        RabbitMqTransportOptions? options = null,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new RabbitMqTransportOptions();
        logger ??= NullLogger.Instance;
        string broker = RabbitMqTransportOptions.Describe(options.ResolveBrokerUri());
        IConnection connection = await RabbitMqConnector.ConnectAsync(options, logger, cancellationToken).ConfigureAwait(false);
        try
        {
            RabbitMqPublisher publisher = await RabbitMqPublisher.CreateAsync(
                    connection, options.MaxPublishesInFlight, options.MaxBatchMessages, options.MaxBatchBytes, cancellationToken)
                .ConfigureAwait(false);
            IChannel admin = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            TransportLog.Connected(logger, broker, options.Topology);
            return new RabbitMqTransport(options, connection, publisher, admin, broker, logger);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public async Task PublishAsync(string destinationNode, Envelope envelope, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        TransportOptions.CheckPayload(destinationNode, envelope, payload, MaxPayloadBytes);
        ObjectDisposedException.ThrowIf(_disposed, this);
        string queue = _options.QueueName(destinationNode);
        Task declared = _declaredQueues.GetOrAdd(queue, DeclareQueueAsync);
        if (!declared.IsCompletedSuccessfully)
        {
            try
            {
                await declared.ConfigureAwait(false);
            }
            catch
            {
                _declaredQueues.TryRemove(queue, out _);
                throw;
            }
        }

        var properties = new BasicProperties
        {
            Persistent = true,
            MessageId = envelope.MessageId.ToString("N"),
            Type = "edgecascade.envelope.v1",
        };
        byte[] body = EnvelopeSerializer.EncodePooled(envelope, payload.Span, out int length);
        await _publisher.PublishAsync(destinationNode, queue, properties, body, length, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ISubscription> SubscribeAsync(
        string node,
        Func<Delivery, CancellationToken, Task> handler,
        SubscribeOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentNullException.ThrowIfNull(handler);
        options ??= new SubscribeOptions();
        options.Validate();
        ObjectDisposedException.ThrowIf(_disposed, this);
        RabbitMqSubscription subscription = await RabbitMqSubscription.StartAsync(
            _connection,
            node,
            _options.QueueName(node),
            handler,
            options,
            _logger,
            s => _subscriptions.TryRemove(s, out _),
            cancellationToken).ConfigureAwait(false);
        _subscriptions[subscription] = 0;
        return subscription;
    }

    /// <summary>Removes every waiting message from <paramref name="node"/>'s queue; returns how many.</summary>
    public async Task<uint> PurgeAsync(string node, CancellationToken cancellationToken = default)
    {
        string queue = _options.QueueName(node);
        await _declaredQueues.GetOrAdd(queue, DeclareQueueAsync).ConfigureAwait(false);
        await _adminGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _adminChannel.QueuePurgeAsync(queue, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _adminGate.Release();
        }
    }

    /// <summary>Deletes <paramref name="node"/>'s queue and everything in it.</summary>
    public async Task DeleteQueueAsync(string node, CancellationToken cancellationToken = default)
    {
        string queue = _options.QueueName(node);
        await _adminGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _adminChannel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            _declaredQueues.TryRemove(queue, out _);
        }
        finally
        {
            _adminGate.Release();
        }
    }

    /// <summary>Messages ready in <paramref name="node"/>'s queue (not counting unacked ones).</summary>
    public async Task<uint> QueuedCountAsync(string node, CancellationToken cancellationToken = default)
    {
        string queue = _options.QueueName(node);
        await _declaredQueues.GetOrAdd(queue, DeclareQueueAsync).ConfigureAwait(false);
        await _adminGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _adminChannel.MessageCountAsync(queue, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _adminGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (RabbitMqSubscription subscription in _subscriptions.Keys)
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }

        await _publisher.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _adminChannel.CloseAsync().ConfigureAwait(false);
            await _connection.CloseAsync().ConfigureAwait(false);
        }
        catch (AlreadyClosedException)
        {
            // Already closed by the broker or a network failure.
        }

        _adminChannel.Dispose();
        _connection.Dispose();
        _adminGate.Dispose();
    }

    private async Task DeclareQueueAsync(string queue)
    {
        await _adminGate.WaitAsync().ConfigureAwait(false);
        try
        {
            await _adminChannel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false).ConfigureAwait(false);
        }
        finally
        {
            _adminGate.Release();
        }
    }
}
