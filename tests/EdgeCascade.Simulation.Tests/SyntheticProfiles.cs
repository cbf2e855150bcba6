using EdgeCascade.Actors.Policies;
using EdgeCascade.Simulation.Profiles;

namespace EdgeCascade.Simulation.Tests;

/// <summary>
/// SYNTHETIC profiles for tests only: round numbers chosen so latencies can be computed by hand.
/// Nothing here was measured on a codec; never ship these as a real profile.
/// </summary>
internal static class SyntheticProfiles
{
    /// <summary>
    /// Every operator costs <paramref name="flopsPerOp"/> FLOPs and <paramref name="memoryPerOp"/> bytes at
    /// <paramref name="width"/>×<paramref name="height"/>; a level-k bitstream is 0.1·k bpp on every image
    /// (times 1 + <paramref name="spread"/>·i on image i); final PSNR is 20 + 2d − 0.1·(n_q − 1) dB.
    /// Covers every (s, d, π) of the levels.
    /// </summary>
    public static SimulationProfile Uniform(
        string family = "ec-mshp-v1",
        int levels = 6,
        int width = 100,
        int height = 100,
        double flopsPerOp = 1e6,
        long memoryPerOp = 1 << 20,
        int images = 1,
        double spread = 0)
    {
        var names = Enumerable.Range(0, images).Select(i => $"synthetic-{i}.png").ToList();
        EmpiricalValues Values(double value) => EmpiricalValues.Of(Enumerable.Range(0, images).Select(i => value * (1 + (spread * i))).ToList());
        List<OperationProfile> Operations(int level) =>
            Enum.GetValues<StageOpKind>().Select(kind => new OperationProfile(kind, level, flopsPerOp, memoryPerOp)).ToList();

        var levelProfiles = Enumerable.Range(1, levels)
            .Select(k => new LevelProfile(k, Values(0.1 * k), Values(20 + (2 * k)), null, Operations(k)))
            .ToList();
        var cascades = new List<CascadeProfile>();
        for (int s = 1; s <= levels; s++)
        {
            for (int d = 1; d <= s; d++)
            {
                foreach (QuantizationPolicy policy in PolicySpace.EnumerateAll(s, d))
                {
                    var hops = policy.TransmitLevels.Select(k => new HopProfile(k, Values(0.1 * k))).ToList();
                    cascades.Add(new CascadeProfile(s, d, policy.ToString(), hops, Values(20 + (2 * d) - (0.1 * (policy.NQ - 1))), null, []));
                }
            }
        }

        return new SimulationProfile(family, new ProfileImageSet("synthetic", "synthetic test numbers, not measured", names), width, height, levelProfiles, cascades);
    }
}
