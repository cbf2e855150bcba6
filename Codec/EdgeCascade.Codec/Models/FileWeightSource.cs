using EdgeCascade.Codec.Weights;

namespace EdgeCascade.Codec.Models;

/// <summary>Reads tensors from a safetensors file, checking shapes and remembering which names were used.</summary>
internal sealed class FileWeightSource : IWeightSource
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public FileWeightSource(SafeTensorsFile file)
    {
        File = file;
    }

    public SafeTensorsFile File { get; }

    public float[] Float(string name, params int[] shape)
    {
        float[] values = File.ReadFloat32(name, shape);
        foreach (float value in values)
        {
            if (!float.IsFinite(value))
            {
                throw Invalid(name, "contains NaN or infinity.");
            }
        }

        _used.Add(name);
        return values;
    }

    public int[] Int32(string name, params int[] shape)
    {
        int[] values = File.ReadInt32(name, shape);
        _used.Add(name);
        return values;
    }

    public WeightsException Invalid(string name, string detail) =>
        new($"Tensor '{name}' in '{File.Source}' {detail}", File.Source, name);

    /// <summary>
    /// Fails on any tensor under one of the architecture's module prefixes that the builder did not read:
    /// an extra layer means the file was trained for a different architecture.
    /// </summary>
    public void RequireNoUnexpected(params string[] prefixes)
    {
        foreach (string name in File.Names.Order(StringComparer.Ordinal))
        {
            if (!_used.Contains(name) && prefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
            {
                throw Invalid(name, "is not part of the architecture (models/ARCHITECTURE.md); the file does not match this engine.");
            }
        }
    }
}
