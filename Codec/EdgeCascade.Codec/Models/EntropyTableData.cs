namespace EdgeCascade.Codec.Models;

/// <summary>
/// Integer CDF tables exported by training (CompressAI layout): one row per channel (entropy bottleneck) or
/// per scale index (Gaussian conditional). Row i holds <c>CdfLength[i]</c> values of a 16-bit CDF
/// (0 .. 65536, strictly increasing, last entry the escape/tail symbol); symbol s maps to index s - Offset[i].
/// </summary>
/// <param name="QuantizedCdf">Rows trimmed to their cdf length.</param>
/// <param name="CdfLength">Entries used in each row.</param>
/// <param name="Offset">Value of the first symbol of each row (negative of the row's minimum).</param>
public sealed record EntropyTableData(int[][] QuantizedCdf, int[] CdfLength, int[] Offset)
{
    /// <summary>Precision of the exported CDFs, in bits.</summary>
    public const int Precision = 16;

    public int Rows => CdfLength.Length;
}
