using Akka.Actor;
using EdgeCascade.Actors.Nodes;
using EdgeCascade.Simulation.Engine;

namespace EdgeCascade.Simulation.Workloads;

/// <summary>What one source's <see cref="WorkloadActor"/> is built from.</summary>
/// <param name="Routes">The source's flows: every captured image goes to each of them (first = the leader).</param>
/// <param name="Source">The source node actor.</param>
/// <param name="Arrivals">Arrival times.</param>
/// <param name="ImageCount">Images to generate at most.</param>
/// <param name="DurationNs">No arrival at or after this time, or null.</param>
/// <param name="SampleRandom">Seeded stream choosing which profile image each arrival stands for.</param>
/// <param name="SampleCount">Images in the profile (or image set) to choose from.</param>
/// <param name="Observer">Told about arrivals and the end of the workload.</param>
public sealed record WorkloadSettings(
    IReadOnlyList<FlowRoute> Routes,
    IActorRef Source,
    IArrivalProcess Arrivals,
    long ImageCount,
    long? DurationNs,
    DeterministicRandom SampleRandom,
    int SampleCount,
    IWorkloadObserver Observer);
