namespace EdgeCascade.Experiments.Results;

/// <summary>One node of HCF Table 3.</summary>
internal sealed record ComplexityNode(int Node, int FromLevel, int ToLevel, ComplexityCosts Hcf, ComplexityCosts Drf, ComplexityReduction Reduction);
