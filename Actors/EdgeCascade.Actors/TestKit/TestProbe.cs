using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using EdgeCascade.Actors.Kernel;

namespace EdgeCascade.Actors.TestKit;

/// <summary>
/// A reference that records what it is told, for tests to assert on in order.
/// </summary>
/// <remarks>
/// Under virtual time, expectations drive the scheduler themselves: <see cref="ExpectMsg{T}(Func{T, bool}?, TimeSpan?)"/>
/// runs events one by one until a message arrives or virtual time would pass the allowed duration,
/// so the clock stops at the arrival time (assertable through the system's clock). Under real time
/// they block up to the duration on the wall clock.
/// </remarks>
public sealed class TestProbe : IInternalActorRef
{
    private static readonly TimeSpan s_defaultWithin = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan s_defaultRealNoMessage = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentQueue<(object Message, IActorRef? Sender)> _messages = new();
    private readonly SemaphoreSlim _available = new(0);
    private readonly VirtualTimeScheduler? _virtual;
    private IActorRef? _lastSender;

    internal TestProbe(ActorSystem system, string name)
    {
        System = system;
        Name = name;
        _virtual = system.Scheduler as VirtualTimeScheduler;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Path => "/system/" + Name;

    /// <summary>The system the probe belongs to.</summary>
    public ActorSystem System { get; }

    /// <summary>Sender of the last message taken by an expectation (null if it had none).</summary>
    public IActorRef? LastSender => _lastSender;

    /// <summary>Messages received and not yet taken by an expectation.</summary>
    public int PendingCount => _available.CurrentCount;

    /// <inheritdoc />
    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        _messages.Enqueue((message, sender));
        _available.Release();
    }

    /// <summary>Tells <paramref name="message"/> to <paramref name="recipient"/> with this probe as sender.</summary>
    public void Send(IActorRef recipient, object message)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        recipient.Tell(message, this);
    }

    /// <summary>Tells <paramref name="message"/> to <see cref="LastSender"/>, with this probe as sender.</summary>
    public void Reply(object message)
    {
        IActorRef sender = _lastSender ?? throw new TestKitAssertionException($"{Name} cannot reply: the last message had no sender.");
        sender.Tell(message, this);
    }

    /// <summary>Asks to be told <see cref="Terminated"/> when <paramref name="actor"/> stops.</summary>
    public IActorRef Watch(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is ActorCell cell && !cell.AddWatcher(this))
        {
            Tell(new Terminated(actor));
        }

        return actor;
    }

    /// <summary>Stops watching <paramref name="actor"/>.</summary>
    public IActorRef Unwatch(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        (actor as ActorCell)?.RemoveWatcher(this);
        return actor;
    }

    /// <summary>
    /// Takes the next message, which must be a <typeparamref name="T"/> satisfying
    /// <paramref name="predicate"/>, arriving within <paramref name="within"/> (default 3 s, virtual or real).
    /// </summary>
    public T ExpectMsg<T>(Func<T, bool>? predicate = null, TimeSpan? within = null)
    {
        object message = ReceiveOne(within ?? s_defaultWithin)
            ?? throw new TestKitAssertionException($"{Name}: expected a {typeof(T).Name} within {within ?? s_defaultWithin}, got nothing.");
        if (message is not T typed)
        {
            throw new TestKitAssertionException($"{Name}: expected a {typeof(T).Name}, got {Describe(message)}.");
        }

        if (predicate is not null && !predicate(typed))
        {
            throw new TestKitAssertionException($"{Name}: {Describe(message)} did not satisfy the predicate.");
        }

        return typed;
    }

    /// <summary>Takes the next message, which must equal <paramref name="expected"/>.</summary>
    public T ExpectMsg<T>(T expected, TimeSpan? within = null)
    {
        ArgumentNullException.ThrowIfNull(expected);
        T actual = ExpectMsg<T>(predicate: null, within);
        if (!EqualityComparer<T>.Default.Equals(actual, expected))
        {
            throw new TestKitAssertionException($"{Name}: expected {Describe(expected)}, got {Describe(actual!)}.");
        }

        return actual;
    }

    /// <summary>Takes the next message, which must be <see cref="Terminated"/> for <paramref name="actor"/>.</summary>
    public Terminated ExpectTerminated(IActorRef actor, TimeSpan? within = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return ExpectMsg<Terminated>(t => ReferenceEquals(t.ActorRef, actor), within);
    }

    /// <summary>
    /// Asserts nothing arrives during <paramref name="duration"/>: under virtual time, runs every
    /// event due within it and leaves the clock at its end.
    /// </summary>
    public void ExpectNoMsg(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        if (_virtual is not null)
        {
            _virtual.Advance(duration);
            if (TryTake(out object? message))
            {
                throw new TestKitAssertionException($"{Name}: expected no message for {duration}, got {Describe(message)}.");
            }

            return;
        }

        if (ReceiveOne(duration) is { } received)
        {
            throw new TestKitAssertionException($"{Name}: expected no message for {duration}, got {Describe(received)}.");
        }
    }

    /// <summary>
    /// Asserts nothing arrives now: under virtual time, runs the events due at the current time
    /// without moving the clock; under real time, waits 100 ms.
    /// </summary>
    public void ExpectNoMsg() => ExpectNoMsg(_virtual is null ? s_defaultRealNoMessage : TimeSpan.Zero);

    /// <summary>Takes the next message of any type within <paramref name="within"/>, or null if none arrives.</summary>
    public object? ReceiveOne(TimeSpan within)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(within, TimeSpan.Zero);
        if (_virtual is null)
        {
            return _available.Wait(within) ? Dequeue() : null;
        }

        long deadline = checked(_virtual.Now + within.ToNanoseconds());
        while (true)
        {
            if (TryTake(out object? message))
            {
                return message;
            }

            if (!_virtual.RunNext(deadline))
            {
                _virtual.RunUntil(deadline);
                return TryTake(out message) ? message : null;
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => Path;

    private bool TryTake([NotNullWhen(true)] out object? message)
    {
        if (_available.Wait(0))
        {
            message = Dequeue();
            return true;
        }

        message = null;
        return false;
    }

    private object Dequeue()
    {
        // The semaphore count was taken, so the matching enqueue has completed.
        _messages.TryDequeue(out (object Message, IActorRef? Sender) entry);
        _lastSender = entry.Sender;
        return entry.Message;
    }

    private static string Describe(object message) => $"{message.GetType().Name} {message}";
}
