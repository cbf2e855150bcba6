using Akka.Actor;
using Akka.Dispatch;

namespace EdgeCascade.Simulation.Engine;

/// <summary>
/// Akka <see cref="MessageDispatcher"/> for the simulation actors: a mailbox that has messages is queued
/// (FIFO) instead of handed to a thread pool, and <see cref="RunReady"/> runs the queue on the caller's
/// thread until it is empty. Configured with <see cref="DeterministicDispatcherConfigurator"/>.
/// </summary>
/// <remarks>
/// Why our own: determinism needs one thread and a fixed order. Akka's thread-pool dispatchers reorder
/// events from run to run, and the TestKit's <c>CallingThreadDispatcher</c> runs the receiver inside
/// <c>Tell</c>, depth first, which overflows the stack on long chains. Running whole mailboxes from a FIFO
/// keeps Akka's asynchronous semantics (a tell never runs the receiver at once) with a total order.
/// <see cref="ExecuteTask"/> can be called from Akka's own threads (system messages), hence the lock.
/// </remarks>
public sealed class DeterministicDispatcher : MessageDispatcher
{
    private readonly Lock _gate = new();
    private Queue<IRunnable> _ready = new();
    private Queue<IRunnable> _running = new();
    private long _messages;

    /// <summary>Created once per ActorSystem by its configurator.</summary>
    public DeterministicDispatcher(MessageDispatcherConfigurator configurator, string id, int throughput)
        : base(configurator)
    {
        Id = id;
        Throughput = throughput;
    }

    /// <summary>User messages dispatched to actors on this dispatcher so far (each is processed once, in order).</summary>
    public long MessagesDispatched => Interlocked.Read(ref _messages);

    /// <summary>Runs queued mailboxes, and those they make ready, until none is left.</summary>
    /// <returns>How many mailbox runs were executed.</returns>
    public long RunReady()
    {
        long runs = 0;
        while (true)
        {
            // Take the whole ready queue at once (one lock per batch, not per mailbox); what becomes ready while the
            // batch runs joins the next batch, which keeps the order first in, first run.
            lock (_gate)
            {
                if (_ready.Count == 0)
                {
                    return runs;
                }

                (_ready, _running) = (_running, _ready);
            }

            while (_running.TryDequeue(out IRunnable? next))
            {
                next.Run();
                runs++;
            }
        }
    }

    /// <inheritdoc/>
    public override void Dispatch(ActorCell cell, Envelope envelope)
    {
        Interlocked.Increment(ref _messages);
        base.Dispatch(cell, envelope);
    }

    /// <inheritdoc/>
    protected override void ExecuteTask(IRunnable run)
    {
        lock (_gate)
        {
            _ready.Enqueue(run);
        }
    }

    /// <inheritdoc/>
    protected override void Shutdown()
    {
        // Nothing to release: the loop belongs to the simulator's thread.
    }
}
