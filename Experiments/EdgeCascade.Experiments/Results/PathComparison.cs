namespace EdgeCascade.Experiments.Results;

/// <summary>BD metrics of the shorter path (source s - 1) against the longer one (source s).</summary>
internal sealed record PathComparison(int ShorterSourceLevel, int LongerSourceLevel, IReadOnlyList<int> TargetLevels, BjontegaardDeltas Delta);
