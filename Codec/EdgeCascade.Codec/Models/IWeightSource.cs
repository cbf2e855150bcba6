using EdgeCascade.Codec.Weights;

namespace EdgeCascade.Codec.Models;

/// <summary>Where module builders get learned tensors from: a validated file, or a recorder that lists the specs.</summary>
internal interface IWeightSource
{
    /// <summary>The float tensor <paramref name="name"/>, which must have exactly <paramref name="shape"/>.</summary>
    float[] Float(string name, params int[] shape);

    /// <summary>An error about tensor <paramref name="name"/> that names the file.</summary>
    WeightsException Invalid(string name, string detail);
}
