using System.Diagnostics;

namespace EdgeCascade.Cli.Tests.Commands;

/// <summary>
/// <c>simulate</c> and <c>bench simulate</c> on the Akka.NET simulator: one seed gives the same bytes in this process
/// and in a second process; another seed gives other bytes.
/// </summary>
public sealed class SimulateCommandDeterminismTests : IDisposable
{
    private static readonly string[] s_outputs = ["summary.json", "images.csv", "nodes.csv", "links.csv"];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ec-sim-cli-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Simulate_SameSeedInSecondProcess_OutputFilesByteIdentical()
    {
        string here = Path.Combine(_root, "here");
        string there = Path.Combine(_root, "there");
        var (code, _, error) = CliRunner.Run("simulate", "--file", CliRunner.RepoFile("topologies.hocon"), "--topology", "mixed-dag", "--seed", "5", "--out", here);
        Assert.True(code == 0, error);

        (int childCode, string childError) = RunChildProcess("simulate", "--file", CliRunner.RepoFile("topologies.hocon"), "--topology", "mixed-dag", "--seed", "5", "--out", there);
        Assert.True(childCode == 0, childError);

        foreach (string file in s_outputs)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(here, file)), File.ReadAllBytes(Path.Combine(there, file)));
        }
    }

    [Fact]
    public void Simulate_OtherSeed_ImagesCsvDiffers()
    {
        string first = Path.Combine(_root, "s5");
        string second = Path.Combine(_root, "s6");
        Assert.Equal(0, CliRunner.Run("simulate", "--file", CliRunner.RepoFile("topologies.hocon"), "--topology", "mixed-dag", "--seed", "5", "--out", first).ExitCode);
        Assert.Equal(0, CliRunner.Run("simulate", "--file", CliRunner.RepoFile("topologies.hocon"), "--topology", "mixed-dag", "--seed", "6", "--out", second).ExitCode);

        Assert.NotEqual(File.ReadAllBytes(Path.Combine(first, "images.csv")), File.ReadAllBytes(Path.Combine(second, "images.csv")));
    }

    [Fact]
    public void BenchSimulate_Json_PrintsEveryKeyWithConsistentRates()
    {
        var (code, output, error) = CliRunner.Run("bench", "simulate", "--images", "2000", "--file", CliRunner.RepoFile("topologies.hocon"), "--json");

        Assert.True(code == 0, error);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        System.Text.Json.JsonElement root = json.RootElement;
        Assert.Equal(2000, root.GetProperty("images").GetInt64());
        long events = root.GetProperty("events").GetInt64();
        Assert.True(events > 2000 * 5, $"five hops per image cost more than {events / 2000.0} events each");
        double seconds = root.GetProperty("wall_seconds").GetDouble();
        Assert.Equal(events / seconds, root.GetProperty("events_per_second").GetDouble(), 6);
        Assert.Equal(2000 / seconds, root.GetProperty("images_per_second").GetDouble(), 6);
        Assert.True(root.GetProperty("peak_memory_bytes").GetInt64() > 0);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static (int ExitCode, string Error) RunChildProcess(params string[] args)
    {
        // The CLI built next to the tests, under the same dotnet host that runs them.
        string dll = Path.Combine(AppContext.BaseDirectory, "edgecascade.dll");
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {host}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the second simulate process did not finish within 2 minutes");
        }

        _ = stdout.Result;
        return (process.ExitCode, stderr.Result);
    }
}
