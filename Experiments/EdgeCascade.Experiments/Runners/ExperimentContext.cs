using System.Globalization;
using System.Text.Json.Nodes;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Codec.Imaging;

namespace EdgeCascade.Experiments.Runners;

/// <summary>
/// What every experiment needs: the codec, the images, the seed, a progress sink and, for the complexity
/// experiment only, a timer supplied by the caller (the library itself never reads the clock).
/// </summary>
public sealed class ExperimentContext(CascadeEngine engine, IReadOnlyList<EvalImage> images, long seed)
{
    public CascadeEngine Engine { get; } = engine ?? throw new ArgumentNullException(nameof(engine));

    public CascadeRunner Runner { get; } = new(engine);

    public IReadOnlyList<EvalImage> Images { get; } = images ?? throw new ArgumentNullException(nameof(images));

    public long Seed { get; } = seed;

    /// <summary>Receives one line per unit of work done, for progress bars.</summary>
    public IProgress<string>? Progress { get; init; }

    /// <summary>Monotonic timestamp in seconds; null means "do not measure time" (times are reported as null).</summary>
    public Func<double>? Timer { get; init; }

    /// <summary>The common head of every result document.</summary>
    public JsonObject Header(ExperimentKind kind) => new()
    {
        ["experiment"] = kind.ToString().ToLowerInvariant(),
        ["schema_version"] = 1,
        ["family_id"] = Engine.FamilyId,
        ["levels"] = Engine.Levels,
        ["seed"] = Seed,
        ["images"] = new JsonArray([.. Images.Select(i => (JsonNode)new JsonObject
        {
            ["name"] = i.Name,
            ["width"] = i.Image.Width,
            ["height"] = i.Image.Height,
        })]),
    };

    public void Report(string message) => Progress?.Report(message);

    internal static string F(double value, string format = "0.0000") =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A signed figure ("+1.25", "-0.40"); a value that rounds to zero prints as a plain "0.00", never "-+0.00".</summary>
    internal static string Signed(double value, int decimals)
    {
        if (double.IsNaN(value))
        {
            return "n/a";
        }

        // .NET prints a negative zero with a leading minus in front of the positive section.
        double rounded = Math.Round(value, decimals);
        string digits = "0." + new string('0', decimals);
        return rounded == 0 ? 0.0.ToString(digits, CultureInfo.InvariantCulture) : rounded.ToString("+" + digits + ";-" + digits, CultureInfo.InvariantCulture);
    }

    internal static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
