using System.Globalization;
using System.Text;

namespace EdgeCascade.Codec.Files;

/// <summary>
/// Reads and writes the files users name on the command line without harming them:
/// reads are bounded (a device such as /dev/zero or an oversized file fails fast instead of filling memory);
/// writes go to a temporary file next to the target that is renamed over it only once complete, so a full disk
/// or a crash never leaves a half-written output or destroys the previous one; and nothing is renamed over a
/// directory, device or pipe (as root, a rename would silently replace /dev/null with a regular file).
/// Every failure is a <see cref="SafeFileException"/> whose message names the path, the cause and the fix,
/// never the temporary file.
/// </summary>
public static class SafeFile
{
    private static int _temporaryCounter;

    /// <summary>Reads all of <paramref name="path"/>, refusing more than <paramref name="maxBytes"/> bytes.</summary>
    /// <param name="what">What the file should be, for messages (e.g. "an image").</param>
    /// <exception cref="SafeFileException">Empty path, missing file, a directory or device, over the limit, or unreadable.</exception>
    public static byte[] ReadAllBytes(string path, long maxBytes, string what)
    {
        ArgumentNullException.ThrowIfNull(what);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        CheckInput(path, what);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            if (stream.CanSeek && stream.Length > maxBytes)
            {
                throw TooLarge(path, maxBytes, what);
            }

            // Pipes and special files report no length, so the limit is enforced while reading, not trusted up front.
            using var buffer = new MemoryStream(stream.CanSeek ? (int)stream.Length : 1 << 16);
            var chunk = new byte[1 << 16];
            long total = 0;
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    throw TooLarge(path, maxBytes, what);
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SafeFileException($"'{path}' does not exist; check the path", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new SafeFileException($"cannot read '{path}': permission denied; make it readable or pass another file", e);
        }
        catch (IOException e) when (e is not SafeFileException)
        {
            throw new SafeFileException($"cannot read '{path}': {e.Message}", e);
        }
    }

    /// <summary>Reads <paramref name="path"/> as text (UTF-8 unless a byte-order mark says otherwise), bounded like <see cref="ReadAllBytes"/>.</summary>
    public static string ReadAllText(string path, long maxBytes, string what)
    {
        byte[] bytes = ReadAllBytes(path, maxBytes, what);
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>Replaces <paramref name="path"/> with <paramref name="bytes"/> by writing a temporary file beside it and renaming it over.</summary>
    /// <exception cref="SafeFileException">The path cannot take a file, or the write failed (the old file, if any, is untouched).</exception>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        byte[] copy = bytes.ToArray();
        Write(path, stream => stream.Write(copy));
    }

    /// <summary>Replaces <paramref name="path"/> with <paramref name="text"/> in UTF-8 without a byte-order mark.</summary>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        WriteAllBytes(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));
    }

    /// <summary>
    /// Replaces <paramref name="path"/> with what <paramref name="write"/> puts in the stream. A symbolic link is
    /// followed, so the link keeps pointing at the new file; an existing file's permissions are kept.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        string target = CheckOutput(path);
        string temporary = string.Empty;
        try
        {
            FileStream stream = CreateTemporary(target, out temporary);
            using (stream)
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows() && File.Exists(target))
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(target));
            }

            // Checked again just before the rename: the target may have changed while the content was produced.
            CheckOutput(path);
            File.Move(temporary, target, overwrite: true);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new SafeFileException($"cannot write '{path}': permission denied; choose a folder you can write to", e);
        }
        catch (ArgumentOutOfRangeException e) when (e.TargetSite?.DeclaringType == typeof(RandomAccess))
        {
            // .NET reports EFBIG (the file-size limit of the process or the file system) this way, not as an IOException.
            throw new SafeFileException($"cannot write '{path}': the file would exceed the file-size limit; nothing was changed there", e);
        }
        catch (IOException e) when (e is not SafeFileException)
        {
            // The reason may name the temporary file, which the user never asked for: show the target instead.
            string reason = temporary.Length > 0 ? e.Message.Replace(temporary, target, StringComparison.Ordinal) : e.Message;
            throw new SafeFileException($"cannot write '{path}': {reason.TrimEnd('.')}; nothing was changed there", e);
        }
        finally
        {
            if (temporary.Length > 0 && File.Exists(temporary))
            {
                TryDelete(temporary);
            }
        }
    }

    /// <summary>
    /// Checks that <paramref name="path"/> can take an output file before any work is done: it is not empty, its folder
    /// exists, and it is absent or a regular file (after following symbolic links). Returns the path that will be written.
    /// </summary>
    /// <exception cref="SafeFileException">It cannot.</exception>
    public static string CheckOutput(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw new SafeFileException("no output file given (the path is empty); pass a file path");
        }

        if (Path.EndsInDirectorySeparator(path))
        {
            throw new SafeFileException($"'{path}' names a folder; give a file name, e.g. '{Path.Combine(path, "out")}'");
        }

        string target = Path.GetFullPath(path);
        var info = new FileInfo(target);
        if (info.LinkTarget is not null)
        {
            target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? target;
        }

        if (Directory.Exists(target))
        {
            throw new SafeFileException($"'{path}' is a directory; give a file name inside it, e.g. '{Path.Combine(path, "out")}'");
        }

        int? type = TypeOf(target);
        if (type is int kind && kind != UnixFileStatus.Regular)
        {
            throw new SafeFileException(
                $"'{path}' is {UnixFileStatus.Describe(kind)}, not a regular file; write to a regular file path instead (outputs replace their target)");
        }

        string? folder = Path.GetDirectoryName(target);
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new SafeFileException($"folder '{Path.GetDirectoryName(path)}' of '{path}' does not exist; create it first or choose another output path");
        }

        return target;
    }

    /// <summary>
    /// True when both paths name the same existing file (same device and inode where the system says, so links and
    /// different spellings count), so a command can refuse to write its output over its own input.
    /// </summary>
    public static bool AreSameFile(string first, string second)
    {
        if (string.IsNullOrEmpty(first) || string.IsNullOrEmpty(second))
        {
            return false;
        }

        var a = UnixFileStatus.Get(first, followLinks: true);
        var b = UnixFileStatus.Get(second, followLinks: true);
        if (a is not null && b is not null)
        {
            return a.Value.Inode == b.Value.Inode && a.Value.Device == b.Value.Device;
        }

        if (!File.Exists(first) || !File.Exists(second))
        {
            return false;
        }

        StringComparison comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        return string.Equals(Path.GetFullPath(first), Path.GetFullPath(second), comparison);
    }

    /// <summary>
    /// Creates an empty, hidden staging folder next to <paramref name="targetDirectory"/> (creating its parents) for a
    /// command that writes a set of files; <see cref="PublishDirectory"/> then moves the finished set into place.
    /// </summary>
    /// <exception cref="SafeFileException">The path is empty or names something that is not a folder.</exception>
    public static string CreateStagingDirectory(string targetDirectory)
    {
        string target = CheckOutputDirectory(targetDirectory);
        string parent = Path.GetDirectoryName(target) ?? Directory.GetCurrentDirectory();
        try
        {
            Directory.CreateDirectory(parent);
            while (true)
            {
                string staging = Path.Combine(parent, TemporaryName(Path.GetFileName(target)));
                if (!Path.Exists(staging))
                {
                    Directory.CreateDirectory(staging);
                    return staging;
                }
            }
        }
        catch (UnauthorizedAccessException e)
        {
            throw new SafeFileException($"cannot create output folder '{targetDirectory}': permission denied; choose a folder you can write to", e);
        }
        catch (IOException e) when (e is not SafeFileException)
        {
            throw new SafeFileException($"cannot create output folder '{targetDirectory}': {e.Message.TrimEnd('.')}; choose another --out", e);
        }
    }

    /// <summary>
    /// Moves every file of <paramref name="staging"/> into <paramref name="targetDirectory"/> (renaming over files of
    /// the same name, keeping others) and removes the staging folder. Nothing moves unless every target is absent or
    /// a regular file, so the set is never left half replaced because of one bad entry.
    /// </summary>
    public static void PublishDirectory(string staging, string targetDirectory)
    {
        ArgumentNullException.ThrowIfNull(staging);
        string target = CheckOutputDirectory(targetDirectory);
        try
        {
            if (!Path.Exists(target))
            {
                Directory.Move(staging, target);
                return;
            }

            var moves = new List<(string From, string To)>();
            Plan(staging, target, targetDirectory, moves);
            foreach ((string from, string to) in moves)
            {
                if (Directory.Exists(from))
                {
                    Directory.Move(from, to);
                }
                else
                {
                    File.Move(from, to, overwrite: true);
                }
            }

            Directory.Delete(staging, recursive: true);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new SafeFileException($"cannot write into '{targetDirectory}': permission denied; choose a folder you can write to", e);
        }
        catch (IOException e) when (e is not SafeFileException)
        {
            throw new SafeFileException($"cannot write into '{targetDirectory}': {e.Message.TrimEnd('.')}", e);
        }
    }

    /// <summary>Removes a staging folder after a failed run (best effort: a failure to clean up must not hide the run's own error).</summary>
    public static void DeleteStagingDirectory(string staging)
    {
        try
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind: its hidden name says it is a leftover, and nothing reads it.
        }
    }

    private static void Plan(string from, string to, string display, List<(string From, string To)> moves)
    {
        foreach (string entry in Directory.EnumerateFileSystemEntries(from))
        {
            string name = Path.GetFileName(entry);
            string destination = Path.Combine(to, name);
            string shown = Path.Combine(display, name);
            bool isDirectory = Directory.Exists(entry);
            int? type = TypeOf(destination);
            if (type is null && !Path.Exists(destination))
            {
                moves.Add((entry, destination));
            }
            else if (isDirectory && Directory.Exists(destination))
            {
                Plan(entry, destination, shown, moves);
            }
            else if (!isDirectory && (type ?? (File.Exists(destination) ? UnixFileStatus.Regular : UnixFileStatus.Directory)) == UnixFileStatus.Regular)
            {
                moves.Add((entry, destination));
            }
            else
            {
                string kind = type is int known ? UnixFileStatus.Describe(known) : "a directory";
                throw new SafeFileException($"'{shown}' is {kind} where the output {(isDirectory ? "folder" : "file")} goes; remove it or choose another output folder");
            }
        }
    }

    private static string CheckOutputDirectory(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw new SafeFileException("no output folder given (the path is empty); pass a folder path");
        }

        string target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (File.Exists(target) || (TypeOf(target) is int type && type != UnixFileStatus.Directory))
        {
            throw new SafeFileException($"'{path}' exists and is not a folder; pass a folder path for the output files");
        }

        return target;
    }

    private static void CheckInput(string path, string what)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw new SafeFileException($"no input file given (the path is empty); pass the path of {what}");
        }

        if (Directory.Exists(path))
        {
            throw new SafeFileException($"'{path}' is a directory; pass the path of {what} inside it");
        }

        // Devices never hold a file's content (and /dev/zero or /dev/urandom never end); pipes are read up to the limit.
        if (TypeOf(path) is UnixFileStatus.CharacterDevice or UnixFileStatus.BlockDevice or UnixFileStatus.Socket)
        {
            throw new SafeFileException($"'{path}' is {UnixFileStatus.Describe(TypeOf(path)!.Value)}, not a file; pass the path of {what}");
        }
    }

    private static SafeFileException TooLarge(string path, long maxBytes, string what) =>
        new($"'{path}' is larger than {Size(maxBytes)}, the limit for {what}; check that it is the right file");

    private static string Size(long bytes) => bytes >= 1 << 20
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1 << 20):0.#} MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");

    private static int? TypeOf(string path) => UnixFileStatus.Get(path, followLinks: true)?.Type;

    private static FileStream CreateTemporary(string target, out string temporary)
    {
        string folder = Path.GetDirectoryName(target) ?? Directory.GetCurrentDirectory();
        while (true)
        {
            temporary = Path.Combine(folder, TemporaryName(Path.GetFileName(target)));
            try
            {
                return new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            }
            catch (IOException) when (File.Exists(temporary))
            {
                // Another writer holds that name: take the next one.
            }
        }
    }

    // Hidden, beside the target (so the rename stays on one file system), unique per process and call; no random source,
    // because the codec library never reads one.
    private static string TemporaryName(string name) => string.Create(
        CultureInfo.InvariantCulture,
        $".{name}.{Environment.ProcessId}.{Interlocked.Increment(ref _temporaryCounter)}.tmp");

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort; the original error is the one to report.
        }
    }
}
