using System.Text.Json.Nodes;

namespace EdgeCascade.Cli.Tests.Commands;

public sealed class BenchTransportCommandTests
{
    [Theory]
    [InlineData("--lanes", "0")]
    [InlineData("--in-flight", "0")]
    [InlineData("--raw-window", "70000")]
    [InlineData("--messages", "0")]
    public void BenchTransport_OutOfRangeOption_ExitCode2NamingIt(string option, string value)
    {
        var (code, _, stderr) = CliRunner.Run("bench", "transport", option, value);

        Assert.Equal(2, code);
        Assert.Contains(option, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public void BenchTransport_Json_ReportsRatioAndHopLatencies()
    {
        var (code, stdout, stderr) = CliRunner.Run("bench", "transport", "--json", "--messages", "400");

        Assert.True(code == 0, stderr);
        JsonObject json = JsonNode.Parse(stdout)!.AsObject();
        foreach (string key in new[] { "raw_messages_per_second", "cluster_messages_per_second", "ratio", "hop_latency_p50_seconds", "hop_latency_p99_seconds" })
        {
            Assert.True(json[key]!.GetValue<double>() > 0, key);
        }

        Assert.Equal(32, json["lanes_per_link"]!.GetValue<int>());
        Assert.Contains("three processes", json["wire"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, json["duplicates_at_sink"]!.GetValue<long>());
    }
}
