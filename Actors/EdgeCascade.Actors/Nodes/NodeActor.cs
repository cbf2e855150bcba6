using EdgeCascade.Actors.Budgets;
using EdgeCascade.Actors.Kernel;
using EdgeCascade.Actors.Messages;
using EdgeCascade.Actors.Scheduling;

namespace EdgeCascade.Actors.Nodes;

/// <summary>
/// One machine of a topology, in every role its flows give it: as a flow's source it runs the first
/// stage (g_a and the first quantize/encode) of images that arrive; as a relay it transcodes received
/// bitstreams in latent space and forwards them; as the destination it runs the final decode and
/// reports the delivery. Which operators run is read from the flow's <see cref="FlowRoute.Plan"/>.
/// </summary>
/// <remarks>
/// <para>
/// Every stage is a GPU job: its cost comes from the <see cref="IStageExecutor"/>, its admission,
/// queueing and run time from the node's <see cref="GpuBudget"/> (drops when the queue is full or the
/// job can never fit in memory are reported to the observer). A job releases its slot when both its
/// modelled run time has passed on the clock and the executor has produced the output, so the same
/// actor runs under virtual time (instant executor) and real time (asynchronous codec).
/// </para>
/// <para>
/// The finished bitstream goes to the <see cref="ILinkPort"/> of the next node. Nothing here reads
/// the wall clock or blocks: time comes from <see cref="IActorContext.Clock"/>, completions are
/// messages scheduled on the injected scheduler.
/// </para>
/// </remarks>
public sealed class NodeActor : ReceiveActor
{
    private readonly NodeActorSettings _settings;
    private readonly GpuBudget _budget;
    private readonly IStageExecutor _executor;
    private readonly INodeObserver _observer;
    private readonly ILinkPort?[][] _nextPorts;
    private readonly List<GpuJob> _started = [];

    /// <summary>Creates the actor; use <see cref="Props"/> with ActorOf.</summary>
    public NodeActor(NodeActorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _budget = settings.Budget;
        _executor = settings.Executor;
        _observer = settings.Observer;
        _nextPorts = ResolvePorts(settings);
        Serving();
    }

    /// <summary>Node name.</summary>
    public string Name => _settings.Name;

    /// <summary>Props for a node built from <paramref name="settings"/>.</summary>
    public static Props Props(NodeActorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Kernel.Props.Create(() => new NodeActor(settings));
    }

    // The only behaviour: every role is served at once, dispatched on the stage index the message names.
    private void Serving()
    {
        Receive<ImageArrived>(arrived => Admit(arrived.Image, 0, arrived.Payload));
        Receive<HopTransfer>(transfer => Admit(transfer.Image, transfer.StageIndex, transfer.Payload));
        Receive<StageFinished>(finished => OnStageFinished(finished.Stage));
        Receive<StageExecuted>(executed => OnStageExecuted(executed.Stage, executed.Outcome));
    }

    private void Admit(ImageTrace image, int stageIndex, object? input)
    {
        FlowRoute route = _settings.Routes[image.FlowIndex];
        var stage = route.Plan.Stages[stageIndex];
        if (!string.Equals(stage.Node, _settings.Name, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"node '{_settings.Name}' was sent stage {stageIndex} of flow '{route.Name}', which runs on '{stage.Node}'");
        }

        var work = new StageWork(route, stage, image, input);
        OperationCost cost = _executor.Plan(work);
        var active = new ActiveStage(work);
        var job = new GpuJob(cost.Flops, cost.PeakMemoryBytes, active);
        active.Job = job;
        long now = Context.Clock.Now;
        switch (_budget.Offer(now, job))
        {
            case GpuAdmission.Started:
                Launch(active, now);
                break;
            case GpuAdmission.Queued:
                break;
            case GpuAdmission.RejectedQueueFull:
                Drop(image, DropReason.QueueFull, now);
                break;
            case GpuAdmission.RejectedMemory:
                Drop(image, DropReason.Memory, now);
                break;
        }
    }

    private void Launch(ActiveStage active, long now)
    {
        ValueTask<StageOutput> pending = _executor.ExecuteAsync(active.Work);
        if (pending.IsCompletedSuccessfully)
        {
            active.Output = pending.Result;
            active.HasOutput = true;
        }
        else
        {
            IActorRef self = Self;
            pending.AsTask().ContinueWith(
                task => self.Tell(new StageExecuted(active, task)),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        GpuJob job = active.Job!;
        Context.System.Scheduler.ScheduleTellAt(Math.Max(now, job.FinishNs), Self, new StageFinished(active));
    }

    private void OnStageFinished(ActiveStage active)
    {
        active.TimeElapsed = true;
        if (active.HasOutput || active.Failed)
        {
            Complete(active);
        }
    }

    private void OnStageExecuted(ActiveStage active, Task<StageOutput> outcome)
    {
        if (outcome.IsCompletedSuccessfully)
        {
            active.Output = outcome.Result;
            active.HasOutput = true;
        }
        else
        {
            active.Failed = true;
        }

        if (active.TimeElapsed)
        {
            Complete(active);
        }
    }

    private void Complete(ActiveStage active)
    {
        long now = Context.Clock.Now;
        _started.Clear();
        _budget.Complete(now, active.Job!, _started);
        for (int i = 0; i < _started.Count; i++)
        {
            Launch((ActiveStage)_started[i].State!, now);
        }

        StageWork work = active.Work;
        if (active.Failed)
        {
            Drop(work.Image, DropReason.StageFailed, now);
            return;
        }

        StageOutput output = active.Output;
        ImageTrace image = work.Image;
        if (work.Stage.IsDestination)
        {
            image.DeliveredNs = now;
            image.PsnrDb = output.PsnrDb;
            image.MsSsim = output.MsSsim;
            _observer.OnDelivered(image, now);
            return;
        }

        int index = work.Stage.Index;
        image.HopBits[index] = output.OutputBits;
        _nextPorts[image.FlowIndex][index]!.Send(new HopTransfer(image, index + 1, output.OutputBits, output.Payload));
    }

    private void Drop(ImageTrace image, DropReason reason, long now)
    {
        image.DropReason = reason;
        image.DroppedAt = _settings.Name;
        image.DroppedNs = now;
        _observer.OnDropped(image, reason, _settings.Name, now);
    }

    // ports[flow][stage]: the link to the next node for each stage this node runs (null elsewhere).
    private static ILinkPort?[][] ResolvePorts(NodeActorSettings settings)
    {
        var ports = new ILinkPort?[settings.Routes.Count][];
        for (int f = 0; f < ports.Length; f++)
        {
            FlowRoute route = settings.Routes[f];
            if (route.Index != f)
            {
                throw new ArgumentException($"route '{route.Name}' has index {route.Index} but is at position {f}", nameof(settings));
            }

            var path = route.Plan.Path;
            ports[f] = new ILinkPort?[path.Count];
            for (int i = 0; i < path.Count - 1; i++)
            {
                if (!string.Equals(path[i], settings.Name, StringComparison.Ordinal))
                {
                    continue;
                }

                ports[f][i] = settings.OutgoingLinks.FirstOrDefault(p => string.Equals(p.To, path[i + 1], StringComparison.Ordinal))
                    ?? throw new ArgumentException($"node '{settings.Name}' has no outgoing link to '{path[i + 1]}' for flow '{route.Name}'", nameof(settings));
            }
        }

        return ports;
    }

    /// <summary>A stage holding (or waiting for) a GPU slot.</summary>
    private sealed class ActiveStage(StageWork work)
    {
        public StageWork Work { get; } = work;

        public GpuJob? Job { get; set; }

        public StageOutput Output { get; set; }

        public bool HasOutput { get; set; }

        public bool Failed { get; set; }

        public bool TimeElapsed { get; set; }
    }

    /// <summary>The modelled run time of <paramref name="Stage"/> has passed (self-message on the scheduler).</summary>
    private sealed record StageFinished(ActiveStage Stage);

    /// <summary>An asynchronous executor finished <paramref name="Stage"/>.</summary>
    private sealed record StageExecuted(ActiveStage Stage, Task<StageOutput> Outcome);
}
