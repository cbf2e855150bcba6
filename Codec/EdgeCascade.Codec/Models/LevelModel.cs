using EdgeCascade.Codec.Layers;
using EdgeCascade.Codec.Tensors;
using EdgeCascade.Codec.Weights;

namespace EdgeCascade.Codec.Models;

/// <summary>
/// One quality level of the family: the mean-scale hyperprior codec of Minnen et al. 2018 (CompressAI
/// <c>mbt2018-mean</c> shape, sub-pixel synthesis) and its exported integer entropy tables.
/// </summary>
/// <remarks>
/// <code>
///  image ─ g_a ─ latent ─┬─ h_a ─ hyperLatent ─ round(·-median) ─ hyperSymbols ─► stream 1
///                        │                         │ +median
///                        │                      h_s ─ (scales, means)
///                        └─ round(latent - means) ─ latentSymbols ─► stream 2 (table by scale)
///  decoded latent = latentSymbols + means ─ g_s ─ reconstruction (crop the padding)
/// </code>
/// </remarks>
public sealed class LevelModel
{
    private LevelModel(int level, int hyperChannels, int latentChannels, string source)
    {
        Level = level;
        HyperChannels = hyperChannels;
        LatentChannels = latentChannels;
        Source = source;
    }

    public int Level { get; }

    /// <summary>N: width of g_a/g_s internals and of the hyper latent.</summary>
    public int HyperChannels { get; }

    /// <summary>M: channels of the latent.</summary>
    public int LatentChannels { get; }

    /// <summary>The weights file this model was loaded from.</summary>
    public string Source { get; }

    /// <summary>g_a: image [N, 3, H, W] -> latent [N, M, H/16, W/16].</summary>
    public Sequential Analysis { get; private init; } = null!;

    /// <summary>g_s: latent -> image [N, 3, H, W] in the [0, 1] domain (not clamped).</summary>
    public Sequential Synthesis { get; private init; } = null!;

    /// <summary>h_a: latent -> hyper latent [N, N, H/64, W/64].</summary>
    public Sequential HyperAnalysis { get; private init; } = null!;

    /// <summary>h_s: decoded hyper latent -> [N, 2M, H/16, W/16], channels [0, M) scales, [M, 2M) means.</summary>
    public Sequential HyperSynthesis { get; private init; } = null!;

    /// <summary>Entropy bottleneck medians, one per hyper-latent channel.</summary>
    public float[] Medians { get; private init; } = [];

    /// <summary>Entropy bottleneck CDFs, one row per hyper-latent channel.</summary>
    public EntropyTableData BottleneckTables { get; private init; } = null!;

    /// <summary>Gaussian conditional scale table (64 scales, 0.11 .. 256).</summary>
    public float[] ScaleTable { get; private init; } = [];

    /// <summary>Gaussian conditional CDFs, one row per scale-table index.</summary>
    public EntropyTableData GaussianTables { get; private init; } = null!;

    public static LevelModel Load(string path, int level, int hyperChannels, int latentChannels) =>
        FromFile(SafeTensorsFile.Open(path), level, hyperChannels, latentChannels);

    /// <summary>Builds the model, validating the name, shape and dtype of every tensor and every table.</summary>
    public static LevelModel FromFile(SafeTensorsFile file, int level, int hyperChannels, int latentChannels)
    {
        ArgumentNullException.ThrowIfNull(file);
        var source = new FileWeightSource(file);
        (Sequential analysis, Sequential synthesis, Sequential hyperAnalysis, Sequential hyperSynthesis) =
            ModelArchitecture.BuildLevel(source, hyperChannels, latentChannels);
        source.RequireNoUnexpected(ModelArchitecture.LevelPrefixes);

        float[] medians = source.Float("entropy_bottleneck.medians", hyperChannels);
        EntropyTableData bottleneck = ReadTables(source, "entropy_bottleneck", hyperChannels);
        float[] scaleTable = source.Float("gaussian_conditional.scale_table", ModelArchitecture.ScaleLevels);
        for (int i = 0; i < scaleTable.Length; i++)
        {
            if (scaleTable[i] <= 0 || (i > 0 && scaleTable[i] <= scaleTable[i - 1]))
            {
                throw source.Invalid("gaussian_conditional.scale_table", $"is not positive and increasing at index {i}.");
            }
        }

        EntropyTableData gaussian = ReadTables(source, "gaussian_conditional", ModelArchitecture.ScaleLevels);
        return new LevelModel(level, hyperChannels, latentChannels, file.Source)
        {
            Analysis = analysis,
            Synthesis = synthesis,
            HyperAnalysis = hyperAnalysis,
            HyperSynthesis = hyperSynthesis,
            Medians = medians,
            BottleneckTables = bottleneck,
            ScaleTable = scaleTable,
            GaussianTables = gaussian,
        };
    }

    /// <summary>Runs h_s and splits its output into (scales, means), each [N, M, h, w] (views, not copies).</summary>
    public (Tensor Scales, Tensor Means) EntropyParameters(Tensor decodedHyperLatent)
    {
        Tensor parameters = HyperSynthesis.Forward(decodedHyperLatent);
        Tensor[] parts = TensorOps.ChunkChannels(parameters, 2);
        return (parts[0], parts[1]);
    }

    /// <summary>
    /// FLOPs, parameters and peak activation memory of each transform for an image of
    /// <paramref name="height"/> x <paramref name="width"/> (padded to a multiple of 64 first, as the codec does).
    /// </summary>
    public LevelModelCost Cost(int height, int width)
    {
        int paddedHeight = TensorOps.RoundUp(height, ModelArchitecture.HyperLatentStride);
        int paddedWidth = TensorOps.RoundUp(width, ModelArchitecture.HyperLatentStride);
        var image = new TensorShape(1, 3, paddedHeight, paddedWidth);
        TensorShape latent = Analysis.OutputShape(image);
        TensorShape hyperLatent = HyperAnalysis.OutputShape(latent);
        return new LevelModelCost(Analysis.Cost(image), HyperAnalysis.Cost(latent), HyperSynthesis.Cost(hyperLatent), Synthesis.Cost(latent));
    }

    public override string ToString() => $"LevelModel(level {Level}, N={HyperChannels}, M={LatentChannels})";

    private static EntropyTableData ReadTables(FileWeightSource source, string prefix, int rows)
    {
        string cdfName = $"{prefix}.quantized_cdf";
        int[] flat = source.Int32(cdfName, rows, -1);
        int width = flat.Length / rows;
        int[] lengths = source.Int32($"{prefix}.cdf_length", rows);
        int[] offsets = source.Int32($"{prefix}.offset", rows);
        const int Total = 1 << EntropyTableData.Precision;
        var table = new int[rows][];
        for (int row = 0; row < rows; row++)
        {
            int length = lengths[row];
            if (length < 2 || length > width)
            {
                throw source.Invalid($"{prefix}.cdf_length", $"row {row} has length {length}, outside [2, {width}].");
            }

            int[] cdf = flat.AsSpan(row * width, length).ToArray();
            if (cdf[0] != 0 || cdf[^1] != Total)
            {
                throw source.Invalid(cdfName, $"row {row} does not run from 0 to {Total}.");
            }

            for (int i = 1; i < length; i++)
            {
                if (cdf[i] <= cdf[i - 1])
                {
                    throw source.Invalid(cdfName, $"row {row} is not strictly increasing at entry {i}.");
                }
            }

            table[row] = cdf;
        }

        return new EntropyTableData(table, lengths, offsets);
    }
}
