namespace EdgeCascade.Codec.Tests.Models;

/// <summary>Where the repository's trained family (<c>models/ec-mshp-v1</c>) and <c>data/eval</c> are.</summary>
internal static class CommittedFamily
{
    /// <summary>The repository root: the first folder above the test binaries holding models/ARCHITECTURE.md.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "models", "ARCHITECTURE.md")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("repository root (models/ARCHITECTURE.md) not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>models/ec-mshp-v1.</summary>
    public static string FamilyDirectory => Path.Combine(RepositoryRoot, "models", "ec-mshp-v1");

    /// <summary>data/eval: the evaluation photos the card's numbers were measured on.</summary>
    public static string EvalImages => Path.Combine(RepositoryRoot, "data", "eval");
}
