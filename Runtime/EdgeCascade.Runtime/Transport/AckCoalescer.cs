namespace EdgeCascade.Runtime.Transport;

/// <summary>
/// Settles the deliveries of one consumer channel, folding runs of consecutive acks into a single
/// <c>basic.ack(multiple=true)</c>. Nothing is acked earlier than requested: a multiple ack only ever covers tags
/// whose ack was requested or that were already settled one by one.
/// </summary>
/// <remarks>
/// <para>
/// One flush loop sends at a time. Requests arriving while it sends wait for the next turn, so under load acks
/// batch up on their own and at light load each ack goes out at once (no timer, no added latency).
/// </para>
/// <para>
/// Per turn: nacks first, one by one; then the acks that continue the run of settled tags above the watermark
/// (every tag at or below it is settled) as one multiple ack ending at the highest of them; acks above a gap (a
/// delivery still in work) one by one. A multiple ack thus never reaches a tag still in work or nacked.
/// </para>
/// <para>
/// Delivery tags count 1, 2, 3, ... per channel. A tag at or below the watermark means the channel was recovered
/// and counts afresh: the bookkeeping restarts.
/// </para>
/// </remarks>
internal sealed class AckCoalescer
{
    private readonly Func<ulong, bool, ValueTask> _sendAck;
    private readonly Func<ulong, bool, ValueTask> _sendNack;
    private readonly Lock _gate = new();
    private readonly HashSet<ulong> _settledAboveWatermark = [];
    private List<Settlement> _requested = [];
    private ulong _watermark;
    private bool _flushing;
    private Task _loop = Task.CompletedTask;
    private long _ackFrames;
    private long _acks;

    /// <param name="sendAck">Sends <c>basic.ack(tag, multiple)</c>.</param>
    /// <param name="sendNack">Sends <c>basic.nack(tag, multiple: false, requeue)</c>.</param>
    public AckCoalescer(Func<ulong, bool, ValueTask> sendAck, Func<ulong, bool, ValueTask> sendNack)
    {
        _sendAck = sendAck;
        _sendNack = sendNack;
    }

    /// <summary>Acks requested so far.</summary>
    public long Acks => Interlocked.Read(ref _acks);

    /// <summary>basic.ack frames sent so far (at most <see cref="Acks"/>).</summary>
    public long AckFrames => Interlocked.Read(ref _ackFrames);

    /// <summary>Call for every delivery before it can be settled; restarts the bookkeeping after a channel recovery.</summary>
    public void Received(ulong tag)
    {
        lock (_gate)
        {
            if (tag <= _watermark)
            {
                _watermark = tag - 1;
                _settledAboveWatermark.Clear();
            }
        }
    }

    /// <summary>Acks <paramref name="tag"/>; completes once a frame covering it is sent.</summary>
    public Task AckAsync(ulong tag) => Request(new Settlement(tag, Ack: true, Requeue: false));

    /// <summary>Nacks <paramref name="tag"/>; completes once its frame is sent.</summary>
    public Task NackAsync(ulong tag, bool requeue) => Request(new Settlement(tag, Ack: false, requeue));

    /// <summary>Completes once every settlement requested so far has been sent (or has failed).</summary>
    public async Task DrainAsync()
    {
        while (true)
        {
            Task loop;
            lock (_gate)
            {
                if (!_flushing)
                {
                    return;
                }

                loop = _loop;
            }

            await loop.ConfigureAwait(false);
            await Task.Yield();
        }
    }

    private Task Request(Settlement settlement)
    {
        bool startLoop;
        lock (_gate)
        {
            _requested.Add(settlement);
            startLoop = !_flushing;
            _flushing = true;
        }

        if (settlement.Ack)
        {
            Interlocked.Increment(ref _acks);
        }

        if (startLoop)
        {
            Task loop = Task.Run(FlushLoopAsync);
            lock (_gate)
            {
                _loop = loop;
            }
        }

        return settlement.Completion.Task;
    }

    private async Task FlushLoopAsync()
    {
        while (true)
        {
            List<Settlement> turn;
            lock (_gate)
            {
                if (_requested.Count == 0)
                {
                    _flushing = false;
                    return;
                }

                turn = _requested;
                _requested = [];
            }

            try
            {
                await SendAsync(turn).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Handed to every waiting caller; the loop must go on for later requests.
            catch (Exception error)
#pragma warning restore CA1031
            {
                foreach (Settlement settlement in turn)
                {
                    settlement.Completion.TrySetException(error);
                }
            }
        }
    }

    private async Task SendAsync(List<Settlement> turn)
    {
        foreach (Settlement nack in turn.Where(s => !s.Ack))
        {
            await _sendNack(nack.Tag, nack.Requeue).ConfigureAwait(false);
            MarkSettled(nack.Tag);
            nack.Completion.TrySetResult();
        }

        var acks = turn.Where(s => s.Ack).OrderBy(s => s.Tag).ToList();
        if (acks.Count == 0)
        {
            return;
        }

        ulong multipleTag = 0;
        ulong runEnd;
        lock (_gate)
        {
            var requested = acks.Select(s => s.Tag).ToHashSet();
            runEnd = _watermark;
            while (requested.Contains(runEnd + 1) || _settledAboveWatermark.Contains(runEnd + 1))
            {
                runEnd++;
                if (requested.Contains(runEnd))
                {
                    multipleTag = runEnd;
                }
            }
        }

        if (multipleTag != 0)
        {
            await _sendAck(multipleTag, true).ConfigureAwait(false);
            Interlocked.Increment(ref _ackFrames);
            lock (_gate)
            {
                for (ulong tag = _watermark + 1; tag <= runEnd; tag++)
                {
                    _settledAboveWatermark.Remove(tag);
                }

                _watermark = Math.Max(_watermark, runEnd);
            }
        }

        foreach (Settlement ack in acks)
        {
            if (ack.Tag > multipleTag)
            {
                await _sendAck(ack.Tag, false).ConfigureAwait(false);
                Interlocked.Increment(ref _ackFrames);
                MarkSettled(ack.Tag);
            }

            ack.Completion.TrySetResult();
        }
    }

    private void MarkSettled(ulong tag)
    {
        lock (_gate)
        {
            if (tag <= _watermark)
            {
                return;
            }

            _settledAboveWatermark.Add(tag);
            while (_settledAboveWatermark.Remove(_watermark + 1))
            {
                _watermark++;
            }
        }
    }

    private sealed record Settlement(ulong Tag, bool Ack, bool Requeue)
    {
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
