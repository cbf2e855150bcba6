namespace EdgeCascade.Runtime.Transport;

/// <summary>
/// One received message. Settle it exactly once: <see cref="AckAsync"/> after the node's output for it has been
/// published (and confirmed), or <see cref="NackAsync"/> to give it back or drop it.
/// </summary>
/// <remarks>The payload is a private copy; it stays valid after the handler returns.</remarks>
public abstract class Delivery
{
    private int _settled;

    protected Delivery(string node, Envelope envelope, ReadOnlyMemory<byte> payload, bool redelivered)
    {
        Node = node;
        Envelope = envelope;
        Payload = payload;
        Redelivered = redelivered;
    }

    /// <summary>The node whose queue this came from.</summary>
    public string Node { get; }

    public Envelope Envelope { get; }

    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>
    /// True when this subscriber was handed the same message before and gave it back (a nack with requeue, a handler
    /// that threw). A resend after the receiving process died cannot be told apart from a first delivery (the new
    /// process never saw it) and is not marked: sinks de-duplicate by (flow, image id) instead.
    /// </summary>
    public bool Redelivered { get; }

    /// <summary>True once acked or nacked.</summary>
    public bool IsSettled => Volatile.Read(ref _settled) != 0;

    /// <summary>Removes the message from the queue for good.</summary>
    /// <exception cref="InvalidOperationException">The delivery was already settled.</exception>
    /// <exception cref="TransportException">The subscription is closed; the message will be redelivered.</exception>
    public Task AckAsync(CancellationToken cancellationToken = default)
    {
        MarkSettled();
        return SettleAsync(ack: true, requeue: false, cancellationToken);
    }

    /// <summary>Gives the message back to the queue (<paramref name="requeue"/>) or drops it.</summary>
    /// <exception cref="InvalidOperationException">The delivery was already settled.</exception>
    /// <exception cref="TransportException">The subscription is closed; the message will be redelivered.</exception>
    public Task NackAsync(bool requeue, CancellationToken cancellationToken = default)
    {
        MarkSettled();
        return SettleAsync(ack: false, requeue, cancellationToken);
    }

    /// <summary>
    /// Refuses the message for good and tells its sender why, where the transport can (Akka.Cluster: the sender's
    /// publish fails with a <see cref="MessageRejectedException"/> instead of completing); otherwise a drop.
    /// </summary>
    /// <exception cref="InvalidOperationException">The delivery was already settled.</exception>
    public Task RejectAsync(string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reason);
        MarkSettled();
        return RejectCoreAsync(reason, cancellationToken);
    }

    /// <summary>Performs a rejection; by default a drop (nack without requeue).</summary>
    protected virtual Task RejectCoreAsync(string reason, CancellationToken cancellationToken) =>
        SettleAsync(ack: false, requeue: false, cancellationToken);

    /// <summary>Marks the delivery settled without telling the transport (used when its subscription closes).</summary>
    internal bool TryMarkSettled() => Interlocked.Exchange(ref _settled, 1) == 0;

    /// <summary>Performs the ack or nack; called at most once.</summary>
    protected abstract Task SettleAsync(bool ack, bool requeue, CancellationToken cancellationToken);

    private void MarkSettled()
    {
        if (!TryMarkSettled())
        {
            throw new InvalidOperationException(
                $"message {Envelope.MessageId} (flow {Envelope.FlowId}, image {Envelope.ImageId}) was already acked or nacked");
        }
    }
}
