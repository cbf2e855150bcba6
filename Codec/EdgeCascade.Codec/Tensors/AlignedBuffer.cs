namespace EdgeCascade.Codec.Tensors;

/// <summary>
/// Pinned float arrays with a 64-byte aligned start: 512-bit loads that straddle two cache lines run at
/// half speed, and the GEMM micro-kernel streams its packed operands with such loads.
/// </summary>
internal static unsafe class AlignedBuffer
{
    private const int Alignment = 64;

    /// <summary>A pinned array holding at least <paramref name="length"/> floats from <c>Offset</c>, which is 64-byte aligned.</summary>
    public static (float[] Array, int Offset) Allocate(long length)
    {
        float[] array = GC.AllocateUninitializedArray<float>(checked((int)length + (Alignment / sizeof(float))), pinned: true);
        fixed (float* start = array)
        {
            int misalignment = (int)((nint)start & (Alignment - 1));
            int offset = misalignment == 0 ? 0 : (Alignment - misalignment) / sizeof(float);
            array.AsSpan(offset, (int)length).Clear();
            return (array, offset);
        }
    }
}
