using System.Buffers;
using System.Threading.Channels;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace EdgeCascade.Runtime.Transport;

/// <summary>
/// One confirm-mode channel fed by a single pump, so many publishes are in flight while only one thread ever
/// starts a publish on the channel. Each request's task completes when the broker confirms it.
/// </summary>
/// <remarks>
/// <para>
/// When the confirm window is full, publishes queue up here; once a slot frees, the pump sends the ones already
/// waiting for the same queue as one <see cref="EnvelopeBatch"/> frame (up to the batch limits). The broker's cost is
/// mostly per message, so under load this cuts its work per envelope several times; at light load nothing waits and
/// each envelope goes alone.
/// </para>
/// <para>
/// Confirms one at a time cap the rate near 1,200 msg/s on the reference machine; 256 in flight reach ~11,000
/// (see shared reference/dependencies.md). The library's own throttling limiter is disabled: it adds delays of
/// up to a second once half its permits are used. Our semaphore bounds the in-flight count instead.
/// </para>
/// </remarks>
internal sealed class RabbitMqPublisher : IAsyncDisposable
{
    private readonly IChannel _channel;
    private readonly SemaphoreSlim _inFlight;
    private readonly Channel<PublishRequest> _requests = Channel.CreateUnbounded<PublishRequest>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly Task _pump;
    private readonly int _maxBatchMessages;
    private readonly int _maxBatchBytes;
    private long _brokerMessages;
    private long _batchedEnvelopes;

    private RabbitMqPublisher(IChannel channel, int maxInFlight, int maxBatchMessages, int maxBatchBytes)
    {
        _channel = channel;
        _inFlight = new SemaphoreSlim(maxInFlight, maxInFlight);
        _maxBatchMessages = Math.Max(1, maxBatchMessages);
        _maxBatchBytes = maxBatchBytes;
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Broker messages published so far (a batch counts once).</summary>
    public long BrokerMessages => Interlocked.Read(ref _brokerMessages);

    /// <summary>Envelopes that travelled inside a batch so far.</summary>
    public long BatchedEnvelopes => Interlocked.Read(ref _batchedEnvelopes);

    public static async Task<RabbitMqPublisher> CreateAsync(
        IConnection connection,
        int maxInFlight,
        int maxBatchMessages,
        int maxBatchBytes,
        CancellationToken cancellationToken)
    {
        var options = new CreateChannelOptions(
            publisherConfirmationsEnabled: true,
            publisherConfirmationTrackingEnabled: true,
            outstandingPublisherConfirmationsRateLimiter: null);
        IChannel channel = await connection.CreateChannelAsync(options, cancellationToken).ConfigureAwait(false);
        return new RabbitMqPublisher(channel, Math.Max(1, maxInFlight), maxBatchMessages, maxBatchBytes);
    }

    /// <summary>Queues a publish; <paramref name="pooledBody"/> goes back to the shared pool once the broker has answered.</summary>
    public Task PublishAsync(string node, string queue, BasicProperties properties, byte[] pooledBody, int length, CancellationToken cancellationToken)
    {
        var request = new PublishRequest(node, queue, properties, pooledBody, length);
        if (!_requests.Writer.TryWrite(request))
        {
            ArrayPool<byte>.Shared.Return(pooledBody);
            throw new TransportException($"cannot publish to node '{node}': the transport is closed");
        }

        return cancellationToken.CanBeCanceled ? request.Completion.Task.WaitAsync(cancellationToken) : request.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _requests.Writer.TryComplete();
        await _pump.ConfigureAwait(false);

        // Let the confirms of what was already sent arrive before the channel closes.
        for (int i = 0; i < 50 && _inFlight.CurrentCount == 0; i++)
        {
            await Task.Delay(10).ConfigureAwait(false);
        }

        try
        {
            await _channel.CloseAsync().ConfigureAwait(false);
        }
        catch (AlreadyClosedException)
        {
            // The connection went first; nothing left to close.
        }

        _channel.Dispose();
        _inFlight.Dispose();
    }

    private async Task PumpAsync()
    {
        var batch = new List<PublishRequest>(_maxBatchMessages);
        await foreach (PublishRequest request in _requests.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            await _inFlight.WaitAsync().ConfigureAwait(false);
            batch.Clear();
            batch.Add(request);
            CollectWaiting(batch);
            byte[] body = request.Body;
            int length = request.Length;
            BasicProperties properties = request.Properties;
            if (batch.Count > 1)
            {
                body = EnvelopeBatch.EncodePooled([.. batch.Select(r => (ReadOnlyMemory<byte>)r.Body.AsMemory(0, r.Length))], out length);
                properties = new BasicProperties { Persistent = true, Type = "edgecascade.batch.v1" };
                foreach (PublishRequest item in batch)
                {
                    ArrayPool<byte>.Shared.Return(item.Body);
                }

                Interlocked.Add(ref _batchedEnvelopes, batch.Count);
            }

            Interlocked.Increment(ref _brokerMessages);
            PublishRequest[] requests = [.. batch];
            ValueTask confirm;
            try
            {
                confirm = _channel.BasicPublishAsync(
                    exchange: string.Empty,
                    routingKey: request.Queue,
                    mandatory: true,
                    basicProperties: properties,
                    body: body.AsMemory(0, length));
            }
#pragma warning disable CA1031 // Every failure is handed to the callers' tasks; the pump must keep running.
            catch (Exception error)
#pragma warning restore CA1031
            {
                _inFlight.Release();
                ArrayPool<byte>.Shared.Return(body);
                foreach (PublishRequest item in requests)
                {
                    item.Completion.TrySetException(Wrap(item, error));
                }

                continue;
            }

            _ = CompleteAsync(confirm, requests, body);
        }
    }

    /// <summary>
    /// Adds the publishes already waiting behind <paramref name="batch"/>'s first one, for the same queue and within
    /// the limits. Only what is queued at this instant is taken: nothing waits to fill a batch, so at light load
    /// every envelope still travels alone and at once.
    /// </summary>
    private void CollectWaiting(List<PublishRequest> batch)
    {
        PublishRequest first = batch[0];
        int frameBytes = EnvelopeBatch.FrameLength(1, first.Length);
        while (batch.Count < _maxBatchMessages
            && _requests.Reader.TryPeek(out PublishRequest? next)
            && string.Equals(next.Queue, first.Queue, StringComparison.Ordinal)
            && frameBytes + EnvelopeBatch.ItemOverhead + next.Length <= _maxBatchBytes
            && _requests.Reader.TryRead(out next))
        {
            batch.Add(next);
            frameBytes += EnvelopeBatch.ItemOverhead + next.Length;
        }
    }

    private async Task CompleteAsync(ValueTask confirm, PublishRequest[] requests, byte[] body)
    {
        try
        {
            await confirm.ConfigureAwait(false);
            foreach (PublishRequest request in requests)
            {
                request.Completion.TrySetResult();
            }
        }
#pragma warning disable CA1031 // Handed to the callers' tasks.
        catch (Exception error)
#pragma warning restore CA1031
        {
            foreach (PublishRequest request in requests)
            {
                request.Completion.TrySetException(Wrap(request, error));
            }
        }
        finally
        {
            // The library has serialised and sent the body by the time the broker answers.
            ArrayPool<byte>.Shared.Return(body);
            _inFlight.Release();
        }
    }

    private static TransportException Wrap(PublishRequest request, Exception error) => error switch
    {
        PublishException { IsReturn: true } => new TransportException(
            $"the broker returned a message for node '{request.Node}': queue {request.Queue} does not exist", error),
        PublishException => new TransportException(
            $"the broker refused (nacked) a message for node '{request.Node}' (queue {request.Queue})", error),
        TransportException transport => transport,
        _ => new TransportException($"publishing to node '{request.Node}' failed: {error.Message}", error),
    };

    private sealed record PublishRequest(string Node, string Queue, BasicProperties Properties, byte[] Body, int Length)
    {
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
