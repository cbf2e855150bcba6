using System.IO.Hashing;
using System.Buffers.Binary;
using EdgeCascade.Codec.Bitstreams;

namespace EdgeCascade.Codec.Tests.Bitstreams;

public sealed class EcbReaderTests
{
    private static EcbContainer Sample(int seed = 1)
    {
        var random = new Random(seed);
        var hyper = new byte[random.Next(8, 200)];
        var main = new byte[random.Next(8, 3000)];
        random.NextBytes(hyper);
        random.NextBytes(main);
        return new EcbContainer("ec-mshp-v1", 4, 500, 333, 12, 51, new LatentShape(64, 8, 6), hyper, main);
    }

    private static void AssertSame(EcbContainer expected, EcbContainer actual)
    {
        Assert.Equal(expected with { HyperStream = default, MainStream = default }, actual with { HyperStream = default, MainStream = default });
        Assert.Equal(expected.HyperStream.ToArray(), actual.HyperStream.ToArray());
        Assert.Equal(expected.MainStream.ToArray(), actual.MainStream.ToArray());
    }

    private static byte[] WithValidCrc(byte[] bytes)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), Crc32.HashToUInt32(bytes.AsSpan(0, bytes.Length - 4)));
        return bytes;
    }

    [Fact]
    public void Read_WrittenContainer_RoundTrips()
    {
        for (int seed = 0; seed < 50; seed++)
        {
            EcbContainer container = Sample(seed);
            AssertSame(container, EcbReader.Read(EcbWriter.ToBytes(container), "ec-mshp-v1"));
        }
    }

    [Fact]
    public void Write_ToStream_EqualsToBytes()
    {
        EcbContainer container = Sample();
        using var stream = new MemoryStream();
        EcbWriter.Write(container, stream);
        Assert.Equal(EcbWriter.ToBytes(container), stream.ToArray());
    }

    [Fact]
    public void ToBytes_EmptyStreams_RoundTrips()
    {
        EcbContainer container = Sample() with { HyperStream = Array.Empty<byte>(), MainStream = Array.Empty<byte>() };
        AssertSame(container, EcbReader.Read(EcbWriter.ToBytes(container)));
    }

    [Fact]
    public void Read_EveryTruncation_ThrowsTruncatedBitstreamException()
    {
        byte[] bytes = EcbWriter.ToBytes(Sample());
        for (int length = 0; length < bytes.Length; length++)
        {
            BitstreamException e = Assert.Throws<BitstreamException>(() => EcbReader.Read(bytes.AsSpan(0, length)));
            Assert.StartsWith("truncated .ecb", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Read_TruncatedBody_MessageStatesExpectedAndActualSize()
    {
        byte[] bytes = EcbWriter.ToBytes(Sample());
        BitstreamException e = Assert.Throws<BitstreamException>(() => EcbReader.Read(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.Equal($"truncated .ecb: expected {bytes.Length} bytes, got {bytes.Length - 1}; the file is incomplete, re-send it", e.Message);
    }

    [Fact]
    public void Read_AnySingleBitFlip_ThrowsBitstreamException()
    {
        byte[] bytes = EcbWriter.ToBytes(Sample(3));
        for (int position = 0; position < bytes.Length; position++)
        {
            byte[] copy = (byte[])bytes.Clone();
            copy[position] ^= (byte)(1 << (position % 8));
            Assert.Throws<BitstreamException>(() => EcbReader.Read(copy));
        }
    }

    [Fact]
    public void Read_PayloadByteCorrupted_ReportsCrcMismatch()
    {
        byte[] bytes = EcbWriter.ToBytes(Sample());
        bytes[^10] ^= 0x40;
        BitstreamException e = Assert.Throws<BitstreamException>(() => EcbReader.Read(bytes));
        Assert.Contains("CRC-32 mismatch", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WrongFamily_ThrowsNamingBothFamilies()
    {
        byte[] bytes = EcbWriter.ToBytes(Sample());
        BitstreamException e = Assert.Throws<BitstreamException>(() => EcbReader.Read(bytes, "other-family"));
        Assert.Contains("'ec-mshp-v1'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'other-family'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FutureVersion_ThrowsAskingToUpgrade()
    {
        byte[] bytes = EcbWriter.ToBytes(Sample());
        bytes[4] = 2;
        BitstreamException e = Assert.Throws<BitstreamException>(() => EcbReader.Read(WithValidCrc(bytes)));
        Assert.Contains("upgrade", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadMagic_ThrowsNotAnEcb()
    {
        byte[] bytes = EcbWriter.ToBytes(Sample());
        bytes[0] = (byte)'P';
        BitstreamException e = Assert.Throws<BitstreamException>(() => EcbReader.Read(bytes));
        Assert.StartsWith("not a valid .ecb", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TrailingBytesWithValidCrc_ThrowsBitstreamException()
    {
        byte[] bytes = EcbWriter.ToBytes(Sample());
        byte[] longer = new byte[bytes.Length + 3];
        bytes.AsSpan(0, bytes.Length - 4).CopyTo(longer);
        Assert.Throws<BitstreamException>(() => EcbReader.Read(WithValidCrc(longer)));
    }

    [Fact]
    public void Read_FuzzedInputs_ThrowOnlyBitstreamException()
    {
        var random = new Random(2024);
        byte[] valid = EcbWriter.ToBytes(Sample(9));
        for (int trial = 0; trial < 50_000; trial++)
        {
            byte[] input = BitstreamFuzz.Mutate(random, valid);
            if (trial % 3 == 0)
            {
                // Re-seal with a valid checksum so the parser itself sees the damage.
                if (input.Length >= 9)
                {
                    WithValidCrc(input);
                }
            }

            try
            {
                EcbReader.Read(input, "ec-mshp-v1");
            }
            catch (BitstreamException)
            {
            }
        }
    }

    [Fact]
    public void ToBytes_InvalidFields_ThrowArgumentException()
    {
        EcbContainer container = Sample();
        Assert.ThrowsAny<ArgumentException>(() => EcbWriter.ToBytes(container with { Level = 0 }));
        Assert.ThrowsAny<ArgumentException>(() => EcbWriter.ToBytes(container with { FamilyId = string.Empty }));
        Assert.ThrowsAny<ArgumentException>(() => EcbWriter.ToBytes(container with { FamilyId = new string('x', 300) }));
        Assert.ThrowsAny<ArgumentException>(() => EcbWriter.ToBytes(container with { HyperShape = new LatentShape(0, 1, 1) }));
    }
}
