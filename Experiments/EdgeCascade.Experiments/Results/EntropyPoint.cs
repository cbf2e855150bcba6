namespace EdgeCascade.Experiments.Results;

/// <summary>The estimated entropy after one step of a policy.</summary>
internal sealed record EntropyPoint(string Step, int Dimension, int Samples, double? EntropyBits, double? EntropyBitsPerDimension);
