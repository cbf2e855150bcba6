using EdgeCascade.Codec.Entropy;

namespace EdgeCascade.Codec.Tests.Entropy;

public sealed class CdfTableTests
{
    [Fact]
    public void FromPadded_PaddedRows_ExposesRowsLengthsAndOffsets()
    {
        int[] padded =
        [
            0, 100, 65536, 0, 0,
            0, 1, 2, 3, 65536,
        ];
        CdfTable table = CdfTable.FromPadded(padded, 5, [3, 5], [-1, -2]);

        Assert.Equal(2, table.Count);
        Assert.Equal(new[] { 0, 100, 65536 }, table.GetCdf(0).ToArray());
        Assert.Equal(new[] { 0, 1, 2, 3, 65536 }, table.GetCdf(1).ToArray());
        Assert.Equal(5, table.GetLength(1));
        Assert.Equal(-2, table.GetOffset(1));
    }

    [Theory]
    [InlineData(new[] { 1, 65536 })]
    [InlineData(new[] { 0, 65535 })]
    [InlineData(new[] { 0, 5, 5, 65536 })]
    [InlineData(new[] { 0, 7, 3, 65536 })]
    [InlineData(new[] { 0 })]
    public void Create_InvalidCdf_ThrowsArgumentException(int[] cdf)
    {
        Assert.Throws<ArgumentException>(() => CdfTable.Create([cdf], [0]));
    }

    [Fact]
    public void FromPadded_LengthBeyondStride_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => CdfTable.FromPadded([0, 65536], 2, [3], [0]));
    }

    [Fact]
    public void FromPadded_OffsetCountMismatch_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => CdfTable.FromPadded([0, 65536], 2, [2], [0, 1]));
    }
}
