using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Runtime.Hosting;
using EdgeCascade.Runtime.Processes;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Cli.Commands;

/// <summary>
/// <c>edgecascade cluster run --topology NAME --images DIR [--count N] [--rate R] [--out DIR] [--json]</c>: the embedded
/// default. Every node of the topology in this process (in-process transport, real codec, real-time scheduler,
/// shaped links); sinks write reconstructions and deliveries.csv; prints and writes summary.json.
/// </summary>
public static class ClusterRunCommand
{
    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var topology = RuntimeInputs.TopologyOption();
        var images = new Option<string>("--images", "-i") { Description = "Folder of .png/.ppm/.pgm images", Required = true };
        var count = new Option<int>("--count", "-n") { Description = "Images per flow", DefaultValueFactory = _ => 10 };
        var rate = new Option<double>("--rate", "-r") { Description = "Images per second per flow (0: as fast as possible)", DefaultValueFactory = _ => 0 };
        var file = TopologyCommand.FileOption();
        var models = RuntimeInputs.ModelsOption();
        var policy = RuntimeInputs.PolicyOption();
        var output = new Option<string?>("--out", "-o") { Description = "Output folder (default: runs/cluster/<topology>/run-<utc time>)" };
        var noImages = new Option<bool>("--no-images") { Description = "Write only deliveries.csv, not the reconstruction PNGs" };
        var noShaping = new Option<bool>("--no-shaping") { Description = "Do not hold links to the topology's bandwidth" };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for all deliveries", DefaultValueFactory = _ => 600 };
        var json = new Option<bool>("--json") { Description = "Print exactly the summary JSON object (as summary.json) on stdout" };
        var bypass = new Option<bool>("--bypass-codec")
        {
            Description = "Pass the image files' bytes on unchanged instead of coding them (transport and link-shaping runs; no PNGs, no PSNR)",
        };
        var command = new Command("run", "Run every node of a topology in this process (in-process transport, no network) and feed it images")
        {
            topology, images, count, rate, file, models, policy, output, noImages, noShaping, timeout, json, bypass,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            TopologySpec spec = RuntimeInputs.LoadTopology(parse.GetValue(file), parse.GetValue(topology)!);
            string chosen = RuntimeInputs.CheckPolicy(spec, parse.GetValue(policy));
            int n = parse.GetValue(count);
            if (n < 1)
            {
                throw new UserInputException($"--count must be at least 1, got {n}");
            }

            string imageDir = parse.GetValue(images)!;
            ImageSet set = SendCommand.OpenImages(imageDir);
            CascadeEngine engine = RuntimeInputs.LoadEngine(parse.GetValue(models));
            string outDir = parse.GetValue(output)
                ?? Path.Combine(ClusterState.NodeDirectory(ClusterState.DefaultRoot, spec.Name), string.Create(CultureInfo.InvariantCulture, $"run-{DateTime.UtcNow:yyyyMMdd-HHmmss}"));
            ClusterRunResult result = RunAsync(spec, engine, set, n, parse.GetValue(rate), chosen, outDir, imageDir,
                !parse.GetValue(noImages), !parse.GetValue(noShaping), parse.GetValue(bypass), TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeout))),
                context.Error)
                .GetAwaiter().GetResult();
            JsonObject summary = ToJson(result, chosen, outDir);
            summary["codec"] = parse.GetValue(bypass) ? "bypassed" : "real";
            Directory.CreateDirectory(outDir);
            File.WriteAllText(Path.Combine(outDir, "summary.json"), summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            if (parse.GetValue(json))
            {
                context.Output.WriteLine(summary.ToJsonString());
            }
            else
            {
                WriteText(context.Output, result, outDir);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    internal static JsonObject ToJson(ClusterRunResult result, string policy, string outDir)
    {
        var links = new JsonArray();
        foreach (LinkThroughputEntry link in result.Links)
        {
            links.Add(new JsonObject
            {
                ["from"] = link.From,
                ["to"] = link.Throughput.Destination,
                ["configured_bps"] = link.Throughput.ConfiguredBitsPerSecond,
                ["measured_bps"] = Math.Round(link.Throughput.MeasuredBitsPerSecond, 1),
                ["messages"] = link.Throughput.Messages,
                ["flow_images"] = link.Throughput.FlowImages,
                ["payload_bytes"] = link.Throughput.PayloadBytes,
            });
        }

        var nodes = new JsonArray();
        foreach (NodeRunEntry node in result.Nodes)
        {
            nodes.Add(new JsonObject
            {
                ["name"] = node.Name,
                ["stages_run"] = node.Statistics.StagesRun,
                ["received"] = node.Statistics.Received,
                ["forwarded"] = node.Statistics.Forwarded,
                ["delivered"] = node.Statistics.Delivered,
            });
        }

        return new JsonObject
        {
            ["topology"] = result.Topology,
            ["transport"] = "inproc",
            ["policy"] = policy,
            ["images_sent"] = result.Sent,
            ["images_delivered"] = result.Delivered,
            ["duplicates"] = result.Duplicates,
            ["seconds"] = Math.Round(result.Seconds, 4),
            ["images_per_second"] = Math.Round(result.ImagesPerSecond, 3),
            ["latency_p50_seconds"] = Finite(result.LatencyP50Seconds, 6),
            ["latency_p99_seconds"] = Finite(result.LatencyP99Seconds, 6),
            ["mean_bpp"] = Finite(result.MeanBitsPerPixel, 6),
            ["mean_psnr_db"] = Finite(result.MeanPsnrDb, 4),
            ["links"] = links,
            ["nodes"] = nodes,
            ["output_directory"] = outDir,
        };
    }

    private static async Task<ClusterRunResult> RunAsync(
        TopologySpec spec, CascadeEngine engine, ImageSet set, int count, double rate, string policy, string outDir, string imageDir,
        bool writeImages, bool shape, bool bypassCodec, TimeSpan timeout, TextWriter error)
    {
        await using InProcCluster cluster = await InProcCluster.StartAsync(
            spec, engine, outDir, policy, imageDir, writeImages, shape, bypassCodec: bypassCodec).ConfigureAwait(false);
        try
        {
            var corrupt = new HashSet<string>(StringComparer.Ordinal);
            ClusterRunResult result = await cluster.RunAsync(
                set, count, rate, policy, timeout,
                skipped: (file, reason) =>
                {
                    corrupt.Add(file);
                    error.WriteLine($"edgecascade: skipped '{file}': {reason}");
                },
                rejected: (_, _, reason) =>
                {
                    lock (error)
                    {
                        error.WriteLine($"edgecascade: {reason}");
                    }
                }).ConfigureAwait(false);
            if (result.Sent == 0 && corrupt.Count > 0)
            {
                throw new UserInputException($"no image of '{imageDir}' could be read ({corrupt.Count} corrupt file(s)); nothing sent");
            }

            return result;
        }
        catch (TimeoutException timedOut)
        {
            throw new UserInputException(timedOut.Message, timedOut);
        }
    }

    private static void WriteText(TextWriter output, ClusterRunResult r, string outDir)
    {
        string Line(string name, string value) => string.Create(CultureInfo.InvariantCulture, $"{name,-24} {value}");
        output.WriteLine(Line("topology", $"{r.Topology} (in-process transport)"));
        output.WriteLine(Line("images", string.Create(CultureInfo.InvariantCulture, $"{r.Delivered}/{r.Sent} delivered, {r.Duplicates} duplicate(s) dropped")));
        output.WriteLine(Line("throughput", string.Create(CultureInfo.InvariantCulture, $"{r.ImagesPerSecond:0.00} images/s over {r.Seconds:0.00} s")));
        output.WriteLine(Line("latency p50 / p99", string.Create(CultureInfo.InvariantCulture, $"{r.LatencyP50Seconds * 1000:0.0} / {r.LatencyP99Seconds * 1000:0.0} ms")));
        output.WriteLine(Line("mean bpp (last hop)", double.IsNaN(r.MeanBitsPerPixel) ? "-" : string.Create(CultureInfo.InvariantCulture, $"{r.MeanBitsPerPixel:0.0000}")));
        output.WriteLine(Line("mean PSNR", double.IsNaN(r.MeanPsnrDb) ? "-" : string.Create(CultureInfo.InvariantCulture, $"{r.MeanPsnrDb:0.00} dB")));
        foreach (LinkThroughputEntry link in r.Links)
        {
            string configured = link.Throughput.ConfiguredBitsPerSecond is { } c ? string.Create(CultureInfo.InvariantCulture, $"{c / 1e6:0.##} Mbit/s") : "unshaped";
            output.WriteLine(Line(
                $"link {link.From}->{link.Throughput.Destination}",
                string.Create(CultureInfo.InvariantCulture, $"{link.Throughput.Messages} msgs ({link.Throughput.FlowImages} flow images), {link.Throughput.PayloadBytes} B, {link.Throughput.MeasuredBitsPerSecond / 1e6:0.###} Mbit/s measured ({configured})")));
        }

        foreach (NodeRunEntry node in r.Nodes.Where(n => n.Statistics.StagesRun > 0))
        {
            output.WriteLine(Line($"node {node.Name}", string.Create(CultureInfo.InvariantCulture, $"{node.Statistics.StagesRun} codec stage(s) run")));
        }

        output.WriteLine(Line("output", $"{outDir} (summary.json, <sink>/deliveries.csv, <sink>/<flow>/*.png)"));
    }

    private static double? Finite(double value, int digits) => double.IsFinite(value) ? Math.Round(value, digits) : null;
}
