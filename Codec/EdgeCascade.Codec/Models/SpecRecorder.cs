using EdgeCascade.Codec.Weights;

namespace EdgeCascade.Codec.Models;

/// <summary>A weight source that hands out placeholder tensors and records every requested name and shape.</summary>
internal sealed class SpecRecorder : IWeightSource
{
    private readonly List<TensorSpec> _specs = [];

    public IReadOnlyList<TensorSpec> Specs => _specs;

    public float[] Float(string name, params int[] shape)
    {
        var spec = new TensorSpec(name, shape);
        _specs.Add(spec);
        var values = new float[spec.ElementCount];
        Array.Fill(values, 1f);
        return values;
    }

    public WeightsException Invalid(string name, string detail) => new($"Tensor '{name}' {detail}", null, name);
}
