namespace EdgeCascade.Actors.Policies;

/// <summary>
/// The Rate-Quality Sensitivity Index η^M(π) of HCF (HCF §4.2, Eqs. 14-15): how much quality a
/// policy loses per unit of rate it saves, averaged against the two reference policies.
/// Lower is better.
/// </summary>
/// <remarks>
/// <code>
/// RQS(π1, π2) = [ M(x, x̂^{d+1}_{π2}) − M(x, x̂^{d}_{π1}) ] / max( R(ŷ^{d+1}_{π2}) − R(ŷ^{d}_{π1}), ε )
/// η^M(π)     = ½ ( RQS(π, π_*) + RQS(π, π^*) ),   π_* = [0,…,0,1],  π^* = [1,…,1]
/// </code>
/// The inputs are numbers measured elsewhere (metric and rate of each reconstruction), not images.
/// The reference points are the level-(d+1) results of the reference policies; the caller measures them.
/// </remarks>
public static class Rqsi
{
    /// <summary>The ε of Eq. 14 that keeps the denominator positive.</summary>
    public const double Epsilon = 1e-6;

    /// <summary>RQS(π1, π2) of Eq. 14.</summary>
    /// <param name="evaluated">Rate and quality at level d under the evaluated policy π1.</param>
    /// <param name="reference">Rate and quality at level d+1 under the reference policy π2.</param>
    public static double Sensitivity(RateQualityPoint evaluated, RateQualityPoint reference)
    {
        CheckFinite(evaluated, nameof(evaluated));
        CheckFinite(reference, nameof(reference));
        var qualityLoss = reference.Quality - evaluated.Quality;
        var rateSaved = reference.Rate - evaluated.Rate;
        return qualityLoss / Math.Max(rateSaved, Epsilon);
    }

    /// <summary>η^M(π) of Eq. 15; lower is better.</summary>
    /// <param name="evaluated">Rate and quality at level d under the evaluated policy π.</param>
    /// <param name="minimalQuantizationReference">Level d+1 result under π_* = [0,…,0,1].</param>
    /// <param name="maximalQuantizationReference">Level d+1 result under π^* = [1,…,1].</param>
    public static double Index(
        RateQualityPoint evaluated,
        RateQualityPoint minimalQuantizationReference,
        RateQualityPoint maximalQuantizationReference) =>
        0.5 * (Sensitivity(evaluated, minimalQuantizationReference) + Sensitivity(evaluated, maximalQuantizationReference));

    /// <summary>
    /// The policies whose level-(d+1) results serve as the references of η(π) for a flow s → d:
    /// π_* = [0,…,0,1] and π^* = [1,…,1], both over levels s … d+1.
    /// </summary>
    /// <remarks>
    /// The paper defines π_* ∈ Π(s,d;1) and π^* ∈ Π(s,d;s−d+1) but evaluates them at level d+1; running
    /// the same two shapes over s … d+1 is our reading (HCF §4.2 leaves it implicit).
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">s ≤ d (no level d+1 to refer to) or d &lt; 1.</exception>
    public static (QuantizationPolicy Minimal, QuantizationPolicy Maximal) ReferencePolicies(int sourceLevel, int targetLevel)
    {
        if (sourceLevel <= targetLevel)
        {
            throw new ArgumentOutOfRangeException(nameof(sourceLevel), sourceLevel, $"RQSI needs s > d so that level d+1 = {targetLevel + 1} exists");
        }

        return (QuantizationPolicy.MinimalQuantization(sourceLevel, targetLevel + 1), QuantizationPolicy.MaximalQuantization(sourceLevel, targetLevel + 1));
    }

    private static void CheckFinite(RateQualityPoint point, string name)
    {
        if (!double.IsFinite(point.Rate) || !double.IsFinite(point.Quality))
        {
            throw new ArgumentException($"rate and quality must be finite numbers, got {point}", name);
        }
    }
}
