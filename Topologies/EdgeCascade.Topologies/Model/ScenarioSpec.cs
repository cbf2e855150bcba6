namespace EdgeCascade.Topologies.Model;

/// <summary>A workload to run over a topology.</summary>
/// <param name="Name">Scenario name.</param>
/// <param name="Arrival">Arrival process.</param>
/// <param name="RatePerSecond">Images per second per flow (periodic and Poisson).</param>
/// <param name="ImageSet">Image set name or directory the images come from.</param>
/// <param name="Duration">Simulated duration; the run stops at whichever of duration and image count comes first.</param>
/// <param name="ImageCount">Images per flow.</param>
/// <param name="Seed">Seed of every random choice of the run.</param>
/// <param name="TraceFile">Arrival trace (one time in seconds per line) when <paramref name="Arrival"/> is Trace.</param>
public sealed record ScenarioSpec(
    string Name,
    ArrivalProcess Arrival,
    double RatePerSecond,
    string ImageSet,
    TimeSpan? Duration,
    int? ImageCount,
    long Seed,
    string? TraceFile,
    ImageResolution? Resolution = null);
