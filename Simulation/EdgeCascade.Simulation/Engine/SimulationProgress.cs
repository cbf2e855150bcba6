namespace EdgeCascade.Simulation.Engine;

/// <summary>How far a run is, reported every few thousand events.</summary>
/// <param name="ImagesFinished">Images delivered or dropped so far.</param>
/// <param name="ImagesExpected">Images the workloads will generate at most.</param>
/// <param name="Events">Events run so far.</param>
/// <param name="SimulatedNs">Virtual time now.</param>
public readonly record struct SimulationProgress(long ImagesFinished, long ImagesExpected, long Events, long SimulatedNs);
