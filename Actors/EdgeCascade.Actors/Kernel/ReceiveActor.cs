namespace EdgeCascade.Actors.Kernel;

/// <summary>
/// An actor whose behaviour is a set of <c>Receive&lt;T&gt;</c> handlers registered in the
/// constructor, or in a named behaviour method (e.g. <c>Idle()</c>, <c>Busy()</c>) switched to with
/// <see cref="Become"/>. Handlers are tried in registration order; the first whose type (and
/// filter) matches handles the message.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private readonly List<Behavior> _behaviors = [new Behavior()];
    private Behavior? _registering;

    /// <summary>Opens the initial behaviour for registration by the subclass constructor.</summary>
    protected ReceiveActor()
    {
        _registering = _behaviors[0];
    }

    /// <summary>Registers a handler for messages of type <typeparamref name="T"/> passing <paramref name="shouldHandle"/>.</summary>
    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        RegisteringBehavior().Add(new ReceiveHandler<T>(handler, shouldHandle));
    }

    /// <summary>Registers a handler for any message not matched by an earlier handler.</summary>
    protected void ReceiveAny(Action<object> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        RegisteringBehavior().Add(new ReceiveHandler<object>(handler, shouldHandle: null));
    }

    /// <summary>
    /// Replaces the current behaviour with the handlers <paramref name="behavior"/> registers.
    /// Takes effect from the next message.
    /// </summary>
    protected void Become(Action behavior) => _behaviors[^1] = Build(behavior);

    /// <summary>Pushes the handlers <paramref name="behavior"/> registers on top of the current behaviour.</summary>
    protected void BecomeStacked(Action behavior) => _behaviors.Add(Build(behavior));

    /// <summary>Returns to the behaviour below the current one; does nothing on the bottom one.</summary>
    protected void Unbecome()
    {
        if (_behaviors.Count > 1)
        {
            _behaviors.RemoveAt(_behaviors.Count - 1);
        }
    }

    /// <inheritdoc />
    protected sealed override bool Receive(object message) => _behaviors[^1].TryHandle(message);

    private protected sealed override void OnConstructed() => _registering = null;

    private Behavior Build(Action behavior)
    {
        ArgumentNullException.ThrowIfNull(behavior);
        var built = new Behavior();
        Behavior? outer = _registering;
        _registering = built;
        try
        {
            behavior();
        }
        finally
        {
            _registering = outer;
        }

        return built;
    }

    private Behavior RegisteringBehavior() => _registering
        ?? throw new InvalidOperationException("Receive handlers can only be registered in the constructor or inside a behaviour passed to Become.");
}
