namespace EdgeCascade.Topologies.Validation;

/// <summary>A configuration that cannot be used; carries every problem found, first one in the message.</summary>
public sealed class TopologyException : Exception
{
    public TopologyException(IReadOnlyList<TopologyDiagnostic> diagnostics)
        : base(diagnostics.Count > 0 ? diagnostics[0].ToString() : "invalid topology configuration")
    {
        Diagnostics = diagnostics;
    }

    public TopologyException(TopologyDiagnostic diagnostic)
        : this([diagnostic])
    {
    }

    public TopologyException()
        : this([])
    {
    }

    public TopologyException(string message)
        : base(message)
    {
        Diagnostics = [];
    }

    public TopologyException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostics = [];
    }

    /// <summary>All problems, in file order.</summary>
    public IReadOnlyList<TopologyDiagnostic> Diagnostics { get; }
}
