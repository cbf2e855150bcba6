using System.Text.Json.Nodes;

namespace EdgeCascade.Cli.Tests.Commands;

public sealed class BenchTransportCommandTests
{
    [Theory]
    [InlineData("--max-batch", "0")]
    [InlineData("--in-flight", "0")]
    [InlineData("--prefetch", "70000")]
    [InlineData("--messages", "0")]
    public void BenchTransport_OutOfRangeOption_ExitCode2NamingIt(string option, string value)
    {
        var (code, _, stderr) = CliRunner.Run("bench", "transport", option, value, "--broker", "amqp://127.0.0.1:1/");

        Assert.Equal(2, code);
        Assert.Contains(option, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Theory]
    [InlineData(32)]
    [InlineData(1)]
    public void BenchTransport_Json_ReportsRatioAndBrokerMessagesPerHop(int maxBatch)
    {
        string? broker = TestBroker.UriOrNull();
        if (broker is null)
        {
            return; // no broker here; the transport tests in EdgeCascade.Runtime.Tests report it
        }

        var (code, stdout, stderr) = CliRunner.Run(
            "bench", "transport", "--json", "--messages", "400", "--max-batch", maxBatch.ToString(System.Globalization.CultureInfo.InvariantCulture), "--broker", broker);

        Assert.True(code == 0, stderr);
        JsonObject json = JsonNode.Parse(stdout)!.AsObject();
        foreach (string key in new[] { "raw_messages_per_second", "cluster_messages_per_second", "ratio", "hop_latency_p50_seconds", "hop_latency_p99_seconds" })
        {
            Assert.True(json[key]!.GetValue<double>() > 0, key);
        }

        Assert.Equal(maxBatch, json["max_batch_messages"]!.GetValue<int>());
        double perHop = json["cluster_broker_messages_per_hop"]!.GetValue<double>();
        if (maxBatch == 1)
        {
            Assert.Equal(1.0, perHop);
        }
        else
        {
            Assert.InRange(perHop, 1.0 / maxBatch, 1.0);
        }

        Assert.Equal(0, json["duplicates_at_sink"]!.GetValue<long>());
    }
}
