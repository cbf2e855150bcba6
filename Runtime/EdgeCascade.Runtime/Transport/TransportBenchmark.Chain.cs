using System.Collections.Concurrent;
using System.Diagnostics;

namespace EdgeCascade.Runtime.Transport;

public static partial class TransportBenchmark
{
    /// <summary>One run of the three-node chain, with a flow id of its own so leftovers of earlier runs never count.</summary>
    private sealed class Chain
    {
        private static readonly DateTimeOffset s_epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        private readonly ITransport _source;
        private readonly ITransport _relay;
        private readonly ITransport _sink;
        private readonly TransportBenchmarkOptions _options;
        private readonly int _messages;
        private readonly byte[] _payload;
        private readonly bool _measureHops;
        private readonly string _flow;
        private readonly ConcurrentDictionary<Guid, long> _sentAt = new();
        private readonly ConcurrentQueue<TimeSpan> _hops = new();
        private readonly ConcurrentQueue<Exception> _failures = new();
        private readonly SinkDeduplicator _deduplicator;
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly SemaphoreSlim _window;
        private int _delivered;

        public Chain(
            ITransport source,
            ITransport relay,
            ITransport sink,
            TransportBenchmarkOptions options,
            int messages,
            byte[] payload,
            bool measureHops)
        {
            _source = source;
            _relay = relay;
            _sink = sink;
            _options = options;
            _messages = messages;
            _payload = payload;
            _measureHops = measureHops;
            string run = $"{Guid.NewGuid():N}"[..8];
            _flow = $"bench-{run}";
            _deduplicator = new SinkDeduplicator(capacity: Math.Max(1024, messages * 2));
            _window = new SemaphoreSlim(options.PublishesInFlight, options.PublishesInFlight);
        }

        private static string RelayNode => BenchRelay;

        private static string SinkNode => BenchSink;

        public async Task<ChainRun> RunAsync(double? rate, CancellationToken cancellationToken)
        {
            var consumeOptions = new SubscribeOptions { Prefetch = _options.PublishesInFlight };
            await using ISubscription sinkSubscription = await _sink.SubscribeAsync(SinkNode, OnSinkAsync, consumeOptions, cancellationToken)
                .ConfigureAwait(false);
            await using ISubscription relaySubscription = await _relay.SubscribeAsync(RelayNode, OnRelay, consumeOptions, cancellationToken)
                .ConfigureAwait(false);

            var elapsed = Stopwatch.StartNew();
            for (int i = 0; i < _messages; i++)
            {
                if (rate is { } perSecond)
                {
                    TimeSpan due = TimeSpan.FromSeconds(i / perSecond) - elapsed.Elapsed;
                    if (due > TimeSpan.Zero)
                    {
                        await Task.Delay(due, cancellationToken).ConfigureAwait(false);
                    }
                }

                await _window.WaitAsync(cancellationToken).ConfigureAwait(false);
                Envelope envelope = Envelope.Create(_flow, i, level: 1, policy: "bench", _payload, s_epoch.AddTicks(elapsed.Elapsed.Ticks));
                if (_measureHops)
                {
                    _sentAt[envelope.MessageId] = Stopwatch.GetTimestamp();
                }

                _ = PublishFromSourceAsync(envelope, cancellationToken);
            }

            await _done.Task.WaitAsync(TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
            elapsed.Stop();
            if (!_failures.IsEmpty)
            {
                throw new TransportException(
                    $"cluster benchmark: {_failures.Count} operations failed: {_failures.First().Message}", _failures.First());
            }

            return new ChainRun(elapsed.Elapsed, [.. _hops], _deduplicator.DuplicateCount);
        }

        private async Task OnSinkAsync(Delivery delivery, CancellationToken cancellationToken)
        {
            RecordHop(delivery.Envelope.MessageId);
            if (string.Equals(delivery.Envelope.FlowId, _flow, StringComparison.Ordinal)
                && _deduplicator.TryAccept(delivery.Envelope) && Interlocked.Increment(ref _delivered) == _messages)
            {
                _done.TrySetResult();
            }

            await delivery.AckAsync(cancellationToken).ConfigureAwait(false);
        }

        private Task OnRelay(Delivery delivery, CancellationToken cancellationToken)
        {
            RecordHop(delivery.Envelope.MessageId);

            // Return at once so many forwards are in flight; each input is acked only after its output is confirmed.
            _ = ForwardAsync(delivery, cancellationToken);
            return Task.CompletedTask;
        }

        private async Task ForwardAsync(Delivery delivery, CancellationToken cancellationToken)
        {
            try
            {
                Envelope next = delivery.Envelope.Forwarded();
                if (_measureHops)
                {
                    _sentAt[next.MessageId] = Stopwatch.GetTimestamp();
                }

                await _relay.PublishAsync(SinkNode, next, delivery.Payload, cancellationToken).ConfigureAwait(false);
                await delivery.AckAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Run over; the unacked input is resent to the next run's subscriber and ignored there (other flow id).
            }
#pragma warning disable CA1031 // Collected and reported once the run ends.
            catch (Exception error)
#pragma warning restore CA1031
            {
                Fail(error);
            }
        }

        private async Task PublishFromSourceAsync(Envelope envelope, CancellationToken cancellationToken)
        {
            try
            {
                await _source.PublishAsync(RelayNode, envelope, _payload, cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Collected and reported once the run ends.
            catch (Exception error)
#pragma warning restore CA1031
            {
                Fail(error);
            }
            finally
            {
                _window.Release();
            }
        }

        private void RecordHop(Guid messageId)
        {
            if (_measureHops && _sentAt.TryRemove(messageId, out long started))
            {
                _hops.Enqueue(Stopwatch.GetElapsedTime(started));
            }
        }

        private void Fail(Exception error)
        {
            _failures.Enqueue(error);
            _done.TrySetException(error);
        }
    }
}
