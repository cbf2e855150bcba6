using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace EdgeCascade.Runtime.Transport;

/// <summary>
/// A consumer on its own channel: manual acks (runs of consecutive acks folded into one multiple ack by
/// <see cref="AckCoalescer"/>), basic.qos prefetch as backpressure, the library's dispatch concurrency for parallel
/// handlers. Closing the channel hands every unacked message back to the queue.
/// </summary>
internal sealed class RabbitMqSubscription : ISubscription
{
    private readonly IChannel _channel;
    private readonly Func<Delivery, CancellationToken, Task> _handler;
    private readonly SubscribeOptions _options;
    private readonly ILogger _logger;
    private readonly Action<RabbitMqSubscription> _onDisposed;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationToken _stoppingToken;
    private readonly AckCoalescer _settlements;
    private volatile bool _closed;
    private volatile bool _channelClosing;

    private RabbitMqSubscription(
        string node,
        IChannel channel,
        Func<Delivery, CancellationToken, Task> handler,
        SubscribeOptions options,
        ILogger logger,
        Action<RabbitMqSubscription> onDisposed)
    {
        Node = node;
        _channel = channel;
        _handler = handler;
        _options = options;
        _logger = logger;
        _onDisposed = onDisposed;
        _stoppingToken = _stopping.Token;
        _settlements = new AckCoalescer(
            (tag, multiple) => _channelClosing ? throw ChannelClosing() : _channel.BasicAckAsync(tag, multiple),
            (tag, requeue) => _channelClosing ? throw ChannelClosing() : _channel.BasicNackAsync(tag, multiple: false, requeue));
    }

    public string Node { get; }

    public static async Task<RabbitMqSubscription> StartAsync(
        IConnection connection,
        string node,
        string queue,
        Func<Delivery, CancellationToken, Task> handler,
        SubscribeOptions options,
        ILogger logger,
        Action<RabbitMqSubscription> onDisposed,
        CancellationToken cancellationToken)
    {
        var channelOptions = new CreateChannelOptions(
            publisherConfirmationsEnabled: false,
            publisherConfirmationTrackingEnabled: false,
            consumerDispatchConcurrency: (ushort)options.Concurrency);
        IChannel channel = await connection.CreateChannelAsync(channelOptions, cancellationToken).ConfigureAwait(false);
        try
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            await channel.BasicQosAsync(prefetchSize: 0, prefetchCount: (ushort)options.Prefetch, global: false, cancellationToken)
                .ConfigureAwait(false);
            var subscription = new RabbitMqSubscription(node, channel, handler, options, logger, onDisposed);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += subscription.OnReceivedAsync;
            await channel.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken).ConfigureAwait(false);
            return subscription;
        }
        catch
        {
            channel.Dispose();
            throw;
        }
    }

    public async Task SettleAsync(Delivery delivery, ulong deliveryTag, bool ack, bool requeue, CancellationToken cancellationToken)
    {
        if (_closed)
        {
            throw Closed(delivery, ack);
        }

        try
        {
            Task settled = ack ? _settlements.AckAsync(deliveryTag) : _settlements.NackAsync(deliveryTag, requeue);
            await settled.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is AlreadyClosedException or TransportException)
        {
            throw Closed(delivery, ack, error);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        await _stopping.CancelAsync().ConfigureAwait(false);

        // Acks and nacks requested before the close go out first; none may reach the channel after it closed.
        try
        {
            await _settlements.DrainAsync().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A stuck broker connection: close anyway; whatever is unacked is redelivered.
        }

        _channelClosing = true;
        try
        {
            // Closing the channel returns all of its unacked messages to the queue.
            await _channel.CloseAsync().ConfigureAwait(false);
        }
        catch (AlreadyClosedException)
        {
            // Connection already gone: the broker requeues on its own.
        }

        _channel.Dispose();
        _stopping.Dispose();
        _onDisposed(this);
    }

    private async Task OnReceivedAsync(object sender, BasicDeliverEventArgs received)
    {
        if (_closed)
        {
            return;
        }

        _settlements.Received(received.DeliveryTag);

        // The body buffer belongs to the library and is recycled after this callback: copy the payload out.
        ReadOnlySpan<byte> body = received.Body.Span;
        string? problem = null;
        Envelope? envelope = null;
        byte[]? payload = null;
        if (!EnvelopeSerializer.TryDecode(body, out envelope, out int payloadOffset, out string reason))
        {
            problem = reason;
        }
        else
        {
            payload = body[payloadOffset..].ToArray();
            if (!envelope!.Matches(payload))
            {
                problem = $"payload checksum mismatch (envelope says {envelope.Checksum:x8})";
            }
        }

        if (problem is not null)
        {
            TransportLog.Rejected(_logger, Node, problem);
            await _settlements.NackAsync(received.DeliveryTag, requeue: false).ConfigureAwait(false);
            _options.Rejected?.Invoke(new RejectedMessage(Node, envelope, problem));
            return;
        }

        var delivery = new RabbitMqDelivery(this, received.DeliveryTag, envelope!, payload!, received.Redelivered);
        CancellationToken stopping = _stoppingToken;

        try
        {
            await _handler(delivery, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: the channel close requeues the message.
        }
#pragma warning disable CA1031 // A failing handler must not kill the consumer; the message is nacked instead.
        catch (Exception error)
#pragma warning restore CA1031
        {
            bool requeue = !delivery.Redelivered;
            TransportLog.HandlerFailed(_logger, error, Node, delivery.Envelope.MessageId, requeue);
            if (!delivery.IsSettled)
            {
                try
                {
                    await delivery.NackAsync(requeue, CancellationToken.None).ConfigureAwait(false);
                }
                catch (TransportException)
                {
                    // Channel closed meanwhile; the broker requeues the message.
                }
            }
        }
    }

    private TransportException ChannelClosing() => new($"the channel of node '{Node}' is closing");

    private TransportException Closed(Delivery delivery, bool ack, Exception? inner = null)
    {
        string message =
            $"cannot {(ack ? "ack" : "nack")} message {delivery.Envelope.MessageId} of node '{Node}': its subscription is closed; it will be redelivered";
        return inner is null ? new TransportException(message) : new TransportException(message, inner);
    }
}
