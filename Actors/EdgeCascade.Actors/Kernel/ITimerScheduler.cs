namespace EdgeCascade.Actors.Kernel;

/// <summary>
/// Per-actor timers that tell messages to the actor itself, on the system's injected scheduler
/// (virtual or real time). Keys identify timers: starting a timer with a key in use replaces it.
/// All timers are cancelled when the actor stops or restarts, and a cancelled timer's message is
/// never received, even if it was already queued.
/// </summary>
/// <remarks>Timer messages bypass the mailbox bound, so a periodic tick is never lost to overflow.</remarks>
public interface ITimerScheduler
{
    /// <summary>Tells <paramref name="message"/> to self once, after <paramref name="delay"/>.</summary>
    void StartSingleTimer(object key, object message, TimeSpan delay);

    /// <summary>Tells <paramref name="message"/> to self every <paramref name="interval"/>, the first time after one interval.</summary>
    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    /// <summary>Tells <paramref name="message"/> to self after <paramref name="initialDelay"/>, then every <paramref name="interval"/> (fixed rate).</summary>
    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    /// <summary>True while the timer with <paramref name="key"/> is started and not yet fired (single) or cancelled.</summary>
    bool IsTimerActive(object key);

    /// <summary>Cancels the timer with <paramref name="key"/>, if any.</summary>
    void Cancel(object key);

    /// <summary>Cancels every timer of this actor.</summary>
    void CancelAll();
}
