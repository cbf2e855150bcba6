using EdgeCascade.Actors.Nodes;
using EdgeCascade.Actors.Policies;
using EdgeCascade.Actors.Scheduling;

namespace EdgeCascade.Simulation.Compute;

/// <summary>
/// What exact fidelity needs from the real codec: run one node's stage of a cascade on one image of
/// the image set and report the real bits, quality and compute. Implemented over the codec engine's
/// cascade executor (a later piece of work); the simulator calls it synchronously on its virtual-time
/// thread, so an implementation may take real time but must be deterministic.
/// </summary>
public interface IExactCodec
{
    /// <summary>Family id of the loaded weights; must equal the topology's model family.</summary>
    string ModelFamilyId { get; }

    /// <summary>Images in the image set; arrivals cycle through them by sample index.</summary>
    int ImageCount { get; }

    /// <summary>Width of the images the scheduler plans for, in pixels.</summary>
    int ImageWidth { get; }

    /// <summary>Height of the images the scheduler plans for, in pixels.</summary>
    int ImageHeight { get; }

    /// <summary>Rate prediction and operator costs for the policy scheduler (e.g. the hyperprior rate predictor).</summary>
    IHopCostModel CostModel { get; }

    /// <summary>Lower-is-better score of a policy for the oracle scheduler (e.g. −PSNR over the image set).</summary>
    double OracleScore(QuantizationPolicy policy);

    /// <summary>FLOPs and peak memory of <paramref name="stage"/> on image <paramref name="imageIndex"/>.</summary>
    OperationCost StageCost(FlowRoute route, NodeStage stage, int imageIndex);

    /// <summary>
    /// Runs <paramref name="stage"/> on image <paramref name="imageIndex"/>: <paramref name="input"/> is
    /// null at the source (the codec reads the image) and the previous hop's bitstream elsewhere.
    /// Returns the next hop's bitstream and its size, or at the destination the quality.
    /// </summary>
    StageOutput RunStage(FlowRoute route, NodeStage stage, int imageIndex, object? input);
}
