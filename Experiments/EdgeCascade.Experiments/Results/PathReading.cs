namespace EdgeCascade.Experiments.Results;

/// <summary>One reading of HCF Table 4: the policy it runs, its curves keyed <c>source_&lt;s&gt;</c> and its comparisons.</summary>
internal sealed record PathReading(string Policy, IReadOnlyDictionary<string, IReadOnlyList<RdCurvePoint>> Curves, IReadOnlyList<PathComparison> Comparisons);
