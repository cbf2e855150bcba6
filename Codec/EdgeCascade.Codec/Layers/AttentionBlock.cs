using EdgeCascade.Codec.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace EdgeCascade.Codec.Layers;

/// <summary>
/// Simplified attention block of Cheng et al. 2020 (CompressAI <c>AttentionBlock</c>):
/// out = a(x) * sigmoid(b(x)) + x.
/// </summary>
/// <remarks>
/// <code>
///   x ──┬── conv_a: RU ─ RU ─ RU ───────────────┐
///       ├── conv_b: RU ─ RU ─ RU ─ conv1x1 ─ σ ─ (×) ─ (+) ─ out
///       └────────────────────────────────────────────┘
/// </code>
/// </remarks>
public sealed class AttentionBlock : ILayer
{
    public AttentionBlock(IReadOnlyList<ResidualUnit> branchA, IReadOnlyList<ResidualUnit> branchB, Conv2d gate)
    {
        ArgumentNullException.ThrowIfNull(branchA);
        ArgumentNullException.ThrowIfNull(branchB);
        ArgumentNullException.ThrowIfNull(gate);
        if (branchA.Count == 0 || branchB.Count == 0)
        {
            throw new ArgumentException("Both attention branches need at least one residual unit.", nameof(branchA));
        }

        int width = gate.InChannels;
        if (gate.OutChannels != width || !gate.Geometry.IsPointwise)
        {
            throw new ArgumentException($"The attention gate must be a 1x1 conv W -> W, got {gate}.", nameof(gate));
        }

        Width = width;
        BranchA = new Sequential(branchA);
        BranchB = new Sequential([.. branchB, gate]);
    }

    public int Width { get; }

    /// <summary>conv_a: the residual units.</summary>
    public Sequential BranchA { get; }

    /// <summary>conv_b: the residual units then the 1x1 gate conv.</summary>
    public Sequential BranchB { get; }

    public TensorShape OutputShape(TensorShape input)
    {
        Residual.OutputShape(BranchA, input);
        return Residual.OutputShape(BranchB, input);
    }

    public LayerCost Cost(TensorShape input)
    {
        OutputShape(input);
        LayerCost a = BranchA.Cost(input).Holding(input.ByteCount);
        LayerCost b = BranchB.Cost(input).Holding(2 * input.ByteCount);
        long combine = (Sigmoid.FlopsPerElement + 2) * input.ElementCount;
        return a.Then(b).AddFlops(combine);
    }

    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        OutputShape(input.Shape);
        Tensor a = BranchA.Forward(input);
        Tensor b = BranchB.Forward(input);
        Span<float> gateValues = b.Span;
        TensorPrimitives.Sigmoid(gateValues, gateValues);
        TensorPrimitives.FusedMultiplyAdd(a.Span, gateValues, input.Span, a.Span);
        return a;
    }
}
