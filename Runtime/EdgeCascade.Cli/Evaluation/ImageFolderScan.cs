using EdgeCascade.Codec.Imaging;

namespace EdgeCascade.Cli.Evaluation;

/// <summary>The readable images of a folder and the file names that were not images.</summary>
internal sealed record ImageFolderScan(IReadOnlyList<EvalImage> Images, IReadOnlyList<string> Skipped);
