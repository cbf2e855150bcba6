namespace EdgeCascade.Experiments.Results;

/// <summary>The fields of the complexity document after its head.</summary>
internal sealed record ComplexityBody(int PaddedHeight, int PaddedWidth, IReadOnlyList<ComplexityNode> Nodes);
