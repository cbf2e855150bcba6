using System.Text;
using BenchmarkDotNet.Attributes;
using EdgeCascade.Topologies.Hocon;

namespace EdgeCascade.Benchmarks;

/// <summary>
/// HOCON reader throughput on a generated topology-like document (objects, path keys,
/// substitutions, unit strings and <c>+=</c>), parse alone and parse + resolve.
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project bench/EdgeCascade.Benchmarks -- --filter *HoconBenchmarks* --job short</c>.
/// </remarks>
[MemoryDiagnoser]
public class HoconBenchmarks
{
    private string _text = string.Empty;

    /// <summary>Number of generated nodes; each adds five lines.</summary>
    [Params(100, 2000)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var builder = new StringBuilder("defaults { link { bandwidth = 20 Mbps, latency = 5ms } }\n");
        for (int i = 0; i < Nodes; i++)
        {
            builder.Append("topologies.bench.nodes.n").Append(i).Append(" { gpu = jetson, queue-capacity = 64, roles = [relay] }\n");
            builder.Append("topologies.bench.links.l").Append(i).Append(" = ${defaults.link} { from = n").Append(i).Append(", to = n").Append(i + 1).Append(" }\n");
            builder.Append("topologies.bench.nodes.n").Append(i).Append(".memory = 8GiB\n");
            builder.Append("# comment line ").Append(i).Append('\n');
            builder.Append("topologies.bench.order += n").Append(i).Append('\n');
        }

        _text = builder.ToString();
    }

    [Benchmark]
    public HoconObject Parse() => HoconLoader.ParseString(_text, "bench.conf");

    [Benchmark]
    public HoconObject ParseAndResolve() => HoconLoader.LoadString(_text, "bench.conf");
}
