using System.Diagnostics;
using System.Text.Json;

namespace EdgeCascade.Cli.Tests.Commands;

public sealed class SimulateCommandTests : IDisposable
{
    private static readonly string Profile = CliRunner.RepoFile("models/ec-mshp-v1/profile.json");
    private static readonly string Shipped = CliRunner.RepoFile("topologies.hocon");
    private readonly string _work = Directory.CreateTempSubdirectory("ec-sim-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>
    /// The shipped two-stage shape (camera -> base-station -> cloud, level 9 to 6, which the shipped profile covers)
    /// with the camera's and the flow's names and the first link's bandwidth chosen by the test.
    /// </summary>
    private string WriteTopology(string camera = "camera", string flow = "main", string bandwidth = "20 Mbps")
    {
        var cam = "\"" + camera.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        var name = "\"" + flow.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        var path = Path.Combine(_work, "topologies.hocon");
        File.WriteAllText(path, $$"""
            edgecascade.topologies.pair {
              nodes { {{cam}} { gpu = camera-soc }, base-station { gpu = jetson-agx-orin }, cloud { gpu = a100 } }
              links = [
                { from = {{cam}}, to = base-station, bandwidth = {{bandwidth}}, latency = 15 ms }
                { from = base-station, to = cloud, bandwidth = 1 Gbps, latency = 8 ms }
              ]
              flows { {{name}} { source = {{cam}}, destination = cloud, source-level = 9, target-level = 6 } }
              scenarios { default { arrival = periodic, rate = 5, count = 20, seed = 1 } }
            }
            """);
        return path;
    }

    private (int ExitCode, string Output, string Error) Simulate(string topology, params string[] extra) =>
        CliRunner.Run(["simulate", "--file", topology, "--topology", "pair", "--profile", Profile, .. extra]);

    private string[] Entries(string folder) =>
        Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    // Issue 17, failure 4: --out "" was an unhandled exception (exit 134).
    [Fact]
    public void Simulate_EmptyOut_ExitsTwoWithOneLine()
    {
        var (code, _, error) = Simulate(WriteTopology(), "--out", "");

        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("--out is empty", error, StringComparison.Ordinal);
    }

    // Issue 17, failure 4: a failed write left an incomplete output set (new CSVs beside the old summary) with no marker.
    [Fact]
    public void Simulate_OutputEntryIsDirectory_ExitsTwoAndLeavesNoPartOfTheNewSet()
    {
        var outDir = Path.Combine(_work, "run");
        Directory.CreateDirectory(Path.Combine(outDir, "summary.json"));

        var (code, _, error) = Simulate(WriteTopology(), "--out", outDir);

        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Equal(["summary.json"], Entries(outDir));
        Assert.Equal(["run", "topologies.hocon"], Entries(_work));
    }

    [Fact]
    public void Simulate_ExistingOutput_ReplacesTheSetAndKeepsOtherFiles()
    {
        var outDir = Path.Combine(_work, "run");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "summary.json"), "old");
        File.WriteAllText(Path.Combine(outDir, "report.html"), "mine");

        var (code, _, error) = Simulate(WriteTopology(), "--out", outDir);

        Assert.True(code == 0, error);
        Assert.Equal(["images.csv", "links.csv", "nodes.csv", "report.html", "summary.json"], Entries(outDir));
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.True(summary.RootElement.GetProperty("completed").GetBoolean());
        Assert.Equal(["run", "topologies.hocon"], Entries(_work));
    }

    // Issue 17, failure 5: --file /dev/zero grew until out of memory.
    [Fact]
    public void Simulate_FileDevZero_ExitsTwoAtOnce()
    {
        var (code, _, error) = CliRunner.Run("simulate", "--file", "/dev/zero", "--out", Path.Combine(_work, "run"));

        Assert.Equal(2, code);
        Assert.Contains("/dev/zero", error, StringComparison.Ordinal);
    }

    // Issue 17, failure 6: a 1 µbps link validated, then simulate spun forever at simulated time 0.
    [Fact]
    public void Simulate_MicroBpsLink_ExitsTwoNamingTheMinimum()
    {
        var (code, _, error) = Simulate(WriteTopology(bandwidth: "0.000001 bps"), "--out", Path.Combine(_work, "run"));

        Assert.Equal(2, code);
        Assert.Contains("below the minimum 1 kbps", error, StringComparison.Ordinal);
    }

    // Issue 17, failure 11: names holding ',' or '"' (which validate accepts) broke the CSV files.
    [Fact]
    public void Simulate_NamesWithCommaAndQuote_WritesRfc4180Fields()
    {
        var outDir = Path.Combine(_work, "run");

        var (code, _, error) = Simulate(WriteTopology(camera: "cam,1", flow: "say \"hi\""), "--out", outDir);

        Assert.True(code == 0, error);
        var images = File.ReadAllLines(Path.Combine(outDir, "images.csv"));
        Assert.StartsWith("\"say \"\"hi\"\"\",", images[1], StringComparison.Ordinal);
        Assert.Contains(File.ReadAllLines(Path.Combine(outDir, "nodes.csv")), l => l.Contains(",\"cam,1\",", StringComparison.Ordinal));
        Assert.Contains(File.ReadAllLines(Path.Combine(outDir, "links.csv")), l => l.Contains(",\"cam,1->base-station\",", StringComparison.Ordinal));
        var report = CliRunner.Run("report", outDir, "--out", Path.Combine(_work, "report.html"));
        Assert.True(report.ExitCode == 0, report.Error);
    }

    // Issue 17, failure 12: an interrupted simulate exited 0. A real SIGINT, as Ctrl-C sends it.
    [PythonFact]
    public async Task Simulate_SigInt_ExitsOneThirtyWithValidPartialFiles()
    {
        var outDir = Path.Combine(_work, "run");
        // Started through python3 with SIGINT at its default: a process whose parent ignored SIGINT (a test run started
        // in the background of a script) inherits the ignore, and .NET keeps it, as shells do for background jobs.
        using var process = CliRunner.Start(
            "exec /usr/bin/python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])' dotnet \"$0\" \"$@\"",
            _work, "simulate", "--file", Shipped, "--topology", "five-hop-chain", "--profile", Profile, "--images", "5000000", "--out", outDir);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();

        // The run has begun (its handler is installed) once its images.csv exists, in a staging folder or in place.
        var clock = Stopwatch.StartNew();
        while (!Directory.EnumerateFiles(_work, "images.csv", SearchOption.AllDirectories).Any() && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50);
        }

        await Task.Delay(500);
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])))
        {
            kill!.WaitForExit();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Never leave a five-million-image run behind writing into the temp folder.
            process.Kill(entireProcessTree: true);
            Assert.Fail("simulate did not exit within 60 s of SIGINT");
        }

        var stderr = await error;
        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}: {stderr}");
        Assert.Contains("interrupted", stderr, StringComparison.Ordinal);
        Assert.NotEmpty(await output);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.False(summary.RootElement.GetProperty("completed").GetBoolean());
        var lines = File.ReadAllLines(Path.Combine(outDir, "images.csv"));
        Assert.True(lines.Length > 1);
        Assert.All(lines, l => Assert.Equal(12, l.Split(',').Length));
    }

    [Fact]
    public void Simulate_InterruptToken_ExitsOneThirtyWithCompletedFalse()
    {
        var outDir = Path.Combine(_work, "run");
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var interrupt = new CancellationTokenSource();
        interrupt.Cancel();

        var code = CliApp.Run(["simulate", "--file", Shipped, "--topology", "five-hop-chain", "--profile", Profile, "--images", "100000", "--out", outDir, "--json"],
            output, error, interrupt.Token);

        Assert.Equal(130, code);
        using var printed = JsonDocument.Parse(output.ToString());
        Assert.False(printed.RootElement.GetProperty("completed").GetBoolean());
        Assert.Equal(output.ToString(), File.ReadAllText(Path.Combine(outDir, "summary.json")));
    }

    // Tidied: option errors named .NET types (System.Nullable`1[System.Int32]).
    [Fact]
    public void Simulate_NonNumericImages_NamesNoDotNetType()
    {
        var (code, _, error) = Simulate(WriteTopology(), "--images", "many");

        Assert.Equal(2, code);
        Assert.Contains("--images got 'many', which is not a whole number", error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
    }
}
