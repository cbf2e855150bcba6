using System.Collections.Concurrent;
using EdgeCascade.Runtime.Transport;

namespace EdgeCascade.Runtime.Tests.Hosting;

/// <summary>
/// An in-process transport whose publishes to the gated nodes complete only when the test opens that node's gate (or
/// fail with what the test says): the confirmation of a downstream hop, held as long as the test needs.
/// </summary>
internal sealed class GatedTransport(params string[] gatedNodes) : ITransport
{
    private readonly InProcTransport _inner = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<Exception?>> _gates = new(
        gatedNodes.Select(n => KeyValuePair.Create(n, new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously))),
        StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, int> _waiting = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Node, Envelope Envelope)> _published = new();

    public string Kind => "gated-inproc";

    public int MaxPayloadBytes => _inner.MaxPayloadBytes;

    /// <summary>Every publish that went through, in order.</summary>
    public IReadOnlyCollection<(string Node, Envelope Envelope)> Published => _published;

    /// <summary>Publishes to <paramref name="node"/> waiting at its gate now.</summary>
    public int Waiting(string node) => _waiting.GetValueOrDefault(node);

    /// <summary>Lets the publishes to <paramref name="node"/> through; with <paramref name="failure"/> they fail with it instead.</summary>
    public void Open(string node, Exception? failure = null) => _gates[node].TrySetResult(failure);

    public async Task PublishAsync(string destinationNode, Envelope envelope, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        if (_gates.TryGetValue(destinationNode, out TaskCompletionSource<Exception?>? gate))
        {
            _waiting.AddOrUpdate(destinationNode, 1, (_, n) => n + 1);
            Exception? failure;
            try
            {
                failure = await gate.Task.WaitAsync(cancellationToken);
            }
            finally
            {
                _waiting.AddOrUpdate(destinationNode, 0, (_, n) => n - 1);
            }

            if (failure is not null)
            {
                throw failure;
            }
        }

        await _inner.PublishAsync(destinationNode, envelope, payload, cancellationToken);
        _published.Enqueue((destinationNode, envelope));
    }

    public Task<ISubscription> SubscribeAsync(
        string node, Func<Delivery, CancellationToken, Task> handler, SubscribeOptions? options = null, CancellationToken cancellationToken = default) =>
        _inner.SubscribeAsync(node, handler, options, cancellationToken);

    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
