using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeCascade.Codec.Weights;

namespace EdgeCascade.Codec.Models;

/// <summary>
/// <c>card.json</c> of a model family (models/ARCHITECTURE.md): level count, λ and channel widths per level,
/// φ width, padding, the weight file of each level and transform, plus free-form training and eval records.
/// </summary>
public sealed record ModelCard
{
    public const string FileName = "card.json";

    private static readonly JsonSerializerOptions s_options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public required string FamilyId { get; init; }

    public required int Levels { get; init; }

    public required IReadOnlyList<double> Lambdas { get; init; }

    /// <summary>Hyper/synthesis width N per level (index k - 1).</summary>
    public required IReadOnlyList<int> N { get; init; }

    /// <summary>Latent width M per level (index k - 1).</summary>
    public required IReadOnlyList<int> M { get; init; }

    public int PhiWidth { get; init; } = 48;

    public int PaddingMultiple { get; init; } = 64;

    public string? Architecture { get; init; }

    public string? WeightsDtype { get; init; }

    /// <summary>Weight files relative to the card: "level{k}" and "phi_{inter|intra}_{k}to{k-1}" keys.</summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, JsonElement>? Training { get; init; }

    public IReadOnlyDictionary<string, JsonElement>? Eval { get; init; }

    public string? Fixtures { get; init; }

    public string? ExportedUtc { get; init; }

    public static string LevelKey(int level) => $"level{level}";

    public static string TransformKey(PhiType type, int fromLevel) =>
        $"phi_{(type == PhiType.Inter ? "inter" : "intra")}_{fromLevel}to{fromLevel - 1}";

    public static ModelCard Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw WeightsException.MissingFile(path);
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static ModelCard Parse(string json, string source)
    {
        ModelCard? card;
        try
        {
            card = JsonSerializer.Deserialize<ModelCard>(json, s_options);
        }
        catch (JsonException exception)
        {
            throw new WeightsException($"Model card '{source}' is not valid: {exception.Message}", source, null, exception);
        }

        if (card is null)
        {
            throw new WeightsException($"Model card '{source}' is empty.", source, null);
        }

        card.Validate(source);
        return card;
    }

    public string ToJson() => JsonSerializer.Serialize(this, s_options);

    public void Save(string path) => File.WriteAllText(path, ToJson());

    /// <summary>N of level <paramref name="level"/> (1-based).</summary>
    public int HyperChannels(int level) => N[CheckLevel(level) - 1];

    /// <summary>M of level <paramref name="level"/> (1-based).</summary>
    public int LatentChannels(int level) => M[CheckLevel(level) - 1];

    public double Lambda(int level) => Lambdas[CheckLevel(level) - 1];

    public void Validate(string source)
    {
        void Fail(string problem) => throw new WeightsException($"Model card '{source}' is not valid: {problem}", source, null);

        if (string.IsNullOrWhiteSpace(FamilyId))
        {
            Fail("family_id is empty.");
        }

        if (Levels < 1)
        {
            Fail($"levels is {Levels}.");
        }

        if (Lambdas is null || Lambdas.Count != Levels || N is null || N.Count != Levels || M is null || M.Count != Levels)
        {
            Fail($"lambdas, n and m must each have {Levels} entries (got {Lambdas?.Count}, {N?.Count}, {M?.Count}).");
        }

        if (N!.Any(v => v < 1) || M!.Any(v => v < 1) || PhiWidth < 2 || PhiWidth % 2 != 0)
        {
            Fail("channel widths must be positive (phi_width even).");
        }

        if (PaddingMultiple < 64 || PaddingMultiple % 64 != 0)
        {
            Fail($"padding_multiple {PaddingMultiple} is not a multiple of the model's total stride 64.");
        }
    }

    private int CheckLevel(int level)
    {
        if (level < 1 || level > Levels)
        {
            throw new ArgumentOutOfRangeException(nameof(level), $"Level {level} is outside 1..{Levels} of family {FamilyId}.");
        }

        return level;
    }
}
