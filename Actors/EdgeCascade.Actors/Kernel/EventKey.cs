namespace EdgeCascade.Actors.Kernel;

/// <summary>
/// Orders scheduled events by time, then priority (smaller first), then scheduling sequence, so
/// that ties are broken the same way on every run.
/// </summary>
internal readonly record struct EventKey(long Time, int Priority, long Sequence) : IComparable<EventKey>
{
    public int CompareTo(EventKey other)
    {
        if (Time != other.Time)
        {
            return Time < other.Time ? -1 : 1;
        }

        if (Priority != other.Priority)
        {
            return Priority < other.Priority ? -1 : 1;
        }

        return Sequence.CompareTo(other.Sequence);
    }
}
