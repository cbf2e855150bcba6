using EdgeCascade.Actors.Policies;
using EdgeCascade.Actors.Scheduling;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Codec.Layers;
using EdgeCascade.Codec.Models;
using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Actors.Execution;

/// <summary>
/// FLOPs and peak memory of each cascade operator, from the models' <see cref="LayerCost"/>: g_a for Analysis,
/// h_a + h_s for QuantizeEncode, h_s for Decode, φ for the transforms, g_s for Synthesis. Memory is the
/// operator's weights (float32) plus its live activations. Computed once per (operator, image size) and cached;
/// thread-safe. The one place the scheduler's cost model and the stage executor get costs from.
/// </summary>
public sealed class OperatorCosts(CascadeEngine engine)
{
    private readonly CascadeEngine _engine = engine ?? throw new ArgumentNullException(nameof(engine));
    private readonly Dictionary<(StageOp Operation, int Width, int Height), OperationCost> _costs = [];
    private readonly Lock _gate = new();

    /// <summary>Cost of <paramref name="operation"/> on an image of <paramref name="imageWidth"/> x <paramref name="imageHeight"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Non-positive size, or a level outside the family.</exception>
    public OperationCost Cost(StageOp operation, int imageWidth, int imageHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageHeight);
        var key = (operation, imageWidth, imageHeight);
        lock (_gate)
        {
            if (_costs.TryGetValue(key, out OperationCost cached))
            {
                return cached;
            }
        }

        LayerCost layers = LayerCostOf(operation, imageWidth, imageHeight);
        var cost = new OperationCost(layers.Flops, layers.PeakActivationBytes + (layers.Parameters * sizeof(float)));
        lock (_gate)
        {
            _costs.TryAdd(key, cost);
        }

        return cost;
    }

    /// <summary>A node stage's cost: FLOPs add up, peak memory is the largest single operator's.</summary>
    public OperationCost StageCost(NodeStage stage, int imageWidth, int imageHeight)
    {
        ArgumentNullException.ThrowIfNull(stage);
        double flops = 0;
        long peak = 0;
        foreach (StageOp operation in stage.Operations)
        {
            OperationCost cost = Cost(operation, imageWidth, imageHeight);
            flops += cost.Flops;
            peak = Math.Max(peak, cost.PeakMemoryBytes);
        }

        return new OperationCost(flops, peak);
    }

    private LayerCost LayerCostOf(StageOp operation, int width, int height)
    {
        if (operation.Level < 1 || operation.Level > _engine.Levels)
        {
            throw new ArgumentOutOfRangeException(nameof(operation), $"operator {operation} is outside levels 1..{_engine.Levels} of family '{_engine.FamilyId}'");
        }

        ModelFamily family = _engine.Family;
        LevelModel model = family.GetLevel(operation.Level);
        LevelModelCost level = model.Cost(height, width);
        return operation.Kind switch
        {
            StageOpKind.Analysis => level.Analysis,
            StageOpKind.QuantizeEncode => level.HyperAnalysis.Then(level.HyperSynthesis),
            StageOpKind.Decode => level.HyperSynthesis,
            StageOpKind.Synthesis => level.Synthesis,
            StageOpKind.IntraTransform => family.GetTransform(PhiType.Intra, operation.Level).Cost(LatentShape(model, width, height)),
            StageOpKind.InterTransform => family.GetTransform(PhiType.Inter, operation.Level).Cost(LatentShape(model, width, height)),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), $"unknown operator {operation}"),
        };
    }

    private static TensorShape LatentShape(LevelModel model, int width, int height)
    {
        const int Stride = ModelArchitecture.HyperLatentStride;
        int paddedHeight = (height + Stride - 1) / Stride * Stride;
        int paddedWidth = (width + Stride - 1) / Stride * Stride;
        return model.Analysis.OutputShape(new TensorShape(1, 3, paddedHeight, paddedWidth));
    }
}
