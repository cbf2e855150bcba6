using System.Runtime.InteropServices;

namespace EdgeCascade.Codec.Tensors;

/// <summary>
/// Optional binding to the system OpenBLAS <c>cblas_sgemm</c> (Debian <c>libopenblas0</c>), for comparison
/// and benchmarks only. The codec uses <see cref="Gemm"/>: OpenBLAS picks kernels and thread splits at run
/// time, so its sums are not guaranteed to be reproducible across machines or thread counts.
/// </summary>
public static unsafe class OpenBlas
{
    private const int RowMajor = 101;
    private const int NoTranspose = 111;

    private static readonly string[] s_candidates =
    [
        "libopenblas.so.0",
        "/usr/lib/x86_64-linux-gnu/libopenblas.so.0",
        "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0",
        "/usr/lib/x86_64-linux-gnu/openblas-openmp/libopenblas.so.0",
        "/usr/lib/x86_64-linux-gnu/openblas-serial/libopenblas.so.0",
    ];

    private static readonly Lazy<nint> s_sgemm = new(Resolve);

    public static bool IsAvailable => s_sgemm.Value != 0;

    /// <summary>C[M x N] = A[M x K] * B[K x N], all row-major and contiguous.</summary>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
    {
        nint function = s_sgemm.Value;
        if (function == 0)
        {
            throw new PlatformNotSupportedException("libopenblas.so.0 was not found; install Debian's libopenblas0.");
        }

        if (a.Length < (long)m * k || b.Length < (long)k * n || c.Length < (long)m * n)
        {
            throw new ArgumentException($"Operands too small for M={m}, K={k}, N={n}.");
        }

        var sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)function;
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            sgemm(RowMajor, NoTranspose, NoTranspose, m, n, k, 1f, pa, k, pb, n, 0f, pc, n);
        }
    }

    private static nint Resolve()
    {
        foreach (string candidate in s_candidates)
        {
            if (NativeLibrary.TryLoad(candidate, out nint handle) && NativeLibrary.TryGetExport(handle, "cblas_sgemm", out nint function))
            {
                return function;
            }
        }

        return 0;
    }
}
