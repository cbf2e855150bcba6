using System.Globalization;
using System.Text;
using Akka.Configuration;
using EdgeCascade.Runtime.Serialization;
using EdgeCascade.Runtime.Transport;

namespace EdgeCascade.Runtime.Clustering;

/// <summary>
/// Validated settings of one cluster member, and the Akka config made from them.
/// </summary>
/// <remarks>
/// Akka's own HOCON parser hangs on an unclosed '[' and silently drops text after a stray '}' (akka-notes.md), so no
/// user text ever reaches it: every value here is checked (host names, ports, role names from a safe alphabet,
/// positive durations and sizes) and <see cref="ToConfigText"/> writes the config itself.
/// </remarks>
public sealed class ClusterSettings
{
    /// <summary>Every member of an EdgeCascade cluster uses this ActorSystem name (Akka clusters only form within one name).</summary>
    public const string SystemName = "edgecascade";

    /// <summary>Set to 1 to get Akka's DEBUG log on stdout.</summary>
    public const string DebugVariable = "EDGECASCADE_AKKA_DEBUG";

    /// <summary>Default listening port of a node when none is given.</summary>
    public const int DefaultPort = 4053;

    /// <summary>Where this member listens (port 0: any free port, for clients such as <c>send</c>).</summary>
    public required ClusterEndpoint Listen { get; init; }

    /// <summary>The seed nodes to join through; a node that lists only itself founds a new cluster.</summary>
    public required IReadOnlyList<ClusterEndpoint> SeedNodes { get; init; }

    /// <summary>The member's role: the node name (or a client role such as "send").</summary>
    public required string Role { get; init; }

    /// <summary>How long start-up waits to be Up before it gives up with one line. Default 20 s.</summary>
    public TimeSpan JoinTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Largest payload a frame carries; the remoting frame size is set above it. Default 8 MiB.</summary>
    public int MaxPayloadBytes { get; init; } = TransportOptions.DefaultMaxPayloadBytes;

    /// <summary>
    /// Concurrent Akka.Delivery lanes per link. Akka.Delivery hands a consumer one message at a time and a relay
    /// confirms only after its output is confirmed downstream, so one lane carries one image end to end at a time;
    /// the lanes are the pipelining window. Default 32.
    /// </summary>
    public int Lanes { get; init; } = 32;

    /// <summary>SBR stable-after: how long a member must stay unreachable before keep-majority downs it. Default 7 s.</summary>
    public TimeSpan DownAfter { get; init; } = TimeSpan.FromSeconds(7);

    /// <summary>Force every message through serialization even in-process (tests prove each type round-trips).</summary>
    public bool SerializeMessages { get; init; }

    /// <summary>The Akka config text, generated from the validated values above.</summary>
    public string ToConfigText()
    {
        Validate();
        long frame = (long)MaxPayloadBytes + 256 * 1024; // envelope + Akka.Delivery + remoting headers
        var b = new StringBuilder();
        b.AppendLine("akka {");
        // Akka's own log is off (stdout may carry a command's JSON); EDGECASCADE_AKKA_DEBUG=1 turns it on to stdout
        // when a link misbehaves (remoting, Akka.Delivery registrations and resends are all logged at DEBUG).
        string level = Environment.GetEnvironmentVariable(DebugVariable) == "1" ? "DEBUG" : "OFF";
        b.AppendLine(Invariant($"  loglevel = {level}"));
        b.AppendLine(Invariant($"  stdout-loglevel = {level}"));
        b.AppendLine("  log-dead-letters = off");
        b.AppendLine("  coordinated-shutdown.run-by-clr-shutdown-hook = off");
        b.AppendLine("  actor {");
        b.AppendLine("    provider = cluster");
        b.AppendLine(Invariant($"    serialize-messages = {(SerializeMessages ? "on" : "off")}"));
        b.AppendLine("    serializers {");
        b.AppendLine("      hyperion = \"Akka.Serialization.HyperionSerializer, Akka.Serialization.Hyperion\"");
        b.AppendLine(Invariant($"      edgecascade-latent = \"{typeof(LatentFrameSerializer).FullName}, {typeof(LatentFrameSerializer).Assembly.GetName().Name}\""));
        b.AppendLine(Invariant($"      edgecascade-sequenced = \"{typeof(SequencedFrameSerializer).FullName}, {typeof(SequencedFrameSerializer).Assembly.GetName().Name}\""));
        b.AppendLine("    }");
        b.AppendLine("    serialization-bindings {");
        b.AppendLine("      \"System.Object\" = hyperion");
        b.AppendLine(Invariant($"      \"{typeof(LatentFrame).FullName}, {typeof(LatentFrame).Assembly.GetName().Name}\" = edgecascade-latent"));
        // An exact-type binding wins over Akka.Cluster's ReliableDeliverySerializer (bound to an interface): see
        // SequencedFrameSerializer for what that saves per image and hop.
        b.AppendLine(Invariant($"      \"{typeof(Akka.Delivery.ConsumerController.SequencedMessage<LatentFrame>).AssemblyQualifiedName}\" = edgecascade-sequenced"));
        if (SerializeMessages)
        {
            // Akka.Delivery's ConsumerController.Delivery<T> is a local-only message, marked for Akka's
            // ReliableDeliverySerializer, which cannot write it; the verification pass needs some serializer for it.
            string delivery = typeof(Akka.Delivery.ConsumerController.Delivery<LatentFrame>).AssemblyQualifiedName!;
            b.AppendLine(Invariant($"      \"{delivery}\" = hyperion"));
        }

        b.AppendLine("    }");
        b.AppendLine("  }");
        b.AppendLine("  remote.dot-netty.tcp {");
        b.AppendLine(Invariant($"    hostname = \"{Listen.Host}\""));
        b.AppendLine(Invariant($"    port = {Listen.Port}"));
        b.AppendLine(Invariant($"    maximum-frame-size = {frame}b"));
        b.AppendLine(Invariant($"    send-buffer-size = {Math.Max(frame, 256 * 1024)}b"));
        b.AppendLine(Invariant($"    receive-buffer-size = {Math.Max(frame, 256 * 1024)}b"));
        // DotNetty's write batching holds small messages up to 40 ms until 30 are pending; a relay chain confirms
        // each image with one small Ack per hop, so batching would add up to 40 ms per hop to every image.
        b.AppendLine("    batching.enabled = false");
        b.AppendLine("  }");
        b.AppendLine("  cluster {");
        b.AppendLine(Invariant($"    roles = [\"{Role}\"]"));
        // A restarted node's first Join is dropped while the leader removes its old incarnation: retry soon (Up in ~5 s).
        b.AppendLine("    retry-unsuccessful-join-after = 2s");
        b.AppendLine("    downing-provider-class = \"Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster\"");
        b.AppendLine("    split-brain-resolver {");
        b.AppendLine("      active-strategy = keep-majority");
        b.AppendLine(Invariant($"      stable-after = {(long)DownAfter.TotalMilliseconds}ms"));
        b.AppendLine("    }");
        b.AppendLine("    run-coordinated-shutdown-when-down = on");
        b.AppendLine("  }");
        b.AppendLine("}");
        b.AppendLine(Invariant($"{LatentFrameSerializer.MaxPayloadConfigKey} = {MaxPayloadBytes}"));
        return b.ToString();
    }

    /// <summary>The config Akka gets, with Akka's own defaults (cluster, remote, delivery) underneath.</summary>
    public Config ToConfig() => ConfigurationFactory.ParseString(ToConfigText());

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad value.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Listen);
        ArgumentNullException.ThrowIfNull(SeedNodes);
        if (SeedNodes.Count == 0)
        {
            throw new ArgumentException("at least one seed node is needed (a founding node lists itself)");
        }

        if (string.IsNullOrEmpty(Role) || Role.Length > 200 || !Role.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException($"'{Role}' cannot be a cluster role: node names on a cluster use letters, digits, '-', '_' and '.'");
        }

        if (JoinTimeout <= TimeSpan.Zero || DownAfter <= TimeSpan.Zero)
        {
            throw new ArgumentException("join timeout and down-after must be positive");
        }

        if (MaxPayloadBytes < 1024 || MaxPayloadBytes > 256 * 1024 * 1024)
        {
            throw new ArgumentException(Invariant($"max payload {MaxPayloadBytes} bytes is outside 1 KiB - 256 MiB"));
        }

        if (Lanes is < 1 or > 1024)
        {
            throw new ArgumentException(Invariant($"lanes {Lanes} is outside 1-1024"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
