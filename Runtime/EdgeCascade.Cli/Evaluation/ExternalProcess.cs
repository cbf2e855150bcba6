using System.ComponentModel;
using System.Diagnostics;

namespace EdgeCascade.Cli.Evaluation;

/// <summary>Runs a helper program (cjpeg, cwebp, python3) to completion and captures what it prints.</summary>
internal static class ExternalProcess
{
    /// <summary>Runs <paramref name="fileName"/>; null when it cannot be started (not installed).</summary>
    public static ProcessOutcome? TryRun(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Win32Exception)
        {
            return null;
        }

        if (process is null)
        {
            return null;
        }

        using (process)
        {
            // Both pipes are drained concurrently so a chatty child never blocks on a full pipe.
            var standardError = process.StandardError.ReadToEndAsync();
            var standardOutput = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return new ProcessOutcome(process.ExitCode, standardOutput, standardError.GetAwaiter().GetResult());
        }
    }

    /// <summary>Runs <paramref name="fileName"/> and fails with one line unless it exits 0.</summary>
    /// <exception cref="UserInputException">The program is missing or failed.</exception>
    public static ProcessOutcome Run(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var outcome = TryRun(fileName, arguments, environment)
            ?? throw new UserInputException($"{fileName} could not be started (is it installed?)");
        if (outcome.ExitCode != 0)
        {
            throw new UserInputException($"{Path.GetFileName(fileName)} failed with exit code {outcome.ExitCode}: {outcome.ErrorSummary}");
        }

        return outcome;
    }

    /// <summary>The full path of <paramref name="name"/> on PATH, or null.</summary>
    public static string? FindOnPath(string name)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
