namespace EdgeCascade.Actors.Nodes;

/// <summary>What a stage produced.</summary>
/// <param name="OutputBits">Bits of the bitstream to send over the next hop; 0 at the destination.</param>
/// <param name="Payload">The bitstream (or decoded image at the destination) for the real codec; null under profile fidelity.</param>
/// <param name="PsnrDb">PSNR of the reconstruction at the destination in dB; NaN elsewhere or when unknown.</param>
/// <param name="MsSsim">MS-SSIM of the reconstruction at the destination; NaN elsewhere or when unknown.</param>
public readonly record struct StageOutput(long OutputBits, object? Payload, double PsnrDb, double MsSsim)
{
    /// <summary>An intermediate stage's output: a bitstream of <paramref name="bits"/> bits.</summary>
    public static StageOutput Bitstream(long bits, object? payload = null) => new(bits, payload, double.NaN, double.NaN);
}
