using System.Diagnostics;
using System.Text.Json.Nodes;
using EdgeCascade.Actors.Policies;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Codec.Imaging;
using EdgeCascade.Codec.Models;
using EdgeCascade.Codec.Tests.Models;
using EdgeCascade.Runtime.Hosting;
using Xunit.Abstractions;

namespace EdgeCascade.Cli.Tests.Commands;

/// <summary>
/// <c>cluster run</c> (in-process), <c>node</c>/<c>send</c> error contract, and three real <c>edgecascade node</c>
/// processes (Akka.Cluster members on 127.0.0.1) started by <c>cluster up</c>, one of them SIGKILLed and restarted
/// mid-run, stopped by <c>cluster down</c>.
/// </summary>
public sealed class ClusterCommandsTests : IDisposable
{
    private readonly SyntheticFamily _family = new(seed: 43);
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"ec-cluster-cli-{Guid.NewGuid():N}");
    private readonly string _topology = $"cli{Guid.NewGuid():N}"[..11];
    private readonly string _topologyFile;
    private readonly string _images;

    private readonly ITestOutputHelper _log;

    public ClusterCommandsTests(ITestOutputHelper log)
    {
        _log = log;
        Directory.CreateDirectory(_root);
        _images = Path.Combine(_root, "images");
        Directory.CreateDirectory(_images);
        for (int i = 0; i < 4; i++)
        {
            ImageFile.Write(Path.Combine(_images, $"img{i}.png"), SyntheticImages.Gradient(64, 64, 200 + i));
        }

        _topologyFile = Path.Combine(_root, "topologies.hocon");
        File.WriteAllText(_topologyFile, $$"""
            edgecascade.topologies {
              {{_topology}} {
                nodes {
                  camera { gpu = camera-soc, queue-capacity = 16 }
                  relay { gpu = jetson-agx-orin }
                  cloud { gpu = a100, queue-capacity = 256 }
                }
                links = [
                  { from = camera, to = relay, bandwidth = 20 Mbps, latency = 15 ms }
                  { from = relay, to = cloud, bandwidth = 1 Gbps, latency = 8 ms }
                ]
                flows {
                  cam { source = camera, destination = cloud, source-level = 6, target-level = 3 }
                }
              }
            }
            """);
    }

    public void Dispose()
    {
        _family.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void ClusterRun_InProcess_DeliversReconstructionsEqualToCascadeRunnerHcf()
    {
        string output = Path.Combine(_root, "run");

        var (code, stdout, stderr) = CliRunner.Run(
            "cluster", "run", "--topology", _topology, "--file", _topologyFile, "--images", _images, "--count", "6",
            "--models", _family.Directory, "--out", output, "--json");

        Assert.True(code == 0, stderr);
        JsonNode summary = JsonNode.Parse(stdout)!;
        Assert.Equal(6, summary["images_delivered"]!.GetValue<long>());
        Assert.Equal(0, summary["duplicates"]!.GetValue<long>());
        Assert.True(summary["mean_psnr_db"]!.GetValue<double>() > 0);
        Assert.True(File.Exists(Path.Combine(output, "summary.json")));
        AssertReconstructions(Path.Combine(output, "cloud"), 6);
    }

    // Issue 17, failure 9: a corrupt PNG was sent, refused at the source, and waited for until the 600 s timeout with no word.
    [Fact]
    public void ClusterRun_FolderWithCorruptPng_NamesItAndDeliversTheRest()
    {
        File.WriteAllBytes(Path.Combine(_images, "img1.png"), File.ReadAllBytes(Path.Combine(_images, "img0.png"))[..100]);

        var (code, stdout, stderr) = CliRunner.Run(
            "cluster", "run", "--topology", _topology, "--file", _topologyFile, "--images", _images, "--count", "4",
            "--models", _family.Directory, "--out", Path.Combine(_root, "run"), "--json", "--timeout", "120");

        Assert.True(code == 0, stderr);
        Assert.Contains("skipped", stderr, StringComparison.Ordinal);
        Assert.Contains("img1.png", stderr, StringComparison.Ordinal);
        JsonNode summary = JsonNode.Parse(stdout)!;
        Assert.Equal(3, summary["images_sent"]!.GetValue<long>());
        Assert.Equal(3, summary["images_delivered"]!.GetValue<long>());
    }

    [Fact]
    public void Send_InProcTransport_ExitCode2PointsToClusterRun()
    {
        var (code, _, stderr) = CliRunner.Run("send", "--topology", _topology, "--file", _topologyFile, "--images", _images, "--transport", "inproc");

        Assert.Equal(2, code);
        Assert.Contains("cluster run", stderr);
    }

    [Fact]
    public void Node_UnknownNode_ExitCode2ListsNodes()
    {
        var (code, _, stderr) = CliRunner.Run("node", "--topology", _topology, "--file", _topologyFile, "--name", "nope", "--models", _family.Directory);

        Assert.Equal(2, code);
        Assert.Contains("camera, relay, cloud", stderr);
    }

    [Fact]
    public void ClusterDown_NothingStarted_ExitCode2()
    {
        var (code, _, stderr) = CliRunner.Run("cluster", "down", "--topology", _topology, "--state-dir", Path.Combine(_root, "state"));

        Assert.Equal(2, code);
        Assert.Contains("nothing to stop", stderr);
    }

    [Fact]
    public void Node_NoSeedNodeAnswers_ExitCode2WithOneLine()
    {
        int[] ports = FreePorts(2);
        var watch = Stopwatch.StartNew();

        var (code, _, stderr) = CliRunner.Run(
            "node", "--topology", _topology, "--file", _topologyFile, "--name", "relay", "--models", _family.Directory,
            "--port", Port(ports[0]), "--seed-nodes", $"127.0.0.1:{ports[1]}", "--join-timeout", "3");

        Assert.Equal(2, code);
        string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("edgecascade: could not join the cluster within 3 s: no seed node answered at 127.0.0.1:", lines[0]);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("node")]
    [InlineData("send")]
    public async Task SeedThatAcceptsButNeverSpeaks_FailsWithinTheJoinTimeout_OneLineExit2(string command)
    {
        // Issue 17, failure 10: a port that takes the TCP connection and then stays silent (no Akka handshake).
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        int silentPort = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        using var stop = new CancellationTokenSource();
        var held = new List<System.Net.Sockets.TcpClient>();
        int accepted = 0;
        Task accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    held.Add(await silent.AcceptTcpClientAsync(stop.Token)); // kept open, never read or written
                    Interlocked.Increment(ref accepted);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        string[] args = command == "node"
            ? ["node", "--topology", _topology, "--file", _topologyFile, "--name", "relay", "--models", _family.Directory, "--port", Port(FreePorts(1)[0])]
            : ["send", "--topology", _topology, "--file", _topologyFile, "--images", _images, "--count", "3"];
        var watch = Stopwatch.StartNew();

        var (code, _, stderr) = CliRunner.Run([.. args, "--seed-nodes", $"127.0.0.1:{silentPort}", "--join-timeout", "4"]);

        watch.Stop();
        await stop.CancelAsync();
        await accepting;
        held.ForEach(c => c.Dispose());
        Assert.Equal(2, code);
        string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Equal($"edgecascade: could not join the cluster within 4 s: no seed node answered at 127.0.0.1:{silentPort}", lines[0].Trim());
        Assert.True(Volatile.Read(ref accepted) > 0, "the command never connected to the silent port");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(25), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Node_ClusterConfigFile_SeedsAndJoinTimeoutComeFromIt()
    {
        int[] ports = FreePorts(2);
        string config = Path.Combine(_root, "cluster.conf");
        File.WriteAllText(config, $$"""
            edgecascade.cluster {
              port = {{ports[0]}}
              seed-nodes = ["127.0.0.1:{{ports[1]}}"]
              join-timeout = 3s
            }
            """);

        var (code, _, stderr) = CliRunner.Run(
            "node", "--topology", _topology, "--file", _topologyFile, "--name", "relay", "--models", _family.Directory, "--cluster-config", config);

        Assert.Equal(2, code);
        Assert.Equal($"edgecascade: could not join the cluster within 3 s: no seed node answered at 127.0.0.1:{ports[1]}", stderr.Trim());
    }

    [Fact]
    public void Node_ClusterConfigFileWithAMistake_OneLineWithFileLineColumn()
    {
        string config = Path.Combine(_root, "bad-cluster.conf");
        File.WriteAllText(config, "edgecascade.cluster {\n  seed-nodes = [\"127.0.0.1:4053\"\n");

        var (code, _, stderr) = CliRunner.Run(
            "node", "--topology", _topology, "--file", _topologyFile, "--name", "relay", "--models", _family.Directory, "--cluster-config", config);

        Assert.Equal(2, code);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith($"edgecascade: {config}:", stderr.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Node_PortInUse_ExitCode2WithOneLine()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        string port = Port(((System.Net.IPEndPoint)taken.LocalEndpoint).Port);

        var (code, _, stderr) = CliRunner.Run(
            "node", "--topology", _topology, "--file", _topologyFile, "--name", "relay", "--models", _family.Directory, "--port", port);

        Assert.Equal(2, code);
        Assert.StartsWith($"edgecascade: cannot listen on 127.0.0.1:{port}", stderr.Trim());
    }

    [Fact]
    public void Node_BadSeedNode_ExitCode2NamesIt()
    {
        var (code, _, stderr) = CliRunner.Run(
            "node", "--topology", _topology, "--file", _topologyFile, "--name", "relay", "--models", _family.Directory, "--seed-nodes", "host-without-port");

        Assert.Equal(2, code);
        Assert.Equal("edgecascade: seed node 'host-without-port' is not host:port", stderr.Trim());
    }

    [Fact]
    public void ClusterChaos_KillTheSourceMidStream_LosesNothingAndShowsEveryImageOnce()
    {
        // The source: the sender's Akka.Delivery lanes resend what the killed camera held.
        var (code, stdout, stderr) = CliRunner.Run(
            "cluster", "chaos", "--topology", _topology, "--file", _topologyFile, "--images", _images, "--count", "500", "--kill", "camera",
            "--models", _family.Directory, "--base-port", Port(ConsecutiveFreePorts(3)), "--json");

        Assert.True(code == 0, stderr);
        _log.WriteLine(stdout);
        JsonNode result = JsonNode.Parse(stdout)!;
        Assert.Equal(500, result["sent"]!.GetValue<long>());
        Assert.Equal(500, result["delivered"]!.GetValue<long>());
        Assert.Equal(0, result["lost"]!.GetValue<long>());
        Assert.Equal(0, result["duplicates_to_user"]!.GetValue<long>());
        Assert.Equal(0, result["reconstruction_mismatches"]!.GetValue<long>());
        Assert.InRange(result["restart_to_up_seconds"]!.GetValue<double>(), 0.1, 60);
    }

    [Fact]
    public void ClusterChaos_UnknownNodeToKill_ExitCode2ListsNodes()
    {
        var (code, _, stderr) = CliRunner.Run(
            "cluster", "chaos", "--topology", _topology, "--file", _topologyFile, "--images", _images, "--kill", "nope", "--models", _family.Directory);

        Assert.Equal(2, code);
        Assert.Equal("edgecascade: --kill: topology '" + _topology + "' has no node 'nope'; nodes: camera, relay, cloud", stderr.Trim());
    }

    [Theory]
    [InlineData("relay")]
    public async Task ClusterUp_ThreeProcesses_NodeSigkilledAndRestarted_AllDeliveredOnce(string victim)
    {
        const int Count = 500;
        (string state, string[] common, string[] up, string seeds) = ThreeProcessCluster();
        try
        {
            var started = CliRunner.Run(up);
            Assert.True(started.ExitCode == 0, started.Error + started.Output);
            _log.WriteLine(started.Output);
            string[] pids = File.ReadAllLines(Path.Combine(state, _topology + ".pids"));
            Assert.Equal(3, pids.Length);
            int victimPid = int.Parse(pids.Single(l => l.StartsWith(victim + " ", StringComparison.Ordinal)).Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);

            var watch = Stopwatch.StartNew();
            Task<(int ExitCode, string Output, string Error)> sending = Task.Run(() =>
                CliRunner.Run(["send", .. common, "--images", _images, "--count", Count.ToString(System.Globalization.CultureInfo.InvariantCulture), "--rate", "80", "--seed-nodes", seeds]));
            string csv = Path.Combine(state, _topology, "out", "cloud", SinkWriter.CsvFileName);
            await WaitForAsync(() => Rows(csv) >= Count / 2, TimeSpan.FromSeconds(180)); // the middle of the run

            using (Process killed = Process.GetProcessById(victimPid))
            {
                killed.Kill(); // SIGKILL: no drain, nothing confirmed upstream, no graceful leave
                killed.WaitForExit(10_000);
            }

            int deliveredAtKill = Rows(csv);
            Assert.True(deliveredAtKill < Count, $"the relay was killed only after all {Count} images were delivered");

            var restart = Stopwatch.StartNew();
            var restarted = CliRunner.Run(up); // restarts only the dead node, and waits until it is Up and consuming
            Assert.True(restarted.ExitCode == 0, restarted.Error + restarted.Output);
            _log.WriteLine($"{victim} SIGKILLed at {deliveredAtKill} delivered; restarted and Up in {restart.Elapsed.TotalSeconds:0.0} s");
            Assert.DoesNotContain(File.ReadAllLines(Path.Combine(state, _topology + ".pids")), l => l.EndsWith($" {victimPid}", StringComparison.Ordinal));
            var sent = await sending;
            Assert.True(sent.ExitCode == 0, sent.Error);
            Assert.Contains($"sent {Count} image(s)", sent.Output, StringComparison.Ordinal);
            await WaitForAsync(() => Rows(csv) >= Count, TimeSpan.FromSeconds(60));
            _log.WriteLine($"{Count} images sent and delivered in {watch.Elapsed.TotalSeconds:0.0} s");

            var status = CliRunner.Run(["cluster", "status", .. common, "--state-dir", state, "--json", "--seed-nodes", seeds]);
            Assert.True(status.ExitCode == 0, status.Error);
            _log.WriteLine(status.Output);
            Assert.Equal(3, JsonNode.Parse(status.Output)!["up_count"]!.GetValue<int>());

            await Task.Delay(500); // any straggling duplicate
            AssertReconstructions(Path.Combine(state, _topology, "out", "cloud"), Count);
        }
        finally
        {
            var down = CliRunner.Run("cluster", "down", "--topology", _topology, "--state-dir", state, "--timeout", "15");
            Assert.True(down.ExitCode == 0 || !Directory.Exists(state), down.Error);
        }
    }

    [Fact]
    public async Task ClusterUp_SourceSigkilledAfterAccepting_DeliversFromItsDurableQueueOnce()
    {
        // The relay is down, so the camera can only hold what it accepts; send returns (accepted), then the camera is
        // SIGKILLed: nobody but the camera's queue file has the images any more.
        const int Count = 40;
        (string state, string[] common, string[] up, string seeds) = ThreeProcessCluster();
        try
        {
            var started = CliRunner.Run(up);
            Assert.True(started.ExitCode == 0, started.Error + started.Output);
            Kill(state, "relay");

            var sent = CliRunner.Run(["send", .. common, "--images", _images, "--count", Count.ToString(System.Globalization.CultureInfo.InvariantCulture), "--rate", "0", "--seed-nodes", seeds, "--join-timeout", "60"]);
            Assert.True(sent.ExitCode == 0, sent.Error);
            Assert.Contains($"sent {Count} image(s)", sent.Output, StringComparison.Ordinal);
            string csv = Path.Combine(state, _topology, "out", "cloud", SinkWriter.CsvFileName);
            Assert.Equal(0, Rows(csv));
            string queue = Path.Combine(state, _topology, "out", "camera", NodeHostOptions.SourceQueueFileName);
            Assert.True(new FileInfo(queue).Length > 0, "the camera accepted images without writing them to its queue");

            Kill(state, "camera");
            var restarted = CliRunner.Run(up); // the camera and the relay come back; the camera reads its queue back
            Assert.True(restarted.ExitCode == 0, restarted.Error + restarted.Output);
            await WaitForAsync(() => Rows(csv) >= Count, TimeSpan.FromSeconds(120));
            await Task.Delay(1000); // any straggling duplicate
            AssertReconstructions(Path.Combine(state, _topology, "out", "cloud"), Count);
            _log.WriteLine(string.Join(Environment.NewLine, File.ReadAllLines(Path.Combine(state, _topology, "camera.log")).Where(l => l.Contains("read back", StringComparison.Ordinal))));
        }
        finally
        {
            var down = CliRunner.Run("cluster", "down", "--topology", _topology, "--state-dir", state, "--timeout", "15");
            Assert.True(down.ExitCode == 0 || !Directory.Exists(state), down.Error);
        }
    }

    [Fact]
    public void Send_PolicyTheClusterDoesNotRun_EveryImageReportedRejectedNoneCountedExit2()
    {
        // Issue 17, failure 8: the nodes run the uniform policy; images planned with another one are refused by the
        // source, and send says so instead of counting them as sent.
        int basePort = ConsecutiveFreePorts(3);
        string state = Path.Combine(_root, "state");
        string[] common = ["--topology", _topology, "--file", _topologyFile];
        try
        {
            var started = CliRunner.Run(["cluster", "up", .. common, "--models", _family.Directory, "--state-dir", state, "--base-port", Port(basePort)]);
            Assert.True(started.ExitCode == 0, started.Error + started.Output);

            var (code, stdout, stderr) = CliRunner.Run(
                ["send", .. common, "--images", _images, "--count", "3", "--policy", "late", "--seed-nodes", $"127.0.0.1:{basePort}"]);

            _log.WriteLine(stderr);
            Assert.Equal(2, code);
            Assert.DoesNotContain("sent 3", stdout, StringComparison.Ordinal);
            string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(3, lines.Count(l => l.StartsWith("edgecascade: node camera refused flow cam image ", StringComparison.Ordinal) && l.Contains("planned with policy", StringComparison.Ordinal)));
            Assert.Equal("edgecascade: every image was rejected by its source (3); see the reasons above", lines[^1].Trim());
        }
        finally
        {
            CliRunner.Run("cluster", "down", "--topology", _topology, "--state-dir", state, "--timeout", "15");
        }
    }

    [Fact]
    public async Task ClusterUp_TwoFlowsSharingTheUplink_EachImageSentAndEncodedOnceAndDeliveredToBothSinks()
    {
        // Four node processes: one camera whose two flows share camera -> relay and part at the relay.
        const int Count = 12;
        string tree = $"tree{Guid.NewGuid():N}"[..12];
        string file = Path.Combine(_root, "tree.hocon");
        File.WriteAllText(file, $$"""
            edgecascade.topologies {
              {{tree}} {
                nodes {
                  camera { gpu = camera-soc, queue-capacity = 16 }
                  relay { gpu = jetson-agx-orin, queue-capacity = 32 }
                  monitor { gpu = t4 }
                  archive { gpu = a100 }
                }
                links = [
                  { from = camera, to = relay, bandwidth = 50 Mbps, latency = 2 ms }
                  { from = relay, to = monitor, bandwidth = 200 Mbps, latency = 5 ms }
                  { from = relay, to = archive, bandwidth = 200 Mbps, latency = 5 ms }
                ]
                flows {
                  watch { source = camera, destination = monitor, source-level = 6, target-level = 4 }
                  keep { source = camera, destination = archive, source-level = 6, target-level = 2 }
                }
              }
            }
            """);
        int basePort = ConsecutiveFreePorts(4);
        string state = Path.Combine(_root, "tree-state");
        string[] common = ["--topology", tree, "--file", file];
        string Csv(string sink) => Path.Combine(state, tree, "out", sink, SinkWriter.CsvFileName);
        try
        {
            var started = CliRunner.Run(["cluster", "up", .. common, "--models", _family.Directory, "--state-dir", state, "--base-port", Port(basePort)]);
            Assert.True(started.ExitCode == 0, started.Error + started.Output);
            string seeds = string.Join(',', Enumerable.Range(0, 4).Select(i => $"127.0.0.1:{basePort + i}"));

            var sent = CliRunner.Run(["send", .. common, "--images", _images, "--count", Port(Count), "--seed-nodes", seeds]);

            Assert.True(sent.ExitCode == 0, sent.Error);
            Assert.Contains($"sent {2 * Count} image(s)", sent.Output, StringComparison.Ordinal); // counted per flow
            await WaitForAsync(() => Rows(Csv("monitor")) >= Count && Rows(Csv("archive")) >= Count, TimeSpan.FromSeconds(180));
        }
        finally
        {
            var down = CliRunner.Run("cluster", "down", "--topology", tree, "--state-dir", state, "--timeout", "15");
            Assert.True(down.ExitCode == 0 || !Directory.Exists(state), down.Error);
        }

        foreach ((string sink, string flow) in new[] { ("monitor", "watch"), ("archive", "keep") })
        {
            IReadOnlyList<SinkRecord> rows = SinkWriter.ReadCsv(Csv(sink));
            Assert.Equal(Enumerable.Range(0, Count).Select(i => (long)i), rows.Select(r => r.ImageId).Order());
            Assert.All(rows, r => Assert.True(r.Flow == flow && r.BitsPerPixel > 0, $"{r.Flow} {r.BitsPerPixel}"));
        }

        // Stopped gracefully, the camera logged its counters: one codec stage and one uplink message per image.
        string cameraLog = File.ReadAllText(Path.Combine(state, tree, "camera.log"));
        _log.WriteLine(cameraLog);
        Assert.Contains($"link camera->relay: {Count} messages ({2 * Count} flow images)", cameraLog, StringComparison.Ordinal);
        Assert.Matches($@"node camera stopped: .*codec stages {Count}\b", cameraLog);
    }

    // The arguments of a three-process cluster on free consecutive ports of 127.0.0.1, all three nodes seeds.
    private (string State, string[] Common, string[] Up, string Seeds) ThreeProcessCluster()
    {
        int basePort = ConsecutiveFreePorts(3);
        string state = Path.Combine(_root, "state");
        string[] common = ["--topology", _topology, "--file", _topologyFile];
        string[] up = ["cluster", "up", .. common, "--models", _family.Directory, "--state-dir", state, "--reference", _images, "--base-port", Port(basePort)];
        return (state, common, up, $"127.0.0.1:{basePort},127.0.0.1:{basePort + 1},127.0.0.1:{basePort + 2}");
    }

    private void Kill(string state, string node)
    {
        string line = File.ReadAllLines(Path.Combine(state, _topology + ".pids")).Single(l => l.StartsWith(node + " ", StringComparison.Ordinal));
        using Process process = Process.GetProcessById(int.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture));
        process.Kill(); // SIGKILL
        process.WaitForExit(10_000);
        _log.WriteLine($"{node} SIGKILLed");
    }

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        int[] ports = listeners.Select(l => ((System.Net.IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    /// <summary>A base port with <paramref name="count"/> free ports from it on (cluster up uses base + i).</summary>
    private static int ConsecutiveFreePorts(int count)
    {
        for (int attempt = 0; attempt < 200; attempt++)
        {
            int basePort = Random.Shared.Next(20_000, 40_000);
            var listeners = new List<System.Net.Sockets.TcpListener>();
            try
            {
                for (int i = 0; i < count; i++)
                {
                    var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, basePort + i);
                    listener.Start();
                    listeners.Add(listener);
                }

                return basePort;
            }
            catch (System.Net.Sockets.SocketException)
            {
            }
            finally
            {
                listeners.ForEach(l => l.Stop());
            }
        }

        throw new InvalidOperationException($"no {count} consecutive free ports found");
    }

    private void AssertReconstructions(string sinkDirectory, int count)
    {
        var engine = new CascadeEngine(ModelFamily.Load(_family.Directory));
        QuantizationPolicy policy = QuantizationPolicy.UniformSpread(6, 3, 2);
        ImageSet set = ImageSet.Open(_images);
        IReadOnlyList<SinkRecord> rows = SinkWriter.ReadCsv(Path.Combine(sinkDirectory, SinkWriter.CsvFileName));
        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), rows.Select(r => r.ImageId).Order());
        var expected = new Dictionary<int, byte[]>();
        foreach (SinkRecord row in rows)
        {
            int index = (int)(row.ImageId % set.Count);
            if (!expected.TryGetValue(index, out byte[]? pixels))
            {
                pixels = new CascadeRunner(engine).Hcf(set.ImageFor(row.ImageId), 6, 3, policy.TransmitFlags).Reconstruction.Pixels.ToArray();
                expected[index] = pixels;
            }

            Assert.Equal(pixels, ImageFile.Read(Path.Combine(sinkDirectory, "cam", $"{row.ImageId:D6}.png")).Pixels.ToArray());
        }
    }

    private static int Rows(string csv) => File.Exists(csv) ? SinkWriter.ReadCsv(csv).Count : 0;

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"condition not met within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(50);
        }
    }

    // Tidied: with --state-dir the message still said runs/cluster/*.pids.
    [Fact]
    public void Status_NoClusterInStateDir_NamesThatFolder()
    {
        var state = Path.Combine(_root, "state");
        Directory.CreateDirectory(state);

        var (code, _, error) = CliRunner.Run("cluster", "status", "--state-dir", state, "--file", _topologyFile);

        Assert.Equal(2, code);
        Assert.Contains(state, error, StringComparison.Ordinal);
        Assert.DoesNotContain("runs/cluster", error, StringComparison.Ordinal);
    }
}
