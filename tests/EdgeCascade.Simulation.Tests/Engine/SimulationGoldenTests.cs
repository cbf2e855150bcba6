using EdgeCascade.Actors.Policies;
using EdgeCascade.Simulation.Engine;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Simulation.Tests.Engine;

/// <summary>
/// Simulator outputs for fixed seeds, compared byte for byte with files committed under <c>Engine/Golden</c>.
/// A change in scheduling, queueing, statistics or output format shows up here as a diff to review.
/// The files are rewritten only when <see cref="UpdateVariable"/> is set to 1
/// (<c>EDGECASCADE_UPDATE_GOLDEN=1 dotnet test --filter SimulationGoldenTests</c>); then review and commit them.
/// </summary>
public sealed class SimulationGoldenTests : IDisposable
{
    public const string UpdateVariable = "EDGECASCADE_UPDATE_GOLDEN";

    private static readonly string[] OutputFiles = ["summary.json", "images.csv", "nodes.csv", "links.csv"];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "ec-golden-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("random", PolicyKind.Edge, 7)]
    [InlineData("random", PolicyKind.Greedy, 11)]
    [InlineData("default", PolicyKind.Late, 1)]
    public void Run_FixedSeed_OutputFilesEqualGolden(string scenario, PolicyKind policy, long seed)
    {
        var catalog = TestTopologies.Load(TestTopologies.Chain);
        TopologySpec topology = catalog.Get("chain");
        string outDir = Path.Combine(_root, "out");
        new SimulationEngine(topology, topology.Scenario(scenario), catalog.Family, new SimulationOptions
        {
            Policy = policy,
            Profile = SyntheticProfiles.Uniform(images: 4, spread: 0.05),
            OutputDirectory = outDir,
            ImageCount = 24,
            Seed = seed,
        }).Run(progress: null, CancellationToken.None);

        string goldenDir = Path.Combine(SourceDirectory(), "Golden", $"chain-{scenario}-{policy.ToString().ToLowerInvariant()}-seed{seed}");
        bool update = Environment.GetEnvironmentVariable(UpdateVariable) == "1";
        foreach (string file in OutputFiles)
        {
            string actual = File.ReadAllText(Path.Combine(outDir, file));
            string golden = Path.Combine(goldenDir, file);
            if (update)
            {
                Directory.CreateDirectory(goldenDir);
                File.WriteAllText(golden, actual);
                continue;
            }

            Assert.True(File.Exists(golden), $"golden file {golden} is missing: run with {UpdateVariable}=1 once, review and commit it");
            Assert.Equal(File.ReadAllText(golden), actual);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    // Not [CallerFilePath]: CI builds map source paths (ContinuousIntegrationBuild), so walk up from the binaries.
    private static string SourceDirectory()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "tests", "EdgeCascade.Simulation.Tests", "Engine");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/EdgeCascade.Simulation.Tests/Engine not found above " + AppContext.BaseDirectory);
    }
}
