using EdgeCascade.Actors.Policies;
using EdgeCascade.Actors.Scheduling;

namespace EdgeCascade.Runtime.Hosting;

/// <summary>
/// The cost model the runtime plans a source's flows with: no predictions, only the order the tree scheduler needs to
/// break ties (a higher level costs more bits), and no operator cost, so every plan fits.
/// </summary>
/// <remarks>
/// The runtime runs the named policy the user chose, without a budget check, on every node alike; a real predictor
/// (a profile, or the hyperprior on a reference image) would need files the sender and every node must hold
/// identically, or plans would differ between nodes. The simulator keeps its real cost models.
/// </remarks>
public sealed class LevelRankCostModel : IHopCostModel
{
    /// <summary>The one instance (the model has no state).</summary>
    public static LevelRankCostModel Instance { get; } = new();

    private LevelRankCostModel()
    {
    }

    /// <summary>The level the prefix reaches, as a rank: never a bit count to compare with a link's budget.</summary>
    public double PredictBits(QuantizationPolicy prefix, int imageWidth, int imageHeight)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return prefix.TargetLevel;
    }

    /// <summary>Nothing: the runtime does not check compute budgets when it plans.</summary>
    public OperationCost Cost(StageOp operation, int imageWidth, int imageHeight) => new(0, 0);
}
