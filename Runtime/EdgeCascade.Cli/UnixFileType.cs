using System.Runtime.InteropServices;

namespace EdgeCascade.Cli;

/// <summary>
/// The kind of an existing file system entry on Linux (regular file, directory, device, FIFO, socket), read with
/// <c>statx(2)</c>. .NET's <see cref="FileSystemInfo.Attributes"/> does not tell a character device or a FIFO
/// from a regular file on Unix, and renaming a temporary file over <c>/dev/null</c> as root would replace the device.
/// </summary>
internal static partial class UnixFileType
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int StatxSize = 256;

    // struct statx has the same layout on every Linux architecture: stx_mode is the u16 at byte 28.
    private const int ModeOffset = 28;
    private const int FormatMask = 0xF000;
    private const int RegularFile = 0x8000;

    /// <summary>
    /// True when <paramref name="path"/> (symbolic links followed) is a regular file, false when it is anything
    /// else; null when it does not exist or the kind cannot be read (not Linux).
    /// </summary>
    public static unsafe bool? IsRegularFile(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return File.Exists(path) ? true : Directory.Exists(path) ? false : null;
        }

        byte* buffer = stackalloc byte[StatxSize];
        if (Statx(AtFdCwd, path, 0, StatxType, buffer) != 0)
        {
            return null;
        }

        int mode = *(ushort*)(buffer + ModeOffset);
        return (mode & FormatMask) == RegularFile;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int directoryFd, string path, int flags, uint mask, byte* buffer);
}
