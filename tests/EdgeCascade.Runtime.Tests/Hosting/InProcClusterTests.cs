using EdgeCascade.Codec.Imaging;
using EdgeCascade.Runtime.Hosting;
using EdgeCascade.Runtime.Shaping;
using EdgeCascade.Runtime.Transport;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Runtime.Tests.Hosting;

public sealed class InProcClusterTests : IDisposable
{
    private readonly ClusterTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task RunAsync_TwoStageChain_DeliversEveryImageIdenticalToCascadeRunnerHcf()
    {
        string output = _bed.NewDirectory("run");
        await using InProcCluster cluster = await InProcCluster.StartAsync(_bed.Topology, _bed.Engine, output, referenceImages: _bed.ImageDirectory);

        ClusterRunResult result = await cluster.RunAsync(_bed.Images, count: 24, timeout: TimeSpan.FromMinutes(2));

        Assert.Equal(24, result.Sent);
        Assert.Equal(24, result.Delivered);
        Assert.Equal(0, result.Duplicates);
        Assert.True(result.MeanBitsPerPixel > 0);
        Assert.False(double.IsNaN(result.MeanPsnrDb));
        Assert.All(result.Records, r => Assert.False(double.IsNaN(r.PsnrDb)));
        _bed.AssertDelivered(Path.Combine(output, "cloud"), 24);
        Assert.Contains(result.Links, l => l.From == "camera" && l.Throughput.Destination == "relay" && l.Throughput.Messages == 24);
    }

    [Fact]
    public async Task RunAsync_CodecBypassed_PassesEveryPayloadOnUnchangedAndWritesRowsOnly()
    {
        const int Count = 40;
        string output = _bed.NewDirectory("bypass");
        await using InProcCluster cluster = await InProcCluster.StartAsync(_bed.Topology, _bed.Engine, output, bypassCodec: true);

        ClusterRunResult result = await cluster.RunAsync(_bed.Images, count: Count, timeout: TimeSpan.FromMinutes(1));

        Assert.Equal(Count, result.Delivered);
        Assert.Equal(0, result.Duplicates);
        Assert.Equal(Enumerable.Range(0, Count).Select(i => (long)i), result.Records.Select(r => r.ImageId).Order());
        Assert.All(result.Records, r => Assert.True(double.IsNaN(r.BitsPerPixel) && double.IsNaN(r.PsnrDb)));
        Assert.Empty(Directory.GetFiles(Path.Combine(output, "cloud"), "*.png", SearchOption.AllDirectories));
        long fileBytes = Enumerable.Range(0, Count).Sum(i => (long)_bed.Images.BytesFor(i).Length);
        LinkThroughputEntry uplink = Assert.Single(result.Links, l => l.From == "camera");
        Assert.Equal(Count, uplink.Throughput.Messages);
        Assert.Equal(fileBytes, uplink.Throughput.PayloadBytes);
        Assert.Equal(fileBytes, Assert.Single(result.Links, l => l.From == "relay").Throughput.PayloadBytes);

        // Shaped to 20 Mbit/s: never more than the bucket's burst plus the rate over the measured time.
        double rate = uplink.Throughput.ConfiguredBitsPerSecond!.Value;
        long burst = LinkShape.DefaultBurstBytes(rate);
        Assert.True(
            uplink.Throughput.PayloadBytes * 8.0 <= (rate * uplink.Throughput.Elapsed.TotalSeconds) + ((burst + _bed.Images.BytesFor(0).Length) * 8.0 * 2),
            $"{uplink.Throughput.PayloadBytes} B in {uplink.Throughput.Elapsed.TotalSeconds:0.000} s exceeds {rate / 1e6} Mbit/s");
    }

    [Fact]
    public async Task Sink_Redelivery_IsWrittenOnce()
    {
        string output = _bed.NewDirectory("dup");
        await using InProcCluster cluster = await InProcCluster.StartAsync(_bed.Topology, _bed.Engine, output, writeImages: false);
        await cluster.RunAsync(_bed.Images, count: 3, timeout: TimeSpan.FromMinutes(1));

        // The same ids again, as an upstream crash between forward and ack would produce.
        await SendAgainAndWaitForDuplicatesAsync(cluster, _bed.Topology, count: 3, duplicates: 3, TimeSpan.FromSeconds(30));

        Assert.Equal(3, cluster.Nodes.Sum(n => n.Statistics.Duplicates));
        Assert.Equal(3, SinkWriter.ReadCsv(Path.Combine(output, "cloud", SinkWriter.CsvFileName)).Count);
    }

    [Fact]
    public async Task Node_MessageWithOtherPolicy_IsRefusedNotProcessed()
    {
        await using InProcCluster cluster = await InProcCluster.StartAsync(_bed.Topology, _bed.Engine, _bed.NewDirectory("policy"), writeImages: false);
        byte[] payload = _bed.Images.BytesFor(0);
        await cluster.Transport.PublishAsync("camera", Envelope.Create(ClusterTestBed.Flow, 0, 6, "1001", payload, DateTimeOffset.UtcNow), payload);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (cluster.Nodes[0].Statistics.Refused == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(1, cluster.Nodes[0].Statistics.Refused);
        Assert.Equal(0, cluster.Nodes[0].Statistics.Received);
    }

    [Fact]
    public async Task RelayStoppedGracefullyMidRun_Restarted_NothingLostNothingTwice()
    {
        const int Count = 60;
        string output = _bed.NewDirectory("drain");
        await using var transport = new InProcTransport();
        NodeRuntime Start(string node) => NodeRuntime.StartAsync(
            new NodeHostOptions { Topology = _bed.Topology, NodeName = node, OutputDirectory = output }, transport, _bed.Engine).GetAwaiter().GetResult();
        NodeRuntime camera = Start("camera");
        NodeRuntime relay = Start("relay");
        NodeRuntime cloud = Start("cloud");
        try
        {
            Task sending = ImageSender.SendAsync(transport, _bed.Topology, _bed.Images, Count, ratePerSecond: 200);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (relay.Statistics.Forwarded < 10 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(5);
            }

            await relay.StopAsync(); // SIGTERM path: drain, ack only what was forwarded, return the rest
            NodeStatistics stopped = relay.Statistics;
            Assert.Equal(0, relay.InFlight);
            Assert.True(stopped.Forwarded < Count);

            relay = Start("relay");
            await sending;
            deadline = DateTime.UtcNow.AddSeconds(60);
            while (cloud.Statistics.Delivered < Count && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }

            await Task.Delay(200);
            _bed.AssertDelivered(output, Count);
            Assert.Equal(0, cloud.Statistics.Duplicates); // a graceful stop acks everything it forwarded
        }
        finally
        {
            await camera.StopAsync();
            await relay.StopAsync();
            await cloud.StopAsync();
        }
    }

    [Fact]
    public async Task RunAsync_TwoFlowsSharingTheFirstHop_EncodesEachImageOnceAndSendsItOnceOverTheSharedLink()
    {
        const int Count = 6;
        string output = _bed.NewDirectory("tree");
        await using InProcCluster cluster = await InProcCluster.StartAsync(FlowTree.Topology, _bed.Engine, output, referenceImages: _bed.ImageDirectory);

        ClusterRunResult result = await cluster.RunAsync(_bed.Images, count: Count, timeout: TimeSpan.FromMinutes(3));

        // Counted per flow: every image reaches both destinations.
        Assert.Equal(2 * Count, result.Sent);
        Assert.Equal(2 * Count, result.Delivered);
        Assert.Equal(0, result.Duplicates);

        // The camera runs one stage (g_a^6 and the first quantize) per image for both flows; the relay forks.
        long Stages(string node) => Assert.Single(result.Nodes, n => n.Name == node).Statistics.StagesRun;
        Assert.Equal(Count, Stages("camera"));
        Assert.Equal(2 * Count, Stages("relay"));
        LinkThroughput Link(string from, string to) => Assert.Single(result.Links, l => l.From == from && l.Throughput.Destination == to).Throughput;
        Assert.Equal((Count, 2L * Count), (Link("camera", "relay").Messages, Link("camera", "relay").FlowImages));
        Assert.Equal((Count, (long)Count), (Link("relay", "monitor").Messages, Link("relay", "monitor").FlowImages));
        Assert.Equal((Count, (long)Count), (Link("relay", "archive").Messages, Link("relay", "archive").FlowImages));

        // Each destination has every image of its own flow, reconstructed at its own level as the in-process cascade does.
        foreach ((string sink, string flow) in new[] { ("monitor", FlowTree.Watch), ("archive", FlowTree.Keep) })
        {
            IReadOnlyList<SinkRecord> rows = SinkWriter.ReadCsv(Path.Combine(output, sink, SinkWriter.CsvFileName));
            Assert.Equal(Enumerable.Range(0, Count).Select(i => (long)i), rows.Select(r => r.ImageId).Order());
            Assert.All(rows, r => Assert.Equal(flow, r.Flow));
            Assert.All(rows, r => Assert.True(r.BitsPerPixel > 0 && !double.IsNaN(r.PsnrDb)));
            foreach (SinkRecord row in rows)
            {
                RgbImage image = ImageFile.Read(Path.Combine(output, sink, flow, $"{row.ImageId:D6}.png"));
                Assert.Equal(FlowTree.Expected(_bed, flow, row.ImageId), image.Pixels.ToArray());
            }
        }

        Assert.NotEqual(FlowTree.Expected(_bed, FlowTree.Watch, 0), FlowTree.Expected(_bed, FlowTree.Keep, 0));
        double Bpp(string sink) => SinkWriter.ReadCsv(Path.Combine(output, sink, SinkWriter.CsvFileName)).Average(r => r.BitsPerPixel);
        Assert.True(Bpp("monitor") > Bpp("archive"), $"level 4 at {Bpp("monitor")} bpp, level 2 at {Bpp("archive")} bpp");
    }

    [Fact]
    public async Task RunAsync_TwoFlowsCodecBypassed_SendsOneMessagePerImageAndDeliversBothFlows()
    {
        const int Count = 10;
        string output = _bed.NewDirectory("tree-bypass");
        await using InProcCluster cluster = await InProcCluster.StartAsync(FlowTree.Topology, _bed.Engine, output, bypassCodec: true);

        ClusterRunResult result = await cluster.RunAsync(_bed.Images, count: Count, timeout: TimeSpan.FromMinutes(1));

        Assert.Equal((2L * Count, 2L * Count), (result.Sent, result.Delivered));
        LinkThroughputEntry shared = Assert.Single(result.Links, l => l.From == "camera");
        Assert.Equal((Count, 2L * Count), (shared.Throughput.Messages, shared.Throughput.FlowImages));
        Assert.Equal(Count, SinkWriter.ReadCsv(Path.Combine(output, "monitor", SinkWriter.CsvFileName)).Count(r => r.Flow == FlowTree.Watch));
        Assert.Equal(Count, SinkWriter.ReadCsv(Path.Combine(output, "archive", SinkWriter.CsvFileName)).Count(r => r.Flow == FlowTree.Keep));
    }

    [Fact]
    public async Task Sink_RedeliveryOfAnImageOfTwoFlows_IsWrittenOncePerFlow()
    {
        string output = _bed.NewDirectory("tree-dup");
        await using InProcCluster cluster = await InProcCluster.StartAsync(FlowTree.Topology, _bed.Engine, output, writeImages: false);
        await cluster.RunAsync(_bed.Images, count: 3, timeout: TimeSpan.FromMinutes(1));

        // The same ids again: each sink recognises its own flow's images, by (flow, image id).
        await SendAgainAndWaitForDuplicatesAsync(cluster, FlowTree.Topology, count: 3, duplicates: 6, TimeSpan.FromSeconds(60));

        Assert.Equal(6, cluster.Nodes.Sum(n => n.Statistics.Duplicates));
        Assert.Equal([0L, 1, 2], SinkWriter.ReadCsv(Path.Combine(output, "monitor", SinkWriter.CsvFileName)).Select(r => r.ImageId).Order());
        Assert.Equal([0L, 1, 2], SinkWriter.ReadCsv(Path.Combine(output, "archive", SinkWriter.CsvFileName)).Select(r => r.ImageId).Order());
    }

    /// <summary>Sends images 0..count-1 again (as an upstream crash between forward and ack would) and waits until the
    /// nodes have counted <paramref name="duplicates"/> duplicates or <paramref name="wait"/> has passed.</summary>
    private async Task SendAgainAndWaitForDuplicatesAsync(InProcCluster cluster, TopologySpec topology, int count, long duplicates, TimeSpan wait)
    {
        await ImageSender.SendAsync(cluster.Transport, topology, _bed.Images, count: count);
        var deadline = DateTime.UtcNow + wait;
        while (cluster.Nodes.Sum(n => n.Statistics.Duplicates) < duplicates && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }
}
