using System.Threading.Channels;

namespace EdgeCascade.Runtime.Transport;

/// <summary>One node's in-memory queue; unbounded like a broker queue (backpressure is the consumer's prefetch).</summary>
internal sealed class InProcQueue
{
    private readonly Channel<InProcMessage> _channel = Channel.CreateUnbounded<InProcMessage>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });

    public int Count => _channel.Reader.Count;

    public ChannelReader<InProcMessage> Reader => _channel.Reader;

    public void Enqueue(InProcMessage message)
    {
        bool written = _channel.Writer.TryWrite(message);
        System.Diagnostics.Debug.Assert(written, "an unbounded, never-completed channel accepts every write");
    }
}
