using EdgeCascade.Codec.Weights;

namespace EdgeCascade.Codec.Models;

/// <summary>
/// A model family on disk: <c>card.json</c> plus one weights file per level and per φ transform.
/// Files are read on first use and cached; loading is thread-safe.
/// </summary>
public sealed class ModelFamily
{
    private readonly Dictionary<int, LevelModel> _levels = [];
    private readonly Dictionary<(PhiType, int), LatentTransform> _transforms = [];
    private readonly Lock _gate = new();

    private ModelFamily(string directory, ModelCard card)
    {
        Directory = directory;
        Card = card;
    }

    public string Directory { get; }

    public ModelCard Card { get; }

    public string FamilyId => Card.FamilyId;

    public int Levels => Card.Levels;

    /// <summary>
    /// Opens the family in <paramref name="modelsDirectory"/>: a folder holding <c>card.json</c>, or a parent
    /// folder with exactly one family subfolder (e.g. <c>models/</c> containing <c>ec-mshp-v1/</c>).
    /// </summary>
    public static ModelFamily Load(string modelsDirectory)
    {
        ArgumentNullException.ThrowIfNull(modelsDirectory);
        string directory = Path.GetFullPath(modelsDirectory);
        string cardPath = Path.Combine(directory, ModelCard.FileName);
        if (!File.Exists(cardPath) && System.IO.Directory.Exists(directory))
        {
            string[] candidates = System.IO.Directory.GetDirectories(directory)
                .Where(d => File.Exists(Path.Combine(d, ModelCard.FileName)))
                .ToArray();
            if (candidates.Length == 1)
            {
                directory = candidates[0];
                cardPath = Path.Combine(directory, ModelCard.FileName);
            }
        }

        return new ModelFamily(directory, ModelCard.Load(cardPath));
    }

    /// <summary>The level-<paramref name="level"/> codec (1 = lowest quality).</summary>
    public LevelModel GetLevel(int level)
    {
        int hyper = Card.HyperChannels(level);
        int latent = Card.LatentChannels(level);
        lock (_gate)
        {
            if (_levels.TryGetValue(level, out LevelModel? cached))
            {
                return cached;
            }
        }

        LevelModel model = LevelModel.Load(ResolveFile(ModelCard.LevelKey(level)), level, hyper, latent);
        lock (_gate)
        {
            return _levels.TryAdd(level, model) ? model : _levels[level];
        }
    }

    /// <summary>φ_{k→k-1} of the given type, for <paramref name="fromLevel"/> k in 2..Levels.</summary>
    public LatentTransform GetTransform(PhiType type, int fromLevel)
    {
        if (fromLevel < 2 || fromLevel > Levels)
        {
            throw new ArgumentOutOfRangeException(nameof(fromLevel), $"φ exists for levels 2..{Levels}, not {fromLevel}.");
        }

        lock (_gate)
        {
            if (_transforms.TryGetValue((type, fromLevel), out LatentTransform? cached))
            {
                return cached;
            }
        }

        LatentTransform transform = LatentTransform.Load(
            ResolveFile(ModelCard.TransformKey(type, fromLevel)),
            type,
            fromLevel,
            Card.LatentChannels(fromLevel),
            Card.LatentChannels(fromLevel - 1),
            Card.PhiWidth);
        lock (_gate)
        {
            return _transforms.TryAdd((type, fromLevel), transform) ? transform : _transforms[(type, fromLevel)];
        }
    }

    /// <summary>True when the card lists a weights file for the transform (it may still fail to load).</summary>
    public bool HasTransform(PhiType type, int fromLevel) => Card.Files.ContainsKey(ModelCard.TransformKey(type, fromLevel));

    /// <summary>Absolute path of the weights file the card lists under <paramref name="key"/>.</summary>
    public string ResolveFile(string key)
    {
        if (!Card.Files.TryGetValue(key, out string? relative))
        {
            string cardPath = Path.Combine(Directory, ModelCard.FileName);
            throw new WeightsException($"Model card '{cardPath}' lists no file for '{key}' ({WeightsException.MissingFileHint}).", cardPath, null);
        }

        return Path.GetFullPath(Path.Combine(Directory, relative));
    }

    public override string ToString() => $"ModelFamily({FamilyId}, {Levels} levels, {Directory})";
}
