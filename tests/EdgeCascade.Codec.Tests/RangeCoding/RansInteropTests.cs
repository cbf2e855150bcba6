using EdgeCascade.Codec.Entropy;
using EdgeCascade.Codec.RangeCoding;

namespace EdgeCascade.Codec.Tests.RangeCoding;

/// <summary>
/// Byte-exact agreement with the training side's independent Python coder (<c>training/rans.py</c>), which
/// produces the fixture streams: same tables, symbols and indexes must give the same bytes.
/// </summary>
public sealed class RansInteropTests
{
    private static readonly CdfTable s_tables = CdfTable.Create(
        [[0, 30000, 60000, 65000, 65536], [0, 1, 2, 65535, 65536], [0, 65535, 65536]], [-1, 0, 3]);

    private static readonly int[] s_symbols =
    [
        0, 1, 95575, 251175, -507, -3849, -2556, -3656, -2763, 1, 1, 3, 96375, 3, 3, -168, -1969, 1, 1, 3, 3, 2, 3, 3,
        3, 3, 3, -2380, 194377, -1775, 3, -1558, 1, 1, -1, 3, 3, 3, 41574, 3, -1, -2581, -3250, 0, 3, 3, 1, 154674, 2,
        1, 0, 0, 197478, -3149, 66775, 0, 0, -3358, 0, 3, int.MinValue + 3, int.MaxValue,
    ];

    private static readonly int[] s_indexes =
    [
        0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 2, 1, 2, 2, 1, 0, 0, 1, 2, 2, 1, 2, 2, 2, 2, 2, 1, 1, 0, 2, 2, 1, 0, 0, 2, 2, 2,
        1, 2, 0, 0, 0, 0, 2, 2, 0, 1, 1, 0, 0, 0, 2, 1, 1, 1, 1, 2, 1, 2, 2, 1,
    ];

    // training/rans.py encode(...) of the data above (generated with /usr/bin/python3, LCG seed 7). The last two
    // symbols are the extremes whose raw escape value still fits 32 bits (8 nibbles).
    private const string PythonStreamHex =
        "a7e587b47404000085aa2e7f3dff4ec03bfef43814e171f0543fc1ee8d1cc4ff5951e0be850e2f24f31423fff3f509ef055cc028" +
        "12ffffc5e85eb3ffddcfe0d0c30100ff654cd4937163b2056cfe6608ffffe5854bb4b079c406f6ff9489f1ff859a201000000000" +
        "ffff14a401000008f8ffff0fffffff88ffffff0f";

    [Fact]
    public void Flush_SharedVector_MatchesPythonReferenceBytes()
    {
        var encoder = new RansEncoder();
        encoder.EncodeWithIndexes(s_symbols, s_indexes, s_tables);
        Assert.Equal(PythonStreamHex, Convert.ToHexStringLower(encoder.Flush()));
    }

    [Fact]
    public void DecodeWithIndexes_PythonReferenceBytes_ReturnsSymbols()
    {
        var decoder = new RansDecoder(Convert.FromHexString(PythonStreamHex));
        var decoded = new int[s_symbols.Length];
        decoder.DecodeWithIndexes(decoded, s_indexes, s_tables);
        Assert.Equal(s_symbols, decoded);
        decoder.EnsureFullyConsumed();
    }
}
