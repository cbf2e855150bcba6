using EdgeCascade.Codec.Imaging;
using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Codec.Cascade;

/// <summary>
/// Whole-path runs of the PCF baseline (HCF §3.1) on the same weights as HCF: the source runs g_a and h_a/h_s
/// of the top level K once and codes every layer of a <see cref="ProgressiveStream"/>; each relay only cuts the
/// serialised stream to the layers its hop carries (no decoding); the destination decodes what arrived and runs
/// g_s of level K. Hop sizes are real bytes of the entropy-coded streams.
/// </summary>
public sealed class ProgressiveRunner
{
    private readonly CascadeEngine _engine;
    private readonly ProgressiveCoder _coder;
    private readonly ProgressiveReconstruction _reconstruction;

    /// <param name="engine">The family's operators; the top level <see cref="CascadeEngine.Levels"/> is coded.</param>
    /// <param name="layout">Layer steps; <see cref="ProgressiveLayout.Default"/> when null.</param>
    /// <param name="reconstruction">How the destination places values inside their intervals.</param>
    public ProgressiveRunner(CascadeEngine engine, ProgressiveLayout? layout = null, ProgressiveReconstruction reconstruction = ProgressiveReconstruction.ConditionalMean)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
        _reconstruction = reconstruction;
        _coder = new ProgressiveCoder(engine.Family.GetLevel(engine.Levels), engine.FamilyId, layout ?? ProgressiveLayout.Default);
    }

    /// <summary>The level whose latent is coded (the family's top level K).</summary>
    public int Level => _coder.Level;

    public ProgressiveLayout Layout => _coder.Layout;

    /// <summary>
    /// Stream bytes (hyper plus layers) of every truncation point for <paramref name="image"/>: entry n is the size
    /// after n layers, n = 0..L. Use it to pick per-hop layer counts that meet a rate, e.g. a level's SSF size.
    /// </summary>
    public IReadOnlyList<int> TruncationBytes(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        Tensor latent = _engine.Analyze(image, Level, out ImageGeometry geometry);
        ProgressiveStream stream = _coder.Encode(latent, geometry).Stream;
        var sizes = new int[stream.LayerCount + 1];
        for (int n = 0; n < sizes.Length; n++)
        {
            sizes[n] = stream.Truncate(n).StreamBytes;
        }

        return sizes;
    }

    /// <summary>
    /// PCF along a path: hop i carries the first <paramref name="layersPerHop"/>[i] layers. Counts may not grow
    /// along the path (a relay can drop layers, never add them); 0 sends the hyper stream only.
    /// </summary>
    public CascadeRun Progressive(RgbImage image, IReadOnlyList<int> layersPerHop)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(layersPerHop);
        if (layersPerHop.Count == 0)
        {
            throw new ArgumentException("a path needs at least one hop", nameof(layersPerHop));
        }

        for (int i = 0; i < layersPerHop.Count; i++)
        {
            if (layersPerHop[i] < 0 || layersPerHop[i] > Layout.Layers || (i > 0 && layersPerHop[i] > layersPerHop[i - 1]))
            {
                throw new ArgumentException(
                    $"layers per hop [{string.Join(",", layersPerHop)}] must lie in 0..{Layout.Layers} and not grow along the path (hop {i})",
                    nameof(layersPerHop));
            }
        }

        Tensor latent = _engine.Analyze(image, Level, out ImageGeometry geometry);
        byte[] wire = _coder.Encode(latent, geometry).Stream.ToBytes();
        var hops = new List<HopRecord>(layersPerHop.Count);
        ProgressiveStream received = null!;
        foreach (int layers in layersPerHop)
        {
            wire = ProgressiveStream.Truncate(wire, layers);
            received = ProgressiveStream.Parse(wire, _engine.FamilyId);
            hops.Add(new HopRecord(hops.Count, Level, received.StreamBytes));
        }

        Tensor decoded = _coder.Decode(received, _reconstruction);
        return new CascadeRun(_engine.Synthesize(decoded, Level, geometry), hops, geometry);
    }
}
