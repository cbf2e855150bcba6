using System.Diagnostics;
using System.Globalization;

namespace EdgeCascade.Runtime.Processes;

/// <summary>Starts <c>edgecascade node</c> child processes, and stops them by PID.</summary>
public static class NodeProcesses
{
    /// <summary>
    /// Starts <paramref name="launcher"/> with <paramref name="arguments"/>, its stdout and stderr appended to
    /// <paramref name="logFile"/>, in its own session (so the terminal's Ctrl+C does not reach it). Returns the child's PID.
    /// </summary>
    /// <exception cref="NodeProcessException">The program could not be started.</exception>
    public static int Start(NodeLauncher launcher, IReadOnlyList<string> arguments, string logFile)
    {
        ArgumentNullException.ThrowIfNull(launcher);
        (string fileName, IReadOnlyList<string> prefix) = (launcher.FileName, launcher.Prefix);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logFile))!);
        var start = new ProcessStartInfo(File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : "/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = false,
            RedirectStandardOutput = false,
            RedirectStandardError = false,
        };

        // sh execs the node in place, so the PID we get is the node's; the log is the child's own stdout/stderr,
        // which outlives this command.
        if (start.FileName == "/usr/bin/setsid")
        {
            start.ArgumentList.Add("/bin/sh");
        }

        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("log=\"$1\"; shift; exec \"$@\" >>\"$log\" 2>&1 </dev/null");
        start.ArgumentList.Add("edgecascade-node");
        start.ArgumentList.Add(Path.GetFullPath(logFile));
        start.ArgumentList.Add(fileName);
        foreach (string argument in prefix.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new NodeProcessException($"could not start {fileName}");
        return process.Id;
    }

    /// <summary>
    /// SIGTERM, wait up to <paramref name="timeout"/>, then SIGKILL. Returns true when it stopped gracefully. With
    /// <paramref name="onlyNodeProcesses"/> (a PID read from a pid file) a process that is no <c>edgecascade node</c>
    /// (a recycled PID) is left alone; a PID this process just started may pass false.
    /// </summary>
    public static bool Stop(int pid, TimeSpan timeout, bool onlyNodeProcesses = true)
    {
        if (onlyNodeProcesses ? !ClusterState.IsNodeProcess(pid) : !IsAlive(pid))
        {
            return true;
        }

        using (Process kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
        {
            kill.WaitForExit();
        }

        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (!IsAlive(pid))
            {
                return true;
            }

            Thread.Sleep(50);
        }

        try
        {
            using Process process = Process.GetProcessById(pid);
            process.Kill();
            process.WaitForExit(5000);
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException)
        {
            // Exited between the check and the kill.
        }

        return false;
    }

    public static bool IsAlive(int pid)
    {
        try
        {
            using Process process = Process.GetProcessById(pid);
            if (process.HasExited)
            {
                return false;
            }

            // A zombie (exited, not yet reaped by its parent) still has a PID: treat it as gone.
            string stat = Path.Combine("/proc", pid.ToString(CultureInfo.InvariantCulture), "stat");
            return !File.Exists(stat) || !File.ReadAllText(stat).Contains(") Z ", StringComparison.Ordinal);
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException or IOException)
        {
            return false;
        }
    }

    /// <summary>The last <paramref name="lines"/> lines of a log, for error messages.</summary>
    public static string Tail(string logFile, int lines = 3)
    {
        if (!File.Exists(logFile))
        {
            return "(no log)";
        }

        string[] all = File.ReadAllLines(logFile).Where(l => l.Trim().Length > 0).ToArray();
        return string.Join(" | ", all.Skip(Math.Max(0, all.Length - lines)).Select(l => l.Trim()));
    }
}
