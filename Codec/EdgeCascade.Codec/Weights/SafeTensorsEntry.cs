namespace EdgeCascade.Codec.Weights;

/// <summary>One tensor of a safetensors header: dtype, shape and its [Begin, End) byte range in the data section.</summary>
public sealed record SafeTensorsEntry(string Name, SafeTensorsDType DType, IReadOnlyList<long> Shape, long Begin, long End)
{
    public long ElementCount => Shape.Aggregate(1L, (product, dimension) => product * dimension);

    public long ByteLength => End - Begin;
}
