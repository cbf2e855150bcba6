using System.Runtime.InteropServices;
using System.Text;

namespace EdgeCascade.Cli;

/// <summary>
/// The kind of an existing file system entry on Linux (regular file, directory, device, FIFO, socket), read with
/// <c>statx(2)</c>. .NET's <see cref="FileSystemInfo.Attributes"/> does not tell a character device or a FIFO
/// from a regular file on Unix, and renaming a temporary file over <c>/dev/null</c> as root would replace the device.
/// </summary>
internal static unsafe class UnixFileType
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int StatxSize = 256;

    // struct statx has the same layout on every Linux architecture: stx_mode is the u16 at byte 28.
    private const int ModeOffset = 28;
    private const int FormatMask = 0xF000;
    private const int RegularFile = 0x8000;

    // glibc's soname first: plain "libc.so" is a linker script where libc6-dev is installed and cannot be loaded.
    private static readonly string[] s_libraries = ["libc.so.6", "libc"];
    private static readonly Lazy<nint> s_statx = new(Resolve);

    /// <summary>
    /// True when <paramref name="path"/> (symbolic links followed) is a regular file, false when it is anything
    /// else; null when it does not exist or its kind cannot be read.
    /// </summary>
    public static bool? IsRegularFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!OperatingSystem.IsLinux() || s_statx.Value == 0)
        {
            return File.Exists(path) ? true : Directory.Exists(path) ? false : null;
        }

        var statx = (delegate* unmanaged<int, byte*, int, uint, byte*, int>)s_statx.Value;
        var name = Encoding.UTF8.GetBytes(path + "\0");
        byte* buffer = stackalloc byte[StatxSize];
        int result;
        fixed (byte* pathBytes = name)
        {
            result = statx(AtFdCwd, pathBytes, 0, StatxType, buffer);
        }

        if (result != 0)
        {
            return null;
        }

        int mode = *(ushort*)(buffer + ModeOffset);
        return (mode & FormatMask) == RegularFile;
    }

    private static nint Resolve()
    {
        foreach (var library in s_libraries)
        {
            if (NativeLibrary.TryLoad(library, out var handle) && NativeLibrary.TryGetExport(handle, "statx", out var function))
            {
                return function;
            }
        }

        return 0;
    }
}
