using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using EdgeCascade.Runtime.Transport;

namespace EdgeCascade.Cli.Commands;

/// <summary>
/// <c>edgecascade bench transport [--json] [--messages N] [--lanes L] [--raw-window W]</c>: raw Akka.Remote Tell
/// throughput versus a three-member source -> relay -> sink chain over Akka.Delivery, plus per-hop latency at light load.
/// </summary>
public static class BenchTransportCommand
{
    /// <summary>The <c>bench</c> command holding <c>transport</c>.</summary>
    public static Command Build(CliContext context)
    {
        var bench = new Command("bench", "Micro-benchmarks of the runtime");
        bench.Add(BuildTransport(context));
        bench.Add(BuildMember(context));
        return bench;
    }

    /// <summary>
    /// <c>bench transport-member</c> (hidden): the relay or sink process <c>bench transport</c> starts; runs until
    /// SIGTERM.
    /// </summary>
    public static Command BuildMember(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var role = new Option<string>("--role") { Required = true };
        var port = new Option<int>("--port") { Required = true };
        var seedPort = new Option<int>("--seed-port") { Required = true };
        var sinkPort = new Option<int>("--sink-port") { Required = true };
        var lanes = new Option<int>("--lanes") { Required = true };
        var inFlight = new Option<int>("--in-flight") { Required = true };
        var payloadBytes = new Option<int>("--payload-bytes") { Required = true };
        var ready = new Option<string>("--ready-file") { Required = true };
        var command = new Command("transport-member", "The relay or sink process of 'bench transport' (started by it)")
        {
            role, port, seedPort, sinkPort, lanes, inFlight, payloadBytes, ready,
        };
        command.Hidden = true;
        command.SetAction(parse => context.Guard(() =>
        {
            using var stop = new CancellationTokenSource();
            using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
            using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
            try
            {
                TransportBenchMember.RunAsync(
                    parse.GetValue(role)!,
                    parse.GetValue(port),
                    parse.GetValue(seedPort),
                    parse.GetValue(sinkPort),
                    new TransportBenchmarkOptions { Lanes = parse.GetValue(lanes), PublishesInFlight = parse.GetValue(inFlight), PayloadBytes = parse.GetValue(payloadBytes) },
                    parse.GetValue(ready)!,
                    stop.Token).GetAwaiter().GetResult();
            }
            catch (ArgumentException error)
            {
                throw new UserInputException(error.Message, error);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Just the <c>transport</c> subcommand, for adding under an existing <c>bench</c>.</summary>
    public static Command BuildTransport(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var json = new Option<bool>("--json") { Description = "Print exactly one JSON object (snake_case keys) instead of text" };
        var messages = new Option<int>("--messages", "-n")
        {
            Description = "Messages per throughput run (16 KiB each)",
            DefaultValueFactory = _ => 5_000,
        };
        var inFlight = new Option<int>("--in-flight")
        {
            Description = "Publishes awaiting confirmation at the source at once (cluster run)",
            DefaultValueFactory = _ => new TransportBenchmarkOptions().PublishesInFlight,
        };
        var lanes = new Option<int>("--lanes")
        {
            Description = "Akka.Delivery lanes per link (cluster run; each lane carries one unconfirmed frame)",
            DefaultValueFactory = _ => new TransportBenchmarkOptions().Lanes,
        };
        var rawWindow = new Option<int>("--raw-window")
        {
            Description = "Unacked frames at once in the raw Tell run",
            DefaultValueFactory = _ => new TransportBenchmarkOptions().RawWindow,
        };
        var command = new Command(
            "transport",
            "Raw Akka.Remote Tell (ack window) vs. a 3-member chain (source -> relay -> sink) over Akka.Delivery, codec bypassed")
        {
            json,
            messages,
            inFlight,
            lanes,
            rawWindow,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            int count = parse.GetValue(messages);
            if (count < 1)
            {
                throw new UserInputException($"--messages must be at least 1, got {count}");
            }

            int window = parse.GetValue(inFlight);
            if (window is < 1 or > 65_535)
            {
                throw new UserInputException($"--in-flight must be between 1 and 65535, got {window}");
            }

            int laneCount = parse.GetValue(lanes);
            if (laneCount is < 1 or > 1024)
            {
                throw new UserInputException($"--lanes must be between 1 and 1024, got {laneCount}");
            }

            int rawCount = parse.GetValue(rawWindow);
            if (rawCount is < 1 or > 65_535)
            {
                throw new UserInputException($"--raw-window must be between 1 and 65535, got {rawCount}");
            }

            bool asJson = parse.GetValue(json);
            var progress = new Progress<string>(line => context.Error.WriteLine($"bench transport: {line}"));
            string work = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"edgecascade-bench-transport-{Environment.ProcessId}"));
            TransportBenchmarkResult result;
            try
            {
                result = TransportBenchmark.RunAsync(
                    new TransportBenchmarkOptions
                    {
                        Messages = count,
                        PublishesInFlight = window,
                        Lanes = laneCount,
                        RawWindow = rawCount,
                    },
                    SelfLauncher.Create(),
                    work,
                    asJson ? null : progress)
                    .GetAwaiter().GetResult();
            }
            finally
            {
                if (Directory.Exists(work))
                {
                    Directory.Delete(work, recursive: true);
                }
            }

            if (asJson)
            {
                context.Output.WriteLine(ToJson(result).ToJsonString());
            }
            else
            {
                WriteText(context.Output, result);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    internal static JsonObject ToJson(TransportBenchmarkResult result) => new()
    {
        ["raw_messages_per_second"] = Round(result.RawMessagesPerSecond, 1),
        ["cluster_messages_per_second"] = Round(result.ClusterMessagesPerSecond, 1),
        ["ratio"] = Round(result.Ratio, 4),
        ["hop_latency_p50_seconds"] = Round(result.HopLatencyP50Seconds, 6),
        ["hop_latency_p99_seconds"] = Round(result.HopLatencyP99Seconds, 6),
        ["messages"] = result.Messages,
        ["payload_bytes"] = result.PayloadBytes,
        ["rounds"] = result.Rounds,
        ["raw_seconds"] = Round(result.RawSeconds, 4),
        ["cluster_seconds"] = Round(result.ClusterSeconds, 4),
        ["latency_samples"] = result.LatencySamples,
        ["publishes_in_flight"] = result.PublishesInFlight,
        ["lanes_per_link"] = result.Lanes,
        ["raw_window"] = result.RawWindow,
        ["raw_ack"] = RawAck,
        ["cluster_ack"] = ClusterAck,
        ["raw_client_cpu_seconds_per_message"] = Round(result.RawClientCpuSecondsPerMessage, 7),
        ["cluster_client_cpu_seconds_per_message"] = Round(result.ClusterClientCpuSecondsPerMessage, 7),
        ["duplicates_at_sink"] = result.DuplicatesAtSink,
        ["wire"] = result.Wire,
    };

    private const string RawAck = "sink acks each frame straight to the source; no delivery guarantee";

    private const string ClusterAck = "Akka.Delivery confirm per hop; the relay confirms only after the downstream confirm";

    private static void WriteText(TextWriter output, TransportBenchmarkResult result)
    {
        string Line(string name, string value) => string.Create(CultureInfo.InvariantCulture, $"{name,-30} {value}");
        output.WriteLine(Line("wire", result.Wire));
        output.WriteLine(Line("raw", string.Create(CultureInfo.InvariantCulture, $"plain Tell, window {result.RawWindow}: {RawAck}")));
        output.WriteLine(Line("cluster", string.Create(CultureInfo.InvariantCulture, $"{result.Lanes} lanes per link, {result.PublishesInFlight} publishes in flight: {ClusterAck}")));
        output.WriteLine(Line("messages", string.Create(CultureInfo.InvariantCulture, $"{result.Messages} x {result.PayloadBytes} B, median of {result.Rounds} alternating rounds")));
        output.WriteLine(Line("raw_messages_per_second", string.Create(CultureInfo.InvariantCulture, $"{result.RawMessagesPerSecond:0.0}")));
        output.WriteLine(Line("cluster_messages_per_second", string.Create(CultureInfo.InvariantCulture, $"{result.ClusterMessagesPerSecond:0.0}")));
        output.WriteLine(Line("ratio", string.Create(CultureInfo.InvariantCulture, $"{result.Ratio:0.000} (target >= 0.5, goal 0.8)")));
        output.WriteLine(Line("hop_latency_p50_seconds", string.Create(CultureInfo.InvariantCulture, $"{result.HopLatencyP50Seconds:0.000000}")));
        output.WriteLine(Line("hop_latency_p99_seconds", string.Create(CultureInfo.InvariantCulture, $"{result.HopLatencyP99Seconds:0.000000}")));
        output.WriteLine(Line("cpu per message", string.Create(
            CultureInfo.InvariantCulture,
            $"raw {result.RawClientCpuSecondsPerMessage * 1e6:0} us, cluster {result.ClusterClientCpuSecondsPerMessage * 1e6:0} us (all three processes)")));
    }

    private static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
