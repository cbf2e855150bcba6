using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace EdgeCascade.Codec.Tensors;

/// <summary>
/// Register-blocked GEMM micro-kernels: C[Mr x Nr] (+)= A_panel[k][Mr] * B_panel[k][Nr] over k in order.
/// </summary>
/// <remarks>
/// Every output element is one lane that accumulates <c>acc = fma(a, b, acc)</c> for k = 0, 1, ... in order,
/// so the Vector512, Vector256 and scalar kernels produce bit-identical results: the result depends on
/// neither the SIMD width nor the thread that computes the tile.
/// </remarks>
internal static unsafe class GemmKernel
{
    /// <summary>Rows of C per micro-tile (rows of a packed A panel).</summary>
    public const int Mr = 12;

    /// <summary>Columns of C per micro-tile (columns of a packed B panel).</summary>
    public const int Nr = 32;

    /// <summary>Computes one full Mr x Nr micro-tile with the widest SIMD the JIT supports here.</summary>
    /// <remarks>
    /// Not inlined: the GEMM loop inlines <see cref="Kernel512"/> once itself, and a second inlined copy of
    /// 24 accumulators pushes the caller past what the JIT enregisters (half the throughput).
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Full(float* a, float* b, int kc, float* c, int ldc, bool accumulate)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Kernel512(a, b, kc, c, ldc, accumulate);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Kernel256(a, b, kc, c, ldc, accumulate, 0);
            Kernel256(a, b, kc, c, ldc, accumulate, 16);
        }
        else
        {
            KernelScalar(a, b, kc, c, ldc, accumulate);
        }
    }

    /// <summary>An edge micro-tile (rows &lt; Mr or cols &lt; Nr), computed in a scratch tile and copied out.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Partial(float* a, float* b, int kc, float* c, int ldc, bool accumulate, int rows, int cols)
    {
        float* scratch = stackalloc float[Mr * Nr];
        new Span<float>(scratch, Mr * Nr).Clear();
        if (accumulate)
        {
            for (int i = 0; i < rows; i++)
            {
                new ReadOnlySpan<float>(c + (i * ldc), cols).CopyTo(new Span<float>(scratch + (i * Nr), cols));
            }
        }

        Full(a, b, kc, scratch, Nr, accumulate);
        for (int i = 0; i < rows; i++)
        {
            new ReadOnlySpan<float>(scratch + (i * Nr), cols).CopyTo(new Span<float>(c + (i * ldc), cols));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Kernel512(float* a, float* b, int kc, float* c, int ldc, bool accumulate)
    {
        Vector512<float> c00, c01;
        Vector512<float> c10, c11;
        Vector512<float> c20, c21;
        Vector512<float> c30, c31;
        Vector512<float> c40, c41;
        Vector512<float> c50, c51;
        Vector512<float> c60, c61;
        Vector512<float> c70, c71;
        Vector512<float> c80, c81;
        Vector512<float> c90, c91;
        Vector512<float> c100, c101;
        Vector512<float> c110, c111;
        if (accumulate)
        {
            c00 = Vector512.Load(c + (0 * ldc));
            c01 = Vector512.Load(c + (0 * ldc) + 16);
            c10 = Vector512.Load(c + (1 * ldc));
            c11 = Vector512.Load(c + (1 * ldc) + 16);
            c20 = Vector512.Load(c + (2 * ldc));
            c21 = Vector512.Load(c + (2 * ldc) + 16);
            c30 = Vector512.Load(c + (3 * ldc));
            c31 = Vector512.Load(c + (3 * ldc) + 16);
            c40 = Vector512.Load(c + (4 * ldc));
            c41 = Vector512.Load(c + (4 * ldc) + 16);
            c50 = Vector512.Load(c + (5 * ldc));
            c51 = Vector512.Load(c + (5 * ldc) + 16);
            c60 = Vector512.Load(c + (6 * ldc));
            c61 = Vector512.Load(c + (6 * ldc) + 16);
            c70 = Vector512.Load(c + (7 * ldc));
            c71 = Vector512.Load(c + (7 * ldc) + 16);
            c80 = Vector512.Load(c + (8 * ldc));
            c81 = Vector512.Load(c + (8 * ldc) + 16);
            c90 = Vector512.Load(c + (9 * ldc));
            c91 = Vector512.Load(c + (9 * ldc) + 16);
            c100 = Vector512.Load(c + (10 * ldc));
            c101 = Vector512.Load(c + (10 * ldc) + 16);
            c110 = Vector512.Load(c + (11 * ldc));
            c111 = Vector512.Load(c + (11 * ldc) + 16);
        }
        else
        {
            c00 = Vector512<float>.Zero;
            c01 = Vector512<float>.Zero;
            c10 = Vector512<float>.Zero;
            c11 = Vector512<float>.Zero;
            c20 = Vector512<float>.Zero;
            c21 = Vector512<float>.Zero;
            c30 = Vector512<float>.Zero;
            c31 = Vector512<float>.Zero;
            c40 = Vector512<float>.Zero;
            c41 = Vector512<float>.Zero;
            c50 = Vector512<float>.Zero;
            c51 = Vector512<float>.Zero;
            c60 = Vector512<float>.Zero;
            c61 = Vector512<float>.Zero;
            c70 = Vector512<float>.Zero;
            c71 = Vector512<float>.Zero;
            c80 = Vector512<float>.Zero;
            c81 = Vector512<float>.Zero;
            c90 = Vector512<float>.Zero;
            c91 = Vector512<float>.Zero;
            c100 = Vector512<float>.Zero;
            c101 = Vector512<float>.Zero;
            c110 = Vector512<float>.Zero;
            c111 = Vector512<float>.Zero;
        }

        for (int k = 0; k < kc; k++)
        {
            Vector512<float> b0 = Vector512.Load(b);
            Vector512<float> b1 = Vector512.Load(b + 16);
            Vector512<float> a0 = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
            Vector512<float> a1 = Vector512.Create(a[1]);
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
            Vector512<float> a2 = Vector512.Create(a[2]);
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
            Vector512<float> a3 = Vector512.Create(a[3]);
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
            Vector512<float> a4 = Vector512.Create(a[4]);
            c40 = Vector512.FusedMultiplyAdd(a4, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(a4, b1, c41);
            Vector512<float> a5 = Vector512.Create(a[5]);
            c50 = Vector512.FusedMultiplyAdd(a5, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(a5, b1, c51);
            Vector512<float> a6 = Vector512.Create(a[6]);
            c60 = Vector512.FusedMultiplyAdd(a6, b0, c60);
            c61 = Vector512.FusedMultiplyAdd(a6, b1, c61);
            Vector512<float> a7 = Vector512.Create(a[7]);
            c70 = Vector512.FusedMultiplyAdd(a7, b0, c70);
            c71 = Vector512.FusedMultiplyAdd(a7, b1, c71);
            Vector512<float> a8 = Vector512.Create(a[8]);
            c80 = Vector512.FusedMultiplyAdd(a8, b0, c80);
            c81 = Vector512.FusedMultiplyAdd(a8, b1, c81);
            Vector512<float> a9 = Vector512.Create(a[9]);
            c90 = Vector512.FusedMultiplyAdd(a9, b0, c90);
            c91 = Vector512.FusedMultiplyAdd(a9, b1, c91);
            Vector512<float> a10 = Vector512.Create(a[10]);
            c100 = Vector512.FusedMultiplyAdd(a10, b0, c100);
            c101 = Vector512.FusedMultiplyAdd(a10, b1, c101);
            Vector512<float> a11 = Vector512.Create(a[11]);
            c110 = Vector512.FusedMultiplyAdd(a11, b0, c110);
            c111 = Vector512.FusedMultiplyAdd(a11, b1, c111);
            a += Mr;
            b += Nr;
        }

        c00.Store(c + (0 * ldc));
        c01.Store(c + (0 * ldc) + 16);
        c10.Store(c + (1 * ldc));
        c11.Store(c + (1 * ldc) + 16);
        c20.Store(c + (2 * ldc));
        c21.Store(c + (2 * ldc) + 16);
        c30.Store(c + (3 * ldc));
        c31.Store(c + (3 * ldc) + 16);
        c40.Store(c + (4 * ldc));
        c41.Store(c + (4 * ldc) + 16);
        c50.Store(c + (5 * ldc));
        c51.Store(c + (5 * ldc) + 16);
        c60.Store(c + (6 * ldc));
        c61.Store(c + (6 * ldc) + 16);
        c70.Store(c + (7 * ldc));
        c71.Store(c + (7 * ldc) + 16);
        c80.Store(c + (8 * ldc));
        c81.Store(c + (8 * ldc) + 16);
        c90.Store(c + (9 * ldc));
        c91.Store(c + (9 * ldc) + 16);
        c100.Store(c + (10 * ldc));
        c101.Store(c + (10 * ldc) + 16);
        c110.Store(c + (11 * ldc));
        c111.Store(c + (11 * ldc) + 16);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    internal static void Kernel256(float* a, float* b, int kc, float* c, int ldc, bool accumulate, int column)
    {
        Vector256<float> c00, c01;
        Vector256<float> c10, c11;
        Vector256<float> c20, c21;
        Vector256<float> c30, c31;
        Vector256<float> c40, c41;
        Vector256<float> c50, c51;
        Vector256<float> c60, c61;
        Vector256<float> c70, c71;
        Vector256<float> c80, c81;
        Vector256<float> c90, c91;
        Vector256<float> c100, c101;
        Vector256<float> c110, c111;
        c += column;
        b += column;
        if (accumulate)
        {
            c00 = Vector256.Load(c + (0 * ldc));
            c01 = Vector256.Load(c + (0 * ldc) + 8);
            c10 = Vector256.Load(c + (1 * ldc));
            c11 = Vector256.Load(c + (1 * ldc) + 8);
            c20 = Vector256.Load(c + (2 * ldc));
            c21 = Vector256.Load(c + (2 * ldc) + 8);
            c30 = Vector256.Load(c + (3 * ldc));
            c31 = Vector256.Load(c + (3 * ldc) + 8);
            c40 = Vector256.Load(c + (4 * ldc));
            c41 = Vector256.Load(c + (4 * ldc) + 8);
            c50 = Vector256.Load(c + (5 * ldc));
            c51 = Vector256.Load(c + (5 * ldc) + 8);
            c60 = Vector256.Load(c + (6 * ldc));
            c61 = Vector256.Load(c + (6 * ldc) + 8);
            c70 = Vector256.Load(c + (7 * ldc));
            c71 = Vector256.Load(c + (7 * ldc) + 8);
            c80 = Vector256.Load(c + (8 * ldc));
            c81 = Vector256.Load(c + (8 * ldc) + 8);
            c90 = Vector256.Load(c + (9 * ldc));
            c91 = Vector256.Load(c + (9 * ldc) + 8);
            c100 = Vector256.Load(c + (10 * ldc));
            c101 = Vector256.Load(c + (10 * ldc) + 8);
            c110 = Vector256.Load(c + (11 * ldc));
            c111 = Vector256.Load(c + (11 * ldc) + 8);
        }
        else
        {
            c00 = Vector256<float>.Zero;
            c01 = Vector256<float>.Zero;
            c10 = Vector256<float>.Zero;
            c11 = Vector256<float>.Zero;
            c20 = Vector256<float>.Zero;
            c21 = Vector256<float>.Zero;
            c30 = Vector256<float>.Zero;
            c31 = Vector256<float>.Zero;
            c40 = Vector256<float>.Zero;
            c41 = Vector256<float>.Zero;
            c50 = Vector256<float>.Zero;
            c51 = Vector256<float>.Zero;
            c60 = Vector256<float>.Zero;
            c61 = Vector256<float>.Zero;
            c70 = Vector256<float>.Zero;
            c71 = Vector256<float>.Zero;
            c80 = Vector256<float>.Zero;
            c81 = Vector256<float>.Zero;
            c90 = Vector256<float>.Zero;
            c91 = Vector256<float>.Zero;
            c100 = Vector256<float>.Zero;
            c101 = Vector256<float>.Zero;
            c110 = Vector256<float>.Zero;
            c111 = Vector256<float>.Zero;
        }

        for (int k = 0; k < kc; k++)
        {
            Vector256<float> b0 = Vector256.Load(b);
            Vector256<float> b1 = Vector256.Load(b + 8);
            Vector256<float> a0 = Vector256.Create(a[0]);
            c00 = Vector256.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(a0, b1, c01);
            Vector256<float> a1 = Vector256.Create(a[1]);
            c10 = Vector256.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(a1, b1, c11);
            Vector256<float> a2 = Vector256.Create(a[2]);
            c20 = Vector256.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(a2, b1, c21);
            Vector256<float> a3 = Vector256.Create(a[3]);
            c30 = Vector256.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(a3, b1, c31);
            Vector256<float> a4 = Vector256.Create(a[4]);
            c40 = Vector256.FusedMultiplyAdd(a4, b0, c40);
            c41 = Vector256.FusedMultiplyAdd(a4, b1, c41);
            Vector256<float> a5 = Vector256.Create(a[5]);
            c50 = Vector256.FusedMultiplyAdd(a5, b0, c50);
            c51 = Vector256.FusedMultiplyAdd(a5, b1, c51);
            Vector256<float> a6 = Vector256.Create(a[6]);
            c60 = Vector256.FusedMultiplyAdd(a6, b0, c60);
            c61 = Vector256.FusedMultiplyAdd(a6, b1, c61);
            Vector256<float> a7 = Vector256.Create(a[7]);
            c70 = Vector256.FusedMultiplyAdd(a7, b0, c70);
            c71 = Vector256.FusedMultiplyAdd(a7, b1, c71);
            Vector256<float> a8 = Vector256.Create(a[8]);
            c80 = Vector256.FusedMultiplyAdd(a8, b0, c80);
            c81 = Vector256.FusedMultiplyAdd(a8, b1, c81);
            Vector256<float> a9 = Vector256.Create(a[9]);
            c90 = Vector256.FusedMultiplyAdd(a9, b0, c90);
            c91 = Vector256.FusedMultiplyAdd(a9, b1, c91);
            Vector256<float> a10 = Vector256.Create(a[10]);
            c100 = Vector256.FusedMultiplyAdd(a10, b0, c100);
            c101 = Vector256.FusedMultiplyAdd(a10, b1, c101);
            Vector256<float> a11 = Vector256.Create(a[11]);
            c110 = Vector256.FusedMultiplyAdd(a11, b0, c110);
            c111 = Vector256.FusedMultiplyAdd(a11, b1, c111);
            a += Mr;
            b += Nr;
        }

        c00.Store(c + (0 * ldc));
        c01.Store(c + (0 * ldc) + 8);
        c10.Store(c + (1 * ldc));
        c11.Store(c + (1 * ldc) + 8);
        c20.Store(c + (2 * ldc));
        c21.Store(c + (2 * ldc) + 8);
        c30.Store(c + (3 * ldc));
        c31.Store(c + (3 * ldc) + 8);
        c40.Store(c + (4 * ldc));
        c41.Store(c + (4 * ldc) + 8);
        c50.Store(c + (5 * ldc));
        c51.Store(c + (5 * ldc) + 8);
        c60.Store(c + (6 * ldc));
        c61.Store(c + (6 * ldc) + 8);
        c70.Store(c + (7 * ldc));
        c71.Store(c + (7 * ldc) + 8);
        c80.Store(c + (8 * ldc));
        c81.Store(c + (8 * ldc) + 8);
        c90.Store(c + (9 * ldc));
        c91.Store(c + (9 * ldc) + 8);
        c100.Store(c + (10 * ldc));
        c101.Store(c + (10 * ldc) + 8);
        c110.Store(c + (11 * ldc));
        c111.Store(c + (11 * ldc) + 8);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void KernelScalar(float* a, float* b, int kc, float* c, int ldc, bool accumulate)
    {
        for (int i = 0; i < Mr; i++)
        {
            for (int j = 0; j < Nr; j++)
            {
                float acc = accumulate ? c[(i * ldc) + j] : 0f;
                for (int k = 0; k < kc; k++)
                {
                    acc = MathF.FusedMultiplyAdd(a[(k * Mr) + i], b[(k * Nr) + j], acc);
                }

                c[(i * ldc) + j] = acc;
            }
        }
    }
}
