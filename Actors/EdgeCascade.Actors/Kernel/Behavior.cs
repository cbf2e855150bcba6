namespace EdgeCascade.Actors.Kernel;

/// <summary>A named behaviour's handlers, tried in registration order; the first match wins.</summary>
internal sealed class Behavior
{
    private ReceiveHandler[] _handlers = [];

    public void Add(ReceiveHandler handler) => _handlers = [.. _handlers, handler];

    public bool TryHandle(object message)
    {
        // An array and a for loop: this runs for every message in the simulator's hot path.
        ReceiveHandler[] handlers = _handlers;
        for (int i = 0; i < handlers.Length; i++)
        {
            if (handlers[i].TryHandle(message))
            {
                return true;
            }
        }

        return false;
    }
}
