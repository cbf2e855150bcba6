using EdgeCascade.Actors.Policies;
using EdgeCascade.Simulation.Engine;
using EdgeCascade.Simulation.Profiles;
using EdgeCascade.Topologies;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Cli.Rendering;

/// <summary>Turns simulate/bench options into a ready <see cref="SimulationEngine"/>, mapping every input problem to exit 2.</summary>
public static class SimulationInputs
{
    public static readonly string[] PolicyNames = ["edge", "late", "uniform", "greedy", "oracle"];

    public static readonly string[] FidelityNames = ["profile", "exact"];

    /// <summary>The loaded topology file, topology and scenario.</summary>
    public static (TopologyCatalog Catalog, TopologySpec Topology, ScenarioSpec Scenario, string Path) LoadScenario(
        string? file, string topologyName, string? scenarioName)
    {
        string path = TopologyLoader.ResolvePath(file);
        TopologyCatalog catalog = TopologyLoader.LoadFile(path);
        TopologySpec topology = catalog.Get(topologyName);
        try
        {
            return (catalog, topology, topology.Scenario(scenarioName), path);
        }
        catch (KeyNotFoundException error)
        {
            throw new UserInputException(error.Message, error);
        }
    }

    /// <summary>
    /// The profile at <paramref name="explicitPath"/>, or the family's default <c>models/&lt;family&gt;/profile.json</c>
    /// looked up in the current directory, then beside the topology file.
    /// </summary>
    public static (SimulationProfile Profile, string Source) LoadProfile(string? explicitPath, string familyId, string topologyPath) =>
        LoadProfile(explicitPath, familyId, topologyPath, out _);

    /// <summary>As <see cref="LoadProfile(string?, string, string)"/>, also giving the file actually read.</summary>
    public static (SimulationProfile Profile, string Source) LoadProfile(string? explicitPath, string familyId, string topologyPath, out string resolvedPath)
    {
        string display = explicitPath ?? SimulationProfile.DefaultPath(familyId);
        string path = display;
        if (explicitPath is null && !File.Exists(path))
        {
            string? besideTopology = Path.GetDirectoryName(Path.GetFullPath(topologyPath));
            if (besideTopology is not null && File.Exists(Path.Combine(besideTopology, display)))
            {
                path = Path.Combine(besideTopology, display);
            }
        }

        if (!File.Exists(path))
        {
            throw new UserInputException($"no simulation profile at {display}; build it with 'edgecascade profile build' or pass --profile FILE");
        }

        resolvedPath = path;
        try
        {
            return (ProfileJson.Load(path), display);
        }
        catch (ProfileException error)
        {
            throw new UserInputException(error.Message, error);
        }
    }

    public static PolicyKind ParsePolicy(string? text) => text switch
    {
        null or "edge" => PolicyKind.Edge,
        "late" => PolicyKind.Late,
        "uniform" => PolicyKind.Uniform,
        "greedy" => PolicyKind.Greedy,
        "oracle" => PolicyKind.Oracle,
        _ => throw new UserInputException($"unknown policy '{text}'; use one of {string.Join(", ", PolicyNames)}"),
    };

    public static SimulationFidelity ParseFidelity(string? text) => text switch
    {
        null or "profile" => SimulationFidelity.Profile,
        "exact" => SimulationFidelity.Exact,
        _ => throw new UserInputException($"unknown fidelity '{text}'; use profile or exact"),
    };

    /// <summary>Builds the engine, turning simulation input errors into <see cref="UserInputException"/>.</summary>
    public static SimulationEngine CreateEngine(TopologyCatalog catalog, TopologySpec topology, ScenarioSpec scenario, SimulationOptions options)
    {
        try
        {
            return new SimulationEngine(topology, scenario, catalog.Family, options);
        }
        catch (SimulationInputException error)
        {
            throw new UserInputException(error.Message, error);
        }
    }
}
