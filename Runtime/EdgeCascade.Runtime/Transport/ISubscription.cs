namespace EdgeCascade.Runtime.Transport;

/// <summary>
/// A consumer attached to a node's queue. Disposing it stops deliveries; every delivery not yet acked or nacked
/// goes back to the queue and is delivered again (with <see cref="Delivery.Redelivered"/> set), which is how a
/// crashed consumer loses nothing.
/// </summary>
public interface ISubscription : IAsyncDisposable
{
    /// <summary>The node whose queue this subscription consumes.</summary>
    string Node { get; }
}
