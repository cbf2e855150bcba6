using System.Threading.Channels;
using EdgeCascade.Runtime.Transport;

namespace EdgeCascade.Runtime.Tests.Transport;

/// <summary>A subscription handler that queues every delivery (unsettled) for the test to inspect.</summary>
internal sealed class DeliveryProbe
{
    private readonly Channel<Delivery> _deliveries = Channel.CreateUnbounded<Delivery>();
    private readonly Channel<RejectedMessage> _rejected = Channel.CreateUnbounded<RejectedMessage>();

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public Task Handle(Delivery delivery, CancellationToken cancellationToken)
    {
        _deliveries.Writer.TryWrite(delivery);
        return Task.CompletedTask;
    }

    public void OnRejected(RejectedMessage message) => _rejected.Writer.TryWrite(message);

    public async Task<Delivery> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            return await _deliveries.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no delivery within {Timeout.TotalSeconds} s");
        }
    }

    public async Task<RejectedMessage> NextRejectedAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            return await _rejected.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no rejection within {Timeout.TotalSeconds} s");
        }
    }

    /// <summary>True when no delivery arrives within <paramref name="wait"/>.</summary>
    public async Task<bool> StaysEmptyAsync(TimeSpan wait)
    {
        await Task.Delay(wait);
        return !_deliveries.Reader.TryPeek(out _);
    }

    public int Pending => _deliveries.Reader.Count;
}
