using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using EdgeCascade.Runtime.Clustering;
using EdgeCascade.Runtime.Hosting;
using EdgeCascade.Runtime.Transport;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Cli.Commands;

/// <summary>
/// <c>edgecascade send --topology NAME --images DIR [--count N] [--rate R] [--first-id ID] [--flow F]</c>: feeds images
/// at the flows' sources as a short-lived cluster member whose Akka.Delivery lanes to the sources complete when each
/// image was confirmed (forwarded on by every hop).
/// </summary>
public static class SendCommand
{
    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var topology = RuntimeInputs.TopologyOption();
        var images = new Option<string>("--images", "-i") { Description = "Folder of .png/.ppm/.pgm images (image id i is file i mod count, by name)", Required = true };
        var count = new Option<int>("--count", "-n") { Description = "Images per flow", DefaultValueFactory = _ => 10 };
        var rate = new Option<double>("--rate", "-r") { Description = "Images per second per flow (0: as fast as the sources confirm)", DefaultValueFactory = _ => 0 };
        var firstId = new Option<long>("--first-id") { Description = "First image id; sinks drop ids they delivered before, so use new ids for a new batch", DefaultValueFactory = _ => 0 };
        var flow = new Option<string[]>("--flow") { Description = "Only this flow (repeatable; default all)", AllowMultipleArgumentsPerToken = true };
        var file = TopologyCommand.FileOption();
        var transport = RuntimeInputs.TransportOption(RuntimeInputs.Akka);
        var hostname = RuntimeInputs.HostnameOption();
        var seeds = RuntimeInputs.SeedNodesOption();
        var joinTimeout = RuntimeInputs.JoinTimeoutOption();
        var clusterConfig = RuntimeInputs.ClusterConfigOption();
        var policy = RuntimeInputs.PolicyOption();
        var command = new Command("send", "Feed images at the sources of a running cluster")
        {
            topology, images, count, rate, firstId, flow, file, transport, hostname, seeds, joinTimeout, clusterConfig, policy,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            RuntimeInputs.RequireCluster(parse.GetValue(transport)!, "send");

            TopologySpec spec = RuntimeInputs.LoadTopology(parse.GetValue(file), parse.GetValue(topology)!);
            string chosen = RuntimeInputs.CheckPolicy(spec, parse.GetValue(policy));
            int n = parse.GetValue(count);
            if (n < 1)
            {
                throw new UserInputException($"--count must be at least 1, got {n}");
            }

            double perSecond = parse.GetValue(rate);
            if (perSecond < 0 || double.IsNaN(perSecond))
            {
                throw new UserInputException($"--rate must be 0 or positive, got {perSecond}");
            }

            ImageSet set = OpenImages(parse.GetValue(images)!);
            string[]? flows = parse.GetValue(flow) is { Length: > 0 } chosenFlows ? chosenFlows : null;
            // The sender is a cluster member of its own (role "send", any free port) with a name no other sender
            // has, so its Akka.Delivery lanes to the sources never replace another sender's.
            AkkaClusterTransport connection = RuntimeInputs.JoinCluster(
                RuntimeInputs.ClusterSettingsFor("send", parse, hostname, null, seeds, joinTimeout, clusterConfig, client: true),
                string.Create(CultureInfo.InvariantCulture, $"send-{Environment.ProcessId}-{Guid.NewGuid():N}"));
            try
            {
                var watch = Stopwatch.StartNew();
                long sent;
                long refused = 0;
                try
                {
                    var corrupt = new List<string>();
                    var reported = new HashSet<(long Image, string Reason)>();
                    sent = ImageSender.SendAsync(
                        connection, spec, set, n, perSecond, chosen, parse.GetValue(firstId), flows,
                        skipped: (file, reason) =>
                        {
                            corrupt.Add(file);
                            context.Error.WriteLine($"edgecascade: skipped '{file}': {reason}");
                        },
                        rejected: (_, image, reason) =>
                        {
                            Interlocked.Increment(ref refused); // per flow: one refused message of two flows is two images
                            lock (context.Error)
                            {
                                if (reported.Add((image, reason)))
                                {
                                    context.Error.WriteLine($"edgecascade: {reason}"); // names the node, the flows and the image
                                }
                            }
                        }).GetAwaiter().GetResult();
                    if (sent == 0 && corrupt.Count > 0)
                    {
                        throw new UserInputException($"no image of '{set.Directory}' could be read ({corrupt.Count} corrupt file(s)); nothing sent");
                    }
                }
                catch (ArgumentException error)
                {
                    throw new UserInputException(error.Message, error);
                }

                context.Output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"sent {sent} image(s) ({n} per flow, ids {parse.GetValue(firstId)}..{parse.GetValue(firstId) + n - 1}) to the sources of '{spec.Name}' in {watch.Elapsed.TotalSeconds:0.00} s{(refused > 0 ? $"; {refused} rejected by a source (not counted)" : "")}"));
                if (refused > 0 && sent == 0)
                {
                    throw new UserInputException($"every image was rejected by its source ({refused}); see the reasons above");
                }
            }
            finally
            {
                connection.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    internal static ImageSet OpenImages(string directory)
    {
        try
        {
            return ImageSet.Open(directory);
        }
        catch (Exception error) when (error is DirectoryNotFoundException or ArgumentException)
        {
            throw new UserInputException($"--images: {error.Message}", error);
        }
    }
}
