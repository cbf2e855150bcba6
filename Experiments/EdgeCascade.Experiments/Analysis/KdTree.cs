namespace EdgeCascade.Experiments.Analysis;

/// <summary>
/// A static KD-tree over N points of dimension m (row-major), answering exact k-nearest-neighbour
/// distance queries for the points it holds. Splits on the widest coordinate at the median; leaves
/// hold up to <see cref="LeafSize"/> points.
/// </summary>
internal sealed class KdTree
{
    private const int LeafSize = 12;

    private readonly double[] _points;
    private readonly int _dimension;
    private readonly int[] _order;
    private readonly List<Node> _nodes = [];

    public KdTree(double[] points, int dimension)
    {
        _points = points;
        _dimension = dimension;
        var count = points.Length / dimension;
        _order = new int[count];
        for (var i = 0; i < count; i++)
        {
            _order[i] = i;
        }

        Build(0, count);
    }

    /// <summary>Distance from point <paramref name="index"/> to its k-th nearest other point (self excluded, duplicates count).</summary>
    public double KthNeighbourDistance(int index, int k)
    {
        var heap = new MaxHeap(k);
        Search(0, index, heap);
        return Math.Sqrt(heap.Max);
    }

    private int Build(int low, int high)
    {
        var nodeIndex = _nodes.Count;
        _nodes.Add(default);
        if (high - low <= LeafSize)
        {
            _nodes[nodeIndex] = new Node(-1, 0, -1, -1, low, high);
            return nodeIndex;
        }

        var splitDimension = WidestDimension(low, high);
        // Sort the range by (coordinate, index): deterministic even with ties.
        Array.Sort(_order, low, high - low, Comparer<int>.Create((a, b) =>
        {
            var byValue = _points[(a * _dimension) + splitDimension].CompareTo(_points[(b * _dimension) + splitDimension]);
            return byValue != 0 ? byValue : a.CompareTo(b);
        }));
        var middle = low + ((high - low) / 2);
        var splitValue = _points[(_order[middle] * _dimension) + splitDimension];
        var left = Build(low, middle);
        var right = Build(middle, high);
        _nodes[nodeIndex] = new Node(splitDimension, splitValue, left, right, low, high);
        return nodeIndex;
    }

    private int WidestDimension(int low, int high)
    {
        var best = 0;
        var bestSpread = double.NegativeInfinity;
        for (var d = 0; d < _dimension; d++)
        {
            var min = double.PositiveInfinity;
            var max = double.NegativeInfinity;
            for (var i = low; i < high; i++)
            {
                var v = _points[(_order[i] * _dimension) + d];
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }

            if (max - min > bestSpread)
            {
                bestSpread = max - min;
                best = d;
            }
        }

        return best;
    }

    private void Search(int nodeIndex, int query, MaxHeap heap)
    {
        var node = _nodes[nodeIndex];
        var queryOffset = query * _dimension;
        if (node.SplitDimension < 0)
        {
            for (var i = node.Low; i < node.High; i++)
            {
                var other = _order[i];
                if (other == query)
                {
                    continue;
                }

                var otherOffset = other * _dimension;
                double squared = 0;
                for (var d = 0; d < _dimension; d++)
                {
                    var diff = _points[queryOffset + d] - _points[otherOffset + d];
                    squared += diff * diff;
                }

                heap.Offer(squared);
            }

            return;
        }

        // Points equal to the split value may sit on either side, so the far side is searched
        // whenever the plane is not farther than the current k-th distance.
        var delta = _points[queryOffset + node.SplitDimension] - node.SplitValue;
        var (near, far) = delta < 0 ? (node.Left, node.Right) : (node.Right, node.Left);
        Search(near, query, heap);
        if (!heap.IsFull || (delta * delta) <= heap.Max)
        {
            Search(far, query, heap);
        }
    }

    private readonly record struct Node(int SplitDimension, double SplitValue, int Left, int Right, int Low, int High);
}
