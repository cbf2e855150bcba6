using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EdgeCascade.Runtime.Transport;

namespace EdgeCascade.Runtime.Tests.Transport;

/// <summary>Connection failures need no broker: they use a port nothing listens on.</summary>
public sealed class RabbitMqConnectTests
{
    [Fact]
    public async Task ConnectAsync_ClosedPort_FailsWithOneLineAfterBoundedRetries()
    {
        int port = ClosedPort();
        var options = new RabbitMqTransportOptions
        {
            BrokerUri = new Uri($"amqp://127.0.0.1:{port}/"),
            ConnectAttempts = 4,
            InitialRetryDelay = TimeSpan.FromMilliseconds(50),
            MaxRetryDelay = TimeSpan.FromMilliseconds(120),
        };
        var elapsed = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<TransportException>(() => RabbitMqTransport.ConnectAsync(options));

        // Three waits between four attempts: 50 + 100 + 120 ms.
        Assert.InRange(elapsed.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(20));
        Assert.StartsWith($"cannot reach RabbitMQ at amqp://127.0.0.1:{port}: connection refused (4 attempts", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("start it with scripts/rabbitmq.sh start or pass --broker URI", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void ResolveBrokerUri_WrongScheme_ThrowsTransportException()
    {
        var options = new RabbitMqTransportOptions { BrokerUri = new Uri("http://127.0.0.1:5672/") };

        var error = Assert.Throws<TransportException>(() => options.ResolveBrokerUri());

        Assert.Contains("amqp://", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_UriWithCredentials_HidesThem()
    {
        string shown = RabbitMqTransportOptions.Describe(new Uri("amqp://alice:secret@broker.example:5673/vhost"));

        Assert.Equal("amqp://broker.example:5673", shown);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
