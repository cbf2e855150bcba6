using System.Text;
using EdgeCascade.Codec.Bitstreams;

namespace EdgeCascade.Codec.Tests.Bitstreams;

public sealed class Crc32FastPathTests
{
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xE8B7BE43u)]
    [InlineData("123456789", 0xCBF43926u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void Compute_KnownVectors_MatchIeeeCrc32(string text, uint expected)
    {
        Assert.Equal(expected, Crc32.Compute(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void Append_InPieces_EqualsWholeBuffer()
    {
        var data = new byte[10_001];
        new Random(5).NextBytes(data);

        uint whole = Crc32.Compute(data);
        uint pieces = Crc32.Append(Crc32.Append(Crc32.Compute(data.AsSpan(0, 3)), data.AsSpan(3, 4_000)), data.AsSpan(4_003));

        Assert.Equal(whole, pieces);
    }

    [Fact]
    public void Compute_SliceByEight_AgreesWithBitwiseReference()
    {
        var random = new Random(9);
        for (int length = 0; length < 300; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(Bitwise(data), Crc32.Compute(data));
        }
    }

    [Fact]
    public void Compute_LongBuffers_VectorisedAgreesWithTables()
    {
        var random = new Random(13);
        foreach (int length in new[] { 64, 65, 79, 80, 127, 128, 129, 1000, 16 * 1024, 16 * 1024 + 7, 100_003 })
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(Crc32.ComputeScalar(data), Crc32.Compute(data));
            Assert.Equal(Bitwise(data), Crc32.Compute(data));
        }
    }

    private static uint Bitwise(byte[] data)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
