using EdgeCascade.Codec.Models;
using EdgeCascade.Codec.Weights;

namespace EdgeCascade.Codec.Tests.Models;

/// <summary>Writes a small random-weight model family (card + safetensors) into a temporary folder.</summary>
internal sealed class SyntheticFamily : IDisposable
{
    public const int Hyper = 8;
    public const int PhiWidth = 8;
    public static readonly int[] Latent = [8, 8, 8, 12, 12, 12];

    public SyntheticFamily(int seed = 1, Action<int, SafeTensorsWriter>? editLevel = null, Func<string, bool>? skipTensor = null)
    {
        Directory = Path.Combine(Path.GetTempPath(), $"ec-family-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(Directory);
        var files = new List<string>();
        for (int level = 1; level <= 6; level++)
        {
            SafeTensorsWriter writer = LevelWriter(Hyper, Latent[level - 1], seed + level, skipTensor);
            editLevel?.Invoke(level, writer);
            writer.Save(Path.Combine(Directory, $"level{level}.safetensors"));
            files.Add($"\"level{level}\": \"level{level}.safetensors\"");
        }

        for (int level = 6; level >= 2; level--)
        {
            foreach (string kind in new[] { "inter", "intra" })
            {
                string name = $"phi_{kind}_{level}to{level - 1}";
                TransformWriter(Latent[level - 1], Latent[level - 2], PhiWidth, seed + (level * 10) + kind.Length)
                    .Save(Path.Combine(Directory, name + ".safetensors"));
                files.Add($"\"{name}\": \"{name}.safetensors\"");
            }
        }

        // Shaped like training/export.py's card, including fields the engine does not use.
        string card = $$"""
        {
         "family_id": "ec-test",
         "levels": 6,
         "lambdas": [0.0018, 0.0035, 0.0067, 0.013, 0.025, 0.0483],
         "n": [{{Hyper}}, {{Hyper}}, {{Hyper}}, {{Hyper}}, {{Hyper}}, {{Hyper}}],
         "m": [{{string.Join(", ", Latent)}}],
         "phi_width": {{PhiWidth}},
         "padding_multiple": 64,
         "architecture": "ARCHITECTURE.md",
         "weights_dtype": "conv F16",
         "files": { {{string.Join(", ", files)}} },
         "training": {"level6": {"steps": 10, "seconds": 1.5} },
         "eval": {},
         "exported_utc": "2026-11-21T00:00:00Z"
        }
        """;
        File.WriteAllText(Path.Combine(Directory, "card.json"), card);
    }

    public string Directory { get; }

    public string PathOf(string file) => Path.Combine(Directory, file);

    public static SafeTensorsWriter LevelWriter(int hyper, int latent, int seed, Func<string, bool>? skipTensor = null)
    {
        var writer = new SafeTensorsWriter();
        var random = new Random(seed);
        foreach (TensorSpec spec in ModelArchitecture.LevelTensors(hyper, latent))
        {
            if (skipTensor?.Invoke(spec.Name) != true)
            {
                AddRandom(writer, spec, random);
            }
        }

        writer.AddFloat("entropy_bottleneck.medians", Values(random, hyper, 0.5f), [hyper]);
        AddTables(writer, "entropy_bottleneck", hyper, random);
        float[] scales = Enumerable.Range(0, 64).Select(i => MathF.Exp(MathF.Log(0.11f) + (i * (MathF.Log(256f) - MathF.Log(0.11f)) / 63))).ToArray();
        writer.AddFloat("gaussian_conditional.scale_table", scales, [64]);
        AddTables(writer, "gaussian_conditional", 64, random);
        return writer;
    }

    public static SafeTensorsWriter TransformWriter(int inChannels, int outChannels, int width, int seed)
    {
        var writer = new SafeTensorsWriter();
        var random = new Random(seed);
        foreach (TensorSpec spec in ModelArchitecture.TransformTensors(inChannels, outChannels, width))
        {
            AddRandom(writer, spec, random);
        }

        return writer;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void AddRandom(SafeTensorsWriter writer, TensorSpec spec, Random random)
    {
        int[] shape = [.. spec.Shape];
        if (spec.Name.EndsWith(".beta", StringComparison.Ordinal))
        {
            writer.AddFloat(spec.Name, Values(random, spec.ElementCount, 0.5f).Select(v => 1f + MathF.Abs(v)).ToArray(), shape);
        }
        else if (spec.Name.EndsWith(".gamma", StringComparison.Ordinal))
        {
            writer.AddFloat(spec.Name, Values(random, spec.ElementCount, 0.1f).Select(MathF.Abs).ToArray(), shape);
        }
        else
        {
            int fanIn = spec.Shape.Count == 4 ? spec.Shape[1] * spec.Shape[2] * spec.Shape[3] : 100;
            writer.AddFloat(spec.Name, Values(random, spec.ElementCount, 1f / MathF.Sqrt(fanIn)), shape, SafeTensorsDType.Float16);
        }
    }

    // Rows of a valid 16-bit CDF with varying lengths, zero-padded to a common width (as exported).
    private static void AddTables(SafeTensorsWriter writer, string prefix, int rows, Random random)
    {
        const int Width = 9;
        var cdf = new int[rows * Width];
        var lengths = new int[rows];
        var offsets = new int[rows];
        for (int row = 0; row < rows; row++)
        {
            int length = 3 + random.Next(Width - 2);
            lengths[row] = length;
            offsets[row] = -((length - 2) / 2);
            for (int i = 1; i < length; i++)
            {
                cdf[(row * Width) + i] = i == length - 1 ? 65536 : i * (65536 / length);
            }
        }

        writer.AddInt32($"{prefix}.quantized_cdf", cdf, [rows, Width]);
        writer.AddInt32($"{prefix}.cdf_length", lengths, [rows]);
        writer.AddInt32($"{prefix}.offset", offsets, [rows]);
    }

    private static float[] Values(Random random, int count, float scale)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = ((random.NextSingle() * 2) - 1) * scale;
        }

        return values;
    }
}
