using System.Globalization;
using System.Text.Json;
using EdgeCascade.Cli.Evaluation;
using EdgeCascade.Codec.Imaging;

namespace EdgeCascade.Cli.Benchmarks;

/// <summary>
/// Runs <c>training/bench_codec.py</c> (the training code's own model, loaded from the shipped safetensors) with
/// Debian's python3 and reads its timings.
/// </summary>
internal sealed class TorchReference
{
    /// <summary>The script's exit code when torch or numpy cannot be imported.</summary>
    private const int MissingModule = 3;
    private const string Script = "bench_codec.py";

    private readonly string _python;
    private readonly string _script;

    private TorchReference(string python, string script, string version)
    {
        _python = python;
        _script = script;
        Version = version;
    }

    public string Version { get; }

    /// <summary>Finds the script and checks that <paramref name="python"/> has torch, before any C# work is timed.</summary>
    /// <exception cref="UserInputException">No script, no python, or no torch: one line saying which.</exception>
    public static TorchReference Open(string python)
    {
        var script = FindScript() ?? throw new UserInputException(
            $"training/{Script} not found above {Directory.GetCurrentDirectory()}; run bench codec from the repository");
        var probe = ExternalProcess.TryRun(python, [script, "--probe"])
            ?? throw new UserInputException($"PyTorch reference unavailable: {python} not found (apt-get install python3 python3-torch python3-numpy)");
        if (probe.ExitCode == MissingModule)
        {
            throw new UserInputException($"PyTorch reference unavailable: {probe.ErrorSummary}");
        }

        if (probe.ExitCode != 0)
        {
            throw new UserInputException($"PyTorch reference failed ({python} {Script} --probe): {probe.ErrorSummary}");
        }

        using var json = JsonDocument.Parse(probe.StandardOutput);
        return new TorchReference(python, script, json.RootElement.GetProperty("torch_version").GetString() ?? "unknown");
    }

    /// <summary>Times <paramref name="image"/> through the level in <paramref name="weights"/> on <paramref name="threads"/> threads.</summary>
    public CodecTiming Time(string weights, RgbImage image, int threads, int repeat)
    {
        var work = Directory.CreateTempSubdirectory("ec-bench-").FullName;
        try
        {
            var ppm = Path.Combine(work, "image.ppm");
            File.WriteAllBytes(ppm, PnmWriter.ToBytes(image));
            var threadText = threads.ToString(CultureInfo.InvariantCulture);
            var environment = new Dictionary<string, string>
            {
                // PASSIVE: OpenMP workers sleep between parallel regions instead of spinning on the shared cores.
                ["OMP_WAIT_POLICY"] = "PASSIVE",
                ["OMP_NUM_THREADS"] = threadText,
                ["MKL_NUM_THREADS"] = threadText,
            };
            var outcome = ExternalProcess.TryRun(
                _python,
                [_script, "--weights", weights, "--image", ppm, "--threads", threadText, "--repeat", repeat.ToString(CultureInfo.InvariantCulture)],
                environment) ?? throw new UserInputException($"PyTorch reference unavailable: {_python} could not be started");
            if (outcome.ExitCode != 0)
            {
                throw new UserInputException($"PyTorch reference failed: {outcome.ErrorSummary}");
            }

            using var json = JsonDocument.Parse(outcome.StandardOutput);
            var root = json.RootElement;
            if (root.GetProperty("threads").GetInt32() != threads)
            {
                throw new UserInputException($"PyTorch ran on {root.GetProperty("threads").GetInt32()} threads, not {threads}");
            }

            return new CodecTiming(root.GetProperty("encode_seconds").GetDouble(), root.GetProperty("decode_seconds").GetDouble(), root.GetProperty("psnr").GetDouble());
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string? FindScript()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "training", Script);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
