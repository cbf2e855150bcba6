using System.IO.Hashing;
using EdgeCascade.Codec.Bitstreams;

namespace EdgeCascade.Runtime.Transport;

/// <summary>
/// What travels with every payload between nodes: which image of which flows it is, how far it has come,
/// and a CRC-32 of the payload so a receiver can tell a damaged message from a good one.
/// </summary>
/// <remarks>
/// One payload can carry one image for several flows of the same source (HCF's one encode for many destinations): the
/// source encodes the image once, and the flows whose plans agree so far ride on one message over the links they share.
/// <see cref="FlowId"/> is the first of them, <see cref="RiderFlows"/> the rest; the sinks de-duplicate per
/// (flow, image id), never per message.
/// </remarks>
/// <param name="MessageId">Unique per published message; a republished (forwarded) message gets a new one.</param>
/// <param name="FlowId">The topology flow the image belongs to.</param>
/// <param name="ImageId">The image's number within its flow; (FlowId, ImageId) is the de-duplication key.</param>
/// <param name="Hop">Number of links already crossed (0 at the source).</param>
/// <param name="Level">The quality level (stage) the payload is encoded to.</param>
/// <param name="Policy">
/// The plan the message was made for: the policy bits of <paramref name="FlowId"/>, then those of every rider flow, in
/// order, separated by <c>+</c> (a node refuses a message planned with other bits than its own).
/// </param>
/// <param name="Checksum">CRC-32 of the payload bytes.</param>
/// <param name="CreatedAt">When the source created the image's first message; supplied by the caller's clock.</param>
public sealed record Envelope(
    Guid MessageId,
    string FlowId,
    long ImageId,
    int Hop,
    int Level,
    string Policy,
    uint Checksum,
    DateTimeOffset CreatedAt)
{
    /// <summary>
    /// The other flows this payload carries the same image for (empty for a flow of its own); their order is the
    /// order of their policy bits in <see cref="Policy"/>.
    /// </summary>
    public IReadOnlyList<string> RiderFlows { get; init; } = [];

    /// <summary>Every flow riding on this payload: <see cref="FlowId"/> first, then <see cref="RiderFlows"/>.</summary>
    public IEnumerable<string> Flows => RiderFlows.Count == 0 ? [FlowId] : RiderFlows.Prepend(FlowId);

    /// <summary>The flows as one short text for logs and errors, e.g. <c>cam1-monitor+cam1-archive</c>.</summary>
    public string FlowsText => RiderFlows.Count == 0 ? FlowId : string.Join('+', Flows);

    /// <summary>A source-side envelope (hop 0) whose checksum covers <paramref name="payload"/>.</summary>
    public static Envelope Create(
        string flowId,
        long imageId,
        int level,
        string policy,
        ReadOnlySpan<byte> payload,
        DateTimeOffset createdAt,
        Guid? messageId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(flowId);
        ArgumentNullException.ThrowIfNull(policy);
        return new Envelope(messageId ?? Guid.NewGuid(), flowId, imageId, 0, level, policy, Crc32.HashToUInt32(payload), createdAt);
    }

    /// <summary>
    /// The envelope a relay publishes downstream: one hop further, a new message id, the checksum of the new payload,
    /// optionally a new level; flow, image and creation time are kept.
    /// </summary>
    public Envelope ForNextHop(ReadOnlySpan<byte> payload, int? level = null, Guid? messageId = null) =>
        this with
        {
            MessageId = messageId ?? Guid.NewGuid(),
            Hop = Hop + 1,
            Level = level ?? Level,
            Checksum = Crc32.HashToUInt32(payload),
        };

    /// <summary>
    /// The envelope for forwarding the same payload unchanged one hop further: a new message id, same checksum
    /// (no need to hash the bytes again).
    /// </summary>
    public Envelope Forwarded(Guid? messageId = null) =>
        this with { MessageId = messageId ?? Guid.NewGuid(), Hop = Hop + 1 };

    /// <summary>True when <paramref name="payload"/> has the checksum this envelope carries.</summary>
    public bool Matches(ReadOnlySpan<byte> payload) => Crc32.HashToUInt32(payload) == Checksum;

    /// <summary>Value equality, the rider flows compared element by element (a list compares by reference).</summary>
    public bool Equals(Envelope? other) =>
        other is not null
        && MessageId == other.MessageId
        && string.Equals(FlowId, other.FlowId, StringComparison.Ordinal)
        && ImageId == other.ImageId
        && Hop == other.Hop
        && Level == other.Level
        && string.Equals(Policy, other.Policy, StringComparison.Ordinal)
        && Checksum == other.Checksum
        && CreatedAt.Equals(other.CreatedAt)
        && RiderFlows.SequenceEqual(other.RiderFlows, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(MessageId, FlowId, ImageId, Hop, Level, Checksum, RiderFlows.Count);
}
