using EdgeCascade.Cli.Evaluation;

namespace EdgeCascade.Cli.Tests.Benchmarks;

/// <summary>A fact that xunit reports as skipped, with the reason, when /usr/bin/python3 cannot import torch and numpy.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TorchFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> s_skipReason = new(Probe);

    public TorchFactAttribute()
    {
        if (s_skipReason.Value is { } reason)
        {
            Skip = reason;
        }
    }

    private static string? Probe()
    {
        var outcome = ExternalProcess.TryRun("/usr/bin/python3", ["-c", "import torch, numpy"]);
        return outcome is { ExitCode: 0 } ? null : "PyTorch reference not installed: /usr/bin/python3 cannot import torch and numpy (apt-get install python3-torch python3-numpy)";
    }
}
