using Microsoft.Extensions.Logging;

namespace EdgeCascade.Runtime.Membership;

internal static partial class MembershipLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "membership: {Description}")]
    public static partial void NodeUp(ILogger logger, string description);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "membership: {Description}")]
    public static partial void NodeDown(ILogger logger, string description);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "membership: heartbeat from {Node} failed to send: {Reason}")]
    public static partial void HeartbeatFailed(ILogger logger, string node, string reason);
}
