using System.Diagnostics;

namespace EdgeCascade.Actors.Kernel;

/// <summary>Failure handling, restart, resume and termination.</summary>
internal sealed partial class ActorCell
{
    // Children left suspended because their failure was escalated through us; resumed with us.
    private List<ActorCell>? _escalatedChildren;
    private object? _failedMessage;

    /// <summary>
    /// This actor failed: suspend user messages and ask the parent for a directive. The message
    /// being handled is dropped, as in Akka; the rest of the mailbox is kept.
    /// </summary>
    private void HandleInvokeFailure(Exception cause)
    {
        if (_state != StateAlive)
        {
            return;
        }

        _suspended = true;
        _failedMessage = _currentMessage;
        if (_parent is null)
        {
            _system.OnGuardianFailure(cause);
        }
        else
        {
            _parent.SendSystemMessage(new SystemMessage(SystemMessageKind.Failed, this, cause));
        }
    }

    private void HandleChildFailure(ActorCell child, Exception cause)
    {
        // A child we already stopped, or our own stop in progress, makes its failure moot.
        if (_state != StateAlive || !TryGetChildStats(child, out ChildRestartStats stats))
        {
            return;
        }

        SupervisorStrategy strategy = _props.SupervisorStrategy ?? SupervisorStrategy.Default;
        Directive directive;
        try
        {
            directive = strategy.HandleFailure(stats, cause, _system.Clock.Now);
        }
#pragma warning disable CA1031 // A throwing decider is this supervisor's own failure; it must not escape the turn.
        catch (Exception deciderFailure)
#pragma warning restore CA1031
        {
            (_escalatedChildren ??= []).Add(child);
            HandleInvokeFailure(deciderFailure);
            return;
        }

        switch (directive)
        {
            case Directive.Resume:
                child.SendSystemMessage(SystemMessage.Resume);
                break;
            case Directive.Restart:
                child.SendSystemMessage(new SystemMessage(SystemMessageKind.Recreate, Cause: cause));
                break;
            case Directive.Stop:
                StopChild(child);
                break;
            case Directive.Escalate:
                (_escalatedChildren ??= []).Add(child);
                HandleInvokeFailure(cause);
                break;
            default:
                Debug.Fail("Unknown directive " + directive);
                break;
        }
    }

    private void ResumeAfterFailure(SystemMessage message)
    {
        if (_state != StateAlive)
        {
            return;
        }

        if (_actor is null)
        {
            // Resuming an actor that never got an instance can only mean starting it afresh.
            Restart(message.Cause ?? new ActorInitializationException($"{Path} resumed without an instance."));
            return;
        }

        _suspended = false;
        _failedMessage = null;
        ResumeEscalatedChildren();
    }

    private void Restart(Exception cause)
    {
        if (_state != StateAlive)
        {
            return;
        }

        _timers?.CancelAll();
        if (_actor is not null)
        {
            try
            {
                _actor.InvokePreRestart(cause, _failedMessage);
            }
#pragma warning disable CA1031 // The instance is being discarded; its cleanup failure must not block the restart.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Trace.TraceWarning($"PreRestart of {Path} failed: {exception}");
            }
        }

        _actor = null;
        _failedMessage = null;
        _suspended = false;
        CreateActor(cause);
        if (!_suspended)
        {
            ResumeEscalatedChildren();
        }
    }

    private void ResumeEscalatedChildren()
    {
        if (_escalatedChildren is null)
        {
            return;
        }

        foreach (ActorCell child in _escalatedChildren)
        {
            child.SendSystemMessage(SystemMessage.Resume);
        }

        _escalatedChildren = null;
    }

    /// <summary>Stops timers and children; finishes once the last child has reported termination.</summary>
    private void InitiateTermination()
    {
        if (_state != StateAlive)
        {
            return;
        }

        ActorCell[] children = BeginTerminating();
        _timers?.CancelAll();
        foreach (ActorCell child in children)
        {
            StopChild(child);
        }

        if (children.Length == 0)
        {
            FinishTermination();
        }
    }

    private void FinishTermination()
    {
        if (_actor is not null)
        {
            try
            {
                _actor.InvokePostStop();
            }
#pragma warning disable CA1031 // The actor is gone either way; a failing PostStop must not stop the notifications.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Trace.TraceWarning($"PostStop of {Path} failed: {exception}");
            }
        }

        _actor = null;
        IActorRef[] watchers = MarkTerminated();
        DrainMailboxToDeadLetters();
        UnwatchAll();
        if (_parent is null)
        {
            _system.OnGuardianTerminated();
        }
        else
        {
            _parent.SendSystemMessage(new SystemMessage(SystemMessageKind.ChildTerminated, this));
        }

        NotifyWatchers(watchers);
    }
}
