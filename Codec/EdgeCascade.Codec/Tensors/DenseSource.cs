namespace EdgeCascade.Codec.Tensors;

/// <summary>A row-major K x N matrix used directly as B (also the input of a 1x1 convolution).</summary>
internal sealed class DenseSource : IPanelSource
{
    private readonly float[] _data;
    private readonly int _offset;
    private readonly int _stride;

    public DenseSource(float[] data, int offset, int depth, int columns, int stride)
    {
        _data = data;
        _offset = offset;
        _stride = stride;
        Depth = depth;
        Columns = columns;
    }

    public int Depth { get; }

    public int Columns { get; }

    public void Pack(int k0, int kc, int n0, int nc, Span<float> destination)
    {
        const int Nr = GemmKernel.Nr;
        int panels = (nc + Nr - 1) / Nr;
        for (int k = 0; k < kc; k++)
        {
            ReadOnlySpan<float> row = _data.AsSpan(_offset + ((k0 + k) * _stride), Columns);
            for (int p = 0; p < panels; p++)
            {
                int column = n0 + (p * Nr);
                int count = Math.Min(Nr, Columns - column);
                Span<float> target = destination.Slice(((p * kc) + k) * Nr, Nr);
                row.Slice(column, count).CopyTo(target);
                if (count < Nr)
                {
                    target[count..].Clear();
                }
            }
        }
    }
}
