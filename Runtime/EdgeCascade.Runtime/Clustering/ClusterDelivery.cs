using EdgeCascade.Runtime.Transport;

namespace EdgeCascade.Runtime.Clustering;

/// <summary>A frame handed to the subscriber; settling it tells its lane receiver (which confirms to Akka.Delivery).</summary>
internal sealed class ClusterDelivery : Transport.Delivery
{
    private readonly Action<bool, bool> _settle;
    private readonly Action<string> _reject;

    public ClusterDelivery(string node, Envelope envelope, ReadOnlyMemory<byte> payload, bool redelivered, Action<bool, bool> settle, Action<string> reject)
        : base(node, envelope, payload, redelivered)
    {
        _settle = settle;
        _reject = reject;
    }

    /// <summary>Set by the subscription: releases its prefetch slot once.</summary>
    public Action? Released { get; set; }

    protected override Task SettleAsync(bool ack, bool requeue, CancellationToken cancellationToken)
    {
        Released?.Invoke();
        _settle(ack, requeue);
        return Task.CompletedTask;
    }

    protected override Task RejectCoreAsync(string reason, CancellationToken cancellationToken)
    {
        Released?.Invoke();
        _reject(reason);
        return Task.CompletedTask;
    }
}
