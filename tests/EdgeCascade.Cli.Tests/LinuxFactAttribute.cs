namespace EdgeCascade.Cli.Tests;

/// <summary>A fact that needs Linux file system semantics (devices under /dev); skipped with the reason elsewhere.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "needs Linux (/dev/null as a character device)";
        }
    }
}
