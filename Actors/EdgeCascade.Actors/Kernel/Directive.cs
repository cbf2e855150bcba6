namespace EdgeCascade.Actors.Kernel;

/// <summary>What a supervisor does with a child whose message handler threw.</summary>
public enum Directive
{
    /// <summary>Keep the actor instance and its state; continue with the next message.</summary>
    Resume,

    /// <summary>Replace the actor instance with a fresh one from its Props; the mailbox is kept.</summary>
    Restart,

    /// <summary>Stop the child permanently.</summary>
    Stop,

    /// <summary>Fail the supervisor itself with the same exception, letting its own parent decide.</summary>
    Escalate,
}
