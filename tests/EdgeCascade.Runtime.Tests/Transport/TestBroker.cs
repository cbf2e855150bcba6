using System.Diagnostics;
using System.Net.Sockets;

namespace EdgeCascade.Runtime.Tests.Transport;

/// <summary>
/// The RabbitMQ broker the tests use: EDGECASCADE_TEST_BROKER_URI, else amqp://127.0.0.1:5672/. When nothing
/// listens there (loopback only) it runs scripts/rabbitmq.sh start once; if that fails too, broker tests are
/// skipped with the reason.
/// </summary>
internal static class TestBroker
{
    public const string UriVariable = "EDGECASCADE_TEST_BROKER_URI";

    private static readonly Lazy<(Uri Uri, string? SkipReason)> s_state = new(Probe, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Uri Uri => s_state.Value.Uri;

    /// <summary>Null when the broker is reachable.</summary>
    public static string? SkipReason => s_state.Value.SkipReason;

    private static (Uri, string?) Probe()
    {
        string? configured = Environment.GetEnvironmentVariable(UriVariable);
        var uri = new Uri(string.IsNullOrWhiteSpace(configured) ? "amqp://127.0.0.1:5672/" : configured.Trim());
        int port = uri.Port > 0 ? uri.Port : 5672;
        if (IsListening(uri.Host, port))
        {
            return (uri, null);
        }

        bool loopback = uri.Host is "127.0.0.1" or "localhost" or "::1";
        string? script = FindScript();
        if (!loopback || script is null)
        {
            return (uri, $"RabbitMQ is not reachable at {uri.Host}:{port} (set {UriVariable} or run scripts/rabbitmq.sh start)");
        }

        string output = RunScript(script, port);
        return IsListening(uri.Host, port)
            ? (uri, null)
            : (uri, $"RabbitMQ is not reachable at {uri.Host}:{port} and scripts/rabbitmq.sh start failed: {output}");
    }

    private static bool IsListening(string host, int port)
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync(host, port).Wait(TimeSpan.FromSeconds(2)) && client.Connected;
        }
        catch (Exception error) when (error is SocketException or AggregateException)
        {
            return false;
        }
    }

    private static string? FindScript()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "scripts", "rabbitmq.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string RunScript(string script, int port)
    {
        var start = new ProcessStartInfo("bash", [script, "start"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["EDGECASCADE_RABBITMQ_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            using Process process = Process.Start(start)!;
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
            {
                process.Kill(entireProcessTree: true);
                return "timed out after 3 minutes";
            }

            string text = (stderr.Result + stdout.Result).Trim();
            return process.ExitCode == 0 ? text : $"exit code {process.ExitCode}: {LastLine(text)}";
        }
        catch (Exception error) when (error is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return error.Message;
        }
    }

    private static string LastLine(string text)
    {
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Length == 0 ? "(no output)" : lines[^1];
    }
}
