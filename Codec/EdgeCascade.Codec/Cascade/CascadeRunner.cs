using EdgeCascade.Codec.Imaging;

namespace EdgeCascade.Codec.Cascade;

/// <summary>
/// Whole-path runs of HCF and of the baselines on the same weights (HCF §3.1-3.2): every hop really is
/// entropy-coded and decoded, so the reported sizes are real bytes.
/// </summary>
public sealed class CascadeRunner(CascadeEngine engine)
{
    private readonly CascadeEngine _engine = engine ?? throw new ArgumentNullException(nameof(engine));

    /// <summary>
    /// HCF C(s, d, π) of Eq. 10. <paramref name="transmit"/> is π from level s down to level d
    /// (transmit[0] is π_s, the last entry is π_d and must be true).
    /// </summary>
    public CascadeRun Hcf(RgbImage image, int sourceLevel, int targetLevel, IReadOnlyList<bool> transmit)
    {
        ArgumentNullException.ThrowIfNull(transmit);
        CheckLevels(sourceLevel, targetLevel);
        if (transmit.Count != sourceLevel - targetLevel + 1 || !transmit[^1])
        {
            throw new ArgumentException(
                $"π needs {sourceLevel - targetLevel + 1} entries (levels {sourceLevel}..{targetLevel}) ending in 1, got [{string.Join(",", transmit.Select(t => t ? 1 : 0))}]",
                nameof(transmit));
        }

        var latent = _engine.Analyze(image, sourceLevel, out var geometry);
        var hops = new List<HopRecord>();
        for (var level = sourceLevel; ; level--)
        {
            if (transmit[sourceLevel - level])
            {
                var coded = _engine.Encode(latent, level, geometry);
                hops.Add(new HopRecord(hops.Count, level, coded.StreamBytes));
                var received = _engine.Decode(coded.Packet);
                if (level == targetLevel)
                {
                    return new CascadeRun(_engine.Synthesize(received, level, geometry), hops, geometry);
                }

                latent = _engine.Inter(received, level);
            }
            else
            {
                latent = _engine.Intra(latent, level);
            }
        }
    }

    /// <summary>
    /// The chain s → d with every level a node (π = [1,…,1]) observed at each node: entry i is the run that ends at level
    /// s − i, the same bytes and reconstruction as <see cref="Hcf"/>(image, s, s − i, all ones), in one pass instead of
    /// one pass per level (each node's stream is decodable, so the chain's prefix is shared).
    /// </summary>
    public IReadOnlyList<CascadeRun> EveryLevel(RgbImage image, int sourceLevel, int targetLevel)
    {
        CheckLevels(sourceLevel, targetLevel);
        var latent = _engine.Analyze(image, sourceLevel, out var geometry);
        var hops = new List<HopRecord>();
        var runs = new List<CascadeRun>(sourceLevel - targetLevel + 1);
        for (var level = sourceLevel; level >= targetLevel; level--)
        {
            var coded = _engine.Encode(latent, level, geometry);
            hops.Add(new HopRecord(hops.Count, level, coded.StreamBytes));
            var received = _engine.Decode(coded.Packet);
            runs.Add(new CascadeRun(_engine.Synthesize(received, level, geometry), [.. hops], geometry));
            if (level > targetLevel)
            {
                latent = _engine.Inter(received, level);
            }
        }

        return runs;
    }

    /// <summary>SSF: the level-d codec applied directly at the source, one transmission (the centralised bound).</summary>
    public CascadeRun SingleStage(RgbImage image, int targetLevel)
    {
        CheckLevels(targetLevel, targetLevel);
        var latent = _engine.Analyze(image, targetLevel, out var geometry);
        var coded = _engine.Encode(latent, targetLevel, geometry);
        var received = _engine.Decode(coded.Packet);
        return new CascadeRun(_engine.Synthesize(received, targetLevel, geometry), [new HopRecord(0, targetLevel, coded.StreamBytes)], geometry);
    }

    /// <summary>
    /// DRF (successive recompression): hop i carries <paramref name="hopLevels"/>[i]; every receiving node decodes to
    /// pixels and encodes again at the next hop's level.
    /// </summary>
    public CascadeRun Recompression(RgbImage image, IReadOnlyList<int> hopLevels)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(hopLevels);
        if (hopLevels.Count == 0)
        {
            throw new ArgumentException("recompression needs at least one hop", nameof(hopLevels));
        }

        var current = image;
        var hops = new List<HopRecord>();
        ImageGeometry geometry = default;
        foreach (var level in hopLevels)
        {
            CheckLevels(level, level);
            var latent = _engine.Analyze(current, level, out geometry);
            var coded = _engine.Encode(latent, level, geometry);
            hops.Add(new HopRecord(hops.Count, level, coded.StreamBytes));
            current = _engine.Synthesize(_engine.Decode(coded.Packet), level, geometry);
        }

        return new CascadeRun(current, hops, geometry);
    }

    private void CheckLevels(int sourceLevel, int targetLevel)
    {
        if (targetLevel < 1 || sourceLevel > _engine.Levels || targetLevel > sourceLevel)
        {
            throw new ArgumentOutOfRangeException(nameof(sourceLevel),
                $"levels {sourceLevel} -> {targetLevel} are outside 1..{_engine.Levels} of family '{_engine.FamilyId}' or go up");
        }
    }
}
