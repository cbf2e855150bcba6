using EdgeCascade.Actors.Policies;
using EdgeCascade.Actors.Scheduling;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Codec.Imaging;
using EdgeCascade.Codec.Metrics;

namespace EdgeCascade.Simulation.Profiles;

/// <summary>
/// Measures a simulation profile with the exact codec (<c>edgecascade profile build</c>): per level the single-stage
/// rate and quality, per requested cascade (s, d, π) the real bits of every hop and the final quality, and per
/// operator its FLOPs and peak memory. Every number comes from really coding the images.
/// </summary>
public static class ProfileBuilder
{
    /// <param name="engine">The codec family to measure.</param>
    /// <param name="images">Evaluation images, all of the same size (the profile's reference resolution).</param>
    /// <param name="cascades">(s, d, hops) triples; every policy of Π(s, d; hops) is measured.</param>
    /// <param name="imageSetName">Name recorded in the profile (e.g. <c>eval</c>).</param>
    /// <param name="progress">Receives one line per coded image.</param>
    public static SimulationProfile Build(
        CascadeEngine engine,
        IReadOnlyList<EvalImage> images,
        IEnumerable<(int Source, int Target, int Hops)> cascades,
        string imageSetName,
        IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(cascades);
        if (images.Count == 0)
        {
            throw new ProfileException("a profile needs at least one image; pass --images DIR");
        }

        var width = images[0].Image.Width;
        var height = images[0].Image.Height;
        if (images.Any(i => i.Image.Width != width || i.Image.Height != height))
        {
            throw new ProfileException($"profile images must all be {width}x{height}; use --crop to cut them to one size");
        }

        var runner = new CascadeRunner(engine);
        var costs = new HyperpriorHopCostModel(engine, images[0].Image);
        var levels = new List<LevelProfile>();
        for (var level = 1; level <= engine.Levels; level++)
        {
            var runs = images.Select(image =>
            {
                progress?.Report($"level {level} on {image.Name}");
                return (image, run: runner.SingleStage(image.Image, level));
            }).ToList();
            var measured = runs.Select(r => RdMeasurement.Of(r.image.Image, r.run)).ToList();
            StageOpKind[] kinds = [StageOpKind.Analysis, StageOpKind.QuantizeEncode, StageOpKind.Decode, StageOpKind.Synthesis];
            levels.Add(new LevelProfile(
                level,
                EmpiricalValues.Of([.. measured.Select(m => m.BitsPerPixel)]),
                EmpiricalValues.Of([.. measured.Select(m => m.Psnr)]),
                MsSsimValues(measured),
                [.. kinds.Select(kind => Operation(costs, new StageOp(kind, level), width, height))]));
        }

        var profiles = new List<CascadeProfile>();
        foreach (var (source, target, hops) in cascades.Distinct().Order())
        {
            foreach (var policy in PolicySpace.Enumerate(source, target, hops))
            {
                profiles.Add(MeasureCascade(runner, costs, images, policy, width, height, progress));
            }
        }

        return new SimulationProfile(
            engine.FamilyId,
            new ProfileImageSet(imageSetName, $"{images.Count} images, centre-cropped to {width}x{height}", [.. images.Select(i => i.Name)]),
            width,
            height,
            levels,
            profiles);
    }

    /// <summary>
    /// Adds to <paramref name="profile"/> every policy of <paramref name="cascades"/> it lacks, measured on
    /// <paramref name="images"/> (which must be the profile's own image set at its size), and returns the extended
    /// profile; the profile itself when nothing is missing. Existing entries are kept as they are.
    /// </summary>
    /// <exception cref="ProfileException">The images are not the profile's image set, or the engine is another family.</exception>
    public static SimulationProfile Extend(
        SimulationProfile profile,
        CascadeEngine engine,
        IReadOnlyList<EvalImage> images,
        IEnumerable<(int Source, int Target, int Hops)> cascades,
        IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(cascades);
        var missing = ProfileCoverage.MissingPolicies(profile, cascades);
        if (missing.Count == 0)
        {
            return profile;
        }

        if (!string.Equals(engine.FamilyId, profile.ModelFamily, StringComparison.Ordinal))
        {
            throw new ProfileException($"the models are family '{engine.FamilyId}' but the profile was measured for '{profile.ModelFamily}'");
        }

        if (!images.Select(i => i.Name).SequenceEqual(profile.ImageSet.Images, StringComparer.Ordinal)
            || images.Any(i => i.Image.Width != profile.ImageWidth || i.Image.Height != profile.ImageHeight))
        {
            throw new ProfileException(
                $"the images found ({string.Join(", ", images.Select(i => i.Name))}) are not the profile's image set " +
                $"({string.Join(", ", profile.ImageSet.Images)} at {profile.ImageWidth}x{profile.ImageHeight}); " +
                "measure a new profile with 'edgecascade profile build'");
        }

        var runner = new CascadeRunner(engine);
        var costs = new HyperpriorHopCostModel(engine, images[0].Image);
        var added = missing.Select(policy => MeasureCascade(runner, costs, images, policy, profile.ImageWidth, profile.ImageHeight, progress));
        return profile with { Cascades = [.. profile.Cascades, .. added] };
    }

    private static CascadeProfile MeasureCascade(
        CascadeRunner runner, HyperpriorHopCostModel costs, IReadOnlyList<EvalImage> images, QuantizationPolicy policy,
        int width, int height, IProgress<string>? progress)
    {
        var runs = images.Select(image =>
        {
            progress?.Report($"cascade {policy} on {image.Name}");
            return (image, run: runner.Hcf(image.Image, policy.SourceLevel, policy.TargetLevel, policy.TransmitFlags));
        }).ToList();
        var measured = runs.Select(r => RdMeasurement.Of(r.image.Image, r.run)).ToList();
        var hops = policy.TransmitLevels.Select((level, hop) =>
            new HopProfile(level, EmpiricalValues.Of([.. runs.Select(r => r.run.BitsPerPixel(hop))]))).ToList();
        var operations = HopPlan.Create(policy).Stages
            .SelectMany(stage => stage.Operations)
            .Where(op => op.Kind is StageOpKind.IntraTransform or StageOpKind.InterTransform)
            .Distinct()
            .Select(op => Operation(costs, op, width, height))
            .ToList();
        return new CascadeProfile(policy.SourceLevel, policy.TargetLevel, policy.ToString(), hops,
            EmpiricalValues.Of([.. measured.Select(m => m.Psnr)]), MsSsimValues(measured), operations);
    }

    private static OperationProfile Operation(HyperpriorHopCostModel costs, StageOp op, int width, int height)
    {
        var cost = costs.Cost(op, width, height);
        return new OperationProfile(op.Kind, op.Level, cost.Flops, cost.PeakMemoryBytes);
    }

    // MS-SSIM is undefined for images under 161 pixels a side; the profile then simply has none.
    private static EmpiricalValues? MsSsimValues(List<RdMeasurement> measured) =>
        measured.All(m => double.IsFinite(m.MsSsimDb))
            ? EmpiricalValues.Of([.. measured.Select(m => 1 - Math.Pow(10, -m.MsSsimDb / 10))])
            : null;
}
