using System.Globalization;
using EdgeCascade.Cli.Evaluation;
using Spectre.Console;

namespace EdgeCascade.Cli.Rendering;

/// <summary>The tables of <c>edgecascade eval</c>: the family's levels, then each anchor's curve and BD-rate.</summary>
internal static class EvalTables
{
    public static void Write(TextWriter output, EvalReport report)
    {
        var console = PlainConsole.Create(output);
        // Titles are plain lines: a Spectre title wraps at the table's width, and these are longer than the tables.
        output.WriteLine($"{report.Family} on {report.Images.Count} image(s) of {report.ImageFolder}, means over images, {report.Threads} thread(s)");
        var levels = new Table();
        foreach (var header in new[] { "level", "bpp", "PSNR dB", "MS-SSIM dB", "encode s", "decode s" })
        {
            levels.AddColumn(header, c => c.RightAligned());
        }

        foreach (var level in report.Levels)
        {
            levels.AddRow(
                level.Level.ToString(CultureInfo.InvariantCulture),
                Number(level.BitsPerPixel, "0.0000"),
                Number(level.Psnr, "0.00"),
                Number(level.MsSsimDb, "0.00"),
                Number(level.EncodeSeconds, "0.000"),
                Number(level.DecodeSeconds, "0.000"));
        }

        console.Write(levels);
        foreach (var anchor in report.Anchors)
        {
            output.WriteLine($"{anchor.Codec}: {anchor.Tool}");
            var table = new Table();
            foreach (var header in new[] { "quality", "bpp", "PSNR dB", "MS-SSIM dB" })
            {
                table.AddColumn(header, c => c.RightAligned());
            }

            foreach (var point in anchor.Points)
            {
                table.AddRow(
                    point.Quality.ToString(CultureInfo.InvariantCulture),
                    Number(point.BitsPerPixel, "0.0000"),
                    Number(point.Psnr, "0.00"),
                    Number(point.MsSsimDb, "0.00"));
            }

            console.Write(table);
            output.WriteLine(anchor.Note is { } note
                ? $"BD-rate of {report.Family} vs {anchor.Codec}: {note}"
                : string.Create(CultureInfo.InvariantCulture,
                    $"BD-rate (PSNR) of {report.Family} vs {anchor.Codec}: {anchor.BdRatePsnrPercentCubic:+0.00;-0.00}% cubic, {anchor.BdRatePsnrPercentPchip:+0.00;-0.00}% pchip (negative = fewer bits)"));
        }
    }

    private static string Number(double? value, string format) =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
}
