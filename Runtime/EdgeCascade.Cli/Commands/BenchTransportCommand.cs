using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using EdgeCascade.Runtime.Transport;

namespace EdgeCascade.Cli.Commands;

/// <summary>
/// <c>edgecascade bench transport [--json] [--messages N] [--broker URI]</c>: raw RabbitMQ throughput versus a
/// three-node source -> relay -> sink chain over the EdgeCascade transport, plus per-hop latency at light load.
/// </summary>
public static class BenchTransportCommand
{
    /// <summary>The <c>bench</c> command holding <c>transport</c>.</summary>
    public static Command Build(CliContext context)
    {
        var bench = new Command("bench", "Micro-benchmarks of the runtime");
        bench.Add(BuildTransport(context));
        return bench;
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
            Description = "Publishes awaiting a broker confirm at once, per publisher (raw and cluster alike)",
            DefaultValueFactory = _ => new TransportBenchmarkOptions().PublishesInFlight,
        };
        var prefetch = new Option<int>("--prefetch")
        {
            Description = "Consumer prefetch (basic.qos), per consumer (raw and cluster alike)",
            DefaultValueFactory = _ => new TransportBenchmarkOptions().Prefetch,
        };
        var maxBatch = new Option<int>("--max-batch")
        {
            Description = "Most envelopes per broker message in the cluster run; envelopes queued behind a full confirm window travel together (1 = never batch)",
            DefaultValueFactory = _ => new TransportBenchmarkOptions().MaxBatchMessages,
        };
        var broker = new Option<string?>("--broker")
        {
            Description = $"amqp://user:password@host:port/vhost (default: ${RabbitMqTransportOptions.BrokerUriVariable}, else amqp://127.0.0.1:5672/, started with scripts/rabbitmq.sh when not running)",
        };
        var command = new Command(
            "transport",
            "Raw RabbitMQ publish/consume throughput vs. a 3-node chain (source -> relay -> sink) over the transport, codec bypassed")
        {
            json,
            messages,
            inFlight,
            prefetch,
            maxBatch,
            broker,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            int count = parse.GetValue(messages);
            if (count < 1)
            {
                throw new UserInputException($"--messages must be at least 1, got {count}");
            }

            int window = parse.GetValue(inFlight);
            int prefetchCount = parse.GetValue(prefetch);
            if (window is < 1 or > 65_535)
            {
                throw new UserInputException($"--in-flight must be between 1 and 65535, got {window}");
            }

            if (prefetchCount is < 1 or > 65_535)
            {
                throw new UserInputException($"--prefetch must be between 1 and 65535, got {prefetchCount}");
            }

            int batchLimit = parse.GetValue(maxBatch);
            if (batchLimit is < 1 or > 4_096)
            {
                throw new UserInputException($"--max-batch must be between 1 and 4096, got {batchLimit}");
            }

            Uri? brokerUri = ParseBroker(parse.GetValue(broker));
            bool asJson = parse.GetValue(json);
            if (brokerUri is null && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(RabbitMqTransportOptions.BrokerUriVariable)))
            {
                EnsureLocalBroker(context);
            }

            var progress = new Progress<string>(line => context.Error.WriteLine($"bench transport: {line}"));
            TransportBenchmarkResult result;
            try
            {
                result = TransportBenchmark.RunAsync(new TransportBenchmarkOptions
                {
                    BrokerUri = brokerUri,
                    Messages = count,
                    PublishesInFlight = window,
                    Prefetch = prefetchCount,
                    MaxBatchMessages = batchLimit,
                }, asJson ? null : progress)
                    .GetAwaiter().GetResult();
            }
            catch (TransportException error)
            {
                throw new UserInputException(error.Message, error);
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
        ["durable_queues"] = true,
        ["persistent_messages"] = true,
        ["publisher_confirms"] = true,
        ["publishes_in_flight"] = result.PublishesInFlight,
        ["prefetch"] = result.Prefetch,
        ["max_batch_messages"] = result.MaxBatchMessages,
        ["cluster_broker_messages_per_hop"] = Round(result.ClusterBrokerMessagesPerHop, 4),
        ["raw_ack"] = RawAck,
        ["cluster_ack"] = ClusterAck,
        ["raw_client_cpu_seconds_per_message"] = Round(result.RawClientCpuSecondsPerMessage, 7),
        ["cluster_client_cpu_seconds_per_message"] = Round(result.ClusterClientCpuSecondsPerMessage, 7),
        ["duplicates_at_sink"] = result.DuplicatesAtSink,
        ["broker"] = result.Broker,
    };

    private const string RawAck = "each message as it arrives";

    private const string ClusterAck = "relay after the downstream confirm; consecutive acks folded (multiple=true)";

    private static void WriteText(TextWriter output, TransportBenchmarkResult result)
    {
        string Line(string name, string value) => string.Create(CultureInfo.InvariantCulture, $"{name,-30} {value}");
        output.WriteLine(Line("broker", result.Broker));
        output.WriteLine(Line("settings (raw and cluster)", string.Create(
            CultureInfo.InvariantCulture,
            $"durable queues, persistent messages, publisher confirms ({result.PublishesInFlight} in flight), prefetch {result.Prefetch}")));
        output.WriteLine(Line("raw ack", RawAck));
        output.WriteLine(Line("cluster ack", ClusterAck));
        output.WriteLine(Line("cluster batching", result.MaxBatchMessages > 1
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"up to {result.MaxBatchMessages} envelopes per broker message, only what waits behind a full confirm window; {result.ClusterBrokerMessagesPerHop:0.000} broker messages per envelope-hop")
            : "off (--max-batch 1): one broker message per envelope"));
        output.WriteLine(Line("messages", string.Create(CultureInfo.InvariantCulture, $"{result.Messages} x {result.PayloadBytes} B, median of {result.Rounds} alternating rounds")));
        output.WriteLine(Line("raw_messages_per_second", string.Create(CultureInfo.InvariantCulture, $"{result.RawMessagesPerSecond:0.0}")));
        output.WriteLine(Line("cluster_messages_per_second", string.Create(CultureInfo.InvariantCulture, $"{result.ClusterMessagesPerSecond:0.0}")));
        output.WriteLine(Line("ratio", string.Create(CultureInfo.InvariantCulture, $"{result.Ratio:0.000} (target >= 0.5)")));
        output.WriteLine(Line("hop_latency_p50_seconds", string.Create(CultureInfo.InvariantCulture, $"{result.HopLatencyP50Seconds:0.000000}")));
        output.WriteLine(Line("hop_latency_p99_seconds", string.Create(CultureInfo.InvariantCulture, $"{result.HopLatencyP99Seconds:0.000000}")));
        output.WriteLine(Line("client cpu per message", string.Create(
            CultureInfo.InvariantCulture,
            $"raw {result.RawClientCpuSecondsPerMessage * 1e6:0} us, cluster {result.ClusterClientCpuSecondsPerMessage * 1e6:0} us (this process; the broker not counted)")));
    }

    private static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);

    private static Uri? ParseBroker(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("amqp" or "amqps"))
        {
            throw new UserInputException($"--broker must be an amqp:// or amqps:// URI, got '{text}'");
        }

        return uri;
    }

    /// <summary>When nothing listens on 127.0.0.1:5672, starts the private broker with scripts/rabbitmq.sh.</summary>
    private static void EnsureLocalBroker(CliContext context)
    {
        if (IsListening("127.0.0.1", 5672))
        {
            return;
        }

        string? script = FindScript();
        if (script is null)
        {
            return; // The connection attempt then fails with the one-line hint.
        }

        context.Error.WriteLine($"bench transport: no broker on 127.0.0.1:5672; starting one with {script} start");
        var start = new ProcessStartInfo("bash", [script, "start"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process? process = Process.Start(start);
        if (process is null)
        {
            return;
        }

        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
        }

        if (process.ExitCode != 0)
        {
            string[] lines = (stderr.Result + stdout.Result).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            context.Error.WriteLine($"bench transport: {script} start failed: {(lines.Length > 0 ? lines[^1] : "no output")}");
        }
    }

    private static bool IsListening(string host, int port)
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync(host, port).Wait(TimeSpan.FromSeconds(2)) && client.Connected;
        }
        catch (Exception error) when (error is SocketException or AggregateException)
        {
            return false;
        }
    }

    private static string? FindScript()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? directory = new(start); directory is not null; directory = directory.Parent)
            {
                string candidate = Path.Combine(directory.FullName, "scripts", "rabbitmq.sh");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
