namespace EdgeCascade.Experiments.Analysis;

/// <summary>The k smallest values offered so far, with O(1) access to the largest of them.</summary>
internal sealed class MaxHeap
{
    private readonly double[] _items;
    private int _count;

    public MaxHeap(int capacity) => _items = new double[capacity];

    public bool IsFull => _count == _items.Length;

    /// <summary>The largest kept value (+∞ until the heap is full).</summary>
    public double Max => IsFull ? _items[0] : double.PositiveInfinity;

    public void Offer(double value)
    {
        if (!IsFull)
        {
            var i = _count++;
            _items[i] = value;
            while (i > 0)
            {
                var parent = (i - 1) / 2;
                if (_items[parent] >= _items[i])
                {
                    break;
                }

                (_items[parent], _items[i]) = (_items[i], _items[parent]);
                i = parent;
            }

            return;
        }

        if (value >= _items[0])
        {
            return;
        }

        _items[0] = value;
        var j = 0;
        while (true)
        {
            var left = (2 * j) + 1;
            var right = left + 1;
            var largest = j;
            if (left < _count && _items[left] > _items[largest])
            {
                largest = left;
            }

            if (right < _count && _items[right] > _items[largest])
            {
                largest = right;
            }

            if (largest == j)
            {
                return;
            }

            (_items[largest], _items[j]) = (_items[j], _items[largest]);
            j = largest;
        }
    }
}
