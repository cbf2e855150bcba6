using System.Diagnostics;

namespace EdgeCascade.Cli.Tests;

/// <summary>Runs the CLI in-process and captures its streams.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Runs the built CLI as a child process through bash, so a test can set what only a process has (a file-size
    /// limit, a signal); <paramref name="setup"/> is shell code run before the CLI starts (e.g. <c>ulimit -f 4</c>).
    /// </summary>
    public static Process Start(string setup, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("bash")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(setup + "; exec dotnet \"$0\" \"$@\"");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "edgecascade.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    /// <summary>Runs <see cref="Start"/> to the end (at most two minutes) and returns its exit code and streams.</summary>
    public static (int ExitCode, string Output, string Error) RunProcess(string setup, string workingDirectory, params string[] args)
    {
        using var process = Start(setup, workingDirectory, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"edgecascade {string.Join(' ', args)} did not finish in two minutes");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Creates a named pipe (mkfifo), a non-regular file any user may make.</summary>
    public static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    public static string RepoFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, name);
            if (File.Exists(Path.Combine(dir.FullName, "EdgeCascade.sln")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"repository root not found above {AppContext.BaseDirectory}");
    }
}
