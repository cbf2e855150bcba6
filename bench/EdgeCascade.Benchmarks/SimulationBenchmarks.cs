using BenchmarkDotNet.Attributes;
using EdgeCascade.Simulation.Engine;
using EdgeCascade.Simulation.Profiles;
using EdgeCascade.Topologies;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Benchmarks;

/// <summary>
/// Discrete-event simulator throughput on a copy of <c>five-hop-chain</c> in profile mode with no
/// output files. Op/s reads as images per second; each image is about 30 events (the CLI's
/// <c>edgecascade bench simulate</c> reports events/s directly).
/// </summary>
/// <remarks>
/// Uses a SYNTHETIC profile (<see cref="SimulationBenchmarkData"/>): the costs shape the queueing, not
/// the speed of the engine. Run:
/// <c>dotnet run -c Release --project bench/EdgeCascade.Benchmarks -- --filter *SimulationBenchmarks* --job short</c>.
/// </remarks>
[MemoryDiagnoser]
[OperationsPerSecond]
public class SimulationBenchmarks
{
    private const int Images = 100_000;

    private TopologyCatalog _catalog = null!;
    private SimulationProfile _profile = null!;

    [GlobalSetup]
    public void Setup()
    {
        _catalog = TopologyLoader.LoadString(SimulationBenchmarkData.FiveHopChain, "bench.conf");
        _profile = SimulationBenchmarkData.SyntheticProfile(_catalog.Family.Id, _catalog.Family.Levels);
    }

    /// <summary>100,000 images (about 3 million events) through five hops.</summary>
    [Benchmark(OperationsPerInvoke = Images)]
    public long FiveHopChainProfileMode()
    {
        TopologySpec topology = _catalog.Get("five-hop-chain");
        var engine = new SimulationEngine(topology, topology.Scenario(), _catalog.Family, new SimulationOptions
        {
            Profile = _profile,
            ImageCount = Images,
        });
        return engine.Run().Events;
    }
}
