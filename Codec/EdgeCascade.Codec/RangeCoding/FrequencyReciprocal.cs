namespace EdgeCascade.Codec.RangeCoding;

/// <summary>
/// Division of a rANS state (below 2^63) by a symbol frequency (1 .. 2^16) as a multiply-high and shift,
/// because 64-bit division costs 40+ cycles on the Cascade Lake CPUs this runs on.
/// </summary>
/// <remarks>
/// Division by invariant integers (Granlund and Montgomery 1994, theorem 4.2): with N = 63 numerator bits,
/// l = ceil(log2 d) and m = ceil(2^(N + l) / d), m * d lies in [2^(N + l), 2^(N + l) + 2^l], so
/// floor(x / d) = floor(m * x / 2^(N + l)) = (mulhi64(x, m)) >> (l - 1) for all x &lt; 2^63, d ≥ 2; m &lt; 2^64.
/// d = 1 is handled by the caller (the quotient is x).
/// </remarks>
internal static class FrequencyReciprocal
{
    /// <summary>Multiplier and right shift for divisor <paramref name="frequency"/> (≥ 2).</summary>
    public static ulong Compute(uint frequency, out int shift)
    {
        int l = 32 - System.Numerics.BitOperations.LeadingZeroCount(frequency - 1);
        UInt128 numerator = (UInt128)1 << (63 + l);
        shift = l - 1;
        return (ulong)((numerator + frequency - 1) / frequency);
    }

    /// <summary>floor(<paramref name="x"/> / d) for x &lt; 2^63 given d's multiplier and shift (d ≥ 2).</summary>
    public static ulong Divide(ulong x, ulong multiplier, int shift) => Math.BigMul(x, multiplier, out _) >> shift;
}
