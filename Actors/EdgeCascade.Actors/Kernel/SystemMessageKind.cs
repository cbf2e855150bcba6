namespace EdgeCascade.Actors.Kernel;

/// <summary>Lifecycle and supervision signals, processed before any user message.</summary>
internal enum SystemMessageKind
{
    /// <summary>Construct the actor instance and run PreStart.</summary>
    Create,

    /// <summary>Stop: children first, then PostStop, then notify parent and watchers.</summary>
    Terminate,

    /// <summary>Supervisor chose Restart: new instance from Props, mailbox kept.</summary>
    Recreate,

    /// <summary>Supervisor chose Resume: continue with the next message.</summary>
    Resume,

    /// <summary>To a parent: the child in the message failed with the cause in the message.</summary>
    Failed,

    /// <summary>To a parent: the child in the message has fully stopped.</summary>
    ChildTerminated,
}
