using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Codec.Tests.Tensors;

public class TensorOpsTests
{
    [Fact]
    public void PixelShuffle_ChannelBlock_MapsToSubPositions()
    {
        // 8 channels of 1x2 -> 2 channels of 2x4; channel c*4 + i*2 + j lands at (h*2 + i, w*2 + j).
        var input = new Tensor(new TensorShape(1, 8, 1, 2));
        for (int c = 0; c < 8; c++)
        {
            input[0, c, 0, 0] = c;
            input[0, c, 0, 1] = 100 + c;
        }

        Tensor output = TensorOps.PixelShuffle(input, 2);

        Assert.Equal(new TensorShape(1, 2, 2, 4), output.Shape);
        float[] expected =
        [
            0, 1, 100, 101,
            2, 3, 102, 103,
            4, 5, 104, 105,
            6, 7, 106, 107,
        ];
        Assert.Equal(expected, output.Span.ToArray());
    }

    [Fact]
    public void PixelShuffle_RandomInput_MatchesDefinition()
    {
        Tensor input = Tensor.Random(new TensorShape(2, 12, 3, 5), seed: 7);
        Tensor output = TensorOps.PixelShuffle(input, 2);
        for (int n = 0; n < 2; n++)
        {
            for (int c = 0; c < 3; c++)
            {
                for (int h = 0; h < 6; h++)
                {
                    for (int w = 0; w < 10; w++)
                    {
                        Assert.Equal(input[n, (c * 4) + ((h % 2) * 2) + (w % 2), h / 2, w / 2], output[n, c, h, w]);
                    }
                }
            }
        }
    }

    [Fact]
    public void ConcatChannels_ThenChunk_RoundTrips()
    {
        Tensor a = Tensor.Random(new TensorShape(1, 3, 4, 5), seed: 1);
        Tensor b = Tensor.Random(new TensorShape(1, 3, 4, 5), seed: 2);

        Tensor joined = TensorOps.ConcatChannels(a, b);
        Tensor[] parts = TensorOps.ChunkChannels(joined, 2);

        Assert.Equal(new TensorShape(1, 6, 4, 5), joined.Shape);
        Assert.Equal(a.Span.ToArray(), parts[0].Span.ToArray());
        Assert.Equal(b.Span.ToArray(), parts[1].Span.ToArray());
    }

    [Fact]
    public void ConcatChannels_BatchOfTwo_KeepsItemsSeparate()
    {
        Tensor a = Tensor.Random(new TensorShape(2, 1, 2, 2), seed: 3);
        Tensor b = Tensor.Random(new TensorShape(2, 2, 2, 2), seed: 4);

        Tensor joined = TensorOps.ConcatChannels(a, b);

        Assert.Equal(a[1, 0, 1, 1], joined[1, 0, 1, 1]);
        Assert.Equal(b[1, 1, 0, 1], joined[1, 2, 0, 1]);
        Tensor slice = joined.SliceChannels(1, 2);
        Assert.Equal(b.Span.ToArray(), slice.Span.ToArray());
    }

    [Fact]
    public void SliceChannels_SingleItem_IsViewSharingStorage()
    {
        Tensor tensor = Tensor.Random(new TensorShape(1, 4, 2, 2), seed: 5);

        Tensor view = tensor.SliceChannels(2, 2);
        view[0, 0, 1, 1] = 42f;

        Assert.True(view.IsView);
        Assert.Equal(42f, tensor[0, 2, 1, 1]);
    }

    [Fact]
    public void PadToMultiple_ThenCrop_RestoresInputAndZeroFills()
    {
        Tensor input = Tensor.Random(new TensorShape(1, 3, 70, 65), seed: 6, low: 0.5f, high: 1f);

        Tensor padded = TensorOps.PadToMultiple(input, 64);
        Tensor cropped = TensorOps.Crop(padded, 70, 65);

        Assert.Equal(new TensorShape(1, 3, 128, 128), padded.Shape);
        Assert.Equal(0f, padded[0, 2, 127, 127]);
        Assert.Equal(0f, padded[0, 0, 10, 65]);
        Assert.Equal(input[0, 1, 69, 64], padded[0, 1, 69, 64]);
        Assert.Equal(input.Span.ToArray(), cropped.Span.ToArray());
    }

    [Fact]
    public void Indexer_OutOfRange_Throws()
    {
        var tensor = new Tensor(new TensorShape(1, 1, 2, 2));
        Assert.Throws<IndexOutOfRangeException>(() => tensor[0, 0, 2, 0]);
    }

    [Fact]
    public void Shape_NonPositiveDimension_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TensorShape(1, 0, 2, 2));
    }
}
