using EdgeCascade.Codec.Models;

namespace EdgeCascade.Cli;

/// <summary>Finds the model family folder: --models if given, else models/ec-mshp-v1 here, in a parent, or beside the executable.</summary>
public static class ModelLocator
{
    public const string DefaultFamily = "ec-mshp-v1";

    public static string Resolve(string? explicitDirectory)
    {
        if (!string.IsNullOrEmpty(explicitDirectory))
        {
            return explicitDirectory;
        }

        var relative = Path.Combine("models", DefaultFamily);
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(Path.Combine(candidate, ModelCard.FileName)))
            {
                return candidate;
            }
        }

        var besideExe = Path.Combine(AppContext.BaseDirectory, relative);
        return Directory.Exists(besideExe) ? besideExe : relative;
    }

    /// <summary>Loads the family, turning a missing folder into a one-line error that says how to get the weights.</summary>
    public static ModelFamily Load(string? explicitDirectory)
    {
        var directory = Resolve(explicitDirectory);
        if (!File.Exists(Path.Combine(directory, ModelCard.FileName)))
        {
            throw new UserInputException(
                $"no model card at {Path.Combine(directory, ModelCard.FileName)}; pass --models DIR (a folder with card.json and .safetensors) " +
                "or train the family with training/train_all.sh");
        }

        return ModelFamily.Load(directory);
    }
}
