using EdgeCascade.Actors.Policies;
using EdgeCascade.Simulation.Profiles;

namespace EdgeCascade.Benchmarks;

/// <summary>Inputs of <see cref="SimulationBenchmarks"/>: a copy of five-hop-chain and a SYNTHETIC profile.</summary>
internal static class SimulationBenchmarkData
{
    /// <summary>five-hop-chain as shipped in topologies.hocon (copied so the benchmark needs no file lookup).</summary>
    public const string FiveHopChain = """
        edgecascade.topologies.five-hop-chain {
          nodes {
            n0 { gpu = camera-soc }
            n1 { gpu = jetson-orin-nano }
            n2 { gpu = jetson-agx-orin }
            n3 { gpu = t4 }
            n4 { gpu = t4 }
            n5 { gpu = a100, queue-capacity = 256 }
          }
          links = [
            { from = n0, to = n1, bandwidth = 100 Mbps, latency = 5 ms }
            { from = n1, to = n2, bandwidth = 1 Gbps, latency = 4 ms }
            { from = n2, to = n3, bandwidth = 1 Gbps, latency = 6 ms }
            { from = n3, to = n4, bandwidth = 10 Gbps, latency = 10 ms }
            { from = n4, to = n5, bandwidth = 10 Gbps, latency = 12 ms }
          ]
          flows {
            chain { source = n0, destination = n5, source-level = 6, target-level = 1 }
          }
          scenarios {
            default { arrival = periodic, rate = 10, count = 500, seed = 5 }
          }
        }
        """;

    /// <summary>
    /// SYNTHETIC numbers (not measured): 1 GFLOP per operator at 768×512, 0.1·k bpp at level k,
    /// 4 images with ±5% spread. Only the engine's speed is measured with it.
    /// </summary>
    public static SimulationProfile SyntheticProfile(string family, int levels)
    {
        const int ImageCount = 4;
        static EmpiricalValues Values(double value) => EmpiricalValues.Of(Enumerable.Range(0, ImageCount).Select(i => value * (1 + (0.05 * i))).ToList());
        var levelProfiles = Enumerable.Range(1, levels)
            .Select(k => new LevelProfile(
                k,
                Values(0.1 * k),
                Values(26 + (2 * k)),
                null,
                Enum.GetValues<StageOpKind>().Select(kind => new OperationProfile(kind, k, 1e9, 100L << 20)).ToList()))
            .ToList();
        var cascades = new List<CascadeProfile>();
        for (int s = 1; s <= levels; s++)
        {
            for (int d = 1; d <= s; d++)
            {
                foreach (QuantizationPolicy policy in PolicySpace.EnumerateAll(s, d))
                {
                    cascades.Add(new CascadeProfile(
                        s,
                        d,
                        policy.ToString(),
                        policy.TransmitLevels.Select(k => new HopProfile(k, Values(0.1 * k))).ToList(),
                        Values(26 + (2 * d)),
                        null,
                        []));
                }
            }
        }

        var images = Enumerable.Range(0, ImageCount).Select(i => $"synthetic-{i}.png").ToList();
        return new SimulationProfile(family, new ProfileImageSet("synthetic", "synthetic benchmark numbers, not measured", images), 768, 512, levelProfiles, cascades);
    }
}
