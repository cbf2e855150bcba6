namespace EdgeCascade.Actors.Policies;

public sealed partial class QuantizationPolicy
{
    /// <summary>
    /// The edge policy of HCF Eq. 16, <c>[1^(n_q−1), 0^(s−d+1−n_q), 1]</c>: transmit at each of the
    /// first n_q − 1 levels (the cascade front) and once more at d.
    /// </summary>
    public static QuantizationPolicy Edge(int sourceLevel, int targetLevel, int transmissions)
    {
        CheckTransmissions(sourceLevel, targetLevel, transmissions);
        var flags = new bool[sourceLevel - targetLevel + 1];
        for (var i = 0; i < transmissions - 1; i++)
        {
            flags[i] = true;
        }

        flags[^1] = true;
        return new QuantizationPolicy(sourceLevel, flags);
    }

    /// <summary>The late policy <c>[0,…,0,1^(n_q)]</c>: every transmission at the end of the chain.</summary>
    public static QuantizationPolicy Late(int sourceLevel, int targetLevel, int transmissions)
    {
        CheckTransmissions(sourceLevel, targetLevel, transmissions);
        var flags = new bool[sourceLevel - targetLevel + 1];
        for (var i = flags.Length - transmissions; i < flags.Length; i++)
        {
            flags[i] = true;
        }

        return new QuantizationPolicy(sourceLevel, flags);
    }

    /// <summary>
    /// Transmissions spread evenly: the L = s − d + 1 levels are cut into n_q consecutive groups of
    /// near-equal size, and each group ends with a transmission.
    /// </summary>
    /// <remarks>
    /// Rounding rule: the j-th transmission (j = 1…n_q) sits at 1-based position
    /// <c>round_half_up(j·L / n_q)</c> counted from π_s, computed exactly in integers as
    /// <c>(2·j·L + n_q) / (2·n_q)</c>. Because L / n_q ≥ 1 the positions are strictly increasing, and
    /// j = n_q lands on π_d. Examples: s−d+1 = 4 → n_q=2 gives <c>[0,1,0,1]</c>, n_q=3 gives
    /// <c>[1,0,1,1]</c>; n_q = 1 gives the late/edge policy <c>[0,…,0,1]</c>, n_q = L all ones.
    /// </remarks>
    public static QuantizationPolicy UniformSpread(int sourceLevel, int targetLevel, int transmissions)
    {
        CheckTransmissions(sourceLevel, targetLevel, transmissions);
        var length = sourceLevel - targetLevel + 1;
        var flags = new bool[length];
        for (var j = 1; j <= transmissions; j++)
        {
            var position = ((2 * j * length) + transmissions) / (2 * transmissions);
            flags[position - 1] = true;
        }

        return new QuantizationPolicy(sourceLevel, flags);
    }

    /// <summary>π_* = [0,…,0,1] ∈ Π(s,d;1), the minimal-quantization reference of RQSI.</summary>
    public static QuantizationPolicy MinimalQuantization(int sourceLevel, int targetLevel) => Late(sourceLevel, targetLevel, 1);

    /// <summary>π^* = [1,…,1] ∈ Π(s,d;s−d+1), the maximal-quantization reference of RQSI.</summary>
    public static QuantizationPolicy MaximalQuantization(int sourceLevel, int targetLevel) =>
        Edge(sourceLevel, targetLevel, sourceLevel - targetLevel + 1);

    /// <summary>The named policy of kind <paramref name="kind"/> (Edge, Late or Uniform).</summary>
    /// <exception cref="ArgumentException">Greedy and Oracle depend on budgets and evaluation; use a scheduler.</exception>
    public static QuantizationPolicy Named(PolicyKind kind, int sourceLevel, int targetLevel, int transmissions) => kind switch
    {
        PolicyKind.Edge => Edge(sourceLevel, targetLevel, transmissions),
        PolicyKind.Late => Late(sourceLevel, targetLevel, transmissions),
        PolicyKind.Uniform => UniformSpread(sourceLevel, targetLevel, transmissions),
        _ => throw new ArgumentException($"{kind} is not a fixed policy; it needs a scheduler (EdgeCascade.Actors.Scheduling)", nameof(kind)),
    };
}
