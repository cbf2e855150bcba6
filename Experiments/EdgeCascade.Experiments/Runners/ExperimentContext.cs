using System.Globalization;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Codec.Imaging;
using EdgeCascade.Experiments.Results;

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
    /// <remarks>Schema 2: frameworks' <c>drf</c> became the paper's every-level recompression (schema 1: one recompression,
    /// now <c>drf_one_recompression</c>); readers that compare DRF across documents need to know which. Schema 3: paths'
    /// top-level <c>curves</c>/<c>comparisons</c> became the every-level-a-node reading (schema 2: the edge policy's,
    /// now under <c>edge_policy</c>).</remarks>
    internal ExperimentHeader Header(ExperimentKind kind) => new(
        kind.ToString().ToLowerInvariant(), SchemaVersion: 3, Engine.FamilyId, Engine.Levels, Seed,
        [.. Images.Select(i => new ImageEntry(i.Name, i.Image.Width, i.Image.Height))]);

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

    /// <summary>JSON has no NaN or infinity: such a value is written as null.</summary>
    internal static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
