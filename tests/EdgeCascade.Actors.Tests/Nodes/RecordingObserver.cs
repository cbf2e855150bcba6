using EdgeCascade.Actors.Messages;
using EdgeCascade.Actors.Nodes;

namespace EdgeCascade.Actors.Tests.Nodes;

/// <summary>Records deliveries and drops (stage workers report from Akka's threads, so under a lock).</summary>
internal sealed class RecordingObserver : INodeObserver
{
    private readonly List<ImageTrace> _delivered = [];
    private readonly List<(ImageTrace Image, DropReason Reason)> _dropped = [];

    // Stage workers report from Akka's threads: copies under a lock.
    public IReadOnlyList<ImageTrace> Delivered
    {
        get { lock (_delivered) { return [.. _delivered]; } }
    }

    public IReadOnlyList<(ImageTrace Image, DropReason Reason)> Dropped
    {
        get { lock (_dropped) { return [.. _dropped]; } }
    }

    public void OnDelivered(ImageTrace image, long nowNs)
    {
        lock (_delivered)
        {
            _delivered.Add(image);
        }
    }

    public void OnDropped(ImageTrace image, DropReason reason, string node, long nowNs)
    {
        lock (_dropped)
        {
            _dropped.Add((image, reason));
        }
    }
}
