using EdgeCascade.Actors.Policies;

namespace EdgeCascade.Actors.Scheduling;

/// <summary>
/// What the schedulers need to know about the codec: the predicted size of each hop's bitstream and
/// the compute cost of each operator. Implementations: a rate predictor from the hyperprior scales
/// (per-element Gaussian differential entropy minus log2 of the step) or a measured profile
/// (<see cref="ProfileHopCostModel"/>).
/// </summary>
/// <remarks>Implementations must be deterministic: the same arguments give the same answer.</remarks>
public interface IHopCostModel
{
    /// <summary>
    /// Predicted bits of the bitstream that carries level <c>prefix.TargetLevel</c>, when the cascade
    /// has followed <paramref name="prefix"/> from its source level (see <see cref="QuantizationPolicy.Prefix"/>).
    /// Only the prefix may influence the answer, so hop-by-hop schedulers can ask before the rest of π is known.
    /// </summary>
    double PredictBits(QuantizationPolicy prefix, int imageWidth, int imageHeight);

    /// <summary>FLOPs and peak memory of <paramref name="operation"/> on an image of the given size.</summary>
    OperationCost Cost(StageOp operation, int imageWidth, int imageHeight);
}
