using System.Text;
using EdgeCascade.Codec.Bitstreams;

namespace EdgeCascade.Codec.Tests.Bitstreams;

public sealed class Crc32Tests
{
    [Fact]
    public void Compute_CheckString_MatchesIeeeCheckValue()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void Compute_Empty_IsZero()
    {
        Assert.Equal(0u, Crc32.Compute([]));
    }

    [Fact]
    public void Append_SplitInput_EqualsWholeInput()
    {
        var data = new byte[1000];
        new Random(1).NextBytes(data);
        Assert.Equal(Crc32.Compute(data), Crc32.Append(Crc32.Compute(data.AsSpan(0, 377)), data.AsSpan(377)));
    }
}
