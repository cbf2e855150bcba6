namespace EdgeCascade.Actors.Policies;

/// <summary>
/// The policy space Π(s,d;n_q) = { π ∈ {0,1}^(s−d+1) : Σ π_k = n_q, π_d = 1 } of HCF §4.2.
/// </summary>
public static class PolicySpace
{
    /// <summary>|Π(s,d;n_q)| = C(s−d, n_q−1): the n_q − 1 free ones among the s − d levels above d.</summary>
    public static long Count(int sourceLevel, int targetLevel, int transmissions)
    {
        QuantizationPolicy.CheckTransmissions(sourceLevel, targetLevel, transmissions);
        return Binomial(sourceLevel - targetLevel, transmissions - 1);
    }

    /// <summary>
    /// Every policy of Π(s,d;n_q), in descending lexicographic order of the bit string read from
    /// π_s to π_d: the edge policy (Eq. 16) comes first and the late policy last.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">d &lt; 1, s &lt; d, or n_q outside [1, s−d+1].</exception>
    public static IReadOnlyList<QuantizationPolicy> Enumerate(int sourceLevel, int targetLevel, int transmissions)
    {
        QuantizationPolicy.CheckTransmissions(sourceLevel, targetLevel, transmissions);
        var free = sourceLevel - targetLevel;
        var result = new List<QuantizationPolicy>((int)Binomial(free, transmissions - 1));
        var bits = new int[free + 1];
        bits[free] = 1;
        Fill(0, transmissions - 1);
        return result;

        void Fill(int position, int onesLeft)
        {
            if (position == free)
            {
                if (onesLeft == 0)
                {
                    result.Add(QuantizationPolicy.FromBits(sourceLevel, bits));
                }

                return;
            }

            if (onesLeft > 0)
            {
                bits[position] = 1;
                Fill(position + 1, onesLeft - 1);
            }

            if (free - position - 1 >= onesLeft)
            {
                bits[position] = 0;
                Fill(position + 1, onesLeft);
            }
        }
    }

    /// <summary>The union of Π(s,d;n_q) for n_q = 1 … s−d+1, by ascending n_q, each in <see cref="Enumerate"/> order.</summary>
    public static IReadOnlyList<QuantizationPolicy> EnumerateAll(int sourceLevel, int targetLevel)
    {
        QuantizationPolicy.CheckLevels(sourceLevel, targetLevel);
        var all = new List<QuantizationPolicy>();
        for (var transmissions = 1; transmissions <= sourceLevel - targetLevel + 1; transmissions++)
        {
            all.AddRange(Enumerate(sourceLevel, targetLevel, transmissions));
        }

        return all;
    }

    /// <summary>True when <paramref name="policy"/> belongs to Π(s,d;n_q).</summary>
    public static bool Contains(int sourceLevel, int targetLevel, int transmissions, QuantizationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.SourceLevel == sourceLevel && policy.TargetLevel == targetLevel && policy.NQ == transmissions;
    }

    private static long Binomial(int n, int k)
    {
        long result = 1;
        for (var i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }

        return result;
    }
}
