namespace EdgeCascade.Runtime.Processes;

/// <summary>A node process could not be started, or did not come up: one line naming the node and its log's last lines.</summary>
public sealed class NodeProcessException : Exception
{
    public NodeProcessException()
    {
    }

    public NodeProcessException(string message)
        : base(message)
    {
    }

    public NodeProcessException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
