using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EdgeCascade.Cli.Benchmarks;
using EdgeCascade.Codec.Bitstreams;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Codec.Imaging;
using EdgeCascade.Codec.Metrics;
using EdgeCascade.Codec.Models;
using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Cli.Commands;

/// <summary>
/// <c>edgecascade bench codec [--json]</c>: the C# codec against PyTorch on one 768x512 image at the family's top level,
/// the same weights and the same thread count, measured in the same run. The last line is
/// <c>ratio encode=X decode=Y gflops=Z</c> (C# seconds / PyTorch seconds; the C# engine's achieved GFLOP/s).
/// </summary>
public static class BenchCodecCommand
{
    public const string DefaultPython = "/usr/bin/python3";
    private const int Rounds = 2;

    public static void AddTo(RootCommand root, CliContext context)
    {
        BenchGroup.Of(root).Add(Build(context));
    }

    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON object: image, level, threads, csharp_/pytorch_ encode_seconds and decode_seconds, ratio_encode, ratio_decode, gflops",
        };
        var images = new Option<string?>("--images") { Description = "Folder whose first photo of at least 768x512 (by name) is centre-cropped to 768x512 (default: data/eval)" };
        var repeat = new Option<int>("--repeat") { Description = "Timed runs per side after one warm-up; the best counts", DefaultValueFactory = _ => 5 };
        var threads = new Option<int?>("--threads") { Description = "Threads for both engines (default: the C# engine's, one per core)" };
        var python = new Option<string>("--python")
        {
            Description = "Python with torch and numpy that runs training/bench_codec.py",
            DefaultValueFactory = _ => DefaultPython,
        };
        var models = CodecCommands.ModelsOption();
        var command = new Command("codec", "C# codec vs PyTorch on one 768x512 image at the top level, same weights and threads; last line 'ratio encode=X decode=Y gflops=Z'")
        {
            json, images, repeat, threads, python, models,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            var runs = parse.GetValue(repeat);
            if (runs < 1)
            {
                throw new UserInputException($"--repeat must be at least 1, got {runs}");
            }

            var threadCount = parse.GetValue(threads) ?? Gemm.MaxDegreeOfParallelism;
            if (threadCount < 1)
            {
                throw new UserInputException($"--threads must be at least 1, got {threadCount}");
            }

            var family = ModelLocator.Load(parse.GetValue(models));
            var level = family.Levels;
            var weights = family.ResolveFile(ModelCard.LevelKey(level));
            if (!File.Exists(weights))
            {
                throw new UserInputException($"weights of level {level} missing: {weights}; pass --models DIR with the whole family");
            }

            var image = BenchImage.Make(CompareCommand.ResolveImages(parse.GetValue(images)));
            // Checked before any timing, so a machine without torch fails in a second with one line.
            var torch = TorchReference.Open(parse.GetValue(python)!);

            // The two engines take turns (C#, PyTorch, C#, PyTorch) and each keeps its best: on a shared machine a burst
            // of other work then slows both sides alike instead of whichever happened to run during it.
            var engine = new CascadeEngine(family);
            CodecTiming? csharp = null;
            CodecTiming? pytorch = null;
            for (var round = 0; round < Rounds; round++)
            {
                var previousThreads = Gemm.MaxDegreeOfParallelism;
                Gemm.MaxDegreeOfParallelism = threadCount;
                try
                {
                    csharp = TimeCSharp(engine, image, level, runs).Best(csharp);
                }
                finally
                {
                    Gemm.MaxDegreeOfParallelism = previousThreads;
                }

                pytorch = torch.Time(weights, image.Image, threadCount, runs).Best(pytorch);
            }

            if (csharp is null || pytorch is null)
            {
                throw new InvalidOperationException("no timing round ran");
            }

            var cost = family.GetLevel(level).Cost(image.Image.Height, image.Image.Width);
            var flops = cost.Encode.Flops + cost.Decode.Flops;
            var gflops = flops / (csharp.EncodeSeconds + csharp.DecodeSeconds) / 1e9;
            var ratioEncode = csharp.EncodeSeconds / pytorch.EncodeSeconds;
            var ratioDecode = csharp.DecodeSeconds / pytorch.DecodeSeconds;

            if (parse.GetValue(json))
            {
                context.Output.WriteLine(JsonSerializer.Serialize(
                    new BenchCodecResult(image.Name, image.Image.Width, image.Image.Height, family.FamilyId, level, threadCount, Rounds, runs,
                        torch.Version, csharp.EncodeSeconds, csharp.DecodeSeconds, csharp.Psnr, pytorch.EncodeSeconds, pytorch.DecodeSeconds, pytorch.Psnr,
                        cost.Encode.Flops, cost.Decode.Flops, ratioEncode, ratioDecode, gflops),
                    CliJsonContext.Default.BenchCodecResult));
                return ExitCodes.Success;
            }

            var output = context.Output;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{image.Name}, {family.FamilyId} level {level}, {threadCount} threads, best of {Rounds}x{runs} runs in alternating rounds, each after a warm-up"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"C# (real .ecb bytes, rANS included): encode {csharp.EncodeSeconds:0.0000} s, decode {csharp.DecodeSeconds:0.0000} s, PSNR {csharp.Psnr:0.00} dB"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"PyTorch {torch.Version} (transforms and quantisation, no entropy coder): encode {pytorch.EncodeSeconds:0.0000} s, decode {pytorch.DecodeSeconds:0.0000} s, PSNR {pytorch.Psnr:0.00} dB"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"model FLOPs: encode {cost.Encode.GigaFlops:0.00} G, decode {cost.Decode.GigaFlops:0.00} G"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio encode={ratioEncode:0.000} decode={ratioDecode:0.000} gflops={gflops:0.00}"));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static CodecTiming TimeCSharp(CascadeEngine engine, EvalImage image, int level, int runs)
    {
        // One untimed round first: it loads the level, builds the coder tables and JIT-compiles the kernels.
        var bytes = EcbWriter.ToBytes(engine.EncodeImage(image.Image, level));
        var decoded = engine.DecodeImage(EcbReader.Read(bytes, engine.FamilyId));
        var encode = double.MaxValue;
        var decode = double.MaxValue;
        var stopwatch = new Stopwatch();
        for (var run = 0; run < runs; run++)
        {
            stopwatch.Restart();
            bytes = EcbWriter.ToBytes(engine.EncodeImage(image.Image, level));
            encode = Math.Min(encode, stopwatch.Elapsed.TotalSeconds);
            stopwatch.Restart();
            decoded = engine.DecodeImage(EcbReader.Read(bytes, engine.FamilyId));
            decode = Math.Min(decode, stopwatch.Elapsed.TotalSeconds);
        }

        return new CodecTiming(encode, decode, Psnr.Compute(image.Image, decoded));
    }
}
