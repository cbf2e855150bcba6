namespace EdgeCascade.Runtime.Tests.Transport;

/// <summary>
/// Stands in for a consumer channel as the broker sees it: outstanding delivery tags, and the acks and nacks that
/// settle them, with the broker's rule that a frame naming a tag that is not outstanding is a channel error.
/// </summary>
internal sealed class RecordingAckChannel
{
    private readonly Lock _gate = new();
    private readonly SortedSet<ulong> _outstanding = [];
    private TaskCompletionSource? _hold;
    private TaskCompletionSource _frameHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<string> Frames { get; } = [];

    public HashSet<ulong> Acked { get; } = [];

    public HashSet<ulong> Nacked { get; } = [];

    public IReadOnlyCollection<ulong> Outstanding
    {
        get
        {
            lock (_gate)
            {
                return [.. _outstanding];
            }
        }
    }

    /// <summary>The broker hands out <paramref name="tags"/>.</summary>
    public void Deliver(params ulong[] tags)
    {
        lock (_gate)
        {
            foreach (ulong tag in tags)
            {
                _outstanding.Add(tag);
            }
        }
    }

    /// <summary>The channel was recovered: nothing is outstanding any more, tags count from 1 again.</summary>
    public void Recover()
    {
        lock (_gate)
        {
            _outstanding.Clear();
        }
    }

    /// <summary>Completes when a frame reaches the hold set by <see cref="HoldNextFrame"/>.</summary>
    public Task FrameHeld => _frameHeld.Task;

    /// <summary>The next frame waits until <see cref="Release"/>, so later requests pile up behind it.</summary>
    public void HoldNextFrame()
    {
        _frameHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Release() => _hold?.TrySetResult();

    public async ValueTask AckAsync(ulong tag, bool multiple)
    {
        await WaitIfHeldAsync();
        lock (_gate)
        {
            Frames.Add(multiple ? $"ack {tag} multiple" : $"ack {tag}");
            Require(tag);
            ulong[] settled = multiple ? [.. _outstanding.Where(t => t <= tag)] : [tag];
            foreach (ulong t in settled)
            {
                _outstanding.Remove(t);
                Acked.Add(t);
            }
        }
    }

    public async ValueTask NackAsync(ulong tag, bool requeue)
    {
        await WaitIfHeldAsync();
        lock (_gate)
        {
            Frames.Add($"nack {tag} requeue={requeue}");
            Require(tag);
            _outstanding.Remove(tag);
            Nacked.Add(tag);
        }
    }

    private async Task WaitIfHeldAsync()
    {
        TaskCompletionSource? hold = _hold;
        if (hold is not null && !hold.Task.IsCompleted)
        {
            _frameHeld.TrySetResult();
            await hold.Task;
        }
    }

    private void Require(ulong tag)
    {
        if (!_outstanding.Contains(tag))
        {
            throw new InvalidOperationException($"PRECONDITION_FAILED - unknown delivery tag {tag}");
        }
    }
}
