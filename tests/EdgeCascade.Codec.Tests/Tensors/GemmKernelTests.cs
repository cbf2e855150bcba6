using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Codec.Tests.Tensors;

public unsafe class GemmKernelTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(7, true)]
    [InlineData(300, false)]
    public void Kernels_AllSimdWidths_BitIdentical(int depth, bool accumulate)
    {
        float[] a = GemmTests.RandomValues(depth * GemmKernel.Mr, seed: depth);
        float[] b = GemmTests.RandomValues(depth * GemmKernel.Nr, seed: depth + 1);
        float[] initial = GemmTests.RandomValues(GemmKernel.Mr * GemmKernel.Nr, seed: depth + 2);
        float[] wide = (float[])initial.Clone();
        float[] narrow = (float[])initial.Clone();
        float[] scalar = (float[])initial.Clone();

        fixed (float* pa = a)
        fixed (float* pb = b)
        {
            fixed (float* pc = wide)
            {
                GemmKernel.Kernel512(pa, pb, depth, pc, GemmKernel.Nr, accumulate);
            }

            fixed (float* pc = narrow)
            {
                GemmKernel.Kernel256(pa, pb, depth, pc, GemmKernel.Nr, accumulate, 0);
                GemmKernel.Kernel256(pa, pb, depth, pc, GemmKernel.Nr, accumulate, 16);
            }

            fixed (float* pc = scalar)
            {
                GemmKernel.KernelScalar(pa, pb, depth, pc, GemmKernel.Nr, accumulate);
            }
        }

        Assert.Equal(scalar, wide);
        Assert.Equal(scalar, narrow);
    }
}
