using System.Collections.Concurrent;

namespace EdgeCascade.Runtime.Transport;

/// <summary>
/// The embedded transport: every node's queue is an in-memory channel in this process, with the same
/// publish/ack/redelivery semantics as the broker (minus durability across a process crash). No server needed.
/// </summary>
public sealed class InProcTransport : ITransport
{
    private readonly ConcurrentDictionary<string, InProcQueue> _queues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<InProcSubscription, byte> _subscriptions = new();
    private volatile bool _disposed;

    public InProcTransport(TransportOptions? options = null)
    {
        MaxPayloadBytes = (options ?? new TransportOptions()).MaxPayloadBytes;
    }

    public string Kind => "inproc";

    public int MaxPayloadBytes { get; }

    /// <summary>Messages waiting in <paramref name="node"/>'s queue (not counting handed-out, unsettled ones).</summary>
    public int QueuedCount(string node) => _queues.TryGetValue(node, out InProcQueue? queue) ? queue.Count : 0;

    public Task PublishAsync(string destinationNode, Envelope envelope, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        TransportOptions.CheckPayload(destinationNode, envelope, payload, MaxPayloadBytes);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();

        // A private copy: the caller may reuse its buffer as soon as the publish completes.
        Queue(destinationNode).Enqueue(new InProcMessage(envelope, payload.ToArray(), Redelivered: false));
        return Task.CompletedTask;
    }

    public Task<ISubscription> SubscribeAsync(
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

        var subscription = new InProcSubscription(node, Queue(node), handler, options, s => _subscriptions.TryRemove(s, out _));
        _subscriptions[subscription] = 0;
        subscription.Start();
        return Task.FromResult<ISubscription>(subscription);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (InProcSubscription subscription in _subscriptions.Keys)
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }
    }

    private InProcQueue Queue(string node) => _queues.GetOrAdd(node, static _ => new InProcQueue());
}
