using Akka.Actor;
using EdgeCascade.Actors.Budgets;
using EdgeCascade.Actors.Messages;
using EdgeCascade.Actors.Policies;
using EdgeCascade.Actors.Scheduling;
using EdgeCascade.Actors.Timing;

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
/// modelled run time has passed (a timer) and the executor has produced the output, so the same actor
/// runs under the simulator's virtual clock (output at once, on the node's turn) and in the runtime
/// (output from a <see cref="StageWorkerActor"/> child running the real codec).
/// </para>
/// <para>
/// The finished bitstream goes to the <see cref="ILinkPort"/> of the next node. Time is read only from
/// <c>Context.System.Scheduler</c>; nothing here blocks, awaits, asks or pipes.
/// <see cref="UntypedActor"/> rather than <c>ReceiveActor</c>: one type switch per message; on the simulator's loop
/// it measured 630-638 ns per message against 638-676 for <c>ReceiveActor</c> (bench <c>ActorBenchmarks</c>, within the
/// noise of a loaded machine), and the switch keeps the pass-through test next to the other cases.
/// </para>
/// </remarks>
public sealed class NodeActor : UntypedActor, IWithTimers
{
    private readonly NodeActorSettings _settings;
    private readonly GpuBudget _budget;
    private readonly IStageExecutor _executor;
    private readonly INodeObserver _observer;
    private readonly ILinkPort?[][] _nextPorts;
    private readonly List<GpuJob> _started = [];
    private readonly Stack<IActorRef> _idleWorkers = new();
    private int _workerCount;
    private int _stagesAdmitted;

    /// <summary>Creates the actor; use <see cref="Props"/> with ActorOf.</summary>
    public NodeActor(NodeActorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _budget = settings.Budget;
        _executor = settings.Executor;
        _observer = settings.Observer;
        _nextPorts = ResolvePorts(settings);
    }

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Node name.</summary>
    public string Name => _settings.Name;

    /// <summary>Props for a node built from <paramref name="settings"/>.</summary>
    public static Props Props(NodeActorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Akka.Actor.Props.Create(() => new NodeActor(settings));
    }

    /// <summary>The only behaviour: every role is served at once, dispatched on the stage index the message names.</summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case HopTransfer transfer when transfer.Riders is { Count: > 0 }:
                Fork(transfer.Image, transfer.Riders, transfer.StageIndex, transfer.Bits, transfer.Payload);
                break;
            case HopTransfer transfer when _settings.Routes[transfer.Image.FlowIndex].Plan.Stages[transfer.StageIndex].IsPassThrough:
                PassThrough(transfer);
                break;
            case HopTransfer transfer:
                Admit(transfer.Image, transfer.StageIndex, transfer.Payload, null, 0);
                break;
            case StageFinished finished:
                OnStageFinished(finished.Stage);
                break;
            case ImageArrived arrived when arrived.Riders is { Count: > 0 }:
                Fork(arrived.Image, arrived.Riders, 0, 0, arrived.Payload);
                break;
            case ImageArrived arrived:
                Admit(arrived.Image, 0, arrived.Payload, null, 0);
                break;
            case StageWorkerActor.Executed executed:
                _idleWorkers.Push(Sender);
                OnStageExecuted((ActiveStage)executed.Token, executed.Output, executed.Error);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    // One image of several flows of the same source. Flows whose stage here is the same (operators, next node, level)
    // stay one branch: one GPU job, one bitstream on the next link. Where they differ this node forks: each branch runs
    // its own stage on the shared input, and the leading operators a branch has in common with the first one run (and
    // are charged) once, e.g. the decode of the shared bitstream, or g_a^s at the source.
    private void Fork(ImageTrace image, IReadOnlyList<ImageTrace> riders, int stageIndex, long bits, object? payload)
    {
        var branches = new List<List<ImageTrace>>(2) { new() { image } };
        CheckNode(image, stageIndex);
        for (int r = 0; r < riders.Count; r++)
        {
            ImageTrace rider = riders[r];
            CheckNode(rider, stageIndex);
            List<ImageTrace>? branch = branches.Find(b => SameBranch(b[0], rider, stageIndex));
            if (branch is null)
            {
                branches.Add([rider]);
            }
            else
            {
                branch.Add(rider);
            }
        }

        NodeStage? charged = null;
        foreach (List<ImageTrace> branch in branches)
        {
            ImageTrace leader = branch[0];
            ImageTrace[]? rest = branch.Count > 1 ? [.. branch.Skip(1)] : null;
            NodeStage stage = StageOf(leader, stageIndex);
            if (stage.IsPassThrough)
            {
                Forward(leader, rest, stage.Index, bits, payload);
                continue;
            }

            int shared = charged is null ? 0 : CommonPrefix(charged.Operations, stage.Operations);
            charged ??= stage;
            Admit(leader, stageIndex, payload, rest, shared);
        }
    }

    private NodeStage StageOf(ImageTrace image, int stageIndex) => _settings.Routes[image.FlowIndex].Plan.Stages[stageIndex];

    private void CheckNode(ImageTrace image, int stageIndex)
    {
        NodeStage stage = StageOf(image, stageIndex);
        if (!string.Equals(stage.Node, _settings.Name, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"node '{_settings.Name}' was sent stage {stageIndex} of flow '{_settings.Routes[image.FlowIndex].Name}', which runs on '{stage.Node}'");
        }
    }

    private bool SameBranch(ImageTrace a, ImageTrace b, int stageIndex) =>
        _settings.Routes[a.FlowIndex].Plan.AgreesAt(_settings.Routes[b.FlowIndex].Plan, stageIndex);

    private static int CommonPrefix(IReadOnlyList<StageOp> a, IReadOnlyList<StageOp> b)
    {
        int n = 0;
        while (n < a.Count && n < b.Count && a[n] == b[n])
        {
            n++;
        }

        return n;
    }

    private void Admit(ImageTrace image, int stageIndex, object? input, ImageTrace[]? riders, int sharedOperations)
    {
        FlowRoute route = _settings.Routes[image.FlowIndex];
        var stage = route.Plan.Stages[stageIndex];
        if (!string.Equals(stage.Node, _settings.Name, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"node '{_settings.Name}' was sent stage {stageIndex} of flow '{route.Name}', which runs on '{stage.Node}'");
        }

        var work = new StageWork(route, stage, image, input, sharedOperations);
        OperationCost cost = _executor.Plan(work);
        var active = new ActiveStage(work, _stagesAdmitted++) { Riders = riders };
        var job = new GpuJob(cost.Flops, cost.PeakMemoryBytes, active);
        active.Job = job;
        long now = Context.System.Scheduler.NowNanoseconds();
        switch (_budget.Offer(now, job))
        {
            case GpuAdmission.Started:
                Launch(active, now);
                break;
            case GpuAdmission.Queued:
                break;
            case GpuAdmission.RejectedQueueFull:
                Drop(image, riders, DropReason.QueueFull, now);
                break;
            case GpuAdmission.RejectedMemory:
                Drop(image, riders, DropReason.Memory, now);
                break;
        }
    }

    // A relay with no level change forwards the bitstream as is: no operator, no re-quantization, no GPU job.
    private void PassThrough(HopTransfer transfer)
    {
        NodeStage stage = _settings.Routes[transfer.Image.FlowIndex].Plan.Stages[transfer.StageIndex];
        if (!string.Equals(stage.Node, _settings.Name, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"node '{_settings.Name}' was sent pass-through stage {transfer.StageIndex}, which runs on '{stage.Node}'");
        }

        int index = stage.Index;
        transfer.Image.HopBits[index] = transfer.Bits;
        _nextPorts[transfer.Image.FlowIndex][index]!.Send(transfer with { StageIndex = index + 1 });
    }

    // A pass-through branch of a fork: the shared bitstream goes on unchanged.
    private void Forward(ImageTrace image, ImageTrace[]? riders, int index, long bits, object? payload)
    {
        image.HopBits[index] = bits;
        if (riders is not null)
        {
            foreach (ImageTrace rider in riders)
            {
                rider.HopBits[index] = bits;
            }
        }

        _nextPorts[image.FlowIndex][index]!.Send(new HopTransfer(image, index + 1, bits, payload, riders));
    }

    private void Launch(ActiveStage active, long now)
    {
        if (_settings.StageWorkers > 0)
        {
            Worker().Tell(new StageWorkerActor.Execute(active.Work, active));
        }
        else
        {
            try
            {
                active.Output = _executor.Execute(active.Work);
                active.HasOutput = true;
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                // A stage that cannot run (corrupt input, wrong level) drops its image; the node goes on.
                active.Failed = true;
            }
        }

        GpuJob job = active.Job!;
        Timers.StartSingleTimer(active, new StageFinished(active), SchedulerTime.DelayUntil(job.FinishNs, now));
    }

    // Workers are created on demand and reused; the GPU budget bounds how many stages run at once.
    private IActorRef Worker()
    {
        if (_idleWorkers.Count > 0)
        {
            return _idleWorkers.Pop();
        }

        if (_workerCount >= _settings.StageWorkers)
        {
            throw new InvalidOperationException(
                $"node '{_settings.Name}' launched more stages than its {_settings.StageWorkers} stage workers (the GPU budget's concurrency)");
        }

        return Context.ActorOf(StageWorkerActor.Props(_executor), $"stage-worker-{_workerCount++}");
    }

    private void OnStageFinished(ActiveStage active)
    {
        active.TimeElapsed = true;
        if (active.HasOutput || active.Failed)
        {
            Complete(active);
        }
    }

    private void OnStageExecuted(ActiveStage active, StageOutput output, Exception? error)
    {
        if (error is null)
        {
            active.Output = output;
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
        long now = Context.System.Scheduler.NowNanoseconds();
        _started.Clear();
        _budget.Complete(now, active.Job!, _started);
        for (int i = 0; i < _started.Count; i++)
        {
            Launch((ActiveStage)_started[i].State!, now);
        }

        StageWork work = active.Work;
        if (active.Failed)
        {
            Drop(work.Image, active.Riders, DropReason.StageFailed, now);
            return;
        }

        StageOutput output = active.Output;
        ImageTrace image = work.Image;
        if (work.Stage.IsDestination)
        {
            Deliver(image, output, now);
            if (active.Riders is { } duplicates)
            {
                // Flows with the same destination and plan as the leader (a topology may list such a flow twice).
                foreach (ImageTrace rider in duplicates)
                {
                    Deliver(rider, output, now);
                }
            }

            return;
        }

        if (active.Riders is null)
        {
            int index = work.Stage.Index;
            image.HopBits[index] = output.OutputBits;
            _nextPorts[image.FlowIndex][index]!.Send(new HopTransfer(image, index + 1, output.OutputBits, output.Payload));
        }
        else
        {
            Forward(image, active.Riders, work.Stage.Index, output.OutputBits, output.Payload);
        }
    }

    private void Deliver(ImageTrace image, StageOutput output, long now)
    {
        image.DeliveredNs = now;
        image.PsnrDb = output.PsnrDb;
        image.MsSsim = output.MsSsim;
        _observer.OnDelivered(image, now);
    }

    private void Drop(ImageTrace image, ImageTrace[]? riders, DropReason reason, long now)
    {
        Drop(image, reason, now);
        if (riders is not null)
        {
            foreach (ImageTrace rider in riders)
            {
                Drop(rider, reason, now);
            }
        }
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

    /// <summary>A stage holding (or waiting for) a GPU slot; also its timer's key.</summary>
    /// <remarks>
    /// Equality is identity, but the hash is the admission number: the timers' dictionary hashes every key, and an
    /// identity hash code costs a header write per new object (measured: ~10 % of a simulation's time).
    /// </remarks>
    private sealed class ActiveStage(StageWork work, int admission) : IEquatable<ActiveStage>
    {
        public StageWork Work { get; } = work;

        public GpuJob? Job { get; set; }

        public StageOutput Output { get; set; }

        public bool HasOutput { get; set; }

        public bool Failed { get; set; }

        public bool TimeElapsed { get; set; }

        /// <summary>The same image in other flows that share this stage and its output, or null.</summary>
        public ImageTrace[]? Riders { get; init; }

        public bool Equals(ActiveStage? other) => ReferenceEquals(this, other);

        public override bool Equals(object? obj) => ReferenceEquals(this, obj);

        public override int GetHashCode() => admission;
    }

    /// <summary>The modelled run time of <paramref name="Stage"/> has passed (timer message).</summary>
    private sealed record StageFinished(ActiveStage Stage);
}
