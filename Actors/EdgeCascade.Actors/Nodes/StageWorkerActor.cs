using Akka.Actor;

namespace EdgeCascade.Actors.Nodes;

/// <summary>
/// A child of a <see cref="NodeActor"/> that runs one stage at a time on the real codec and tells the
/// node the output, so the node keeps admitting, timing and forwarding while the codec computes.
/// </summary>
/// <remarks>
/// The codec work is CPU-bound and synchronous: it occupies this actor's turn, never the node's. The node
/// creates as many workers as its GPU budget runs stages at once and reuses idle ones.
/// </remarks>
public sealed class StageWorkerActor : UntypedActor
{
    private readonly IStageExecutor _executor;

    /// <summary>Creates the worker; use <see cref="Props"/> with <c>Context.ActorOf</c>.</summary>
    public StageWorkerActor(IStageExecutor executor)
    {
        ArgumentNullException.ThrowIfNull(executor);
        _executor = executor;
    }

    /// <summary>Props for a worker running stages on <paramref name="executor"/>.</summary>
    public static Props Props(IStageExecutor executor) => Akka.Actor.Props.Create(() => new StageWorkerActor(executor));

    /// <inheritdoc/>
    protected override void OnReceive(object message)
    {
        if (message is not Execute execute)
        {
            Unhandled(message);
            return;
        }

        try
        {
            Sender.Tell(new Executed(execute.Token, _executor.Execute(execute.Work), null));
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // The node drops the image and reports why; the worker stays usable for the next stage.
            Sender.Tell(new Executed(execute.Token, default, error));
        }
    }

    /// <summary>Run <paramref name="Work"/>; <paramref name="Token"/> comes back unchanged in <see cref="Executed"/>.</summary>
    public sealed record Execute(StageWork Work, object Token);

    /// <summary>The outcome of an <see cref="Execute"/>: the output, or the error that stopped the stage.</summary>
    public sealed record Executed(object Token, StageOutput Output, Exception? Error);
}
