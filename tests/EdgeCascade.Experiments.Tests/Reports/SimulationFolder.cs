using System.Globalization;
using System.Text;
using EdgeCascade.Simulation.Reports;

namespace EdgeCascade.Experiments.Tests.Reports;

/// <summary>Test data shared by the report tests here and the <c>report</c> command tests.</summary>
internal static class SimulationFolder
{
    /// <summary>A simulate folder in the formats of Simulation/SCHEMA.md: a real summary.json and small CSVs.</summary>
    public static string Write(string folder)
    {
        Directory.CreateDirectory(folder);
        var summary = new SimulationSummary("chain", "burst", "edge", "profile", 7, "ec-test", 64, 64, Completed: true, 2_000_000_000, 1234,
            [new FlowSummary("cam", "cam", "cloud", 6, 3, "[1,0,0,1]", "edge-first", Feasible: true, 40, 38, 2, 0, 0, 0, 0.5, 1,
                0.02, 0.05, 0.06, 0.025, 0.07, 0.31, 30.5, null, [new HopSummary("cam", "relay", 6, 1234, 0.3), new HopSummary("relay", "cloud", 3, 800, 0.2)])],
            [new NodeSummary("cam", "jetson", 12.5, 1 << 20, 3, 40, 2e9), new NodeSummary("cloud", "a100", 1.5, 1 << 22, 1, 38, 5e9)],
            [new LinkSummary("cam->cloud", "cam", "cloud", "fifo", 33.3, 4000, 4100, 40, 1)]);
        File.WriteAllBytes(Path.Combine(folder, "summary.json"), SummaryJson.ToUtf8(summary));
        var images = new StringBuilder(CsvHeaders.Images + "\n");
        for (var i = 0; i < 40; i++)
        {
            var line = i % 20 == 19
                ? string.Create(CultureInfo.InvariantCulture, $"cam,{i},0,{i * 0.05},,,,0;0,,,queue_full,cam\n")
                : string.Create(CultureInfo.InvariantCulture, $"cam,{i},{i % 3},{i * 0.05},{(i * 0.05) + 0.02 + (i % 7 * 0.005)},{0.02 + (i % 7 * 0.005)},false,1200;800,30.5,,,\n");
            images.Append(line);
        }

        File.WriteAllText(Path.Combine(folder, "images.csv"), images.ToString());
        var nodes = new StringBuilder(CsvHeaders.Nodes + "\n");
        var links = new StringBuilder(CsvHeaders.Links + "\n");
        for (var t = 1; t <= 20; t++)
        {
            nodes.Append(CultureInfo.InvariantCulture, $"{t * 0.1},cam,{t * 3 % 40},1,0,1048576\n{t * 0.1},cloud,{t % 5},0,0,0\n");
            links.Append(CultureInfo.InvariantCulture, $"{t * 0.1},cam->cloud,{t * 7 % 60},1,{t * 200}\n");
        }

        File.WriteAllText(Path.Combine(folder, "nodes.csv"), nodes.ToString());
        File.WriteAllText(Path.Combine(folder, "links.csv"), links.ToString());
        return folder;
    }
}
