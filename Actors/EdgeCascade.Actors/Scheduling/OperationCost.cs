namespace EdgeCascade.Actors.Scheduling;

/// <summary>Compute cost of one cascade operator on one image.</summary>
/// <param name="Flops">Floating-point operations.</param>
/// <param name="PeakMemoryBytes">Peak device memory the operator needs (weights plus live activations).</param>
public readonly record struct OperationCost(double Flops, long PeakMemoryBytes);
