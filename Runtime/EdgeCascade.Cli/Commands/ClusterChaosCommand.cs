using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using EdgeCascade.Actors.Nodes;
using EdgeCascade.Actors.Policies;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Codec.Imaging;
using EdgeCascade.Runtime.Clustering;
using EdgeCascade.Runtime.Hosting;
using EdgeCascade.Runtime.Processes;
using EdgeCascade.Topologies;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Cli.Commands;

/// <summary>
/// <c>edgecascade cluster chaos --topology NAME --images DIR --count N --kill NODE [--json]</c>: starts the topology
/// as node processes (<c>cluster up</c>), sends N images per flow (<c>send</c>), SIGKILLs NODE once half of them
/// were delivered, restarts it (<c>cluster up</c> again), waits for the end, stops everything (<c>cluster down</c>)
/// and reports sent, delivered, lost, duplicates to the user, reconstructions that differ from the in-process cascade
/// of the same image, and how long the killed node took from the kill to Up and consuming again.
/// </summary>
public static class ClusterChaosCommand
{
    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var topology = RuntimeInputs.TopologyOption();
        var file = TopologyCommand.FileOption();
        var images = new Option<string>("--images", "-i") { Description = "Folder of images (image id i is file i mod count, by name)", Required = true };
        var count = new Option<int>("--count", "-n") { Description = "Images per flow", DefaultValueFactory = _ => 100 };
        var kill = new Option<string>("--kill") { Description = "The node to SIGKILL in the middle of the stream", Required = true };
        var rate = new Option<double>("--rate", "-r") { Description = "Images per second per flow", DefaultValueFactory = _ => 80 };
        var models = RuntimeInputs.ModelsOption();
        var policy = RuntimeInputs.PolicyOption();
        var basePort = new Option<int>("--base-port") { Description = "Node i listens on 127.0.0.1 at base-port + i", DefaultValueFactory = _ => 4053 };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for every image after the restart", DefaultValueFactory = _ => 300 };
        var json = new Option<bool>("--json") { Description = "Print exactly one JSON object" };
        var command = new Command("chaos", "Run the topology as processes, SIGKILL one node mid-stream, restart it, and count what the user got")
        {
            topology, file, images, count, kill, rate, models, policy, basePort, timeout, json,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            string topologyFile = Path.GetFullPath(TopologyLoader.ResolvePath(parse.GetValue(file)));
            TopologySpec spec = RuntimeInputs.LoadTopology(topologyFile, parse.GetValue(topology)!);
            string victim = parse.GetValue(kill)!;
            if (spec.Nodes.All(n => n.Name != victim))
            {
                throw new UserInputException($"--kill: topology '{spec.Name}' has no node '{victim}'; nodes: {string.Join(", ", spec.Nodes.Select(n => n.Name))}");
            }

            int n = parse.GetValue(count);
            if (n < 2)
            {
                throw new UserInputException($"--count must be at least 2 (the kill happens in the middle), got {n}");
            }

            string chosen = RuntimeInputs.CheckPolicy(spec, parse.GetValue(policy));
            string imageDir = Path.GetFullPath(parse.GetValue(images)!);
            ImageSet set = SendCommand.OpenImages(imageDir);
            string modelDir = Path.GetFullPath(ModelLocator.Resolve(parse.GetValue(models)));
            int firstPort = parse.GetValue(basePort);
            string seeds = string.Join(",", Enumerable.Range(0, spec.Nodes.Count).Select(i => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{firstPort + i}")));
            string state = Path.Combine(Path.GetTempPath(), $"edgecascade-chaos-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
            string[] common = ["--topology", spec.Name, "--file", topologyFile];
            string[] up =
            [
                "cluster", "up", .. common, "--models", modelDir, "--policy", chosen, "--state-dir", state, "--reference", imageDir,
                "--base-port", firstPort.ToString(CultureInfo.InvariantCulture),
            ];
            var log = new StringWriter();
            int expected = n * spec.Flows.Count;
            var sinks = spec.Flows.Select(f => f.Destination).Distinct(StringComparer.Ordinal).ToList();
            IReadOnlyList<SinkRecord> Rows() => [.. sinks.SelectMany(s => ReadRows(Path.Combine(ClusterState.OutputDirectory(state, spec.Name, s), SinkWriter.CsvFileName)))];
            double restartSeconds;
            long sent;
            try
            {
                Step(CliApp.Run(up, log, log), "cluster up", log);
                Task<(int Code, string Output)> sending = Task.Run(() =>
                {
                    var output = new StringWriter();
                    int code = CliApp.Run(
                        ["send", .. common, "--images", imageDir, "--count", n.ToString(CultureInfo.InvariantCulture), "--policy", chosen,
                         "--rate", parse.GetValue(rate).ToString(CultureInfo.InvariantCulture), "--seed-nodes", seeds],
                        output, log);
                    return (code, output.ToString());
                });
                WaitFor(() => Rows().Count >= expected / 2 || sending.IsCompleted, TimeSpan.FromSeconds(parse.GetValue(timeout)), "half of the images to be delivered");
                int pid = ClusterState.Read(state, spec.Name)!.Processes.Single(p => p.Node == victim).Pid;
                var sinceKill = Stopwatch.StartNew();
                using (Process process = Process.GetProcessById(pid))
                {
                    process.Kill(); // SIGKILL: no drain, nothing confirmed, no graceful leave
                    process.WaitForExit(10_000);
                }

                Step(CliApp.Run(up, log, log), "cluster up (restart)", log);
                restartSeconds = sinceKill.Elapsed.TotalSeconds;
                (int sendCode, string sendOutput) = sending.GetAwaiter().GetResult();
                Step(sendCode, "send", log);
                sent = ParseSent(sendOutput);
                WaitFor(() => Rows().Count >= sent, TimeSpan.FromSeconds(parse.GetValue(timeout)), "every sent image to be delivered");
                Thread.Sleep(500); // a straggling duplicate
            }
            finally
            {
                CliApp.Run(["cluster", "down", "--topology", spec.Name, "--state-dir", state, "--timeout", "15"], TextWriter.Null, TextWriter.Null);
            }

            IReadOnlyList<SinkRecord> rows = Rows();
            int distinct = rows.Select(r => (r.Flow, r.ImageId)).Distinct().Count();
            int mismatches = CountMismatches(rows, spec, chosen, set, modelDir, flow => ClusterState.OutputDirectory(state, spec.Name, flow.Destination));
            var result = new JsonObject
            {
                ["sent"] = sent,
                ["delivered"] = distinct,
                ["lost"] = sent - distinct,
                ["duplicates_to_user"] = rows.Count - distinct,
                ["reconstruction_mismatches"] = mismatches,
                ["restart_to_up_seconds"] = Math.Round(restartSeconds, 3),
                ["killed"] = victim,
                ["topology"] = spec.Name,
            };
            if (parse.GetValue(json))
            {
                context.Output.WriteLine(result.ToJsonString());
            }
            else
            {
                foreach (KeyValuePair<string, JsonNode?> entry in result)
                {
                    context.Output.WriteLine($"{entry.Key,-28} {entry.Value}");
                }
            }

            TryDelete(state);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static IReadOnlyList<SinkRecord> ReadRows(string csv) => File.Exists(csv) ? SinkWriter.ReadCsv(csv) : [];

    /// <summary>Delivered reconstructions compared, pixel for pixel, with the in-process cascade of the same image.</summary>
    private static int CountMismatches(
        IReadOnlyList<SinkRecord> rows, TopologySpec spec, string policy, ImageSet set, string modelDir, Func<FlowSpec, string> sinkDirectory)
    {
        var runner = new CascadeRunner(new CascadeEngine(ModelLocator.Load(modelDir)));
        var expected = new Dictionary<(string Flow, int File), byte[]>();
        IReadOnlyList<FlowRoute> routes = RoutePlanner.Routes(spec, policy);
        int mismatches = 0;
        foreach (SinkRecord row in rows)
        {
            FlowSpec flow = spec.Flows.Single(f => f.Name == row.Flow);
            int index = (int)(row.ImageId % set.Count);
            if (!expected.TryGetValue((flow.Name, index), out byte[]? pixels))
            {
                // The flow's plan as the nodes run it: planned with the other flows of its source, not alone.
                QuantizationPolicy quantization = RoutePlanner.Find(routes, flow.Name)!.Plan.Policy;
                pixels = runner.Hcf(set.ImageFor(row.ImageId), quantization.SourceLevel, quantization.TargetLevel, quantization.TransmitFlags).Reconstruction.Pixels.ToArray();
                expected[(flow.Name, index)] = pixels;
            }

            // The sink writes <out>/<flow>/<image id, 6 digits>.png next to its deliveries.csv.
            string png = Path.Combine(sinkDirectory(flow), flow.Name, string.Create(CultureInfo.InvariantCulture, $"{row.ImageId:D6}.png"));
            if (!File.Exists(png) || !ImageFile.Read(png).Pixels.SequenceEqual(pixels))
            {
                mismatches++;
            }
        }

        return mismatches;
    }

    private static long ParseSent(string sendOutput)
    {
        // "sent N image(s) ..." is send's one summary line.
        string[] words = sendOutput.Trim().Split(' ', 3);
        return words.Length >= 2 && words[0] == "sent" && long.TryParse(words[1], CultureInfo.InvariantCulture, out long sent)
            ? sent
            : throw new UserInputException($"send reported no count: {sendOutput.Trim()}");
    }

    private static void Step(int code, string what, StringWriter log)
    {
        if (code != 0)
        {
            string[] lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            throw new UserInputException($"{what} failed: {(lines.Length > 0 ? lines[^1].Trim() : "no output")}");
        }
    }

    private static void WaitFor(Func<bool> condition, TimeSpan limit, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > limit)
            {
                throw new UserInputException($"timed out after {limit.TotalSeconds:0} s waiting for {what}");
            }

            Thread.Sleep(50);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left behind in the temp folder; harmless.
        }
    }
}
