using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EdgeCascade.Codec.Bitstreams;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Codec.Files;
using EdgeCascade.Codec.Imaging;

namespace EdgeCascade.Cli.Commands;

/// <summary><c>edgecascade encode|decode|inspect</c>: single images through one level of the codec family.</summary>
public static class CodecCommands
{
    public static IEnumerable<Command> Build(CliContext context)
    {
        yield return BuildEncode(context);
        yield return BuildDecode(context);
        yield return BuildInspect(context);
    }

    internal static Option<string?> ModelsOption() => new("--models")
    {
        Description = "Model family folder with card.json and .safetensors (default: models/ec-mshp-v1)",
    };

    private static Command BuildEncode(CliContext context)
    {
        var input = new Argument<string>("IMAGE") { Description = "PNG, PPM or PGM image" };
        var output = new Option<string>("--output", "-o") { Description = "Output .ecb file", Required = true };
        var level = new Option<int>("--level", "-l") { Description = "Quality level 1..K (higher = better)", Required = true };
        var models = ModelsOption();
        var command = new Command("encode", "Encode an image into an .ecb bitstream at one quality level") { input, output, level, models };
        command.SetAction(parse => context.Guard(() =>
        {
            // Paths are checked before the models load and the image is coded, so a typo costs nothing.
            var source = parse.GetValue(input)!;
            var target = parse.GetValue(output)!;
            SafeFile.CheckOutput(target);
            RefuseOverwritingInput(source, target, "image", ".ecb");
            var engine = new CascadeEngine(ModelLocator.Load(parse.GetValue(models)));
            var chosen = parse.GetValue(level);
            if (chosen < 1 || chosen > engine.Levels)
            {
                throw new UserInputException($"--level {chosen} is outside 1..{engine.Levels} of family '{engine.FamilyId}'");
            }

            var image = ImageFile.Read(source);
            var bytes = EcbWriter.ToBytes(engine.EncodeImage(image, chosen));
            SafeFile.WriteAllBytes(target, bytes);
            var bpp = bytes.Length * 8.0 / ((long)image.Width * image.Height);
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{parse.GetValue(output)}: {image.Width}x{image.Height}, level {chosen}, {bytes.Length} bytes, {bpp:0.####} bpp"));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command BuildDecode(CliContext context)
    {
        var input = new Argument<string>("BITSTREAM") { Description = ".ecb file" };
        var output = new Option<string>("--output", "-o") { Description = "Output image (.png, .ppm)", Required = true };
        var models = ModelsOption();
        var command = new Command("decode", "Decode an .ecb bitstream to an image") { input, output, models };
        command.SetAction(parse => context.Guard(() =>
        {
            var source = parse.GetValue(input)!;
            var target = parse.GetValue(output)!;
            ImageFile.CheckWritable(target);
            RefuseOverwritingInput(source, target, "bitstream", ".png");
            var engine = new CascadeEngine(ModelLocator.Load(parse.GetValue(models)));
            var container = EcbReader.ReadFile(source, engine.FamilyId);
            var image = engine.DecodeImage(container);
            ImageFile.Write(target, image);
            context.Output.WriteLine($"{parse.GetValue(output)}: {image.Width}x{image.Height} from level {container.Level}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command BuildInspect(CliContext context)
    {
        var input = new Argument<string>("BITSTREAM") { Description = ".ecb file" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("inspect", "Print an .ecb file's header, stream sizes and bpp (no models needed)") { input, json };
        command.SetAction(parse => context.Guard(() =>
        {
            var path = parse.GetValue(input)!;
            var bytes = EcbReader.ReadBytes(path);
            var container = EcbReader.Read(bytes);
            var pixels = (long)container.ImageWidth * container.ImageHeight;
            var inspection = new EcbInspection(path, container.FamilyId, container.Level, container.ImageWidth, container.ImageHeight,
                container.PadBottom, container.PadRight, $"{container.HyperShape.Channels}x{container.HyperShape.Height}x{container.HyperShape.Width}",
                container.HyperStream.Length, container.MainStream.Length, bytes.Length, bytes.Length * 8.0 / pixels);
            var report = JsonSerializer.SerializeToNode(inspection, CliJsonContext.Default.EcbInspection)!.AsObject();
            if (parse.GetValue(json))
            {
                context.Output.WriteLine(report.ToJsonString());
            }
            else
            {
                foreach (var (key, value) in report)
                {
                    context.Output.WriteLine($"{key,-20} {value}");
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Refuses an output that is the command's own input (same file by any name), which the write would destroy.</summary>
    internal static void RefuseOverwritingInput(string input, string output, string what, string extension)
    {
        if (SafeFile.AreSameFile(input, output))
        {
            throw new UserInputException(
                $"-o '{output}' is the input {what} itself and would be overwritten; choose another output file, e.g. '{Path.ChangeExtension(output, extension)}'");
        }
    }
}
