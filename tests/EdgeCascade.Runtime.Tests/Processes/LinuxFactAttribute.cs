namespace EdgeCascade.Runtime.Tests.Processes;

/// <summary>A fact that needs Linux (/bin/sh, /proc, signals by PID); skipped with the reason elsewhere.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/bin/sh"))
        {
            Skip = "needs Linux with /bin/sh and /proc (node processes are started through sh and checked in /proc)";
        }
    }
}
