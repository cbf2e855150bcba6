namespace EdgeCascade.Experiments.Results;

/// <summary>The entropy steps of one policy.</summary>
internal sealed record EntropySeries(string Policy, IReadOnlyList<EntropyPoint> Points);
