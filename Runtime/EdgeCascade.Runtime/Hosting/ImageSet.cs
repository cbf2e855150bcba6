using EdgeCascade.Codec.Imaging;

namespace EdgeCascade.Runtime.Hosting;

/// <summary>
/// The images of a folder (.png, .ppm, .pgm), sorted by file name. Image id <c>i</c> of every flow is file
/// <c>i mod Count</c>: the convention the sender and the sinks (for PSNR) share.
/// </summary>
public sealed class ImageSet
{
    private static readonly string[] s_extensions = [".png", ".ppm", ".pgm"];
    private readonly string[] _files;
    private readonly RgbImage?[] _cache;
    private readonly Lock _gate = new();

    private ImageSet(string directory, string[] files)
    {
        Directory = directory;
        _files = files;
        _cache = new RgbImage?[files.Length];
    }

    public string Directory { get; }

    public int Count => _files.Length;

    public IReadOnlyList<string> Files => _files;

    /// <summary>Lists the images of <paramref name="directory"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="ArgumentException">The folder holds no image.</exception>
    public static ImageSet Open(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"image folder '{directory}' does not exist");
        }

        string[] files = System.IO.Directory.EnumerateFiles(directory)
            .Where(f => s_extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (files.Length == 0)
        {
            throw new ArgumentException($"image folder '{directory}' holds no .png, .ppm or .pgm file");
        }

        return new ImageSet(directory, files);
    }

    /// <summary>The file that image id <paramref name="imageId"/> stands for.</summary>
    public string FileFor(long imageId) => _files[Index(imageId)];

    /// <summary>The raw file bytes of image <paramref name="imageId"/> (what the sender publishes).</summary>
    public byte[] BytesFor(long imageId) => File.ReadAllBytes(FileFor(imageId));

    /// <summary>The decoded image <paramref name="imageId"/> (cached).</summary>
    public RgbImage ImageFor(long imageId)
    {
        int index = Index(imageId);
        lock (_gate)
        {
            if (_cache[index] is { } cached)
            {
                return cached;
            }
        }

        RgbImage image = ImageFile.Read(_files[index]);
        lock (_gate)
        {
            _cache[index] ??= image;
            return _cache[index]!;
        }
    }

    private int Index(long imageId) => (int)(((imageId % _files.Length) + _files.Length) % _files.Length);
}
