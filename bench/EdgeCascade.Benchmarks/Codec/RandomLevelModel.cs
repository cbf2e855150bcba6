using EdgeCascade.Codec.Models;
using EdgeCascade.Codec.Weights;

namespace EdgeCascade.Benchmarks.Codec;

/// <summary>Level models and transforms with seeded random weights of the real architecture (no trained files needed).</summary>
internal static class RandomLevelModel
{
    public static LevelModel Create(int hyperChannels, int latentChannels, int seed)
    {
        var writer = new SafeTensorsWriter();
        var random = new Random(seed);
        foreach (TensorSpec spec in ModelArchitecture.LevelTensors(hyperChannels, latentChannels))
        {
            Add(writer, spec, random);
        }

        writer.AddFloat("entropy_bottleneck.medians", new float[hyperChannels], [hyperChannels]);
        AddTables(writer, "entropy_bottleneck", hyperChannels);
        float[] scales = [.. Enumerable.Range(0, 64).Select(i => MathF.Exp(MathF.Log(0.11f) + (i * (MathF.Log(256f) - MathF.Log(0.11f)) / 63)))];
        writer.AddFloat("gaussian_conditional.scale_table", scales, [64]);
        AddTables(writer, "gaussian_conditional", 64);
        return LevelModel.FromFile(SafeTensorsFile.Parse(writer.ToArray(), "random"), 6, hyperChannels, latentChannels);
    }

    public static LatentTransform CreateTransform(int inChannels, int outChannels, int width, int seed)
    {
        var writer = new SafeTensorsWriter();
        var random = new Random(seed);
        foreach (TensorSpec spec in ModelArchitecture.TransformTensors(inChannels, outChannels, width))
        {
            Add(writer, spec, random);
        }

        return LatentTransform.FromFile(SafeTensorsFile.Parse(writer.ToArray(), "random"), PhiType.Inter, 6, inChannels, outChannels, width);
    }

    private static void Add(SafeTensorsWriter writer, TensorSpec spec, Random random)
    {
        int[] shape = [.. spec.Shape];
        bool gdn = spec.Name.EndsWith(".beta", StringComparison.Ordinal) || spec.Name.EndsWith(".gamma", StringComparison.Ordinal);
        float scale = spec.Shape.Count == 4 ? 1f / MathF.Sqrt(spec.Shape[1] * spec.Shape[2] * spec.Shape[3]) : 0.1f;
        var values = new float[spec.ElementCount];
        for (int i = 0; i < values.Length; i++)
        {
            float value = ((random.NextSingle() * 2) - 1) * scale;
            values[i] = spec.Name.EndsWith(".beta", StringComparison.Ordinal) ? 1f + MathF.Abs(value) : gdn ? MathF.Abs(value) : value;
        }

        writer.AddFloat(spec.Name, values, shape, gdn ? SafeTensorsDType.Float32 : SafeTensorsDType.Float16);
    }

    private static void AddTables(SafeTensorsWriter writer, string prefix, int rows)
    {
        int[] row = [0, 10000, 55000, 65536];
        var cdf = new int[rows * row.Length];
        for (int i = 0; i < rows; i++)
        {
            row.CopyTo(cdf, i * row.Length);
        }

        writer.AddInt32($"{prefix}.quantized_cdf", cdf, [rows, row.Length]);
        writer.AddInt32($"{prefix}.cdf_length", [.. Enumerable.Repeat(row.Length, rows)], [rows]);
        writer.AddInt32($"{prefix}.offset", new int[rows], [rows]);
    }
}
