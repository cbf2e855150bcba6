using System.Globalization;
using EdgeCascade.Topologies.Hocon;

namespace EdgeCascade.Runtime.Clustering;

/// <summary>
/// Reads a member's cluster settings from a HOCON file (<c>--cluster-config FILE</c>) with our own HOCON reader, so a
/// mistake is reported as <c>file:line:col</c> and the values reach Akka only through <see cref="ClusterSettings"/>'
/// generated config: Akka's own parser never sees user text (it hangs on an unclosed '[', akka-notes.md).
/// </summary>
/// <remarks>
/// <code>
/// edgecascade.cluster {
///   hostname = "camera.example"       # the name the other members reach this one at (Akka.Remote binds it)
///   port = 4053
///   seed-nodes = ["cloud.example:4053", "base-station.example:4053"]
///   join-timeout = 20s                # start-up gives up after this with one line, exit 2
///   down-unreachable-after = 7s       # split-brain resolver (keep-majority) stable-after
///   lanes = 32                        # Akka.Delivery lanes per link
///   max-payload = 8 MiB               # largest latent frame; the remoting frame is set above it
/// }
/// </code>
/// Every key is optional; keys outside this list are errors (a misspelt key would otherwise be ignored silently).
/// Command-line options override the file.
/// </remarks>
public static class ClusterConfigFile
{
    /// <summary>The block the file holds.</summary>
    public const string Block = "edgecascade.cluster";

    private static readonly string[] s_keys = ["hostname", "port", "seed-nodes", "join-timeout", "down-unreachable-after", "lanes", "max-payload"];

    /// <summary>Reads and checks the file.</summary>
    /// <exception cref="HoconException">Unreadable file, HOCON syntax, unknown key or bad value: one line with file:line:col.</exception>
    public static ClusterConfigValues Read(string path)
    {
        HoconObject root = HoconLoader.LoadFile(path);
        if (root.Find(Block) is not { } found)
        {
            throw new HoconException(
                new SourcePosition(path, 1, 1), Block, $"no '{Block}' block", $"write the settings inside {Block} {{ ... }} (README: cluster settings file)");
        }

        HoconObject block = found.AsObject();
        foreach (string key in block.Keys)
        {
            if (!s_keys.Contains(key, StringComparer.Ordinal))
            {
                throw new HoconException(block[key].Position, block[key].Path, $"unknown cluster setting '{key}'", $"known: {string.Join(", ", s_keys)}");
            }
        }

        return new ClusterConfigValues
        {
            Hostname = Get(block, "hostname", v => ClusterEndpoint.Create(v.AsString(), 1).Host),
            Port = Get<int?>(block, "port", v => ClusterEndpoint.Create("127.0.0.1", v.AsInt()).Port),
            SeedNodes = Get(block, "seed-nodes", SeedNodes),
            JoinTimeout = Get<TimeSpan?>(block, "join-timeout", v => Positive(v.AsDuration(), TimeSpan.FromHours(1))),
            DownAfter = Get<TimeSpan?>(block, "down-unreachable-after", v => Positive(v.AsDuration(), TimeSpan.FromHours(1))),
            Lanes = Get<int?>(block, "lanes", v => InRange(v.AsInt(), 1, 1024)),
            MaxPayloadBytes = Get<int?>(block, "max-payload", v => (int)InRange(v.AsBytes(), 1024, 256L * 1024 * 1024)),
        };
    }

    private static IReadOnlyList<ClusterEndpoint> SeedNodes(HoconValue value)
    {
        IReadOnlyList<HoconValue> items = value.AsList();
        if (items.Count == 0)
        {
            throw new ArgumentException("the seed list is empty (a founding node lists itself)");
        }

        var seeds = new List<ClusterEndpoint>(items.Count);
        foreach (HoconValue item in items)
        {
            try
            {
                seeds.Add(ClusterEndpoint.Parse(item.AsString()));
            }
            catch (ArgumentException error)
            {
                throw new HoconException(item.Position, item.Path, error.Message, "write each seed node as \"host:port\"");
            }
        }

        return seeds;
    }

    // Converts one value; a value the converter refuses is reported at the value's own position.
    private static T? Get<T>(HoconObject block, string key, Func<HoconValue, T> convert)
    {
        if (!block.TryGetValue(key, out HoconValue? value) || value.IsNull)
        {
            return default;
        }

        try
        {
            return convert(value);
        }
        catch (ArgumentException error)
        {
            throw new HoconException(value.Position, value.Path, error.Message, "see the cluster settings file in Runtime/EdgeCascade.Runtime/Hosting/README.md");
        }
    }

    private static TimeSpan Positive(TimeSpan value, TimeSpan max) =>
        value > TimeSpan.Zero && value <= max
            ? value
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.###} s is outside (0 s, {max.TotalSeconds:0} s]"));

    private static T InRange<T>(T value, T min, T max)
        where T : System.Numerics.INumber<T> =>
        value >= min && value <= max
            ? value
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{value} is outside {min}-{max}"));
}
