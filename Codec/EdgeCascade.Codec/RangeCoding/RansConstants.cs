namespace EdgeCascade.Codec.RangeCoding;

/// <summary>
/// Parameters of the 64-bit rANS coder (ryg_rans <c>rans64.h</c> as used by CompressAI, CompressAI's rANS coder (ryg_rans rans64)).
/// </summary>
internal static class RansConstants
{
    /// <summary>Lower bound of the normalised state interval [L, 2^63).</summary>
    public const ulong LowerBound = 1UL << 31;

    /// <summary>Probability precision in bits (CDFs sum to 2^16).</summary>
    public const int PrecisionBits = 16;

    public const ulong PrecisionMask = (1UL << PrecisionBits) - 1;

    /// <summary>Bits per bypass chunk (escape values are written as 4-bit nibbles).</summary>
    public const int BypassBits = 4;

    public const uint BypassMaxValue = (1u << BypassBits) - 1;

    /// <summary>A raw escape value fits in 32 bits, i.e. at most eight nibbles.</summary>
    public const int MaxBypassNibbles = 32 / BypassBits;

    /// <summary><c>((L >> precision) << 32)</c>; multiplied by a frequency it is the renormalisation threshold.</summary>
    public const ulong RenormBase = (LowerBound >> PrecisionBits) << 32;
}
