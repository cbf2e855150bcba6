namespace EdgeCascade.Actors.Kernel;

/// <summary>
/// Base of every actor. An actor handles one message at a time on its own turn, so its fields need
/// no locks; it talks to others only by telling messages. Create actors through <see cref="Props"/>
/// (<c>ActorOf</c>), never with <c>new</c> elsewhere.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;

    /// <summary>Binds the new instance to the cell that is constructing it.</summary>
    protected ActorBase()
    {
        _cell = ActorCell.Constructing
            ?? throw new InvalidOperationException("Actors are created by ActorOf(Props), not with new: the kernel must bind each instance to its cell.");
    }

    /// <summary>This actor's context: self, sender, children, watch, timers, clock.</summary>
    protected IActorContext Context => _cell;

    /// <summary>Shortcut for <see cref="IActorContext.Self"/>.</summary>
    protected IActorRef Self => _cell;

    /// <summary>Shortcut for <see cref="IActorContext.Sender"/>.</summary>
    protected IActorRef Sender => _cell.Sender;

    /// <summary>Handles <paramref name="message"/>; returns false if the current behaviour does not handle it.</summary>
    protected abstract bool Receive(object message);

    /// <summary>Called for unhandled messages; by default publishes an <see cref="UnhandledMessage"/> to dead letters.</summary>
    protected virtual void Unhandled(object message) => _cell.PublishUnhandled(message);

    /// <summary>Runs on the actor's turn before its first message.</summary>
    protected virtual void PreStart()
    {
    }

    /// <summary>Runs once the actor and all its children have stopped; timers are already cancelled.</summary>
    protected virtual void PostStop()
    {
    }

    /// <summary>
    /// Runs on the failed instance before it is replaced. By default stops all children and calls
    /// <see cref="PostStop"/>.
    /// </summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (IActorRef child in Context.Children)
        {
            Context.Stop(child);
        }

        PostStop();
    }

    /// <summary>Runs on the fresh instance after a restart. By default calls <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>Hook for subclasses that need a step right after construction (ReceiveActor seals registration).</summary>
    private protected virtual void OnConstructed()
    {
    }

    internal bool InvokeReceive(object message) => Receive(message);

    internal void InvokeUnhandled(object message) => Unhandled(message);

    internal void InvokePreStart() => PreStart();

    internal void InvokePostStop() => PostStop();

    internal void InvokePreRestart(Exception reason, object? message) => PreRestart(reason, message);

    internal void InvokePostRestart(Exception reason) => PostRestart(reason);

    internal void InvokeOnConstructed() => OnConstructed();
}
