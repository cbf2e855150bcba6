using System.Runtime.Intrinsics;

namespace EdgeCascade.Codec.Tensors;

/// <summary>
/// Cache-blocked, multi-threaded single-precision GEMM: C[M x N] = A[M x K] * B[K x N] (+ bias per row).
/// </summary>
/// <remarks>
/// Work is split into (row block, column block) tiles; every tile is computed by one thread and every
/// element of C accumulates over k = 0..K-1 in order with fused multiply-adds, then adds its bias. The
/// result is therefore bit-identical for any thread count, scheduling or SIMD width, which the codec
/// needs: the decoder must rebuild the entropy parameters exactly as the encoder did.
/// </remarks>
public static unsafe class Gemm
{
    /// <summary>Reduction block: rows of B packed at once.</summary>
    internal const int BlockDepth = 256;

    /// <summary>Column block: columns of C per tile (a multiple of the micro-kernel width).</summary>
    internal const int BlockColumns = 192;

    [ThreadStatic]
    private static float[]? t_panelBuffer;

    [ThreadStatic]
    private static int t_panelOffset;

    /// <summary>Upper bound on worker threads; results do not depend on it.</summary>
    public static int MaxDegreeOfParallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>C = A * B for row-major operands (A is packed on the fly; prefer a reused <see cref="PackedMatrix"/>).</summary>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
    {
        if (b.Length != (long)k * n || c.Length != (long)m * n)
        {
            throw new ArgumentException($"Operand sizes do not match M={m}, K={k}, N={n}.");
        }

        var packed = new PackedMatrix(a, m, k);
        float[] bArray = b.ToArray();
        var cArray = new float[c.Length];
        Multiply(packed, bArray, 0, n, cArray, 0, bias: null);
        cArray.CopyTo(c);
    }

    /// <summary>
    /// C[M x N] (at <paramref name="cOffset"/>, row stride N) = A * B (+ bias[row]) with B row-major K x N at
    /// <paramref name="bOffset"/>.
    /// </summary>
    public static void Multiply(PackedMatrix a, float[] b, int bOffset, int n, float[] c, int cOffset, float[]? bias)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        if (bOffset < 0 || bOffset + ((long)a.Depth * n) > b.Length || cOffset < 0 || cOffset + ((long)a.Rows * n) > c.Length)
        {
            throw new ArgumentException($"Operands too small for M={a.Rows}, K={a.Depth}, N={n}.");
        }

        Run(a, new DenseSource(b, bOffset, a.Depth, n, n), c, cOffset, bias);
    }

    internal static void Run(PackedMatrix a, IPanelSource b, float[] c, int cOffset, float[]? bias)
    {
        if (a.Depth != b.Depth)
        {
            throw new ArgumentException($"Inner dimensions differ: A has K={a.Depth}, B has K={b.Depth}.");
        }

        if (bias is not null && bias.Length < a.Rows)
        {
            throw new ArgumentException($"Bias has {bias.Length} values for {a.Rows} rows.", nameof(bias));
        }

        int n = b.Columns;
        int columnTiles = (n + BlockColumns - 1) / BlockColumns;
        int threads = Math.Max(1, MaxDegreeOfParallelism);
        int rowTiles = 1;
        if (threads > 1 && columnTiles < 2 * threads)
        {
            rowTiles = Math.Min(a.Panels, ((2 * threads) + columnTiles - 1) / columnTiles);
        }

        int panelsPerRowTile = (a.Panels + rowTiles - 1) / rowTiles;
        rowTiles = (a.Panels + panelsPerRowTile - 1) / panelsPerRowTile;
        int tiles = rowTiles * columnTiles;

        if (threads == 1 || tiles == 1)
        {
            for (int tile = 0; tile < tiles; tile++)
            {
                ComputeTile(a, b, c, cOffset, bias, tile / columnTiles, tile % columnTiles, panelsPerRowTile);
            }

            return;
        }

        Parallel.For(
            0,
            tiles,
            new ParallelOptions { MaxDegreeOfParallelism = threads },
            tile => ComputeTile(a, b, c, cOffset, bias, tile / columnTiles, tile % columnTiles, panelsPerRowTile));
    }

    private static void ComputeTile(PackedMatrix a, IPanelSource b, float[] c, int cOffset, float[]? bias, int rowTile, int columnTile, int panelsPerRowTile)
    {
        const int Mr = GemmKernel.Mr;
        const int Nr = GemmKernel.Nr;
        int m = a.Rows;
        int depth = a.Depth;
        int n = b.Columns;
        int n0 = columnTile * BlockColumns;
        int nc = Math.Min(BlockColumns, n - n0);
        int columnPanels = (nc + Nr - 1) / Nr;
        int firstPanel = rowTile * panelsPerRowTile;
        int endPanel = Math.Min(firstPanel + panelsPerRowTile, a.Panels);

        if (t_panelBuffer is null)
        {
            (t_panelBuffer, t_panelOffset) = AlignedBuffer.Allocate(BlockDepth * BlockColumns);
        }

        float[] buffer = t_panelBuffer;
        Span<float> panels = buffer.AsSpan(t_panelOffset, BlockDepth * BlockColumns);
        fixed (float* aStorage = a.Data)
        fixed (float* bBase = panels)
        fixed (float* cBase = c)
        {
            float* aBase = aStorage + a.DataOffset;
            for (int k0 = 0; k0 < depth; k0 += BlockDepth)
            {
                int kc = Math.Min(BlockDepth, depth - k0);
                b.Pack(k0, kc, n0, nc, panels);
                bool accumulate = k0 > 0;
                for (int ip = firstPanel; ip < endPanel; ip++)
                {
                    int rows = Math.Min(Mr, m - (ip * Mr));
                    float* aPanel = aBase + ((((long)ip * depth) + k0) * Mr);
                    for (int jp = 0; jp < columnPanels; jp++)
                    {
                        int columns = Math.Min(Nr, nc - (jp * Nr));
                        float* bPanel = bBase + (jp * kc * Nr);
                        float* cTile = cBase + cOffset + ((long)ip * Mr * n) + n0 + (jp * Nr);
                        if (rows == Mr && columns == Nr && Vector512.IsHardwareAccelerated)
                        {
                            GemmKernel.Kernel512(aPanel, bPanel, kc, cTile, n, accumulate);
                        }
                        else if (rows == Mr && columns == Nr)
                        {
                            GemmKernel.Full(aPanel, bPanel, kc, cTile, n, accumulate);
                        }
                        else
                        {
                            GemmKernel.Partial(aPanel, bPanel, kc, cTile, n, accumulate, rows, columns);
                        }
                    }
                }

            }
        }

        if (bias is not null)
        {
            int endRow = Math.Min(endPanel * Mr, m);
            for (int row = firstPanel * Mr; row < endRow; row++)
            {
                Span<float> segment = c.AsSpan(cOffset + (row * n) + n0, nc);
                System.Numerics.Tensors.TensorPrimitives.Add(segment, bias[row], segment);
            }
        }
    }
}
