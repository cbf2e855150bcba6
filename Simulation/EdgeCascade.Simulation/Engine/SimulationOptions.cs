using EdgeCascade.Actors.Policies;
using EdgeCascade.Simulation.Compute;
using EdgeCascade.Simulation.Profiles;

namespace EdgeCascade.Simulation.Engine;

/// <summary>How to run a simulation besides the topology and scenario.</summary>
public sealed record SimulationOptions
{
    /// <summary>How each flow's policy π is chosen. Default edge (the edge quantization principle).</summary>
    public PolicyKind Policy { get; init; } = PolicyKind.Edge;

    /// <summary>Profile (default) or exact fidelity.</summary>
    public SimulationFidelity Fidelity { get; init; } = SimulationFidelity.Profile;

    /// <summary>The measured profile; required for profile fidelity.</summary>
    public SimulationProfile? Profile { get; init; }

    /// <summary>Where the profile came from, for messages (e.g. its path).</summary>
    public string ProfileSource { get; init; } = "the simulation profile";

    /// <summary>The real codec; required for exact fidelity.</summary>
    public IExactCodec? ExactCodec { get; init; }

    /// <summary>Images per flow, overriding the scenario's count.</summary>
    public int? ImageCount { get; init; }

    /// <summary>Seed, overriding the scenario's.</summary>
    public long? Seed { get; init; }

    /// <summary>Directory for summary.json, images.csv, nodes.csv and links.csv; null writes no files.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Virtual-time interval of nodes.csv/links.csv rows; null picks one giving about 1,000 rows per series.</summary>
    public TimeSpan? SampleInterval { get; init; }

    /// <summary>Directory that relative trace paths are resolved against (the topology file's); null for the current one.</summary>
    public string? BaseDirectory { get; init; }
}
