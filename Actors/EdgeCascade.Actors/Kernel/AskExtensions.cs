namespace EdgeCascade.Actors.Kernel;

/// <summary>Request-response from outside an actor.</summary>
public static class AskExtensions
{
    /// <summary>
    /// Tells <paramref name="message"/> to <paramref name="recipient"/> with a one-shot sender and
    /// returns its first reply as <typeparamref name="T"/>. Fails with <see cref="TimeoutException"/>
    /// after <paramref name="timeout"/> on the system's clock.
    /// </summary>
    /// <remarks>
    /// Meant for the real-time runtime and its tests. Inside actors, prefer telling and handling the
    /// reply as a message: awaiting in a handler would break one-message-at-a-time. Under virtual
    /// time the task completes only while the scheduler runs.
    /// </remarks>
    public static Task<T> Ask<T>(this IActorRef recipient, object message, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        if (recipient is not IInternalActorRef { System: ActorSystem system })
        {
            throw new ArgumentException("Ask needs a reference created by an ActorSystem.", nameof(recipient));
        }

        var promise = new PromiseActorRef<T>(system, recipient);
        promise.Start(message, timeout);
        return promise.Task;
    }
}
