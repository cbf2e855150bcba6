namespace EdgeCascade.Experiments.Results;

/// <summary>HCF's reduction against DRF in percent.</summary>
internal sealed record ComplexityReduction(double FlopsPercent, double ParametersPercent, double MemoryPercent, double? TimePercent);
