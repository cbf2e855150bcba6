namespace EdgeCascade.Simulation.Engine;

/// <summary>
/// A small, fast, seeded random source (xoshiro256** seeded through SplitMix64) whose sequence is
/// fixed by this code, not by the .NET version, so a seed reproduces a run on any machine.
/// </summary>
/// <remarks>
/// Each random purpose (one flow's arrivals, one link's losses, ...) gets its own stream from
/// <see cref="ForStream"/>, so adding a flow does not shift the numbers another flow sees.
/// </remarks>
public sealed class DeterministicRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>A generator seeded with <paramref name="seed"/>.</summary>
    public DeterministicRandom(long seed)
    {
        ulong state = unchecked((ulong)seed);
        _s0 = SplitMix(ref state);
        _s1 = SplitMix(ref state);
        _s2 = SplitMix(ref state);
        _s3 = SplitMix(ref state);
    }

    /// <summary>An independent stream for (<paramref name="seed"/>, <paramref name="purpose"/>, <paramref name="index"/>).</summary>
    public static DeterministicRandom ForStream(long seed, string purpose, int index)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        ulong hash = 14695981039346656037UL;
        foreach (char c in purpose)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }

        ulong mixed = unchecked((ulong)seed ^ (hash * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)index << 32) ^ (ulong)(uint)index);
        return new DeterministicRandom(unchecked((long)SplitMix(ref mixed)));
    }

    /// <summary>64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = unchecked(RotateLeft(_s1 * 5, 7) * 9);
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, <paramref name="maxExclusive"/>) (Lemire's unbiased method).</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        ulong bound = (ulong)maxExclusive;
        ulong threshold = (0UL - bound) % bound;
        while (true)
        {
            ulong value = NextUInt64();
            UInt128 product = (UInt128)value * bound;
            if ((ulong)product >= threshold)
            {
                return (int)(ulong)(product >> 64);
            }
        }
    }

    /// <summary>Exponentially distributed with the given mean (inverse transform).</summary>
    public double NextExponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    private static ulong RotateLeft(ulong value, int bits) => (value << bits) | (value >> (64 - bits));

    private static ulong SplitMix(ref ulong state)
    {
        ulong z = unchecked(state += 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
