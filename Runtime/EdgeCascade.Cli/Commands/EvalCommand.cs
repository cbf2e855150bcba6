using System.CommandLine;
using System.Text;
using EdgeCascade.Cli.Evaluation;
using EdgeCascade.Cli.Rendering;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Codec.Models;
using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Cli.Commands;

/// <summary>
/// <c>edgecascade eval --images DIR [--levels A..B] [--models DIR] [--out FILE.json] [--json] [--anchors jpeg,webp]</c>:
/// the family's rate-distortion curve from real .ecb bytes, and optionally classic anchor curves measured in the same run.
/// </summary>
public static class EvalCommand
{
    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var images = new Option<string?>("--images") { Description = "Folder of PNG/PPM/PGM images, other files are skipped and named (default: data/eval)" };
        var levels = new Option<string?>("--levels") { Description = "Levels to code, A..B or K (default: every level of the family)" };
        var output = new Option<string?>("--out") { Description = "Also write the JSON object to this file (atomically: temporary file + rename)" };
        var json = new Option<bool>("--json") { Description = "Print exactly one JSON object: family, levels[] (means over images), images[], anchors" };
        var anchors = new Option<string?>("--anchors")
        {
            Description = "Classic curves to measure in the same run and the family's BD-rate (PSNR) against each: jpeg, webp or jpeg,webp. " +
                "Coded with Debian's cjpeg/djpeg (libjpeg-turbo-progs) and cwebp/dwebp (webp) when installed, else PIL in /usr/bin/python3 (python3-pil)",
        };
        var backend = new Option<AnchorBackend>("--anchor-backend")
        {
            Description = "auto (command-line tools, else PIL), tools or pil",
            DefaultValueFactory = _ => AnchorBackend.Auto,
        };
        var models = CodecCommands.ModelsOption();
        var command = new Command("eval", "Rate-distortion of the model family on a folder of images: real .ecb bytes, PSNR, MS-SSIM, coding time")
        {
            images, levels, models, output, json, anchors, backend,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            var outPath = parse.GetValue(output);
            if (outPath is not null)
            {
                OutputFile.Check(outPath, "--out");
            }

            var anchorNames = ClassicCodecs.ParseNames(parse.GetValue(anchors));
            var family = ModelLocator.Load(parse.GetValue(models));
            var range = LevelRange.Parse(parse.GetValue(levels), family.Levels, family.FamilyId);
            LoadLevels(family, range);
            var engine = new CascadeEngine(family);
            var folder = CompareCommand.ResolveImages(parse.GetValue(images));
            var scan = ImageFolder.Load(folder);
            if (scan.Skipped.Count > 0)
            {
                context.Error.WriteLine($"edgecascade eval: skipped {scan.Skipped.Count} file(s) that are not PNG/PPM/PGM images: {string.Join(", ", scan.Skipped)}");
            }

            var codecs = ClassicCodecs.Resolve(anchorNames, parse.GetValue(backend));
            var steps = (scan.Images.Count * range.Count) + (codecs.Count * scan.Images.Count);
            var report = ProgressBar.Run(context, "eval", steps, advance => Evaluate(engine, range, scan, codecs, folder, advance));

            var document = report.ToJson();
            if (outPath is not null)
            {
                OutputFile.WriteAtomically(outPath, Encoding.UTF8.GetBytes(document), "--out");
            }

            if (parse.GetValue(json))
            {
                context.Output.WriteLine(document);
                return ExitCodes.Success;
            }

            EvalTables.Write(context.Output, report);
            if (outPath is not null)
            {
                context.Output.WriteLine($"wrote {outPath}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Loads every requested level up front, so missing or broken weights fail in one line before any work.</summary>
    private static void LoadLevels(ModelFamily family, LevelRange range)
    {
        foreach (var level in range.Levels)
        {
            var file = family.ResolveFile(ModelCard.LevelKey(level));
            if (!File.Exists(file))
            {
                throw new UserInputException($"weights of level {level} missing: {file}; pass --models DIR with the whole family or retrain it with training/train_all.sh");
            }

            family.GetLevel(level);
        }
    }

    private static EvalReport Evaluate(
        CascadeEngine engine,
        LevelRange range,
        ImageFolderScan scan,
        IReadOnlyList<IClassicCodec> codecs,
        string folder,
        Action<string> advance)
    {
        var perImage = new List<ImageLevelResult>();
        var summaries = new List<LevelSummary>();
        foreach (var level in range.Levels)
        {
            FamilyEvaluator.WarmUp(engine, level, scan.Images[0].Image, wholeImage: level == range.First);
            var results = new List<ImageLevelResult>();
            for (var index = 0; index < scan.Images.Count; index++)
            {
                results.Add(FamilyEvaluator.Measure(engine, index, scan.Images[index], level));
                advance($"level {level} {scan.Images[index].Name}");
            }

            perImage.AddRange(results);
            summaries.Add(LevelSummary.Of(level, results));
        }

        var anchorResults = codecs.Select(codec => AnchorEvaluator.Evaluate(codec, scan.Images, summaries, advance)).ToList();
        return new EvalReport(engine.FamilyId, folder, scan.Images, summaries, perImage, anchorResults, Gemm.MaxDegreeOfParallelism);
    }
}
