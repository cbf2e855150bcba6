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
    private readonly SemaphoreSlim _handedOut;
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
        _handedOut = new SemaphoreSlim(options.Prefetch, options.Prefetch);
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
        _handedOut.Dispose();
        _onDisposed(this);
    }

    /// <summary>
    /// Frees the handed-out slot of one settled envelope. Prefetch bounds broker messages and a batch frame holds many
    /// envelopes, so the subscription itself keeps at most <see cref="SubscribeOptions.Prefetch"/> envelopes handed out
    /// and unsettled: a node's backpressure stays what its prefetch says, batched or not.
    /// </summary>
    internal void EnvelopeSettled()
    {
        if (_closed)
        {
            return;
        }

        try
        {
            _handedOut.Release();
        }
        catch (ObjectDisposedException)
        {
            // Closed meanwhile; nothing waits for the slot any more.
        }
    }

    /// <summary>Throws what settling on a closed subscription throws; used for envelopes of a frame still held.</summary>
    internal void ThrowIfClosed(Delivery delivery, bool ack)
    {
        if (_closed)
        {
            throw Closed(delivery, ack);
        }
    }

    private async Task OnReceivedAsync(object sender, BasicDeliverEventArgs received)
    {
        if (_closed)
        {
            return;
        }

        _settlements.Received(received.DeliveryTag);
        if (EnvelopeBatch.LooksLikeBatch(received.Body.Span))
        {
            await OnBatchAsync(received).ConfigureAwait(false);
            return;
        }

        if (!TryOpen(received.Body.Span, out Envelope? envelope, out byte[]? payload, out string problem))
        {
            await RejectAsync(received.DeliveryTag, envelope, problem).ConfigureAwait(false);
            return;
        }

        await InvokeHandlerAsync(new RabbitMqDelivery(this, received.DeliveryTag, envelope!, payload!, received.Redelivered)).ConfigureAwait(false);
    }

    /// <summary>
    /// Hands the frame's envelopes to the handler one after another (queue order, as with single messages); damaged
    /// ones are refused on their own. A handler may return before settling, so a relay still forwards them all at once.
    /// </summary>
    private async Task OnBatchAsync(BasicDeliverEventArgs received)
    {
        var items = new List<Range>();
        if (!EnvelopeBatch.TrySplit(received.Body.Span, items, out string frameProblem))
        {
            await RejectAsync(received.DeliveryTag, envelope: null, frameProblem).ConfigureAwait(false);
            return;
        }

        var opened = new List<(Envelope Envelope, byte[] Payload)>(items.Count);
        foreach (Range item in items)
        {
            if (TryOpen(received.Body.Span[item], out Envelope? envelope, out byte[]? payload, out string problem))
            {
                opened.Add((envelope!, payload!));
            }
            else
            {
                TransportLog.Rejected(_logger, Node, $"{problem} (one envelope of a batch of {items.Count})");
                _options.Rejected?.Invoke(new RejectedMessage(Node, envelope, problem));
            }
        }

        if (opened.Count == 0)
        {
            await _settlements.NackAsync(received.DeliveryTag, requeue: false).ConfigureAwait(false);
            return;
        }

        var frame = new RabbitMqBatchSettlement(this, received.DeliveryTag, opened.Count);
        foreach ((Envelope envelope, byte[] payload) in opened)
        {
            if (_closed)
            {
                // Closing: the channel close requeues the whole frame, envelopes already handled included.
                return;
            }

            await InvokeHandlerAsync(new RabbitMqBatchedDelivery(Node, frame, envelope, payload, received.Redelivered)).ConfigureAwait(false);
        }
    }

    /// <summary>Decodes one envelope body and checks its payload CRC; the payload is copied out of the library's buffer.</summary>
    private static bool TryOpen(ReadOnlySpan<byte> body, out Envelope? envelope, out byte[]? payload, out string problem)
    {
        payload = null;
        if (!EnvelopeSerializer.TryDecode(body, out envelope, out int payloadOffset, out problem))
        {
            return false;
        }

        payload = body[payloadOffset..].ToArray();
        if (!envelope!.Matches(payload))
        {
            problem = $"payload checksum mismatch (envelope says {envelope.Checksum:x8})";
            payload = null;
            return false;
        }

        return true;
    }

    private async Task RejectAsync(ulong deliveryTag, Envelope? envelope, string problem)
    {
        TransportLog.Rejected(_logger, Node, problem);
        await _settlements.NackAsync(deliveryTag, requeue: false).ConfigureAwait(false);
        _options.Rejected?.Invoke(new RejectedMessage(Node, envelope, problem));
    }

    private async Task InvokeHandlerAsync(Delivery delivery)
    {
        CancellationToken stopping = _stoppingToken;
        try
        {
            await _handedOut.WaitAsync(stopping).ConfigureAwait(false);
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException)
        {
            return; // Closing: the channel close requeues the message.
        }

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
