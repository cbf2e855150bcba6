using System.Buffers;

namespace EdgeCascade.Codec.Tensors;

/// <summary>
/// The im2col matrix of one input item (K = Cin*kh*kw rows, N = Hout*Wout columns), never materialised:
/// panels are gathered straight from the input while packing.
/// </summary>
/// <remarks>
/// A stride-s input is first split into s*s polyphase planes (plane (py, px) holds pixels
/// (s*r + py, s*c + px)), so that for every kernel tap the source of consecutive output columns is a
/// contiguous run of one plane row and packing is a sequence of span copies with zero fill at the borders.
/// </remarks>
internal sealed class ConvolutionSource : IPanelSource, IDisposable
{
    private readonly float[] _planes;
    private readonly bool _pooled;
    private readonly int _planeHeight;
    private readonly int _planeWidth;
    private readonly int _outputWidth;
    private readonly int[] _planeOffset;
    private readonly int[] _rowShift;
    private readonly int[] _columnShift;

    public ConvolutionSource(float[] input, int offset, int channels, int height, int width, ConvolutionGeometry geometry)
    {
        int stride = geometry.Stride;
        int kh = geometry.KernelHeight;
        int kw = geometry.KernelWidth;
        int outputHeight = geometry.OutputHeight(height);
        _outputWidth = geometry.OutputWidth(width);
        Depth = channels * kh * kw;
        Columns = outputHeight * _outputWidth;
        _planeOffset = new int[Depth];
        _rowShift = new int[Depth];
        _columnShift = new int[Depth];

        int planeBase;
        if (stride == 1)
        {
            _planes = input;
            _planeHeight = height;
            _planeWidth = width;
            planeBase = offset;
        }
        else
        {
            _planeHeight = (height + stride - 1) / stride;
            _planeWidth = (width + stride - 1) / stride;
            int planeSize = _planeHeight * _planeWidth;
            int total = channels * stride * stride * planeSize;
            _planes = ArrayPool<float>.Shared.Rent(total);
            _pooled = true;
            SplitPhases(input, offset, channels, height, width, stride);
            planeBase = 0;
        }

        int planeLength = _planeHeight * _planeWidth;
        int k = 0;
        for (int c = 0; c < channels; c++)
        {
            for (int ky = 0; ky < kh; ky++)
            {
                int ty = ky - geometry.Padding;
                int py = FloorMod(ty, stride);
                for (int kx = 0; kx < kw; kx++)
                {
                    int tx = kx - geometry.Padding;
                    int px = FloorMod(tx, stride);
                    int plane = stride == 1 ? c : (((c * stride) + py) * stride) + px;
                    _planeOffset[k] = planeBase + (plane * planeLength);
                    _rowShift[k] = (ty - py) / stride;
                    _columnShift[k] = (tx - px) / stride;
                    k++;
                }
            }
        }
    }

    public int Depth { get; }

    public int Columns { get; }

    public void Pack(int k0, int kc, int n0, int nc, Span<float> destination)
    {
        const int Nr = GemmKernel.Nr;
        int panels = (nc + Nr - 1) / Nr;
        Span<int> startRow = panels <= 256 ? stackalloc int[panels] : new int[panels];
        Span<int> startColumn = panels <= 256 ? stackalloc int[panels] : new int[panels];
        for (int p = 0; p < panels; p++)
        {
            int j = n0 + (p * Nr);
            startRow[p] = j / _outputWidth;
            startColumn[p] = j - (startRow[p] * _outputWidth);
        }

        ReadOnlySpan<float> planes = _planes;
        for (int k = 0; k < kc; k++)
        {
            int planeOffset = _planeOffset[k0 + k];
            int rowShift = _rowShift[k0 + k];
            int columnShift = _columnShift[k0 + k];
            for (int p = 0; p < panels; p++)
            {
                Span<float> target = destination.Slice(((p * kc) + k) * Nr, Nr);
                int remaining = Math.Min(Nr, Columns - (n0 + (p * Nr)));
                int oy = startRow[p];
                int ox = startColumn[p];
                int iy = oy + rowShift;
                int ix = ox + columnShift;

                // Interior panel: one output row, source row and columns in range -> a single contiguous copy.
                if (remaining == Nr && ox + Nr <= _outputWidth && (uint)iy < (uint)_planeHeight && ix >= 0 && ix + Nr <= _planeWidth)
                {
                    planes.Slice(planeOffset + (iy * _planeWidth) + ix, Nr).CopyTo(target);
                    continue;
                }

                int t = 0;
                while (t < remaining)
                {
                    int run = Math.Min(remaining - t, _outputWidth - ox);
                    iy = oy + rowShift;
                    if ((uint)iy >= (uint)_planeHeight)
                    {
                        target.Slice(t, run).Clear();
                    }
                    else
                    {
                        ix = ox + columnShift;
                        int low = Math.Clamp(-ix, 0, run);
                        int high = Math.Clamp(_planeWidth - ix, low, run);
                        target.Slice(t, low).Clear();
                        planes.Slice(planeOffset + (iy * _planeWidth) + ix + low, high - low).CopyTo(target.Slice(t + low));
                        target.Slice(t + high, run - high).Clear();
                    }

                    t += run;
                    ox = 0;
                    oy++;
                }

                if (t < Nr)
                {
                    target[t..].Clear();
                }
            }
        }
    }

    public void Dispose()
    {
        if (_pooled)
        {
            ArrayPool<float>.Shared.Return(_planes);
        }
    }

    private static int FloorMod(int value, int modulus) => ((value % modulus) + modulus) % modulus;

    private void SplitPhases(float[] input, int offset, int channels, int height, int width, int stride)
    {
        int planeSize = _planeHeight * _planeWidth;
        Array.Clear(_planes, 0, channels * stride * stride * planeSize);
        float[] planes = _planes;
        int planeWidth = _planeWidth;
        ParallelWork.For(channels, (long)height * width, c =>
        {
            for (int y = 0; y < height; y++)
            {
                int py = y % stride;
                int row = y / stride;
                ReadOnlySpan<float> source = input.AsSpan(offset + (((c * height) + y) * width), width);
                for (int px = 0; px < stride; px++)
                {
                    int plane = (((c * stride) + py) * stride) + px;
                    Span<float> target = planes.AsSpan((plane * planeSize) + (row * planeWidth), planeWidth);
                    int column = 0;
                    for (int x = px; x < width; x += stride)
                    {
                        target[column++] = source[x];
                    }
                }
            }
        });
    }
}
