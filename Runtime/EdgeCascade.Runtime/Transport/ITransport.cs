namespace EdgeCascade.Runtime.Transport;

/// <summary>
/// Moves opaque payloads with an <see cref="Envelope"/> to a named node's queue, at least once.
/// </summary>
/// <remarks>
/// The contract every implementation keeps (see the contract tests):
/// <list type="bullet">
/// <item><see cref="PublishAsync"/> completes only once the message is safely accepted (Akka.Cluster: the receiving
/// node acked it, which it does only after its own output was accepted downstream; in-process: once it is in the
/// queue). A node acks its input only after the publish of its output has completed, so a crash of a node loses
/// nothing its upstream still holds.</item>
/// <item>Messages for a node wait (in the sender, or in the in-process queue) while nobody subscribes.</item>
/// <item>A delivery that is nacked with requeue, or still unsettled when its subscription is disposed, is
/// delivered again. Receivers therefore see duplicates; sinks remove them with <see cref="SinkDeduplicator"/>.</item>
/// <item>Payloads above <see cref="MaxPayloadBytes"/> are refused with a <see cref="TransportException"/>;
/// payloads whose checksum does not match are dropped and reported, never handed to a handler.</item>
/// </list>
/// </remarks>
public interface ITransport : IAsyncDisposable
{
    /// <summary>"inproc" or "akka-cluster".</summary>
    string Kind { get; }

    /// <summary>The largest payload <see cref="PublishAsync"/> accepts.</summary>
    int MaxPayloadBytes { get; }

    /// <summary>Sends one message to <paramref name="destinationNode"/>'s queue; completes when it is durably accepted.</summary>
    /// <remarks>
    /// The transport may keep <paramref name="payload"/> itself (not a copy) until the message is confirmed, and resend
    /// it: callers must never write to those bytes again. Every caller passes bytes it made for this message (a file
    /// read, a codec output) or a payload it received.
    /// </remarks>
    /// <exception cref="TransportException">The payload is too large, or the broker refused or lost the message.</exception>
    Task PublishAsync(string destinationNode, Envelope envelope, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default);

    /// <summary>Starts consuming <paramref name="node"/>'s queue, calling <paramref name="handler"/> per message.</summary>
    /// <remarks>
    /// The handler owns the delivery: it must eventually ack or nack it (possibly after returning). A handler that
    /// throws gets its delivery nacked: requeued the first time, dropped when it was already a redelivery.
    /// </remarks>
    Task<ISubscription> SubscribeAsync(
        string node,
        Func<Delivery, CancellationToken, Task> handler,
        SubscribeOptions? options = null,
        CancellationToken cancellationToken = default);
}
