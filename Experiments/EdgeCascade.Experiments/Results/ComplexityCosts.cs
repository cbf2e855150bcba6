namespace EdgeCascade.Experiments.Results;

/// <summary>Operations of one side (HCF or DRF) at one node; time is null when it was not measured.</summary>
internal sealed record ComplexityCosts(long Flops, long Parameters, long MemoryBytes, double? TimeSeconds);
