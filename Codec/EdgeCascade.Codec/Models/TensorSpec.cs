namespace EdgeCascade.Codec.Models;

/// <summary>Name and shape of one learned tensor the architecture expects in a weights file.</summary>
public sealed record TensorSpec(string Name, IReadOnlyList<int> Shape)
{
    public int ElementCount => Shape.Aggregate(1, (product, dimension) => product * dimension);

    public override string ToString() => $"{Name} [{string.Join(", ", Shape)}]";
}
