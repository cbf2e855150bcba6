namespace EdgeCascade.Codec.Layers;

/// <summary>
/// Static cost of a forward pass: floating-point operations (a multiply-add counts as 2), parameter count
/// and the peak bytes of activations alive at once (input included). The simulator charges these to
/// compute budgets.
/// </summary>
public readonly record struct LayerCost(long Flops, long Parameters, long PeakActivationBytes)
{
    public static LayerCost Zero => default;

    /// <summary>Cost of running <paramref name="next"/> after this: FLOPs and parameters add, peaks take the max.</summary>
    public LayerCost Then(LayerCost next) =>
        new(Flops + next.Flops, Parameters + next.Parameters, Math.Max(PeakActivationBytes, next.PeakActivationBytes));

    /// <summary>This cost while <paramref name="bytes"/> more stay alive (e.g. a residual's identity input).</summary>
    public LayerCost Holding(long bytes) => this with { PeakActivationBytes = PeakActivationBytes + bytes };

    public LayerCost AddFlops(long flops) => this with { Flops = Flops + flops };

    public double GigaFlops => Flops / 1e9;

    public override string ToString() =>
        $"{Flops / 1e9:F3} GFLOP, {Parameters:N0} params, {PeakActivationBytes / (1024.0 * 1024.0):F1} MiB peak";
}
