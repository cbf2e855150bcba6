using EdgeCascade.Codec.Bitstreams;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Codec.Models;
using EdgeCascade.Codec.Tensors;
using EdgeCascade.Codec.Tests.Models;

namespace EdgeCascade.Codec.Tests.Cascade;

public sealed class ProgressiveCoderTests : IDisposable
{
    private readonly SyntheticFamily _files = new(seed: 11);
    private readonly CascadeEngine _engine;
    private readonly ProgressiveCoder _coder;

    public ProgressiveCoderTests()
    {
        _engine = new CascadeEngine(ModelFamily.Load(_files.Directory));
        _coder = new ProgressiveCoder(_engine.Family.GetLevel(6), _engine.FamilyId, ProgressiveLayout.Default);
    }

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Decode_AllLayers_EqualsLatentCoderQuantizedLatent()
    {
        (Tensor latent, ImageGeometry geometry) = Latent(128, 64, 1);

        ProgressiveEncoding encoding = _coder.Encode(latent, geometry);
        Tensor decoded = _coder.Decode(encoding.Stream);
        Tensor reference = _engine.Encode(latent, 6, geometry).QuantizedLatent;

        Assert.Equal(reference.Span.ToArray(), decoded.Span.ToArray());
        Assert.Equal(reference.Span.ToArray(), encoding.QuantizedLatent.Span.ToArray());
        Assert.Equal(ProgressiveLayout.Default.Layers, encoding.Stream.LayerCount);
    }

    [Fact]
    public void Encode_SingleUnitLayer_IsLatentCoderStreams()
    {
        (Tensor latent, ImageGeometry geometry) = Latent(64, 64, 2);
        var single = new ProgressiveCoder(_engine.Family.GetLevel(6), _engine.FamilyId, ProgressiveLayout.Create(1));

        ProgressiveStream stream = single.Encode(latent, geometry).Stream;
        LatentPacket packet = _engine.Encode(latent, 6, geometry).Packet;

        Assert.Equal(packet.HyperStream.ToArray(), stream.HyperStream.ToArray());
        Assert.Equal(packet.MainStream.ToArray(), stream.LayerStreams[0].ToArray());
    }

    [Fact]
    public void Truncate_AnyLayerCount_IsBytePrefixAndDecodesLikeInMemoryTruncation()
    {
        (Tensor latent, ImageGeometry geometry) = Latent(64, 128, 3);
        ProgressiveStream full = _coder.Encode(latent, geometry).Stream;
        byte[] wire = full.ToBytes();

        int previous = int.MaxValue;
        for (int layers = full.LayerCount; layers >= 0; layers--)
        {
            byte[] cut = ProgressiveStream.Truncate(wire, layers);
            Assert.Equal(wire.AsSpan(0, cut.Length).ToArray(), cut);
            Assert.True(cut.Length <= previous);
            previous = cut.Length;

            ProgressiveStream parsed = ProgressiveStream.Parse(cut, _engine.FamilyId);
            Assert.Equal(layers, parsed.LayerCount);
            Assert.Equal(
                _coder.Decode(full.Truncate(layers)).Span.ToArray(),
                _coder.Decode(parsed).Span.ToArray());
        }
    }

    [Theory]
    [InlineData(ProgressiveReconstruction.ConditionalMean)]
    [InlineData(ProgressiveReconstruction.Midpoint)]
    public void Decode_TruncatedStream_StaysInsideTheLastLayersCell(ProgressiveReconstruction mode)
    {
        (Tensor latent, ImageGeometry geometry) = Latent(64, 64, 4);
        ProgressiveEncoding encoding = _coder.Encode(latent, geometry);
        float[] exact = encoding.QuantizedLatent.Span.ToArray();

        for (int layers = 1; layers <= encoding.Stream.LayerCount; layers++)
        {
            float[] decoded = _coder.Decode(encoding.Stream.Truncate(layers), mode).Span.ToArray();
            float bound = ProgressiveLayout.Default.Step(layers - 1) - 0.5f + 1e-3f;
            for (int i = 0; i < exact.Length; i++)
            {
                Assert.True(MathF.Abs(decoded[i] - exact[i]) <= bound, $"layers {layers}, element {i}: {decoded[i]} vs {exact[i]}");
            }
        }
    }

    [Fact]
    public void Decode_NoLayers_ReturnsHyperpriorMeans()
    {
        (Tensor latent, ImageGeometry geometry) = Latent(64, 64, 5);
        ProgressiveStream stream = _coder.Encode(latent, geometry).Stream.Truncate(0);

        Tensor decoded = _coder.Decode(stream);

        Assert.Equal(latent.Shape, decoded.Shape);
        Assert.All(decoded.Span.ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Encode_SameInputTwice_GivesIdenticalBytes()
    {
        (Tensor latent, ImageGeometry geometry) = Latent(64, 64, 6);

        Assert.Equal(_coder.Encode(latent, geometry).Stream.ToBytes(), _coder.Encode(latent, geometry).Stream.ToBytes());
    }

    [Fact]
    public void Parse_EveryCutPosition_FailsWithBitstreamExceptionUnlessAtLayerBoundary()
    {
        (Tensor latent, ImageGeometry geometry) = Latent(64, 64, 7);
        ProgressiveStream full = _coder.Encode(latent, geometry).Stream;
        byte[] wire = full.ToBytes();
        var boundaries = Enumerable.Range(0, full.LayerCount + 1).Select(n => full.Truncate(n).ToBytes().Length).ToHashSet();

        for (int length = 0; length < wire.Length; length++)
        {
            byte[] cut = wire[..length];
            if (boundaries.Contains(length))
            {
                _ = _coder.Decode(ProgressiveStream.Parse(cut));
            }
            else
            {
                Assert.Throws<BitstreamException>(() => _coder.Decode(ProgressiveStream.Parse(cut)));
            }
        }
    }

    [Fact]
    public void ParseAndDecode_CorruptBytes_ThrowOnlyBitstreamException()
    {
        (Tensor latent, ImageGeometry geometry) = Latent(64, 64, 8);
        ProgressiveStream full = _coder.Encode(latent, geometry).Stream;
        byte[] wire = full.ToBytes();
        var random = new Random(8);
        for (int trial = 0; trial < 300; trial++)
        {
            byte[] corrupt = (byte[])wire.Clone();
            corrupt[random.Next(corrupt.Length)] ^= (byte)(1 + random.Next(255));
            AssertOnlyBitstreamException(() => _coder.Decode(ProgressiveStream.Parse(corrupt)));
        }

        // Damage behind intact checksums: the entropy decoder itself must reject or survive it.
        for (int trial = 0; trial < 300; trial++)
        {
            var layers = full.LayerStreams.Select(l => l.ToArray()).ToArray();
            byte[] layer = layers[random.Next(layers.Length)];
            if (layer.Length > 0)
            {
                layer[random.Next(layer.Length)] ^= (byte)(1 + random.Next(255));
            }

            var damaged = full with { LayerStreams = layers.Select(l => (ReadOnlyMemory<byte>)l).ToArray() };
            AssertOnlyBitstreamException(() => _coder.Decode(damaged));
        }
    }

    [Fact]
    public void Decode_OtherLayoutOrFamily_ThrowsBitstreamException()
    {
        (Tensor latent, ImageGeometry geometry) = Latent(64, 64, 9);
        ProgressiveStream stream = _coder.Encode(latent, geometry).Stream;
        var other = new ProgressiveCoder(_engine.Family.GetLevel(6), _engine.FamilyId, ProgressiveLayout.Create(9, 3, 1));

        Assert.Throws<BitstreamException>(() => other.Decode(stream));
        Assert.Throws<BitstreamException>(() => _coder.Decode(stream with { FamilyId = "other" }));
        Assert.Throws<BitstreamException>(() => ProgressiveStream.Parse(stream.ToBytes(), "other"));
    }

    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 2, 1 })]
    [InlineData(new[] { 5, 3, 3 })]
    [InlineData(new[] { 5, 2, 1 })]
    [InlineData(new[] { 3, 5, 1 })]
    public void Create_InvalidSteps_Throws(int[] steps)
    {
        Assert.Throws<ArgumentException>(() => ProgressiveLayout.Create(steps));
    }

    private static void AssertOnlyBitstreamException(Action action)
    {
        try
        {
            action();
        }
        catch (BitstreamException)
        {
        }
    }

    private (Tensor Latent, ImageGeometry Geometry) Latent(int width, int height, int seed)
    {
        Tensor latent = _engine.Analyze(CascadeEngineTests.TestImage(width, height, seed), 6, out ImageGeometry geometry);
        return (latent, geometry);
    }
}
