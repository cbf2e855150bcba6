using Akka.Actor;
using EdgeCascade.Runtime.Transport;

namespace EdgeCascade.Runtime.Clustering;

/// <summary>
/// A subscriber to this node's inbox. Lane receivers hand deliveries here: at most
/// <see cref="SubscribeOptions.Concurrency"/> handler calls at once and at most <see cref="SubscribeOptions.Prefetch"/>
/// deliveries unsettled, which is the node's admission bound. A handler call starts on the lane receiver's turn
/// when a slot is free (Akka's default dispatcher runs on the .NET thread pool; an extra hop per message cost
/// throughput) and continues on the pool after its first await; handlers must not block.
/// </summary>
public sealed class ClusterSubscription : ISubscription
{
    private readonly Func<Transport.Delivery, CancellationToken, Task> _handler;
    private readonly SubscribeOptions _options;
    private readonly IActorRef _inbox;
    private readonly SemaphoreSlim _prefetch;
    private readonly SemaphoreSlim _calls;
    private readonly CancellationTokenSource _closed = new();
    private int _disposed;

    internal ClusterSubscription(string node, IActorRef inbox, Func<Transport.Delivery, CancellationToken, Task> handler, SubscribeOptions options)
    {
        Node = node;
        _inbox = inbox;
        _handler = handler;
        _options = options;
        _prefetch = new SemaphoreSlim(options.Prefetch, options.Prefetch);
        _calls = new SemaphoreSlim(options.Concurrency, options.Concurrency);
    }

    public string Node { get; }

    internal void Reject(RejectedMessage rejected) => _options.Rejected?.Invoke(rejected);

    /// <summary>Called on a lane receiver's turn: queues the handler call and returns at once.</summary>
    internal void Dispatch(ClusterDelivery delivery) => _ = RunAsync(delivery);

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _inbox.Tell(new InboxActor.Detach(this));
            _closed.Cancel();
        }

        return ValueTask.CompletedTask;
    }

    private async Task RunAsync(ClusterDelivery delivery)
    {
        CancellationToken token = _closed.Token;
        try
        {
            await _prefetch.WaitAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return; // never settled: its lane is stopped and the producer resends to the next subscriber
        }

        int released = 0;
        delivery.Released = () =>
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                _prefetch.Release();
            }
        };
        try
        {
            await _calls.WaitAsync(token).ConfigureAwait(false);
            try
            {
                await _handler(delivery, token).ConfigureAwait(false);
            }
            finally
            {
                _calls.Release();
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            delivery.Released();
        }
#pragma warning disable CA1031 // The ITransport contract: a handler that throws gets its delivery nacked, requeued once.
        catch (Exception)
#pragma warning restore CA1031
        {
            if (!delivery.IsSettled)
            {
                await delivery.NackAsync(requeue: !delivery.Redelivered).ConfigureAwait(false);
            }
        }
    }
}
