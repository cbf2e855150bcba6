namespace EdgeCascade.Cli;

/// <summary>
/// A result file named by the user (<c>--out FILE</c>): checked before the work starts, written through a temporary
/// file in the same folder and a rename, so a failed or interrupted run never leaves half a file, and never
/// written over a directory, a device, a FIFO or a socket.
/// </summary>
internal static class OutputFile
{
    /// <summary>Fails with a one-line <see cref="UserInputException"/> unless <paramref name="path"/> can take a result file.</summary>
    public static void Check(string path, string optionName)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new UserInputException($"{optionName} needs a file name");
        }

        if (Directory.Exists(path))
        {
            throw new UserInputException($"{optionName} {path} is a directory; name a file, e.g. {Path.Combine(path, "eval.json")}");
        }

        if (UnixFileType.IsRegularFile(path) is false)
        {
            throw new UserInputException($"{optionName} {path} is not a regular file (a device, FIFO or socket); name a regular file");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new UserInputException($"{optionName} {path}: folder {folder} does not exist");
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically (temporary file + rename).</summary>
    public static void WriteAtomically(string path, byte[] bytes, string optionName)
    {
        // Checked again right before the rename: the path may have changed while the work ran.
        Check(path, optionName);
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
