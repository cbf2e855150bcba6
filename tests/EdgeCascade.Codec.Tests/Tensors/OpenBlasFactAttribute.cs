using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Codec.Tests.Tensors;

/// <summary>A fact that needs Debian's OpenBLAS (libopenblas0); skipped with the reason when it cannot be loaded.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OpenBlasFactAttribute : FactAttribute
{
    public OpenBlasFactAttribute()
    {
        if (!OpenBlas.IsAvailable)
        {
            Skip = "OpenBLAS is not installed (apt-get install libopenblas0); the managed GEMM is tested without it";
        }
    }
}
