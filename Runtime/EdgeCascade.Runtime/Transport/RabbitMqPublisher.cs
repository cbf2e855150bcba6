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
/// Confirms one at a time cap the rate near 1,200 msg/s on the reference machine; 256 in flight reach ~11,000
/// (see shared reference/dependencies.md). The library's own throttling limiter is disabled: it adds delays of
/// up to a second once half its permits are used. Our semaphore bounds the in-flight count instead.
/// </remarks>
internal sealed class RabbitMqPublisher : IAsyncDisposable
{
    private readonly IChannel _channel;
    private readonly SemaphoreSlim _inFlight;
    private readonly Channel<PublishRequest> _requests = Channel.CreateUnbounded<PublishRequest>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly Task _pump;

    private RabbitMqPublisher(IChannel channel, int maxInFlight)
    {
        _channel = channel;
        _inFlight = new SemaphoreSlim(maxInFlight, maxInFlight);
        _pump = Task.Run(PumpAsync);
    }

    public static async Task<RabbitMqPublisher> CreateAsync(IConnection connection, int maxInFlight, CancellationToken cancellationToken)
    {
        var options = new CreateChannelOptions(
            publisherConfirmationsEnabled: true,
            publisherConfirmationTrackingEnabled: true,
            outstandingPublisherConfirmationsRateLimiter: null);
        IChannel channel = await connection.CreateChannelAsync(options, cancellationToken).ConfigureAwait(false);
        return new RabbitMqPublisher(channel, Math.Max(1, maxInFlight));
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
        await foreach (PublishRequest request in _requests.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            await _inFlight.WaitAsync().ConfigureAwait(false);
            ValueTask confirm;
            try
            {
                confirm = _channel.BasicPublishAsync(
                    exchange: string.Empty,
                    routingKey: request.Queue,
                    mandatory: true,
                    basicProperties: request.Properties,
                    body: request.Body.AsMemory(0, request.Length));
            }
#pragma warning disable CA1031 // Every failure is handed to the caller's task; the pump must keep running.
            catch (Exception error)
#pragma warning restore CA1031
            {
                _inFlight.Release();
                ArrayPool<byte>.Shared.Return(request.Body);
                request.Completion.TrySetException(Wrap(request, error));
                continue;
            }

            _ = CompleteAsync(confirm, request);
        }
    }

    private async Task CompleteAsync(ValueTask confirm, PublishRequest request)
    {
        try
        {
            await confirm.ConfigureAwait(false);
            request.Completion.TrySetResult();
        }
#pragma warning disable CA1031 // Handed to the caller's task.
        catch (Exception error)
#pragma warning restore CA1031
        {
            request.Completion.TrySetException(Wrap(request, error));
        }
        finally
        {
            // The library has serialised and sent the body by the time the broker answers.
            ArrayPool<byte>.Shared.Return(request.Body);
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
