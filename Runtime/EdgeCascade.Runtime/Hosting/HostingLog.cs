using Microsoft.Extensions.Logging;

namespace EdgeCascade.Runtime.Hosting;

/// <summary>The node host's log lines (source-generated).</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "node {Node} of topology {Topology} consuming over {Transport} (prefetch {Prefetch}, policy {Policy})")]
    public static partial void Started(ILogger logger, string node, string topology, string transport, int prefetch, string policy);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "node {Node} refused message for flow {Flow} image {ImageId} hop {Hop}: {Reason}")]
    public static partial void Refused(ILogger logger, string node, string flow, long imageId, int hop, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "node {Node} could not forward flow {Flow} image {ImageId} to {Destination}; returned to the queue: {Reason}")]
    public static partial void ForwardFailed(ILogger logger, string node, string flow, long imageId, string destination, string reason);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "node {Node} dropped flow {Flow} image {ImageId} ({Reason}); requeue {Requeue}")]
    public static partial void Dropped(ILogger logger, string node, string flow, long imageId, string reason, bool requeue);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "node {Node} stopping: {InFlight} image(s) in flight, draining up to {DrainSeconds} s")]
    public static partial void Stopping(ILogger logger, string node, int inFlight, double drainSeconds);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "node {Node} stopped: received {Received}, forwarded {Forwarded}, delivered {Delivered}, duplicates {Duplicates}, returned {Returned}, codec stages {StagesRun}")]
    public static partial void Stopped(ILogger logger, string node, long received, long forwarded, long delivered, long duplicates, long returned, long stagesRun);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "node {Node} could not settle a delivery: {Reason}")]
    public static partial void SettleFailed(ILogger logger, string node, string reason);

    [LoggerMessage(EventId = 107, Level = LogLevel.Warning, Message = "sink {Node} could not write flow {Flow} image {ImageId}; returned to the queue: {Reason}")]
    public static partial void WriteFailed(ILogger logger, string node, string flow, long imageId, string reason);

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "link {From}->{To}: {Messages} messages ({FlowImages} flow images), {PayloadBytes} B in {Seconds:0.00} s = {MeasuredMegabitsPerSecond:0.000} Mbit/s measured (configured {Configured})")]
    public static partial void LinkMeasured(ILogger logger, string from, string to, long messages, long flowImages, long payloadBytes, double seconds, double measuredMegabitsPerSecond, string configured);

    [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "source {Node}: {Count} image(s) accepted before the last stop and not yet handed on, read back from {Path}")]
    public static partial void Recovered(ILogger logger, string node, int count, string path);

    [LoggerMessage(EventId = 112, Level = LogLevel.Warning, Message = "source {Node} could not write flow {Flow} image {ImageId} to its durable queue; the sender sends it again: {Reason}")]
    public static partial void QueueFailed(ILogger logger, string node, string flow, long imageId, string reason);
}
