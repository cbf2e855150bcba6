namespace EdgeCascade.Actors.Policies;

/// <summary>One cascade operator at one level, e.g. φ^inter_{4→3} is <c>(InterTransform, 4)</c>.</summary>
/// <param name="Kind">Which operator.</param>
/// <param name="Level">
/// The level the operator consumes: s for Analysis, k for the transforms k → k−1, k for
/// quantize/encode and decode, d for Synthesis (which consumes the level-d latent).
/// </param>
public readonly record struct StageOp(StageOpKind Kind, int Level)
{
    /// <summary>g_a^s.</summary>
    public static StageOp Analysis(int sourceLevel) => new(StageOpKind.Analysis, sourceLevel);

    /// <summary>φ^intra_{k→k−1}.</summary>
    public static StageOp IntraTransform(int level) => new(StageOpKind.IntraTransform, level);

    /// <summary>Q^k, E^k.</summary>
    public static StageOp QuantizeEncode(int level) => new(StageOpKind.QuantizeEncode, level);

    /// <summary>D^k.</summary>
    public static StageOp Decode(int level) => new(StageOpKind.Decode, level);

    /// <summary>φ^inter_{k→k−1}.</summary>
    public static StageOp InterTransform(int level) => new(StageOpKind.InterTransform, level);

    /// <summary>g_s^d.</summary>
    public static StageOp Synthesis(int targetLevel) => new(StageOpKind.Synthesis, targetLevel);

    /// <summary>Paper notation, e.g. <c>g_a^4</c>, <c>φ^inter_{4→3}</c>, <c>Q^1,E^1</c>, <c>D^1</c>, <c>g_s^1</c>.</summary>
    public override string ToString() => Kind switch
    {
        StageOpKind.Analysis => $"g_a^{Level}",
        StageOpKind.IntraTransform => $"φ^intra_{{{Level}→{Level - 1}}}",
        StageOpKind.QuantizeEncode => $"Q^{Level},E^{Level}",
        StageOpKind.Decode => $"D^{Level}",
        StageOpKind.InterTransform => $"φ^inter_{{{Level}→{Level - 1}}}",
        StageOpKind.Synthesis => $"g_s^{Level}",
        _ => $"{Kind}({Level})",
    };
}
