namespace EdgeCascade.Codec.Tensors;

/// <summary>
/// Splits element-wise and layout work across <see cref="Gemm.MaxDegreeOfParallelism"/> threads. Each index
/// or chunk is written by exactly one thread and nothing is reduced across chunks, so results do not depend
/// on the thread count.
/// </summary>
internal static class ParallelWork
{
    /// <summary>Below this many elements a job runs on the calling thread (scheduling would cost more).</summary>
    private const long MinimumParallelElements = 1 << 16;

    /// <summary>Runs <paramref name="body"/> for each index in [0, count), each index touching about <paramref name="elementsPerIndex"/> values.</summary>
    public static void For(int count, long elementsPerIndex, Action<int> body)
    {
        int threads = Math.Max(1, Gemm.MaxDegreeOfParallelism);
        if (threads == 1 || count < 2 || count * elementsPerIndex < MinimumParallelElements)
        {
            for (int i = 0; i < count; i++)
            {
                body(i);
            }

            return;
        }

        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, body);
    }

    /// <summary>Runs <paramref name="body"/>(start, length) over contiguous chunks covering [0, length).</summary>
    public static void ForChunks(int length, Action<int, int> body)
    {
        int threads = Math.Max(1, Gemm.MaxDegreeOfParallelism);
        if (threads == 1 || length < MinimumParallelElements)
        {
            body(0, length);
            return;
        }

        int chunks = threads * 4;
        int chunk = (length + chunks - 1) / chunks;
        chunk = (chunk + 63) & ~63;
        int count = (length + chunk - 1) / chunk;
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
        {
            int start = i * chunk;
            body(start, Math.Min(chunk, length - start));
        });
    }
}
