using System.Runtime.InteropServices;

namespace EdgeCascade.Codec.Files;

/// <summary>
/// The kind and identity of a path on Linux through <c>statx(2)</c>. .NET reports a device node such as
/// /dev/null as an ordinary file and has no inode, so <see cref="SafeFile"/> asks the kernel; statx's struct
/// has one layout on every Linux architecture, unlike <c>struct stat</c>.
/// </summary>
internal static partial class UnixFileStatus
{
    /// <summary>File-type bits of st_mode (S_IFMT) and the values this project tells apart.</summary>
    public const int TypeMask = 0xF000;

    public const int Fifo = 0x1000;

    public const int CharacterDevice = 0x2000;

    public const int Directory = 0x4000;

    public const int BlockDevice = 0x6000;

    public const int Regular = 0x8000;

    public const int Symlink = 0xA000;

    public const int Socket = 0xC000;

    private const int AtCurrentDirectory = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const uint StatxInode = 0x100;
    private const int StatxSize = 256;

    /// <summary>
    /// The type bits, inode and device of <paramref name="path"/> (links followed unless <paramref name="followLinks"/>
    /// is false), or null when it does not exist or cannot be examined (then callers fall back to .NET's view).
    /// </summary>
    public static unsafe (int Type, ulong Inode, ulong Device)? Get(string path, bool followLinks)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        byte* buffer = stackalloc byte[StatxSize];
        int result;
        try
        {
            result = Statx(AtCurrentDirectory, path, followLinks ? 0 : AtSymlinkNoFollow, StatxType | StatxInode, buffer);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A libc without statx (glibc < 2.28, some musl builds): behave as on other systems.
            return null;
        }

        if (result != 0)
        {
            return null;
        }

        // struct statx: stx_mode (u16) at 28, stx_ino (u64) at 32, stx_dev_major/minor (u32) at 136/140.
        int mode = *(ushort*)(buffer + 28);
        ulong inode = *(ulong*)(buffer + 32);
        ulong device = ((ulong)*(uint*)(buffer + 136) << 32) | *(uint*)(buffer + 140);
        return (mode & TypeMask, inode, device);
    }

    /// <summary>A user-facing name for a non-regular file type.</summary>
    public static string Describe(int type) => type switch
    {
        CharacterDevice => "a character device",
        BlockDevice => "a block device",
        Fifo => "a named pipe",
        Socket => "a socket",
        Directory => "a directory",
        Symlink => "a symbolic link",
        _ => "not a regular file",
    };

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int Statx(int directoryFd, string path, int flags, uint mask, byte* buffer);
}
