namespace EdgeCascade.Codec.Cascade;

/// <summary>
/// The quantization step of each layer of a progressive (PCF) bitstream, coarsest first. Every step is an odd
/// integer, steps strictly decrease and the last one is 1, so the finest layer is the level's own unit grid.
/// </summary>
/// <remarks>
/// <para>
/// Cells of a layer with step Δ are the integer sets <c>[jΔ − (Δ−1)/2, jΔ + (Δ−1)/2]</c> in the mean-removed
/// symbol domain <c>q = round(latent − mean)</c>. An odd Δ centres a cell on zero (the mean, the most likely
/// value) and never puts a cell boundary on an integer, so the cell of a symbol is unambiguous. A refinement
/// layer splits the current interval (the intersection of the coarser cells) into the layer's cells that meet
/// it; cells of consecutive layers need not nest exactly, the intersection is what both ends track.
/// </para>
/// <para>
/// Default ladder <c>25, 15, 9, 5, 3, 1</c> (6 truncation points for the 6 levels of ec-mshp-v1): for an element
/// whose scale is well above the step, coding at step Δ costs about <c>log2(Δ)</c> bits less than at step 1, so
/// consecutive points differ by about 0.6-1.6 bits per high-variance element, and elements with a scale below the
/// step cost almost nothing. The trained levels' rates step by about ×1.4-1.6 per level (CompressAI's model zoo reference
/// points: 0.12 to 0.91 bpp over six levels), so a roughly geometric ladder of odd steps with ratio about 1.7
/// gives one truncation point per level from level K (all layers) down to about level 1 (step 25). The ladder is
/// a parameter: calibrate it on the trained models by comparing <see cref="ProgressiveRunner"/> hop sizes with the
/// single-stage rates.
/// </para>
/// </remarks>
public sealed class ProgressiveLayout
{
    /// <summary>Largest accepted step: keeps cell arithmetic far from int overflow.</summary>
    public const int MaxStep = 1 << 15;

    /// <summary>Most layers a stream may have.</summary>
    public const int MaxLayers = 32;

    private readonly int[] _steps;

    private ProgressiveLayout(int[] steps)
    {
        _steps = steps;
    }

    /// <summary>The documented default ladder 25, 15, 9, 5, 3, 1.</summary>
    public static ProgressiveLayout Default { get; } = new([25, 15, 9, 5, 3, 1]);

    /// <summary>Steps, coarsest first; the last is 1.</summary>
    public IReadOnlyList<int> Steps => _steps;

    /// <summary>Number of layers L.</summary>
    public int Layers => _steps.Length;

    /// <summary>The step of layer <paramref name="layer"/> (0 = coarsest).</summary>
    public int Step(int layer) => _steps[layer];

    /// <summary>Builds a layout from odd, strictly decreasing steps ending in 1.</summary>
    /// <exception cref="ArgumentException">The steps break one of those rules.</exception>
    public static ProgressiveLayout Create(params ReadOnlySpan<int> steps)
    {
        if (!TryValidate(steps, out string? error))
        {
            throw new ArgumentException(error, nameof(steps));
        }

        return new ProgressiveLayout(steps.ToArray());
    }

    /// <summary>Validation shared with the stream parser (which reports a <c>BitstreamException</c> instead).</summary>
    internal static bool TryValidate(ReadOnlySpan<int> steps, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        if (steps.Length < 1 || steps.Length > MaxLayers)
        {
            error = $"a progressive layout needs 1..{MaxLayers} layers, got {steps.Length}";
            return false;
        }

        for (int i = 0; i < steps.Length; i++)
        {
            if (steps[i] < 1 || steps[i] > MaxStep || steps[i] % 2 == 0)
            {
                error = $"layer {i} has step {steps[i]}; steps must be odd integers in 1..{MaxStep}";
                return false;
            }

            if (i > 0 && steps[i] >= steps[i - 1])
            {
                error = $"steps must strictly decrease, got {steps[i - 1]} then {steps[i]} at layer {i}";
                return false;
            }
        }

        if (steps[^1] != 1)
        {
            error = $"the last step must be 1 (the level's own grid), got {steps[^1]}";
            return false;
        }

        error = null;
        return true;
    }

    public override string ToString() => $"[{string.Join(", ", _steps)}]";
}
