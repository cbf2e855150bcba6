using System.Numerics.Tensors;

namespace EdgeCascade.Experiments.Analysis;

/// <summary>Exact k-th neighbour distances by comparing every pair, vectorised over the other samples.</summary>
/// <remarks>
/// The points are stored column by column, so one query accumulates Σ_d (x_jd − q_d)² for all j with
/// m SIMD passes over contiguous columns. Squared distances come from coordinate differences, never
/// from |a|² + |b|² − 2a·b, so close pairs, which dominate Σ ln ρ, keep full precision.
/// </remarks>
internal sealed class BruteForceNeighbours
{
    private readonly double[][] _columns;
    private readonly int _count;

    public BruteForceNeighbours(double[] points, int dimension)
    {
        _count = points.Length / dimension;
        _columns = new double[dimension][];
        for (var d = 0; d < dimension; d++)
        {
            var column = new double[_count];
            for (var i = 0; i < _count; i++)
            {
                column[i] = points[(i * dimension) + d];
            }

            _columns[d] = column;
        }
    }

    /// <summary>Scratch space for one thread: squared distances and a difference buffer.</summary>
    public (double[] Squared, double[] Difference) CreateScratch() => (new double[_count], new double[_count]);

    /// <summary>Distance from point <paramref name="index"/> to its k-th nearest other point (self excluded, duplicates count).</summary>
    public double KthNeighbourDistance(int index, int k, (double[] Squared, double[] Difference) scratch)
    {
        var (squared, difference) = scratch;
        Array.Clear(squared);
        foreach (var column in _columns)
        {
            TensorPrimitives.Subtract(column, column[index], difference);
            TensorPrimitives.MultiplyAdd(difference, difference, squared, squared);
        }

        var heap = new MaxHeap(k);
        for (var j = 0; j < _count; j++)
        {
            if (j != index)
            {
                heap.Offer(squared[j]);
            }
        }

        return Math.Sqrt(heap.Max);
    }
}
