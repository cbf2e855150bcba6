using System.Globalization;
using System.Text;

namespace EdgeCascade.Actors.Policies;

/// <summary>
/// An HCF policy vector π = [π_s, π_{s-1}, …, π_d] (HCF §3.2, HCF §4.2): π_k = 1 quantizes,
/// entropy-codes and transmits the level-k latent (inter-node process), π_k = 0 applies the
/// intra-node transform only. π_d = 1 always, because the level-d latent must reach the destination.
/// </summary>
/// <remarks>
/// Immutable with value equality. Levels are indexed as in the paper: a higher level is higher
/// quality, the cascade runs from the source level s down to the target level d ≥ 1.
/// The k-th transmitted level (in <see cref="TransmitLevels"/> order) travels over the k-th hop.
/// </remarks>
public sealed partial class QuantizationPolicy : IEquatable<QuantizationPolicy>
{
    // _bits[0] is π_s, _bits[^1] is π_d.
    private readonly bool[] _bits;
    private readonly int[] _transmitLevels;

    private QuantizationPolicy(int sourceLevel, bool[] bits)
    {
        _bits = bits;
        SourceLevel = sourceLevel;
        TargetLevel = sourceLevel - bits.Length + 1;
        var levels = new List<int>();
        for (var i = 0; i < bits.Length; i++)
        {
            if (bits[i])
            {
                levels.Add(sourceLevel - i);
            }
        }

        _transmitLevels = [.. levels];
    }

    /// <summary>The source level s (where g_a runs).</summary>
    public int SourceLevel { get; }

    /// <summary>The target level d (where g_s runs).</summary>
    public int TargetLevel { get; }

    /// <summary>Number of levels s − d + 1, the length of π.</summary>
    public int LevelCount => _bits.Length;

    /// <summary>n_q, the number of quantize-and-transmit operations (= the number of hops).</summary>
    public int NQ => _transmitLevels.Length;

    /// <summary>The levels with π_k = 1, from s down to d; the i-th one is sent over hop i.</summary>
    public IReadOnlyList<int> TransmitLevels => _transmitLevels;

    /// <summary>π as 0/1 values in paper order, π_s first.</summary>
    public IReadOnlyList<int> Bits => Array.ConvertAll(_bits, b => b ? 1 : 0);

    /// <summary>
    /// π as flags in paper order, π_s first: the shape <c>CascadeRunner.Hcf</c> (Codec/Cascade) takes.
    /// </summary>
    public IReadOnlyList<bool> TransmitFlags => Array.AsReadOnly(_bits);

    /// <summary>π_k for a level k in [d, s], as 0 or 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is outside [d, s].</exception>
    public int this[int level] => IsTransmitted(level) ? 1 : 0;

    /// <summary>True when π_k = 1 (quantize and transmit at level <paramref name="level"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is outside [d, s].</exception>
    public bool IsTransmitted(int level)
    {
        if (level > SourceLevel || level < TargetLevel)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"level must be in [{TargetLevel}, {SourceLevel}] for policy {this}");
        }

        return _bits[SourceLevel - level];
    }

    /// <summary>Builds π from 0/1 values in paper order (π_s first).</summary>
    /// <param name="sourceLevel">s; d is then s − bits.Length + 1 and must be ≥ 1.</param>
    /// <param name="bits">π_s … π_d, each 0 or 1, the last one 1.</param>
    /// <exception cref="ArgumentException">Empty, a value other than 0/1, π_d = 0, or d &lt; 1.</exception>
    public static QuantizationPolicy FromBits(int sourceLevel, params ReadOnlySpan<int> bits)
    {
        var flags = new bool[bits.Length];
        for (var i = 0; i < bits.Length; i++)
        {
            flags[i] = bits[i] switch
            {
                0 => false,
                1 => true,
                _ => throw new ArgumentException($"policy entries must be 0 or 1, got {bits[i]} at position {i}", nameof(bits)),
            };
        }

        return Create(sourceLevel, flags);
    }

    /// <summary>Builds π over [d, s] that transmits exactly at <paramref name="transmitLevels"/>.</summary>
    /// <exception cref="ArgumentException">A level outside [d, s], a repeated level, or d missing.</exception>
    public static QuantizationPolicy FromTransmitLevels(int sourceLevel, int targetLevel, IEnumerable<int> transmitLevels)
    {
        ArgumentNullException.ThrowIfNull(transmitLevels);
        CheckLevels(sourceLevel, targetLevel);
        var flags = new bool[sourceLevel - targetLevel + 1];
        foreach (var level in transmitLevels)
        {
            if (level > sourceLevel || level < targetLevel)
            {
                throw new ArgumentException($"transmit level {level} is outside [{targetLevel}, {sourceLevel}]", nameof(transmitLevels));
            }

            if (flags[sourceLevel - level])
            {
                throw new ArgumentException($"transmit level {level} is listed twice", nameof(transmitLevels));
            }

            flags[sourceLevel - level] = true;
        }

        return Create(sourceLevel, flags);
    }

    /// <summary>
    /// The part of π from s down to <paramref name="level"/>, itself a valid policy with target
    /// <paramref name="level"/>: what a rate predictor needs to know to predict the bits of the hop
    /// that carries level <paramref name="level"/>.
    /// </summary>
    /// <exception cref="ArgumentException">π_level is 0 (nothing is transmitted at that level).</exception>
    public QuantizationPolicy Prefix(int level)
    {
        if (!IsTransmitted(level))
        {
            throw new ArgumentException($"policy {this} does not transmit at level {level}, so it has no prefix ending there", nameof(level));
        }

        return level == TargetLevel ? this : new QuantizationPolicy(SourceLevel, _bits[..(SourceLevel - level + 1)]);
    }

    /// <summary>π in paper notation, e.g. <c>[1,0,0,1]</c>.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(2 * _bits.Length + 1).Append('[');
        for (var i = 0; i < _bits.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(_bits[i] ? '1' : '0');
        }

        return builder.Append(']').ToString();
    }

    /// <summary>π as a compact bit string, e.g. <c>1001</c> (the form experiment JSON uses).</summary>
    public string ToBitString() => string.Create(_bits.Length, _bits, static (span, bits) =>
    {
        for (var i = 0; i < bits.Length; i++)
        {
            span[i] = bits[i] ? '1' : '0';
        }
    });

    /// <summary>Parses <c>[1,0,0,1]</c>, <c>1,0,0,1</c> or <c>1001</c> (whitespace ignored) for source level s.</summary>
    /// <exception cref="FormatException">The text is not a valid policy; the message says why.</exception>
    public static QuantizationPolicy Parse(string text, int sourceLevel)
    {
        if (TryParse(text, sourceLevel, out var policy, out var error))
        {
            return policy;
        }

        throw new FormatException(error);
    }

    /// <summary>Like <see cref="Parse"/>, returning false instead of throwing.</summary>
    public static bool TryParse(string? text, int sourceLevel, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out QuantizationPolicy? policy) =>
        TryParse(text, sourceLevel, out policy, out _);

    private static bool TryParse(
        string? text,
        int sourceLevel,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out QuantizationPolicy? policy,
        out string error)
    {
        policy = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "policy text is empty";
            return false;
        }

        var body = text.Trim();
        if (body.StartsWith('[') != body.EndsWith(']'))
        {
            error = $"unbalanced brackets in policy '{text}'";
            return false;
        }

        body = body.Trim('[', ']');
        var flags = new List<bool>();
        foreach (var c in body)
        {
            switch (c)
            {
                case '0':
                    flags.Add(false);
                    break;
                case '1':
                    flags.Add(true);
                    break;
                case ',':
                case ' ':
                    break;
                default:
                    error = $"unexpected character '{c}' in policy '{text}' (expected 0, 1, commas)";
                    return false;
            }
        }

        if (flags.Count == 0)
        {
            error = $"policy '{text}' has no entries";
            return false;
        }

        if (!flags[^1])
        {
            error = $"policy '{text}' has π_d = 0; the last entry must be 1";
            return false;
        }

        var targetLevel = sourceLevel - flags.Count + 1;
        if (targetLevel < 1)
        {
            error = string.Create(
                CultureInfo.InvariantCulture,
                $"policy '{text}' has {flags.Count} entries, more than the {sourceLevel} levels below source level {sourceLevel}");
            return false;
        }

        policy = new QuantizationPolicy(sourceLevel, [.. flags]);
        error = string.Empty;
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(QuantizationPolicy? other) =>
        other is not null && SourceLevel == other.SourceLevel && _bits.AsSpan().SequenceEqual(other._bits);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as QuantizationPolicy);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(SourceLevel);
        foreach (var bit in _bits)
        {
            hash.Add(bit);
        }

        return hash.ToHashCode();
    }

    /// <summary>Value equality.</summary>
    public static bool operator ==(QuantizationPolicy? left, QuantizationPolicy? right) =>
        left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(QuantizationPolicy? left, QuantizationPolicy? right) => !(left == right);

    private static QuantizationPolicy Create(int sourceLevel, bool[] flags)
    {
        if (flags.Length == 0)
        {
            throw new ArgumentException("a policy needs at least one level", nameof(flags));
        }

        CheckLevels(sourceLevel, sourceLevel - flags.Length + 1);
        if (!flags[^1])
        {
            throw new ArgumentException("π_d must be 1: the level-d latent is always transmitted to the destination", nameof(flags));
        }

        return new QuantizationPolicy(sourceLevel, flags);
    }

    internal static void CheckLevels(int sourceLevel, int targetLevel)
    {
        if (targetLevel < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(targetLevel), targetLevel, "levels start at 1 (target level d must be >= 1)");
        }

        if (sourceLevel < targetLevel)
        {
            throw new ArgumentOutOfRangeException(nameof(sourceLevel), sourceLevel, $"source level s must be >= target level d = {targetLevel}");
        }
    }

    internal static void CheckTransmissions(int sourceLevel, int targetLevel, int transmissions)
    {
        CheckLevels(sourceLevel, targetLevel);
        var levels = sourceLevel - targetLevel + 1;
        if (transmissions < 1 || transmissions > levels)
        {
            throw new ArgumentOutOfRangeException(
                nameof(transmissions),
                transmissions,
                $"n_q must be in [1, {levels}] for s={sourceLevel}, d={targetLevel}");
        }
    }
}
