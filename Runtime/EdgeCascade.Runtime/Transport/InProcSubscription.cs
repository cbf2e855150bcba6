using System.Collections.Concurrent;
using System.Threading.Channels;

namespace EdgeCascade.Runtime.Transport;

/// <summary>
/// Consumes one <see cref="InProcQueue"/> with <see cref="SubscribeOptions.Concurrency"/> workers; a semaphore of
/// <see cref="SubscribeOptions.Prefetch"/> permits plays the part of basic.qos.
/// </summary>
internal sealed class InProcSubscription : ISubscription
{
    private readonly InProcQueue _queue;
    private readonly Func<Delivery, CancellationToken, Task> _handler;
    private readonly SubscribeOptions _options;
    private readonly Action<InProcSubscription> _onDisposed;
    private readonly SemaphoreSlim _window;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<InProcDelivery, byte> _unsettled = new();
    private readonly Lock _gate = new();
    private Task[] _workers = [];
    private bool _closed;

    public InProcSubscription(
        string node,
        InProcQueue queue,
        Func<Delivery, CancellationToken, Task> handler,
        SubscribeOptions options,
        Action<InProcSubscription> onDisposed)
    {
        Node = node;
        _queue = queue;
        _handler = handler;
        _options = options;
        _onDisposed = onDisposed;
        _window = new SemaphoreSlim(options.Prefetch, options.Prefetch);
    }

    public string Node { get; }

    public void Start()
    {
        _workers = new Task[_options.Concurrency];
        for (int i = 0; i < _workers.Length; i++)
        {
            _workers[i] = Task.Run(WorkAsync);
        }
    }

    /// <summary>Acks or nacks; a delivery of a closed subscription is already back in the queue.</summary>
    public void Settle(InProcDelivery delivery, bool ack, bool requeue)
    {
        lock (_gate)
        {
            if (_closed || !_unsettled.TryRemove(delivery, out _))
            {
                throw new TransportException(
                    $"cannot {(ack ? "ack" : "nack")} message {delivery.Envelope.MessageId} of node '{Node}': its subscription is closed; it will be redelivered");
            }
        }

        if (!ack && requeue)
        {
            _queue.Enqueue(delivery.Message with { Redelivered = true });
        }

        _window.Release();
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Workers stop by cancellation; nothing to report.
        }

        // Whatever was handed out and not settled goes back, as the broker does when a consumer's channel closes.
        foreach (InProcDelivery delivery in _unsettled.Keys)
        {
            _queue.Enqueue(delivery.Message with { Redelivered = true });
        }

        _unsettled.Clear();
        _stopping.Dispose();
        _onDisposed(this);
    }

    private async Task WorkAsync()
    {
        CancellationToken stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            InProcMessage message;
            try
            {
                await _window.WaitAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                message = await _queue.Reader.ReadAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception error) when (error is OperationCanceledException or ChannelClosedException)
            {
                _window.Release();
                return;
            }

            if (!message.Envelope.Matches(message.Payload))
            {
                _window.Release();
                _options.Rejected?.Invoke(new RejectedMessage(
                    Node, message.Envelope, $"payload checksum mismatch (envelope says {message.Envelope.Checksum:x8})"));
                continue;
            }

            var delivery = new InProcDelivery(this, message);
            lock (_gate)
            {
                if (_closed)
                {
                    // Closed between the read and now: put it straight back.
                    _queue.Enqueue(message);
                    return;
                }

                _unsettled[delivery] = 0;
            }

            await InvokeHandlerAsync(delivery, stopping).ConfigureAwait(false);
        }
    }

    private async Task InvokeHandlerAsync(InProcDelivery delivery, CancellationToken stopping)
    {
        try
        {
            await _handler(delivery, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: the unsettled delivery is requeued by DisposeAsync.
        }
#pragma warning disable CA1031 // A failing handler must not kill the consumer; the message is nacked instead.
        catch (Exception)
#pragma warning restore CA1031
        {
            if (!delivery.IsSettled)
            {
                try
                {
                    await delivery.NackAsync(requeue: !delivery.Redelivered, CancellationToken.None).ConfigureAwait(false);
                }
                catch (TransportException)
                {
                    // Subscription closed meanwhile; the message is requeued anyway.
                }
            }
        }
    }
}
