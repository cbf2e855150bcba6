using EdgeCascade.Codec.Bitstreams;
using EdgeCascade.Codec.Entropy;
using EdgeCascade.Codec.Models;
using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Codec.Cascade;

/// <summary>
/// What every coder of a level's latent shares about the hyperprior layout: the hyper-latent's per-channel CDF
/// indexes and the checks a received stream's shapes must pass before any decoding allocates memory.
/// </summary>
internal static class HyperpriorLayout
{
    /// <summary>Largest latent or hyper-latent a stream may declare (elements): bounds allocation on corrupt input.</summary>
    public const long MaxElements = 1L << 26;

    private const int HyperToLatent = ModelArchitecture.HyperLatentStride / ModelArchitecture.LatentStride;

    /// <summary>The level's Gaussian conditional (scale table and exported CDFs) for the main latent.</summary>
    public static GaussianConditionalTables GaussianTables(LevelModel model) =>
        new(model.ScaleTable, CdfTable.Create(model.GaussianTables.QuantizedCdf, model.GaussianTables.Offset));

    /// <summary>Entropy-bottleneck CDF index of every hyper-latent element: its channel.</summary>
    public static void FillChannelIndexes(TensorShape shape, int[] indexes)
    {
        var plane = shape.PlaneSize;
        for (var i = 0; i < indexes.Length; i++)
        {
            indexes[i] = (i / plane) % shape.C;
        }
    }

    /// <summary>Throws when the declared shapes cannot come from <paramref name="model"/> (<paramref name="what"/> names the stream).</summary>
    /// <exception cref="BitstreamException">Wrong channel counts, oversized, or latent and hyper-latent sizes that disagree.</exception>
    public static void CheckShapes(LatentShape hyper, LatentShape latent, LevelModel model, string what)
    {
        if (hyper.Channels != model.HyperChannels || latent.Channels != model.LatentChannels)
        {
            throw new BitstreamException(
                $"{what} channels (hyper {hyper.Channels}, latent {latent.Channels}) do not match level {model.Level} " +
                $"(hyper {model.HyperChannels}, latent {model.LatentChannels}); the {what} is corrupt or from other weights");
        }

        if (hyper.ElementCount > MaxElements || latent.ElementCount > MaxElements
            || hyper.Height * HyperToLatent != latent.Height || hyper.Width * HyperToLatent != latent.Width)
        {
            throw new BitstreamException($"{what} shapes hyper {hyper} / latent {latent} are inconsistent; the {what} is corrupt, re-send it");
        }
    }
}
