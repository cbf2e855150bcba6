using System.Runtime.CompilerServices;

namespace EdgeCascade.Actors.Kernel;

/// <summary>
/// Min-heap of future events for the virtual scheduler: a 4-ary heap of 24-byte (time, order,
/// slot) entries, with the events themselves parked in a slot array. Sifts move only the small
/// entries, and four children share a cache line, which keeps pops cheap with 10^5+ pending events
/// (the general-purpose PriorityQueue moves the whole event with its key).
/// </summary>
internal sealed class EventHeap
{
    private Entry[] _entries = new Entry[64];
    private ScheduledEvent[] _slots = new ScheduledEvent[64];
    private int[] _freeSlots = new int[64];
    private int _freeCount;
    private int _usedSlots;
    private int _count;

    public int Count => _count;

    public bool TryPeek(out long time, out ulong order)
    {
        if (_count == 0)
        {
            time = 0;
            order = 0;
            return false;
        }

        ref Entry top = ref _entries[0];
        time = top.Time;
        order = top.Order;
        return true;
    }

    public void Push(EventKey key, in ScheduledEvent scheduled)
    {
        int slot = TakeSlot();
        _slots[slot] = scheduled;
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        var entry = new Entry(key.Time, key.Order, slot);
        Entry[] entries = _entries;
        int hole = _count++;
        while (hole > 0)
        {
            int parent = (hole - 1) >> 2;
            if (!Less(entry, entries[parent]))
            {
                break;
            }

            entries[hole] = entries[parent];
            hole = parent;
        }

        entries[hole] = entry;
    }

    public ScheduledEvent Pop()
    {
        Entry[] entries = _entries;
        int slot = entries[0].Slot;
        ScheduledEvent scheduled = _slots[slot];
        _slots[slot] = default;
        _freeSlots[_freeCount++] = slot;

        int count = --_count;
        if (count > 0)
        {
            Entry last = entries[count];
            int hole = 0;
            while (true)
            {
                int first = (hole << 2) + 1;
                if (first >= count)
                {
                    break;
                }

                int smallest = first;
                int end = Math.Min(first + 4, count);
                for (int child = first + 1; child < end; child++)
                {
                    if (Less(entries[child], entries[smallest]))
                    {
                        smallest = child;
                    }
                }

                if (!Less(entries[smallest], last))
                {
                    break;
                }

                entries[hole] = entries[smallest];
                hole = smallest;
            }

            entries[hole] = last;
        }

        return scheduled;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(in Entry a, in Entry b) => a.Time < b.Time || (a.Time == b.Time && a.Order < b.Order);

    private int TakeSlot()
    {
        if (_freeCount > 0)
        {
            return _freeSlots[--_freeCount];
        }

        if (_usedSlots == _slots.Length)
        {
            Array.Resize(ref _slots, _slots.Length * 2);
            Array.Resize(ref _freeSlots, _slots.Length);
        }

        return _usedSlots++;
    }

    private readonly record struct Entry(long Time, ulong Order, int Slot);
}
