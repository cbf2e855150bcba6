namespace EdgeCascade.Actors.Kernel;

/// <summary>One registered <c>Receive&lt;T&gt;</c> handler.</summary>
internal abstract class ReceiveHandler
{
    /// <summary>Handles <paramref name="message"/> if it matches; returns whether it did.</summary>
    public abstract bool TryHandle(object message);
}
