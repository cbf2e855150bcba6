using System.Globalization;

namespace EdgeCascade.Actors.Kernel;

/// <summary>Children: creation, naming, stopping, and their restart statistics.</summary>
internal sealed partial class ActorCell
{
    // Guards the child collections: the guardian's children are created from outside threads
    // (ActorSystem.ActorOf) while the guardian's own turn may be removing terminated ones.
    private readonly Lock _childrenLock = new();

    // Every child not yet fully terminated, in creation order (deterministic iteration).
    private readonly List<ActorCell> _children = [];

    // Children not asked to stop; a name is free again as soon as its holder is asked to stop.
    private readonly Dictionary<string, ActorCell> _childrenByName = new(StringComparer.Ordinal);
    private readonly Dictionary<ActorCell, ChildRestartStats> _childStats = [];
    private long _nextChildId;

    public IReadOnlyList<IActorRef> Children
    {
        get
        {
            lock (_childrenLock)
            {
                var live = new List<IActorRef>(_children.Count);
                foreach (ActorCell child in _children)
                {
                    if (_childrenByName.TryGetValue(child.Name, out ActorCell? named) && ReferenceEquals(named, child))
                    {
                        live.Add(child);
                    }
                }

                return live;
            }
        }
    }

    public IActorRef ActorOf(Props props, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(props);
        ActorCell child;
        lock (_childrenLock)
        {
            // Checked under the lock that termination takes its snapshot under, so a child added
            // from another thread (the guardian's case) is either refused or stopped with the rest.
            if (_state != StateAlive)
            {
                throw new InvalidOperationException($"{Path} is stopping and cannot create children.");
            }

            if (name is null)
            {
                // '$' names are reserved for generated ones, so they never clash with user names.
                name = "$" + (++_nextChildId).ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                ValidateName(name);
                if (_childrenByName.ContainsKey(name))
                {
                    throw new ArgumentException($"{Path} already has a child named '{name}'.", nameof(name));
                }
            }

            child = new ActorCell(_system, this, name, props);
            _children.Add(child);
            _childrenByName.Add(name, child);
            _childStats.Add(child, new ChildRestartStats());
        }

        // Construction happens on the child's own turn, like every other lifecycle step.
        child.SendSystemMessage(SystemMessage.Create);
        return child;
    }

    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is not ActorCell cell)
        {
            return;
        }

        if (ReferenceEquals(cell._parent, this))
        {
            StopChild(cell);
        }
        else
        {
            cell.SendSystemMessage(SystemMessage.Terminate);
        }
    }

    private static void ValidateName(string name)
    {
        if (name.Length == 0 || name.StartsWith('$') || name.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Invalid actor name '{name}': it must be non-empty, contain no '/' and not start with '$'.", nameof(name));
        }
    }

    private void StopChild(ActorCell child)
    {
        lock (_childrenLock)
        {
            if (_childrenByName.TryGetValue(child.Name, out ActorCell? named) && ReferenceEquals(named, child))
            {
                _childrenByName.Remove(child.Name);
            }
        }

        child.SendSystemMessage(SystemMessage.Terminate);
    }

    private bool TryGetChildStats(ActorCell child, out ChildRestartStats stats)
    {
        lock (_childrenLock)
        {
            return _childStats.TryGetValue(child, out stats!);
        }
    }

    private void HandleChildTerminated(ActorCell child)
    {
        bool noChildrenLeft;
        lock (_childrenLock)
        {
            _children.Remove(child);
            _childStats.Remove(child);
            if (_childrenByName.TryGetValue(child.Name, out ActorCell? named) && ReferenceEquals(named, child))
            {
                _childrenByName.Remove(child.Name);
            }

            noChildrenLeft = _children.Count == 0;
        }

        _escalatedChildren?.Remove(child);
        if (_state == StateTerminating && noChildrenLeft)
        {
            FinishTermination();
        }
    }

    /// <summary>Marks this cell terminating and returns the children to stop, atomically with ActorOf.</summary>
    private ActorCell[] BeginTerminating()
    {
        lock (_childrenLock)
        {
            _state = StateTerminating;
            return [.. _children];
        }
    }
}
