using System.Collections.Concurrent;
using EdgeCascade.Runtime.Transport;

namespace EdgeCascade.Runtime.Shaping;

/// <summary>
/// An <see cref="ITransport"/> decorator that holds each publish until the outgoing link's token bucket allows its
/// payload, so a real run respects the topology's configured bandwidth, and records what each link carried.
/// </summary>
/// <remarks>
/// Only outgoing traffic is shaped (each node shapes what it sends); destinations without a <see cref="LinkShape"/>
/// pass straight through but are still measured. Shaping counts payload bytes: the envelope is tens of bytes.
/// </remarks>
public sealed class ShapedTransport : ITransport
{
    private readonly ITransport _inner;
    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<string, TokenBucket> _buckets;
    private readonly ConcurrentDictionary<string, LinkCounter> _counters = new(StringComparer.Ordinal);

    public ShapedTransport(ITransport inner, IEnumerable<LinkShape> outgoingLinks, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(outgoingLinks);
        _inner = inner;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _buckets = new Dictionary<string, TokenBucket>(StringComparer.Ordinal);
        foreach (LinkShape link in outgoingLinks)
        {
            _buckets[link.Destination] = new TokenBucket(link.BitsPerSecond, link.BurstBytes, _timeProvider);
        }
    }

    public string Kind => _inner.Kind;

    public int MaxPayloadBytes => _inner.MaxPayloadBytes;

    /// <summary>The wrapped transport.</summary>
    public ITransport Inner => _inner;

    public async Task PublishAsync(string destinationNode, Envelope envelope, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        TransportOptions.CheckPayload(destinationNode, envelope, payload, MaxPayloadBytes);
        LinkCounter counter = _counters.GetOrAdd(destinationNode, static _ => new LinkCounter());
        counter.MarkStart(_timeProvider.GetTimestamp());
        if (_buckets.TryGetValue(destinationNode, out TokenBucket? bucket))
        {
            await bucket.WaitAsync(payload.Length, cancellationToken).ConfigureAwait(false);
        }

        await _inner.PublishAsync(destinationNode, envelope, payload, cancellationToken).ConfigureAwait(false);
        counter.Record(payload.Length, 1 + envelope.RiderFlows.Count, _timeProvider.GetTimestamp());
    }

    public Task<ISubscription> SubscribeAsync(
        string node,
        Func<Delivery, CancellationToken, Task> handler,
        SubscribeOptions? options = null,
        CancellationToken cancellationToken = default) =>
        _inner.SubscribeAsync(node, handler, options, cancellationToken);

    /// <summary>Per-link totals so far, one entry per destination published to, ordered by destination.</summary>
    public IReadOnlyList<LinkThroughput> Throughput() =>
        _counters
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => pair.Value.Snapshot(
                pair.Key,
                _buckets.TryGetValue(pair.Key, out TokenBucket? bucket) ? bucket.BitsPerSecond : null,
                _timeProvider))
            .ToList();

    public ValueTask DisposeAsync() => _inner.DisposeAsync();

    /// <summary>Thread-safe running totals of one link.</summary>
    private sealed class LinkCounter
    {
        private readonly Lock _gate = new();
        private long _messages;
        private long _bytes;
        private long _flowImages;
        private long _firstStart = -1;
        private long _lastEnd = -1;

        public void MarkStart(long timestamp)
        {
            lock (_gate)
            {
                if (_firstStart < 0)
                {
                    _firstStart = timestamp;
                }
            }
        }

        public void Record(long bytes, int flows, long timestamp)
        {
            lock (_gate)
            {
                _messages++;
                _flowImages += flows;
                _bytes += bytes;
                _lastEnd = Math.Max(_lastEnd, timestamp);
            }
        }

        public LinkThroughput Snapshot(string destination, double? configured, TimeProvider timeProvider)
        {
            lock (_gate)
            {
                TimeSpan elapsed = _firstStart >= 0 && _lastEnd >= _firstStart
                    ? timeProvider.GetElapsedTime(_firstStart, _lastEnd)
                    : TimeSpan.Zero;
                return new LinkThroughput(destination, configured, _messages, _bytes, elapsed, _flowImages);
            }
        }
    }
}
