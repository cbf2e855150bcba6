using System.Globalization;
using Akka.Actor;
using EdgeCascade.Runtime.Clustering;

namespace EdgeCascade.Runtime.Transport;

/// <summary>
/// The relay or sink process of <c>bench transport</c> (<c>edgecascade bench transport-member</c>): one cluster member
/// that runs both paths' far ends, so raw and cluster rounds cross the same three processes.
/// </summary>
/// <remarks>
/// <para>Raw path: the relay's /user/raw-relay forwards every frame to the sink's /user/raw-sink, which acks it
/// straight to the source. Cluster path: the relay's subscription forwards every delivery to the sink over its own
/// Akka.Delivery link and acks its input only once that publish is confirmed; the sink's subscription de-duplicates
/// and acks. Each records the latency of the hop into it (<see cref="BenchRecorder"/>), which the source reads from
/// /user/bench-probe after a run.</para>
/// </remarks>
public static class TransportBenchMember
{
    /// <summary>The relay's role (and node name).</summary>
    public const string Relay = TransportBenchmark.BenchRelay;

    /// <summary>The sink's role (and node name).</summary>
    public const string Sink = TransportBenchmark.BenchSink;

    /// <summary>Joins the source's cluster, serves until <paramref name="stop"/>, then leaves.</summary>
    /// <param name="role"><see cref="Relay"/> or <see cref="Sink"/>.</param>
    /// <param name="port">Where this member listens on 127.0.0.1.</param>
    /// <param name="seedPort">The source's port (the seed node).</param>
    /// <param name="sinkPort">The sink's port (the relay forwards raw frames there).</param>
    /// <param name="options">The lanes and payload size both paths run with.</param>
    /// <param name="readyFile">Written once both paths are served.</param>
    /// <param name="stop">SIGTERM.</param>
    public static async Task RunAsync(string role, int port, int seedPort, int sinkPort, TransportBenchmarkOptions options, string readyFile, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (role is not (Relay or Sink))
        {
            throw new ArgumentException($"role must be {Relay} or {Sink}, got '{role}'", nameof(role));
        }

        await using AkkaClusterTransport member = await TransportBenchmark.StartMemberAsync(role, port, seedPort, options, stop).ConfigureAwait(false);
        var recorder = new BenchRecorder();
        member.System.ActorOf(BenchProbeActor.Props(recorder), BenchProbeActor.Name);
        ISubscription subscription;
        var consume = new SubscribeOptions { Prefetch = options.PublishesInFlight };
        if (role == Sink)
        {
            member.System.ActorOf(RawSinkActor.Props(), "raw-sink");
            subscription = await member.SubscribeAsync(Sink, (delivery, token) =>
            {
                recorder.Hop(delivery.Envelope);
                recorder.Deliver(delivery.Envelope);
                return delivery.AckAsync(token);
            }, consume, stop).ConfigureAwait(false);
        }
        else
        {
            IActorRef rawSink = await member.System
                .ActorSelection(string.Create(CultureInfo.InvariantCulture, $"akka.tcp://{ClusterSettings.SystemName}@127.0.0.1:{sinkPort}/user/raw-sink"))
                .ResolveOne(TimeSpan.FromSeconds(20)).ConfigureAwait(false);
            member.System.ActorOf(RawRelayActor.Props(rawSink), "raw-relay");
            subscription = await member.SubscribeAsync(Relay, (delivery, token) =>
            {
                recorder.Hop(delivery.Envelope);

                // Return at once so many forwards are in flight; each input is acked only after its output is confirmed.
                _ = ForwardAsync(member, delivery, token);
                return Task.CompletedTask;
            }, consume, stop).ConfigureAwait(false);
        }

        await using (subscription.ConfigureAwait(false))
        {
            await File.WriteAllTextAsync(readyFile, string.Create(CultureInfo.InvariantCulture, $"pid={Environment.ProcessId} role={role}\n"), stop).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped by the source once it has read the probes.
            }
        }
    }

    private static async Task ForwardAsync(AkkaClusterTransport member, Delivery delivery, CancellationToken token)
    {
        try
        {
            Envelope next = delivery.Envelope.Forwarded() with { CreatedAt = BenchRecorder.Now() };
            await member.PublishAsync(Sink, next, delivery.Payload, token).ConfigureAwait(false);
            await delivery.AckAsync(token).ConfigureAwait(false);
        }
        catch (Exception error) when (error is TransportException or OperationCanceledException or InvalidOperationException)
        {
            // Unacked: the source's lane resends it (and the source's run reports a timeout if it never arrives).
        }
    }
}
