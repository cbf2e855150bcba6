namespace EdgeCascade.Actors.Kernel;

/// <summary>Death watch: who this actor watches and who watches it.</summary>
internal sealed partial class ActorCell
{
    // Guards _watchedBy and the transition to Terminated, so a watcher registering concurrently
    // with termination is either notified by the termination or told at once by AddWatcher.
    private readonly Lock _watchLock = new();
    private readonly List<IActorRef> _watching = [];
    private List<IActorRef>? _watchedBy;

    public IActorRef Watch(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (ReferenceEquals(actor, this) || _watching.Contains(actor))
        {
            return actor;
        }

        _watching.Add(actor);
        if (actor is ActorCell cell && !cell.AddWatcher(this))
        {
            EnqueueControl(new DeathWatchNotification(cell));
        }

        return actor;
    }

    public IActorRef Unwatch(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (_watching.Remove(actor) && actor is ActorCell cell)
        {
            cell.RemoveWatcher(this);
        }

        return actor;
    }

    /// <summary>Registers <paramref name="watcher"/>; false if this actor has already terminated.</summary>
    internal bool AddWatcher(IActorRef watcher)
    {
        lock (_watchLock)
        {
            if (_state == StateTerminated)
            {
                return false;
            }

            _watchedBy ??= [];
            if (!_watchedBy.Contains(watcher))
            {
                _watchedBy.Add(watcher);
            }

            return true;
        }
    }

    internal void RemoveWatcher(IActorRef watcher)
    {
        lock (_watchLock)
        {
            _watchedBy?.Remove(watcher);
        }
    }

    private IActorRef[] MarkTerminated()
    {
        lock (_watchLock)
        {
            _state = StateTerminated;
            IActorRef[] watchers = _watchedBy is null ? [] : [.. _watchedBy];
            _watchedBy = null;
            return watchers;
        }
    }

    private void UnwatchAll()
    {
        foreach (IActorRef watched in _watching)
        {
            (watched as ActorCell)?.RemoveWatcher(this);
        }

        _watching.Clear();
    }

    private void NotifyWatchers(IActorRef[] watchers)
    {
        foreach (IActorRef watcher in watchers)
        {
            if (watcher is ActorCell cell)
            {
                cell.EnqueueControl(new DeathWatchNotification(this));
            }
            else
            {
                watcher.Tell(new Terminated(this));
            }
        }
    }
}
