namespace EdgeCascade.Cli.Benchmarks;

/// <summary>Best-of-N encode and decode seconds of one image, and the PSNR of its reconstruction.</summary>
internal sealed record CodecTiming(double EncodeSeconds, double DecodeSeconds, double Psnr)
{
    /// <summary>The faster encode and the faster decode of two measurements of the same work.</summary>
    public CodecTiming Best(CodecTiming? other) => other is null
        ? this
        : this with { EncodeSeconds = Math.Min(EncodeSeconds, other.EncodeSeconds), DecodeSeconds = Math.Min(DecodeSeconds, other.DecodeSeconds) };
}
