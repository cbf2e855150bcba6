using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace EdgeCascade.Runtime.Transport;

/// <summary>Opens the AMQP connection, retrying with exponential backoff, and explains failure in one line.</summary>
internal static class RabbitMqConnector
{
    public static async Task<IConnection> ConnectAsync(RabbitMqTransportOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        Uri uri = options.ResolveBrokerUri();
        string broker = RabbitMqTransportOptions.Describe(uri);
        var factory = new ConnectionFactory
        {
            Uri = uri,
            ClientProvidedName = options.ClientName,
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
        };

        int attempts = Math.Max(1, options.ConnectAttempts);
        TimeSpan delay = options.InitialRetryDelay;
        var elapsed = Stopwatch.StartNew();
        Exception? lastError = null;
        for (int attempt = 1; attempt <= attempts; attempt++)
        {
            try
            {
                return await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is BrokerUnreachableException or SocketException or IOException or TimeoutException)
            {
                lastError = error;
                if (IsAuthenticationFailure(error))
                {
                    throw new TransportException(
                        $"RabbitMQ at {broker} refused the credentials; pass them in the URI (amqp://user:password@host:port/) via --broker or {RabbitMqTransportOptions.BrokerUriVariable}",
                        error);
                }
            }

            if (attempt == attempts)
            {
                break;
            }

            TransportLog.ConnectRetry(logger, broker, Reason(lastError), attempt, attempts, (long)delay.TotalMilliseconds);
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxRetryDelay.Ticks));
        }

        throw new TransportException(
            $"cannot reach RabbitMQ at {broker}: {Reason(lastError)} ({attempts} attempts in {elapsed.Elapsed.TotalSeconds:0.0} s); " +
            "start it with scripts/rabbitmq.sh start or pass --broker URI",
            lastError!);
    }

    /// <summary>The innermost useful cause: "connection refused", "host not found", ...</summary>
    internal static string Reason(Exception? error)
    {
        for (Exception? current = error; current is not null; current = current.InnerException)
        {
            if (current is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host not found",
                    SocketError.TimedOut => "connection timed out",
                    SocketError.HostUnreachable or SocketError.NetworkUnreachable => "host unreachable",
                    _ => socket.Message,
                };
            }

            if (current is TimeoutException)
            {
                return "connection timed out";
            }
        }

        Exception? innermost = error;
        while (innermost?.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return innermost?.Message ?? "unknown error";
    }

    private static bool IsAuthenticationFailure(Exception error)
    {
        for (Exception? current = error; current is not null; current = current.InnerException)
        {
            if (current is AuthenticationFailureException)
            {
                return true;
            }
        }

        return false;
    }
}
