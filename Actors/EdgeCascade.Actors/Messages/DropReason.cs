namespace EdgeCascade.Actors.Messages;

/// <summary>Why an image never reached its destination.</summary>
public enum DropReason
{
    /// <summary>Not dropped.</summary>
    None,

    /// <summary>The node's GPU queue was full when the image arrived (queue-capacity).</summary>
    QueueFull,

    /// <summary>The stage needs more peak memory than the node's GPU has at all.</summary>
    Memory,

    /// <summary>The stage executor failed on the image (real codec error).</summary>
    StageFailed,
}
