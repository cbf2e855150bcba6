using System.Globalization;
using System.Text;

namespace EdgeCascade.Experiments.Plots;

/// <summary>
/// Grouped bar charts as SVG for the report (line charts are <see cref="RdPlot"/>). Hand-written: no plotting
/// package is available. Missing values (NaN) get no bar and an "n/a" label.
/// </summary>
public static class ReportCharts
{
    /// <summary>Colour indexes of <see cref="GroupedBars"/>; the last is a neutral grey for "everything else".</summary>
    public static readonly IReadOnlyList<string> Colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#9e9e9e"];

    public const int Grey = 6;

    private const int Height = 440, Left = 76, Right = 20, Top = 70, Bottom = 130, BarWidth = 26, GroupGap = 30;

    /// <summary>
    /// Bars side by side within each group, groups along the x axis. <paramref name="zeroBased"/> false scales
    /// the y axis to the data (to show small differences such as PSNR between policies) and says so in the title.
    /// </summary>
    public static string GroupedBars(
        string title,
        string yLabel,
        IReadOnlyList<(string Group, IReadOnlyList<(string Label, double Value, int Colour)> Bars)> groups,
        IReadOnlyList<(string Name, int Colour)> legend,
        bool zeroBased)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(legend);
        var values = groups.SelectMany(g => g.Bars).Select(b => b.Value).Where(double.IsFinite).ToList();
        if (values.Count == 0)
        {
            values.Add(0);
        }

        var max = values.Max();
        var min = zeroBased ? Math.Min(0, values.Min()) : values.Min();
        var pad = max > min ? (max - min) * 0.08 : Math.Max(1, Math.Abs(max) * 0.05);
        max += pad;
        min = zeroBased && min == 0 ? 0 : min - pad;
        // A group is as wide as its bars or its label (about 7 px per bold character), whichever is wider.
        var groupWidths = groups.Select(g => Math.Max(g.Bars.Count * BarWidth, (g.Group.Length * 7) + 4)).ToList();
        var width = Math.Max(640, Left + Right + groupWidths.Sum() + (groups.Count * GroupGap) + 160);
        var plotBottom = Height - Bottom;
        double Sy(double y) => plotBottom - ((y - min) / (max - min) * (plotBottom - Top));
        var format = RdPlot.TickFormat(max - min);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{Height}\" fill=\"white\"/>\n");
        var fullTitle = zeroBased ? title : title + " (y axis not from 0)";
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width / 2}\" y=\"18\" text-anchor=\"middle\">{Escape(fullTitle)}</text>\n");
        for (var i = 0; i <= 4; i++)
        {
            var y = min + ((max - min) * i / 4);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Sy(y):0.#}\" x2=\"{width - Right}\" y2=\"{Sy(y):0.#}\" stroke=\"#e0e0e0\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Sy(y) + 4:0.#}\" text-anchor=\"end\">{y.ToString(format, CultureInfo.InvariantCulture)}</text>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{plotBottom}\" x2=\"{width - Right}\" y2=\"{plotBottom}\" stroke=\"black\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{plotBottom}\" stroke=\"black\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"14\" y=\"{(Top + plotBottom) / 2}\" transform=\"rotate(-90 14 {(Top + plotBottom) / 2})\" text-anchor=\"middle\">{Escape(yLabel)}</text>\n");
        double x = Left + (GroupGap / 2.0);
        for (var g = 0; g < groups.Count; g++)
        {
            var (group, bars) = groups[g];
            var groupStart = x;
            x += (groupWidths[g] - (bars.Count * BarWidth)) / 2.0;
            foreach (var (label, value, colour) in bars)
            {
                var centre = x + (BarWidth / 2.0);
                if (double.IsFinite(value))
                {
                    var top = Sy(Math.Max(value, min));
                    var baseline = Sy(Math.Max(min, Math.Min(0, max)));
                    svg.Append(CultureInfo.InvariantCulture,
                        $"<rect x=\"{x + 2:0.#}\" y=\"{Math.Min(top, baseline):0.#}\" width=\"{BarWidth - 4}\" height=\"{Math.Abs(baseline - top):0.#}\" fill=\"{Colours[colour % Colours.Count]}\"><title>{Escape(group)} {Escape(label)}: {value.ToString("0.####", CultureInfo.InvariantCulture)}</title></rect>\n");
                    var labelY = Math.Min(top, baseline) - 3;
                    svg.Append(CultureInfo.InvariantCulture,
                        $"<text x=\"{centre + 3:0.#}\" y=\"{labelY:0.#}\" transform=\"rotate(-90 {centre + 3:0.#} {labelY:0.#})\" font-size=\"9\">{value.ToString(ValueFormat(max - min), CultureInfo.InvariantCulture)}</text>\n");
                }
                else
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{centre:0.#}\" y=\"{plotBottom - 4}\" text-anchor=\"middle\" font-size=\"9\">n/a</text>\n");
                }

                svg.Append(CultureInfo.InvariantCulture,
                    $"<text x=\"{centre:0.#}\" y=\"{plotBottom + 10}\" transform=\"rotate(-50 {centre:0.#} {plotBottom + 10})\" text-anchor=\"end\" font-size=\"10\">{Escape(label)}</text>\n");
                x += BarWidth;
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{groupStart + (groupWidths[g] / 2.0):0.#}\" y=\"{Height - 12}\" text-anchor=\"middle\" font-weight=\"bold\">{Escape(group)}</text>\n");
            x = groupStart + groupWidths[g] + GroupGap;
        }

        for (var i = 0; i < legend.Count; i++)
        {
            var (name, colour) = legend[i];
            var y = 26 + (i * 16);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{width - Right - 150}\" y=\"{y}\" width=\"10\" height=\"10\" fill=\"{Colours[colour % Colours.Count]}\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width - Right - 135}\" y=\"{y + 9}\">{Escape(name)}</text>\n");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    // One decimal more than the ticks, so neighbouring bars that differ slightly read differently.
    private static string ValueFormat(double span) => RdPlot.TickFormat(span / 10);

    private static string Escape(string text) => System.Security.SecurityElement.Escape(text) ?? string.Empty;
}
