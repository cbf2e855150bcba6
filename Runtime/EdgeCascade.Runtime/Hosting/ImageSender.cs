using EdgeCascade.Actors.Nodes;
using EdgeCascade.Codec.Imaging;
using EdgeCascade.Runtime.Transport;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Runtime.Hosting;

/// <summary>
/// Feeds images at the flows' sources: for image id i, publishes the image file's bytes once to each source node's
/// queue (hop 0, level s) for all the source's flows together (one message, every flow riding on it, see
/// <see cref="Envelope.RiderFlows"/>), paced at a given rate, keeping many publisher confirms in flight.
/// </summary>
/// <remarks>
/// A source encodes each image once for all its flows (HCF's one encode for many destinations); the counts stay per
/// flow: image i of a source with two flows is two images sent, as the sinks deliver it twice.
/// </remarks>
public static class ImageSender
{
    /// <summary>Publishes <paramref name="count"/> images per source, ids <paramref name="firstImageId"/> onwards, each for all its flows.</summary>
    /// <param name="transport">Where to publish.</param>
    /// <param name="topology">The topology whose flows are fed.</param>
    /// <param name="images">Image id i is file i mod the set's size.</param>
    /// <param name="count">Images per flow.</param>
    /// <param name="ratePerSecond">Images per second per source (so per flow); 0 or less sends as fast as confirms allow.</param>
    /// <param name="policy">Policy name or bits (must match the nodes').</param>
    /// <param name="firstImageId">The first image id (ids must be new to the sinks: they drop ids they delivered before).</param>
    /// <param name="flows">Only these flows (null: all).</param>
    /// <param name="timeProvider">Clock for pacing and envelope creation times.</param>
    /// <param name="skipped">
    /// Called once per file that does not decode as an image (file path, reason); its image ids are not sent, so a
    /// source never rejects (and the sender never counts) a corrupt image. Null: such files are sent anyway.
    /// </param>
    /// <param name="cancellationToken">Stops sending.</param>
    /// <param name="rejected">
    /// Called once per flow of each message a source refused (flow, image id, the node's reason: a policy it does not
    /// run, an image it cannot read); such images are not counted. Null: they are not reported, still not counted.
    /// </param>
    /// <returns>Images accepted by their source (published and not refused), counted per flow.</returns>
    public static async Task<long> SendAsync(
        ITransport transport,
        TopologySpec topology,
        ImageSet images,
        int count,
        double ratePerSecond = 0,
        string? policy = null,
        long firstImageId = 0,
        IReadOnlyCollection<string>? flows = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default,
        Action<string, string>? skipped = null,
        Action<string, long, string>? rejected = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        timeProvider ??= TimeProvider.System;
        IReadOnlyList<FlowRoute> routes = RoutePlanner.Routes(topology, policy);
        var selected = routes.Where(r => flows is null || flows.Contains(r.Name)).ToList();
        if (flows is not null && selected.Count != flows.Count)
        {
            string unknown = string.Join(", ", flows.Where(f => routes.All(r => r.Name != f)));
            throw new ArgumentException($"topology '{topology.Name}' has no flow {unknown}; flows: {string.Join(", ", routes.Select(r => r.Name))}");
        }

        // One message per source and image, for the selected flows of that source in flow order.
        var sources = RoutePlanner.SourceTrees(topology)
            .Select(tree => tree.Select(i => routes[i]).Where(r => selected.Contains(r)).ToArray())
            .Where(tree => tree.Length > 0)
            .ToList();
        var payloads = new Dictionary<long, byte[]?>();
        // A sliding window of unconfirmed publishes: a confirmation now means "forwarded by every hop", so waiting
        // for whole batches (or for everything before each paced send) would stall the stream on end-to-end latency.
        using var window = new SemaphoreSlim(MaxInFlight, MaxInFlight);
        var all = new List<Task<int>>();
        long start = timeProvider.GetTimestamp();
        for (int i = 0; i < count; i++)
        {
            if (ratePerSecond > 0)
            {
                TimeSpan due = TimeSpan.FromSeconds(i / ratePerSecond) - timeProvider.GetElapsedTime(start);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, timeProvider, cancellationToken).ConfigureAwait(false);
                }
            }

            long imageId = firstImageId + i;
            int fileIndex = (int)(imageId % images.Count);
            if (!payloads.TryGetValue(fileIndex, out byte[]? payload))
            {
                payload = images.BytesFor(imageId);
                if (skipped is not null)
                {
                    try
                    {
                        _ = ImageFile.Decode(payload);
                    }
                    catch (ImageFormatException error)
                    {
                        skipped(images.FileFor(imageId), error.Message);
                        payload = null;
                    }
                }

                payloads[fileIndex] = payload;
            }

            if (payload is null)
            {
                continue; // a corrupt file: reported once, never sent
            }

            foreach (FlowRoute[] tree in sources)
            {
                FlowRoute first = tree[0];
                Envelope envelope = RoutePlanner.Carrying(
                    Envelope.Create(first.Name, imageId, first.Plan.Policy.SourceLevel, policy: string.Empty, payload, timeProvider.GetUtcNow()), tree);
                await window.WaitAsync(cancellationToken).ConfigureAwait(false);
                all.Add(PublishAsync(transport, first.Plan.Path[0], envelope, payload, window, rejected, cancellationToken));
            }
        }

        int[] accepted = await Task.WhenAll(all).ConfigureAwait(false);
        return accepted.Sum(a => (long)a);
    }

    /// <summary>Most images published and not yet confirmed at once.</summary>
    public const int MaxInFlight = 256;

    // The flows the message was accepted for: all of them, or none when the source refused it.
    private static async Task<int> PublishAsync(
        ITransport transport, string node, Envelope envelope, byte[] payload, SemaphoreSlim window, Action<string, long, string>? rejected, CancellationToken cancellationToken)
    {
        try
        {
            await transport.PublishAsync(node, envelope, payload, cancellationToken).ConfigureAwait(false);
            return envelope.RiderFlows.Count + 1;
        }
        catch (MessageRejectedException refused)
        {
            foreach (string flow in envelope.Flows)
            {
                rejected?.Invoke(flow, envelope.ImageId, refused.Message);
            }

            return 0;
        }
        finally
        {
            window.Release();
        }
    }
}
