namespace EdgeCascade.Codec.Tensors;

/// <summary>
/// A dense float32 tensor in NCHW order. Storage is a contiguous window of a <see cref="float"/> array,
/// so a channel range of a single-item tensor can be viewed without copying.
/// </summary>
public sealed class Tensor
{
    private readonly float[] _storage;
    private readonly int _offset;

    public Tensor(TensorShape shape)
    {
        if (shape.ElementCount > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(shape), $"Tensor {shape} is too large for one array.");
        }

        Shape = shape;
        _storage = new float[shape.ElementCount];
    }

    public Tensor(TensorShape shape, float[] storage)
        : this(shape, storage, 0)
    {
    }

    private Tensor(TensorShape shape, float[] storage, int offset)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (offset < 0 || offset + shape.ElementCount > storage.Length)
        {
            throw new ArgumentException($"Storage of {storage.Length} floats at offset {offset} cannot hold a tensor of shape {shape}.", nameof(storage));
        }

        Shape = shape;
        _storage = storage;
        _offset = offset;
    }

    public TensorShape Shape { get; }

    public int N => Shape.N;

    public int C => Shape.C;

    public int H => Shape.H;

    public int W => Shape.W;

    public int Length => (int)Shape.ElementCount;

    /// <summary>True when this tensor shares storage with another tensor (a channel view).</summary>
    public bool IsView => _offset != 0 || _storage.Length != Length;

    public Span<float> Span => _storage.AsSpan(_offset, Length);

    internal float[] Storage => _storage;

    internal int Offset => _offset;

    public Memory<float> Memory => _storage.AsMemory(_offset, Length);

    public float this[int n, int c, int h, int w]
    {
        get => _storage[_offset + Index(n, c, h, w)];
        set => _storage[_offset + Index(n, c, h, w)] = value;
    }

    public static Tensor Zeros(int n, int c, int h, int w) => new(new TensorShape(n, c, h, w));

    /// <summary>Wraps a copy of <paramref name="values"/> with the given shape.</summary>
    public static Tensor FromValues(TensorShape shape, ReadOnlySpan<float> values)
    {
        if (values.Length != shape.ElementCount)
        {
            throw new ArgumentException($"Expected {shape.ElementCount} values for shape {shape}, got {values.Length}.", nameof(values));
        }

        return new Tensor(shape, values.ToArray());
    }

    /// <summary>A tensor filled with uniform values in [low, high) from a seeded generator.</summary>
    public static Tensor Random(TensorShape shape, int seed, float low = -1f, float high = 1f)
    {
        var tensor = new Tensor(shape);
        var random = new Random(seed);
        Span<float> span = tensor.Span;
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = low + ((high - low) * random.NextSingle());
        }

        return tensor;
    }

    /// <summary>The contiguous data of one batch item.</summary>
    public Span<float> BatchItem(int n) => _storage.AsSpan(_offset + (n * Shape.ItemSize), Shape.ItemSize);

    /// <summary>The contiguous plane (H * W values) of channel <paramref name="c"/> in item <paramref name="n"/>.</summary>
    public Span<float> Plane(int n, int c) => _storage.AsSpan(_offset + (((n * C) + c) * Shape.PlaneSize), Shape.PlaneSize);

    /// <summary>
    /// Channels [start, start + count). For a single-item tensor this is a view that shares storage
    /// (writes are visible in both); for N &gt; 1 the channels are not contiguous, so it is a copy.
    /// </summary>
    public Tensor SliceChannels(int start, int count)
    {
        if (start < 0 || count <= 0 || start + count > C)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"Channel range [{start}, {start + count}) is outside [0, {C}).");
        }

        TensorShape shape = Shape.WithChannels(count);
        if (N == 1)
        {
            return new Tensor(shape, _storage, _offset + (start * Shape.PlaneSize));
        }

        var copy = new Tensor(shape);
        int sliceItem = count * Shape.PlaneSize;
        for (int n = 0; n < N; n++)
        {
            BatchItem(n).Slice(start * Shape.PlaneSize, sliceItem).CopyTo(copy.BatchItem(n));
        }

        return copy;
    }

    /// <summary>A tensor with its own storage and the same values.</summary>
    public Tensor Clone() => new(Shape, Span.ToArray());

    /// <summary>Same storage seen with another shape of the same element count.</summary>
    public Tensor Reshape(TensorShape shape)
    {
        if (shape.ElementCount != Shape.ElementCount)
        {
            throw new ArgumentException($"Cannot reshape {Shape} to {shape}.", nameof(shape));
        }

        return new Tensor(shape, _storage, _offset);
    }

    public override string ToString() => $"Tensor{Shape}";

    private int Index(int n, int c, int h, int w)
    {
        if ((uint)n >= (uint)N || (uint)c >= (uint)C || (uint)h >= (uint)H || (uint)w >= (uint)W)
        {
            throw new IndexOutOfRangeException($"Index [{n}, {c}, {h}, {w}] is outside {Shape}.");
        }

        return (((((n * C) + c) * H) + h) * W) + w;
    }
}
