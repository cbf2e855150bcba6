namespace EdgeCascade.Actors.Kernel;

/// <summary>
/// Orders scheduled events by time, then priority (smaller first), then scheduling sequence, so
/// that ties are broken the same way on every run. Priority and sequence are packed into one
/// unsigned word (priority biased into the top 24 bits, sequence in the low 40), making the key
/// 16 bytes and a comparison two integer compares; heap sifts move these keys constantly.
/// </summary>
internal readonly struct EventKey : IComparable<EventKey>
{
    /// <summary>Smallest priority accepted; keeps the biased priority within 24 bits.</summary>
    public const int MinPriority = -(1 << 23);

    /// <summary>Largest priority accepted.</summary>
    public const int MaxPriority = (1 << 23) - 1;

    private const int SequenceBits = 40;
    private const ulong SequenceMask = (1UL << SequenceBits) - 1;

    public EventKey(long time, int priority, long sequence)
    {
        Time = time;
        Order = ((ulong)(uint)(priority - MinPriority) << SequenceBits) | ((ulong)sequence & SequenceMask);
    }

    public long Time { get; }

    /// <summary>Priority and sequence, comparable as one number.</summary>
    public ulong Order { get; }

    public int Priority => (int)(Order >> SequenceBits) + MinPriority;

    public long Sequence => (long)(Order & SequenceMask);

    /// <summary>The order value a default-priority event with <paramref name="sequence"/> would have.</summary>
    public static ulong DefaultPriorityOrder(long sequence) => ((ulong)(uint)-MinPriority << SequenceBits) | ((ulong)sequence & SequenceMask);

    public int CompareTo(EventKey other)
    {
        if (Time != other.Time)
        {
            return Time < other.Time ? -1 : 1;
        }

        return Order.CompareTo(other.Order);
    }
}
