using EdgeCascade.Codec.Bitstreams;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Codec.Imaging;
using EdgeCascade.Codec.Models;
using EdgeCascade.Codec.Tests.Models;

namespace EdgeCascade.Codec.Tests.Cascade;

public sealed class CascadeEngineTests : IDisposable
{
    private readonly SyntheticFamily _files = new(seed: 7);
    private readonly CascadeEngine _engine;

    public CascadeEngineTests()
    {
        _engine = new CascadeEngine(ModelFamily.Load(_files.Directory));
    }

    public void Dispose() => _files.Dispose();

    internal static RgbImage TestImage(int width, int height, int seed)
    {
        var random = new Random(seed);
        var image = new RgbImage(width, height);
        var pixels = image.Pixels;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                // A smooth gradient with noise: compressible but not constant.
                var i = ((y * width) + x) * 3;
                pixels[i] = (byte)((x * 255 / width + random.Next(16)) & 0xFF);
                pixels[i + 1] = (byte)((y * 255 / height + random.Next(16)) & 0xFF);
                pixels[i + 2] = (byte)(((x + y) * 127 / (width + height)) + random.Next(8));
            }
        }

        return image;
    }

    [Fact]
    public void EncodeDecode_LatentRoundTrip_ReceiverGetsEncodersQuantizedLatent()
    {
        var latent = _engine.Analyze(TestImage(70, 50, 1), 6, out var geometry);

        var coded = _engine.Encode(latent, 6, geometry);
        var received = _engine.Decode(LatentPacketCodec.Decode(LatentPacketCodec.Encode(coded.Packet), "ec-test"));

        Assert.Equal(coded.QuantizedLatent.Shape, received.Shape);
        Assert.Equal(coded.QuantizedLatent.Span.ToArray(), received.Span.ToArray());
        Assert.Equal(new ImageGeometry(50, 70, 14, 58), geometry);
    }

    [Fact]
    public void EncodeImage_DecodeImage_RoundTripsThroughEcbBytes()
    {
        var image = TestImage(64, 64, 2);
        var container = _engine.EncodeImage(image, 3);

        var decoded = _engine.DecodeImage(EcbReader.Read(EcbWriter.ToBytes(container), "ec-test"));
        var direct = _engine.Synthesize(_engine.Encode(_engine.Analyze(image, 3, out var geometry), 3, geometry).QuantizedLatent, 3, geometry);

        Assert.Equal(64, decoded.Width);
        Assert.Equal(direct.Pixels.ToArray(), decoded.Pixels.ToArray());
    }

    [Fact]
    public void Decode_PacketFromOtherFamily_ThrowsBitstreamException()
    {
        var latent = _engine.Analyze(TestImage(64, 64, 3), 2, out var geometry);
        var packet = _engine.Encode(latent, 2, geometry).Packet with { FamilyId = "other" };

        var error = Assert.Throws<BitstreamException>(() => _engine.Decode(packet));

        Assert.Contains("other", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_PacketWithWrongChannels_ThrowsBitstreamException()
    {
        var latent = _engine.Analyze(TestImage(64, 64, 3), 2, out var geometry);
        var packet = _engine.Encode(latent, 2, geometry).Packet;

        Assert.Throws<BitstreamException>(() => _engine.Decode(packet with { LatentShape = packet.LatentShape with { Channels = 99 } }));
        Assert.Throws<BitstreamException>(() => _engine.Decode(packet with { Level = 9 }));
        Assert.Throws<BitstreamException>(() => _engine.Decode(packet with { LatentShape = packet.LatentShape with { Height = 9 } }));
    }

    [Fact]
    public void Decode_CorruptMainStream_ThrowsBitstreamExceptionOnly()
    {
        var latent = _engine.Analyze(TestImage(64, 128, 4), 5, out var geometry);
        var packet = _engine.Encode(latent, 5, geometry).Packet;
        var random = new Random(11);
        for (var trial = 0; trial < 200; trial++)
        {
            var main = packet.MainStream.ToArray();
            var length = random.Next(main.Length + 1);
            var damaged = main.AsSpan(0, length).ToArray();
            if (damaged.Length > 0)
            {
                damaged[random.Next(damaged.Length)] ^= (byte)(1 + random.Next(255));
            }

            try
            {
                _engine.Decode(packet with { MainStream = damaged });
            }
            catch (BitstreamException)
            {
                // Expected for most damage; undetected damage must still decode to a tensor.
            }
        }
    }

    [Fact]
    public void DecodeImage_GeometryMismatch_ThrowsBitstreamException()
    {
        var container = _engine.EncodeImage(TestImage(64, 64, 5), 1);

        Assert.Throws<BitstreamException>(() => _engine.DecodeImage(container with { ImageWidth = 200 }));
        Assert.Throws<BitstreamException>(() => _engine.DecodeImage(container with { FamilyId = "x" }));
    }
}
