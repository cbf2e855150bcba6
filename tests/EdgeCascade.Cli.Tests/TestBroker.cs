using System.Net.Sockets;

namespace EdgeCascade.Cli.Tests;

/// <summary>The broker CLI tests use: EDGECASCADE_TEST_BROKER_URI, else amqp://127.0.0.1:5672/ (scripts/test.sh starts it).</summary>
internal static class TestBroker
{
    /// <summary>The broker URI when something listens there, else null (the runtime tests report the missing broker).</summary>
    public static string? UriOrNull()
    {
        string uri = Environment.GetEnvironmentVariable("EDGECASCADE_TEST_BROKER_URI") is { Length: > 0 } configured ? configured : "amqp://127.0.0.1:5672/";
        var parsed = new Uri(uri);
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync(parsed.Host, parsed.Port > 0 ? parsed.Port : 5672).Wait(TimeSpan.FromSeconds(2)) ? uri : null;
        }
        catch (AggregateException)
        {
            return null;
        }
    }
}
