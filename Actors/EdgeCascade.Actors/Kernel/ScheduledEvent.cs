using System.Diagnostics;

namespace EdgeCascade.Actors.Kernel;

/// <summary>
/// One pending event. A struct with a kind tag instead of a closure so scheduling a message or an
/// actor turn allocates nothing.
/// </summary>
internal readonly struct ScheduledEvent
{
    private readonly object _target;
    private readonly object? _state;
    private readonly object? _extra;
    private readonly ScheduledEventKind _kind;

    public ScheduledEvent(ScheduledEventKind kind, object target, object? state = null, object? extra = null)
    {
        _kind = kind;
        _target = target;
        _state = state;
        _extra = extra;
    }

    public void Run()
    {
        switch (_kind)
        {
            case ScheduledEventKind.ActorTurn:
                ((ActorCell)_target).Run();
                break;
            case ScheduledEventKind.Action:
                ((Action)_target)();
                break;
            case ScheduledEventKind.StateAction:
                ((Action<object?>)_target)(_state);
                break;
            case ScheduledEventKind.Tell:
                ((IActorRef)_target).Tell(_state!, (IActorRef?)_extra);
                break;
            default:
                Debug.Fail("Unknown event kind " + _kind);
                break;
        }
    }
}
