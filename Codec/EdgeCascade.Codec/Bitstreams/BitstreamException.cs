namespace EdgeCascade.Codec.Bitstreams;

/// <summary>
/// A coded stream (an <c>.ecb</c> file, a latent packet or a raw rANS stream) is truncated, corrupt,
/// from another model family or from a newer format version. The message says what is wrong and what to do.
/// </summary>
public sealed class BitstreamException : Exception
{
    public BitstreamException()
        : base("invalid bitstream")
    {
    }

    public BitstreamException(string message)
        : base(message)
    {
    }

    public BitstreamException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when the input ended before a field it announces; used to word checksum failures.</summary>
    internal bool IsTruncation { get; init; }
}
