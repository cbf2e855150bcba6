using System.Globalization;
using System.Text;
using EdgeCascade.Experiments.Reports;
using EdgeCascade.Simulation.Reports;

namespace EdgeCascade.Experiments.Tests.Reports;

public sealed class ReportScannerTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("ec-report-scan-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void Scan_LongCsvs_ThinsCdfAndAveragesTimeSeries()
    {
        var sim = SimulationFolder.Write(Path.Combine(_work, "sim"));
        var images = new StringBuilder(CsvHeaders.Images + "\n");
        var nodes = new StringBuilder(CsvHeaders.Nodes + "\n");
        for (var i = 999; i >= 0; i--)
        {
            images.Append(CultureInfo.InvariantCulture, $"cam,{i},0,0,{i * 0.001},{i * 0.001},false,1,,,,\n");
        }

        for (var i = 1; i <= 800; i++)
        {
            nodes.Append(CultureInfo.InvariantCulture, $"{i * 0.01},cam,{(i % 2) * 100},0,0,0\n");
        }

        File.WriteAllText(Path.Combine(sim, "images.csv"), images.ToString());
        File.WriteAllText(Path.Combine(sim, "nodes.csv"), nodes.ToString());

        var simulation = Assert.IsType<ReportSimulation>(Assert.Single(ReportScanner.Scan([sim]).Sections));

        var cdf = Assert.Single(simulation.LatencyCdf!).Points;
        Assert.Equal(ReportScanner.MaxPoints, cdf.Count);
        Assert.Equal((0.0, 0.001), cdf[0]);
        Assert.Equal((0.999, 1.0), cdf[^1]);
        Assert.True(cdf.Zip(cdf.Skip(1)).All(p => p.First.X <= p.Second.X && p.First.Y < p.Second.Y));
        var busy = Assert.Single(simulation.NodeBusy!).Points;
        Assert.All(busy, p => Assert.Equal(50, p.Y, 6));
        Assert.Equal(ReportScanner.MaxPoints, busy.Count);
        Assert.Equal(8, busy[^1].X, 9);
    }

    [Fact]
    public void Scan_TwoFolders_KeepsFolderOrderAndListsInputs()
    {
        var b = SimulationFolder.Write(Path.Combine(_work, "b"));
        var a = SimulationFolder.Write(Path.Combine(_work, "a"));

        var scan = ReportScanner.Scan([b, a]);

        Assert.Equal([b, a], scan.Sections.Select(s => s.Source));
        Assert.Equal(8, scan.Inputs.Count);
        Assert.Equal(Path.Combine(b, "summary.json"), scan.Inputs[0]);
    }
}
