using Microsoft.Extensions.Logging;

namespace EdgeCascade.Runtime.Transport;

/// <summary>The transport's log lines (source-generated, allocation-free when the level is off).</summary>
internal static partial class TransportLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "cannot reach RabbitMQ at {Broker}: {Reason}; attempt {Attempt}/{Attempts}, retrying in {DelayMilliseconds} ms")]
    public static partial void ConnectRetry(ILogger logger, string broker, string reason, int attempt, int attempts, long delayMilliseconds);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "connected to RabbitMQ at {Broker} (topology {Topology})")]
    public static partial void Connected(ILogger logger, string broker, string topology);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "dropped a message for node {Node}: {Reason}")]
    public static partial void Rejected(ILogger logger, string node, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "handler for node {Node} failed on message {MessageId}; nacked (requeue {Requeue})")]
    public static partial void HandlerFailed(ILogger logger, Exception error, string node, Guid messageId, bool requeue);
}
