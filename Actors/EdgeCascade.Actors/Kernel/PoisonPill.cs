namespace EdgeCascade.Actors.Kernel;

/// <summary>Stops the recipient when it reaches the front of the mailbox (after earlier messages).</summary>
public sealed record PoisonPill
{
    private PoisonPill()
    {
    }

    /// <summary>The only instance.</summary>
    public static PoisonPill Instance { get; } = new();
}
