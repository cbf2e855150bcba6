namespace EdgeCascade.Cli.Tests;

/// <summary>A fact that needs Debian's /usr/bin/python3 (to start a child with SIGINT at its default); skipped with the reason otherwise.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PythonFactAttribute : FactAttribute
{
    public PythonFactAttribute()
    {
        if (!File.Exists("/usr/bin/python3"))
        {
            Skip = "needs /usr/bin/python3 to start the child process with SIGINT at its default disposition";
        }
    }
}
