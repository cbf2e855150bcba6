using System.Globalization;
using System.Text.Json.Nodes;
using System.Text;
using EdgeCascade.Codec.Files;
using EdgeCascade.Experiments.Runners;

namespace EdgeCascade.Experiments.Plots;

/// <summary>
/// Rate-distortion plots (PSNR against bpp) as standalone SVG for experiments that produce curves, so results can
/// be looked at rather than read. Pure string output, byte-identical on every machine.
/// </summary>
/// <remarks>
/// ScottPlot 5.1.59 was tried for the frameworks plot (2026-12): it renders through SkiaSharp and HarfBuzz
/// (native libraries, 11 MiB for linux-x64 and 155 MiB of runtimes/ for all platforms in the build output), picks the
/// font from those installed (DejaVu Serif here) and places labels by measured glyph widths, so the SVG can change with
/// the fonts of the machine; it wrote 24.8 KB where this writes 3.4 KB. This file and ReportCharts stay.
/// </remarks>
public static class RdPlot
{
    private const int Width = 640, Height = 420, Left = 60, Right = 20, Top = 30, Bottom = 50;
    private static readonly string[] Colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];

    /// <summary>Writes <c>&lt;experiment&gt;-rd.svg</c> when the result has curves; returns the files written.</summary>
    public static IReadOnlyList<string> WriteFor(ExperimentResult result, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Document["curves"] is not JsonObject curves)
        {
            return [];
        }

        var series = curves.Select(c => (Name: c.Key, Points: Points(c.Value))).Where(s => s.Points.Count > 0).ToList();
        if (series.Count == 0)
        {
            return [];
        }

        var path = Path.Combine(directory, $"{result.Kind.ToString().ToLowerInvariant()}-rd.svg");
        SafeFile.WriteAllText(path, Svg($"{result.Kind}: PSNR vs bpp", series));
        return [path];
    }

    internal static string Svg(string title, IReadOnlyList<(string Name, List<(double X, double Y)> Points)> series) =>
        Svg(title, series, new Axes("bits per pixel", "PSNR (dB)") { XFormat = "0.###", YFormat = "0.#" });

    /// <summary>
    /// A line chart of any numeric series (the report's R-D, CDF and time-series plots). Non-finite points are
    /// left out; tick labels use <see cref="Axes"/>' formats, or enough decimals for the range when null.
    /// </summary>
    internal static string Svg(string title, IReadOnlyList<(string Name, List<(double X, double Y)> Points)> series, Axes axes)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(axes);
        series = [.. series.Select(s => (s.Name, Points: s.Points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList()))];
        var all = series.SelectMany(s => s.Points).ToList();
        if (all.Count == 0)
        {
            all.Add((0, 0));
        }

        var (minX, maxX) = axes.XFrom is { } fromX ? (fromX, Math.Max(all.Max(p => p.X), fromX + 1e-9)) : Range(all.Select(p => p.X));
        var (minY, maxY) = axes.YRange is { } yRange ? yRange : Range(all.Select(p => p.Y));
        var xFormat = axes.XFormat ?? TickFormat(maxX - minX);
        var yFormat = axes.YFormat ?? TickFormat(maxY - minY);
        double Sx(double x) => Left + ((x - minX) / (maxX - minX) * (Width - Left - Right));
        double Sy(double y) => Height - Bottom - ((y - minY) / (maxY - minY) * (Height - Top - Bottom));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"18\" text-anchor=\"middle\">{Escape(title)}</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>\n");
        var xTicks = axes.XTicks ?? [.. Enumerable.Range(0, 5).Select(i => minX + ((maxX - minX) * i / 4))];
        foreach (var x in xTicks)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Sx(x):0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{x.ToString(xFormat, CultureInfo.InvariantCulture)}</text>\n");
        }

        for (var i = 0; i <= 4; i++)
        {
            var y = minY + ((maxY - minY) * i / 4);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Sy(y) + 4:0.#}\" text-anchor=\"end\">{y.ToString(yFormat, CultureInfo.InvariantCulture)}</text>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Height - 12}\" text-anchor=\"middle\">{Escape(axes.XLabel)}</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"16\" y=\"{Height / 2}\" transform=\"rotate(-90 16 {Height / 2})\" text-anchor=\"middle\">{Escape(axes.YLabel)}</text>\n");
        for (var s = 0; s < series.Count; s++)
        {
            var colour = Colours[s % Colours.Length];
            var ordered = series[s].Points.OrderBy(p => p.X).ToList();
            var points = string.Join(' ', ordered.Select(p => string.Create(CultureInfo.InvariantCulture, $"{Sx(p.X):0.#},{Sy(p.Y):0.#}")));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{points}\"/>\n");
            foreach (var p in axes.Markers ? ordered : [])
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{Sx(p.X):0.#}\" cy=\"{Sy(p.Y):0.#}\" r=\"3\" fill=\"{colour}\"/>\n");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right - 150}\" y=\"{Top + 16 + (s * 16)}\" fill=\"{colour}\">{Escape(series[s].Name)}</text>\n");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>Axis labels and scaling of <see cref="Svg(string, IReadOnlyList{ValueTuple{string, List{ValueTuple{double, double}}}}, Axes)"/>.</summary>
    /// <param name="XLabel">Label under the x axis.</param>
    /// <param name="YLabel">Label beside the y axis.</param>
    internal sealed record Axes(string XLabel, string YLabel)
    {
        /// <summary>Fixed x origin (e.g. 0 s for time series) instead of the padded data minimum.</summary>
        public double? XFrom { get; init; }

        /// <summary>Fixed y range (e.g. 0..100 % or 0..1 for a CDF) instead of the padded data range.</summary>
        public (double Min, double Max)? YRange { get; init; }

        /// <summary>.NET format of the x tick labels; null picks enough decimals for the range.</summary>
        public string? XFormat { get; init; }

        /// <summary>.NET format of the y tick labels; null picks enough decimals for the range.</summary>
        public string? YFormat { get; init; }

        /// <summary>Where the x tick labels go (e.g. whole step numbers); null for five evenly spaced ticks.</summary>
        public IReadOnlyList<double>? XTicks { get; init; }

        /// <summary>Whether every point gets a dot (off for dense series).</summary>
        public bool Markers { get; init; } = true;
    }

    private static List<(double X, double Y)> Points(JsonNode? curve) =>
        curve is JsonArray array
            ? [.. array.OfType<JsonObject>()
                .Where(p => p["psnr_db"] is JsonValue && p["bits_per_pixel"] is JsonValue)
                .Select(p => (p["bits_per_pixel"]!.GetValue<double>(), p["psnr_db"]!.GetValue<double>()))]
            : [];

    // Enough decimals that the five ticks over the span differ (0.25 -> "0.##", 25 -> "0.#").
    internal static string TickFormat(double span)
    {
        var decimals = span > 0 ? Math.Clamp((int)Math.Ceiling(-Math.Log10(span / 4)) + 1, 0, 6) : 2;
        return decimals == 0 ? "0" : "0." + new string('#', decimals);
    }

    private static (double Min, double Max) Range(IEnumerable<double> values)
    {
        var list = values.ToList();
        var min = list.Min();
        var max = list.Max();
        var pad = max > min ? (max - min) * 0.05 : 1;
        return (min - pad, max + pad);
    }

    private static string Escape(string text) => System.Security.SecurityElement.Escape(text) ?? string.Empty;
}
