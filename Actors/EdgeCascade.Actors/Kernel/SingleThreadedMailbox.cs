namespace EdgeCascade.Actors.Kernel;

/// <summary>Mailbox for the virtual-time scheduler, where only one thread ever touches it.</summary>
internal sealed class SingleThreadedMailbox(int capacity) : Mailbox(capacity)
{
    private readonly Queue<Envelope> _messages = new();
    private readonly Queue<SystemMessage> _systemMessages = new();

    public override int Count => _messages.Count;

    public override bool HasSystemMessages => _systemMessages.Count > 0;

    public override bool TryEnqueue(Envelope envelope)
    {
        if (_messages.Count >= Capacity)
        {
            return false;
        }

        _messages.Enqueue(envelope);
        return true;
    }

    public override void EnqueueUnbounded(Envelope envelope) => _messages.Enqueue(envelope);

    public override bool TryDequeue(out Envelope envelope) => _messages.TryDequeue(out envelope);

    public override void EnqueueSystem(SystemMessage message) => _systemMessages.Enqueue(message);

    public override bool TryDequeueSystem(out SystemMessage message) => _systemMessages.TryDequeue(out message!);
}
