namespace EdgeCascade.Codec.Tensors;

/// <summary>
/// A row-major M x K matrix (the left GEMM operand, e.g. conv weights [out, in*kh*kw]) repacked once into
/// panels of <c>Mr</c> rows so the micro-kernel reads it sequentially: data[(panel*K + k)*Mr + i].
/// </summary>
public sealed class PackedMatrix
{
    public PackedMatrix(ReadOnlySpan<float> rowMajor, int rows, int depth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        if (rowMajor.Length != (long)rows * depth)
        {
            throw new ArgumentException($"Expected {rows} x {depth} values, got {rowMajor.Length}.", nameof(rowMajor));
        }

        Rows = rows;
        Depth = depth;
        Panels = (rows + GemmKernel.Mr - 1) / GemmKernel.Mr;
        (Data, DataOffset) = AlignedBuffer.Allocate((long)Panels * depth * GemmKernel.Mr);
        for (int row = 0; row < rows; row++)
        {
            int panel = row / GemmKernel.Mr;
            int lane = row % GemmKernel.Mr;
            ReadOnlySpan<float> source = rowMajor.Slice(row * depth, depth);
            int baseIndex = DataOffset + (panel * depth * GemmKernel.Mr);
            for (int k = 0; k < depth; k++)
            {
                Data[baseIndex + (k * GemmKernel.Mr) + lane] = source[k];
            }
        }
    }

    /// <summary>M: rows of the original matrix.</summary>
    public int Rows { get; }

    /// <summary>K: columns of the original matrix (the reduction depth).</summary>
    public int Depth { get; }

    internal int Panels { get; }

    /// <summary>Pinned storage; the packed values start at <see cref="DataOffset"/>, 64-byte aligned.</summary>
    internal float[] Data { get; }

    internal int DataOffset { get; }
}
