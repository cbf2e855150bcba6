using EdgeCascade.Codec.Bitstreams;
using EdgeCascade.Codec.Entropy;
using EdgeCascade.Codec.RangeCoding;

namespace EdgeCascade.Codec.Tests.RangeCoding;

public sealed class RansCoderTests
{
    private static readonly CdfTable s_halfHalf = CdfTable.Create([[0, 32768, 65536]], [0]);

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 0.05)]
    [InlineData(3, 0.5)]
    [InlineData(4, 1.0)]
    public void EncodeDecode_RandomSymbols_RoundTrips(int seed, double escapeRate)
    {
        var random = new Random(seed);
        CdfTable tables = RandomTables.Create(random, 20, 300);
        (int[] symbols, int[] indexes) = RandomTables.Symbols(random, tables, 20_000, escapeRate);

        var encoder = new RansEncoder();
        encoder.EncodeWithIndexes(symbols, indexes, tables);
        byte[] stream = encoder.Flush();

        var decoder = new RansDecoder(stream);
        var decoded = new int[symbols.Length];
        decoder.DecodeWithIndexes(decoded, indexes, tables);
        Assert.Equal(symbols, decoded);
        Assert.True(decoder.IsFullyConsumed);
    }

    [Fact]
    public void EncodeDecode_ManySeedsShortStreams_RoundTrip()
    {
        for (int seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            CdfTable tables = RandomTables.Create(random, 1 + random.Next(5), 1 + random.Next(40));
            (int[] symbols, int[] indexes) = RandomTables.Symbols(random, tables, random.Next(0, 200), random.NextDouble());
            var encoder = new RansEncoder();
            encoder.EncodeWithIndexes(symbols, indexes, tables);
            var decoder = new RansDecoder(encoder.Flush());
            var decoded = new int[symbols.Length];
            decoder.DecodeWithIndexes(decoded, indexes, tables);
            Assert.Equal(symbols, decoded);
            decoder.EnsureFullyConsumed();
        }
    }

    [Fact]
    public void EncodeDecode_SplitAcrossCalls_DecodesInSameSplit()
    {
        var random = new Random(7);
        CdfTable tables = RandomTables.Create(random, 8, 64);
        (int[] first, int[] firstIndexes) = RandomTables.Symbols(random, tables, 1000, 0.1);
        (int[] second, int[] secondIndexes) = RandomTables.Symbols(random, tables, 700, 0.1);

        var encoder = new RansEncoder();
        encoder.EncodeWithIndexes(first, firstIndexes, tables);
        encoder.EncodeWithIndexes(second, secondIndexes, tables);
        var decoder = new RansDecoder(encoder.Flush());

        var decodedFirst = new int[first.Length];
        var decodedSecond = new int[second.Length];
        decoder.DecodeWithIndexes(decodedFirst, firstIndexes, tables);
        decoder.DecodeWithIndexes(decodedSecond, secondIndexes, tables);
        Assert.Equal(first, decodedFirst);
        Assert.Equal(second, decodedSecond);
        decoder.EnsureFullyConsumed();
    }

    [Fact]
    public void EncodeDecode_IntExtremes_RoundTripThroughEscape()
    {
        int[] symbols = [int.MinValue, int.MaxValue, 0, 1, -1, 2, int.MinValue + 1, int.MaxValue - 1];
        var indexes = new int[symbols.Length];
        var encoder = new RansEncoder();
        encoder.EncodeWithIndexes(symbols, indexes, s_halfHalf);
        var decoder = new RansDecoder(encoder.Flush());
        var decoded = new int[symbols.Length];
        decoder.DecodeWithIndexes(decoded, indexes, s_halfHalf);
        Assert.Equal(symbols, decoded);
    }

    [Fact]
    public void Flush_Empty_WritesInitialStateLowWordFirst()
    {
        byte[] stream = new RansEncoder().Flush();
        Assert.Equal(new byte[] { 0, 0, 0, 0x80, 0, 0, 0, 0 }, stream);
    }

    [Fact]
    public void Flush_OneHalfProbabilitySymbol_MatchesHandComputedState()
    {
        // x = ((2^31 / 32768) << 16) + 0 + 0 = 2^32: low word 0, high word 1.
        var encoder = new RansEncoder();
        encoder.EncodeWithIndexes([0], [0], s_halfHalf);
        Assert.Equal(new byte[] { 0, 0, 0, 0, 1, 0, 0, 0 }, encoder.Flush());
    }

    [Fact]
    public void Flush_Twice_SecondStreamIsEmpty()
    {
        var encoder = new RansEncoder();
        encoder.EncodeWithIndexes([0, 0, 0], [0, 0, 0], s_halfHalf);
        encoder.Flush();
        Assert.Equal(0, encoder.BufferedCount);
        Assert.Equal(8, encoder.Flush().Length);
    }

    [Fact]
    public void EncodeWithIndexes_IndexOutOfRange_ThrowsArgumentOutOfRange()
    {
        var encoder = new RansEncoder();
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.EncodeWithIndexes([0], [1], s_halfHalf));
    }

    [Fact]
    public void EncodeWithIndexes_SymbolTooFarForEscape_ThrowsArgumentOutOfRange()
    {
        CdfTable shifted = CdfTable.Create([[0, 32768, 65536]], [int.MaxValue]);
        var encoder = new RansEncoder();
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.EncodeWithIndexes([int.MinValue], [0], shifted));
    }

    [Fact]
    public void EncodeWithIndexes_LengthMismatch_ThrowsArgument()
    {
        var encoder = new RansEncoder();
        Assert.Throws<ArgumentException>(() => encoder.EncodeWithIndexes([0, 0], [0], s_halfHalf));
    }

    [Fact]
    public void Constructor_ShortOrUnalignedStream_ThrowsBitstreamException()
    {
        Assert.Throws<BitstreamException>(() => new RansDecoder(new byte[4]));
        Assert.Throws<BitstreamException>(() => new RansDecoder(new byte[10]));
    }

    [Fact]
    public void DecodeWithIndexes_TruncatedStream_ThrowsBitstreamException()
    {
        var random = new Random(11);
        CdfTable tables = RandomTables.Create(random, 4, 200);
        (int[] symbols, int[] indexes) = RandomTables.Symbols(random, tables, 1000, 0.2);
        var encoder = new RansEncoder();
        encoder.EncodeWithIndexes(symbols, indexes, tables);
        byte[] stream = encoder.Flush();

        for (int length = 8; length < stream.Length; length += 4)
        {
            var decoder = new RansDecoder(stream.AsMemory(0, length));
            var decoded = new int[symbols.Length];
            Assert.Throws<BitstreamException>(() =>
            {
                decoder.DecodeWithIndexes(decoded, indexes, tables);
                decoder.EnsureFullyConsumed();
            });
        }
    }

    [Fact]
    public void DecodeWithIndexes_FuzzedStreams_ThrowOnlyBitstreamException()
    {
        var random = new Random(12345);
        CdfTable tables = RandomTables.Create(random, 6, 40);
        (int[] symbols, int[] indexes) = RandomTables.Symbols(random, tables, 64, 0.3);
        var encoder = new RansEncoder();
        encoder.EncodeWithIndexes(symbols, indexes, tables);
        byte[] valid = encoder.Flush();
        var decoded = new int[symbols.Length];

        for (int trial = 0; trial < 100_000; trial++)
        {
            byte[] input;
            if (trial % 2 == 0)
            {
                input = new byte[4 * random.Next(0, 12)];
                random.NextBytes(input);
            }
            else
            {
                input = (byte[])valid.Clone();
                for (int flips = random.Next(1, 4); flips > 0; flips--)
                {
                    input[random.Next(input.Length)] ^= (byte)(1 << random.Next(8));
                }

                input = input.AsSpan(0, random.Next(2) == 0 ? input.Length : random.Next(input.Length + 1)).ToArray();
            }

            try
            {
                var decoder = new RansDecoder(input);
                decoder.DecodeWithIndexes(decoded, indexes, tables);
            }
            catch (BitstreamException)
            {
            }
        }
    }
}
