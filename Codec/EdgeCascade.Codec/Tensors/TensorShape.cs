namespace EdgeCascade.Codec.Tensors;

/// <summary>Shape of a float32 NCHW tensor: batch, channels, height, width.</summary>
public readonly record struct TensorShape
{
    public TensorShape(int n, int c, int h, int w)
    {
        if (n <= 0 || c <= 0 || h <= 0 || w <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), $"Every tensor dimension must be positive, got [{n}, {c}, {h}, {w}].");
        }

        N = n;
        C = c;
        H = h;
        W = w;
    }

    public int N { get; }

    public int C { get; }

    public int H { get; }

    public int W { get; }

    /// <summary>Elements in one channel plane (H * W).</summary>
    public int PlaneSize => H * W;

    /// <summary>Elements in one batch item (C * H * W).</summary>
    public int ItemSize => C * H * W;

    public long ElementCount => (long)N * C * H * W;

    /// <summary>Bytes of float32 storage for a tensor of this shape.</summary>
    public long ByteCount => ElementCount * sizeof(float);

    public TensorShape WithChannels(int channels) => new(N, channels, H, W);

    public TensorShape WithSpatial(int height, int width) => new(N, C, height, width);

    public override string ToString() => $"[{N}, {C}, {H}, {W}]";
}
