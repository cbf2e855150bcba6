using EdgeCascade.Actors.Nodes;
using EdgeCascade.Actors.Scheduling;

namespace EdgeCascade.Simulation.Compute;

/// <summary>Exact fidelity's stage executor: every stage of every image really runs through the codec.</summary>
public sealed class ExactStageExecutor(IExactCodec codec) : IStageExecutor
{
    private readonly IExactCodec _codec = codec ?? throw new ArgumentNullException(nameof(codec));

    /// <inheritdoc/>
    public OperationCost Plan(in StageWork work) => _codec.StageCost(work.Route, work.ChargedStage, work.Image.SampleIndex);

    /// <inheritdoc/>
    public StageOutput Execute(in StageWork work) =>
        _codec.RunStage(work.Route, work.Stage, work.Image.SampleIndex, work.Input);
}
