namespace EdgeCascade.Actors.Kernel;

/// <summary>A one-shot reference whose first message completes an Ask's task.</summary>
internal sealed class PromiseActorRef<T>(ActorSystem system, IActorRef target) : IInternalActorRef
{
    private static readonly Action<object?> s_timeout = static state => ((PromiseActorRef<T>)state!).TimeOut();
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TimeSpan _timeout;

    public string Name => "ask";

    public string Path => target.Path + "/$ask";

    public ActorSystem System => system;

    public Task<T> Task => _completion.Task;

    public void Start(object message, TimeSpan timeout)
    {
        _timeout = timeout;
        system.Scheduler.ScheduleAt(checked(system.Clock.Now + timeout.ToNanoseconds()), s_timeout, this);
        target.Tell(message, this);
    }

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        bool completed = message switch
        {
            T reply => _completion.TrySetResult(reply),
            MailboxFull full => _completion.TrySetException(new InvalidOperationException($"{full.Recipient.Path} rejected the question: its mailbox is full.")),
            _ => _completion.TrySetException(new InvalidCastException($"Asked {target.Path} for {typeof(T).Name}, got {message.GetType().Name}.")),
        };
        if (!completed)
        {
            // Late replies (after a timeout or a first reply) are undeliverable like any other.
            system.DeadLetterRef.Publish(new DeadLetter(message, sender, this));
        }
    }

    private void TimeOut() => _completion.TrySetException(new TimeoutException($"{target.Path} did not reply within {_timeout}."));
}
