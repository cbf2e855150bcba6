using System.IO.Hashing;
using System.Buffers.Binary;
using EdgeCascade.Codec.Bitstreams;

namespace EdgeCascade.Codec.Tests.Bitstreams;

public sealed class LatentPacketCodecTests
{
    private static LatentPacket Sample(int seed = 1)
    {
        var random = new Random(seed);
        var hyper = new byte[random.Next(0, 200)];
        var main = new byte[random.Next(0, 3000)];
        random.NextBytes(hyper);
        random.NextBytes(main);
        return new LatentPacket(
            "ec-mshp-v1", 6, new LatentShape(96, 32, 48), new LatentShape(64, 8, 12), hyper, main, 512, 768, 0, 0);
    }

    private static byte[] WithValidCrc(byte[] bytes)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), Crc32.HashToUInt32(bytes.AsSpan(0, bytes.Length - 4)));
        return bytes;
    }

    [Fact]
    public void Decode_EncodedPacket_RoundTrips()
    {
        for (int seed = 0; seed < 50; seed++)
        {
            LatentPacket packet = Sample(seed);
            LatentPacket decoded = LatentPacketCodec.Decode(LatentPacketCodec.Encode(packet), "ec-mshp-v1");
            Assert.Equal(packet with { HyperStream = default, MainStream = default }, decoded with { HyperStream = default, MainStream = default });
            Assert.Equal(packet.HyperStream.ToArray(), decoded.HyperStream.ToArray());
            Assert.Equal(packet.MainStream.ToArray(), decoded.MainStream.ToArray());
        }
    }

    [Fact]
    public void Decode_EveryTruncation_ThrowsBitstreamException()
    {
        byte[] bytes = LatentPacketCodec.Encode(Sample());
        for (int length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<BitstreamException>(() => LatentPacketCodec.Decode(bytes.AsSpan(0, length)));
        }
    }

    [Fact]
    public void Decode_WrongFamily_ThrowsBitstreamException()
    {
        byte[] bytes = LatentPacketCodec.Encode(Sample());
        BitstreamException e = Assert.Throws<BitstreamException>(() => LatentPacketCodec.Decode(bytes, "ec-other"));
        Assert.Contains("'ec-other'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_FutureVersion_ThrowsBitstreamException()
    {
        byte[] bytes = LatentPacketCodec.Encode(Sample());
        bytes[4] = 9;
        BitstreamException e = Assert.Throws<BitstreamException>(() => LatentPacketCodec.Decode(WithValidCrc(bytes)));
        Assert.Contains("version 9", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_EcbFile_ThrowsNotALatentPacket()
    {
        byte[] ecb = EcbWriter.ToBytes(new EcbContainer("f", 1, 1, 1, 0, 0, new LatentShape(1, 1, 1), new byte[8], new byte[8]));
        BitstreamException e = Assert.Throws<BitstreamException>(() => LatentPacketCodec.Decode(ecb));
        Assert.StartsWith("not a valid latent packet", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_FuzzedInputs_ThrowOnlyBitstreamException()
    {
        var random = new Random(77);
        byte[] valid = LatentPacketCodec.Encode(Sample(5));
        for (int trial = 0; trial < 50_000; trial++)
        {
            byte[] input = BitstreamFuzz.Mutate(random, valid);
            if (trial % 3 == 0 && input.Length >= 9)
            {
                WithValidCrc(input);
            }

            try
            {
                LatentPacketCodec.Decode(input, "ec-mshp-v1");
            }
            catch (BitstreamException)
            {
            }
        }
    }
}
