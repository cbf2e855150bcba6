using EdgeCascade.Actors.Messages;

namespace EdgeCascade.Actors.Nodes;

/// <summary>
/// Where node actors report how images end. Called on the reporting node's turn; an implementation
/// shared by nodes on several threads (real-time runtime) must synchronize.
/// </summary>
public interface INodeObserver
{
    /// <summary>The destination finished <paramref name="image"/> at <paramref name="nowNs"/>.</summary>
    void OnDelivered(ImageTrace image, long nowNs);

    /// <summary><paramref name="node"/> dropped <paramref name="image"/> at <paramref name="nowNs"/>.</summary>
    void OnDropped(ImageTrace image, DropReason reason, string node, long nowNs);
}
