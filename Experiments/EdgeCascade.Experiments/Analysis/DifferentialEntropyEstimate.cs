namespace EdgeCascade.Experiments.Analysis;

/// <summary>A differential-entropy estimate of an m-dimensional sample.</summary>
/// <param name="Bits">Estimated differential entropy of one m-dimensional sample, in bits.</param>
/// <param name="Samples">N, the number of samples.</param>
/// <param name="Dimension">m, the dimension of each sample.</param>
/// <param name="Neighbours">k, the neighbour rank used.</param>
/// <param name="SkippedSamples">Samples left out because their k-th neighbour distance was 0.</param>
public sealed record DifferentialEntropyEstimate(double Bits, int Samples, int Dimension, int Neighbours, int SkippedSamples)
{
    /// <summary>Bits per dimension, Bits / m.</summary>
    public double BitsPerDimension => Bits / Dimension;
}
