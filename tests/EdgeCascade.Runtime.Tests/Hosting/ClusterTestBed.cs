using EdgeCascade.Actors.Policies;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Codec.Imaging;
using EdgeCascade.Codec.Models;
using EdgeCascade.Codec.Tests.Models;
using EdgeCascade.Runtime.Hosting;
using EdgeCascade.Topologies;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Runtime.Tests.Hosting;

/// <summary>
/// What the node-host tests share: the synthetic model family, a camera -> relay -> cloud topology shaped like
/// two-stage (6 -> 3, 20 Mbit/s uplink), a folder of small 64x64 images, and the reconstruction
/// <see cref="CascadeRunner.Hcf"/> gives for each image id.
/// </summary>
internal sealed class ClusterTestBed : IDisposable
{
    public const string Flow = "camera-to-cloud";

    private const string TopologyText = """
        edgecascade.topologies {
          test-chain {
            nodes {
              camera { gpu = camera-soc, queue-capacity = 16 }
              relay { gpu = jetson-agx-orin }
              cloud { gpu = a100, queue-capacity = 256 }
            }
            links = [
              { from = camera, to = relay, bandwidth = 20 Mbps, latency = 15 ms }
              { from = relay, to = cloud, bandwidth = 1 Gbps, latency = 8 ms }
            ]
            flows {
              camera-to-cloud { source = camera, destination = cloud, source-level = 6, target-level = 3 }
            }
          }
        }
        """;

    private readonly SyntheticFamily _family = new(seed: 41);
    private readonly Dictionary<int, byte[]> _expected = [];

    public ClusterTestBed(int distinctImages = 6)
    {
        Root = Path.Combine(Path.GetTempPath(), $"ec-hosting-{Guid.NewGuid():N}");
        ImageDirectory = Path.Combine(Root, "images");
        Directory.CreateDirectory(ImageDirectory);
        for (int i = 0; i < distinctImages; i++)
        {
            ImageFile.Write(Path.Combine(ImageDirectory, $"img{i:D2}.png"), SyntheticImages.Gradient(64, 64, seed: 100 + i));
        }

        Images = ImageSet.Open(ImageDirectory);
        Engine = new CascadeEngine(ModelFamily.Load(_family.Directory));
        Topology = TopologyLoader.LoadString(TopologyText, "test-chain.hocon").Get("test-chain");
        Policy = RoutePlanner.Policy(Topology.Flows[0], RoutePlanner.DefaultPolicy);
    }

    public string Root { get; }

    public string ImageDirectory { get; }

    public string ModelDirectory => _family.Directory;

    public ImageSet Images { get; }

    public CascadeEngine Engine { get; }

    public TopologySpec Topology { get; }

    public QuantizationPolicy Policy { get; }

    /// <summary>A fresh folder under the test bed's root.</summary>
    public string NewDirectory(string name)
    {
        string path = Path.Combine(Root, $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>The pixels <see cref="CascadeRunner.Hcf"/> reconstructs for image id <paramref name="imageId"/>.</summary>
    public byte[] Expected(long imageId)
    {
        int index = (int)(imageId % Images.Count);
        lock (_expected)
        {
            if (!_expected.TryGetValue(index, out byte[]? pixels))
            {
                CascadeRun run = new CascadeRunner(Engine).Hcf(Images.ImageFor(imageId), Policy.SourceLevel, Policy.TargetLevel, Policy.TransmitFlags);
                pixels = run.Reconstruction.Pixels.ToArray();
                _expected[index] = pixels;
            }

            return pixels;
        }
    }

    /// <summary>Asserts the sink folder holds exactly ids 0..count-1 once each, every PNG equal to the HCF reconstruction.</summary>
    public void AssertDelivered(string sinkDirectory, int count)
    {
        IReadOnlyList<SinkRecord> rows = SinkWriter.ReadCsv(Path.Combine(sinkDirectory, SinkWriter.CsvFileName));
        Assert.Equal(count, rows.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), rows.Select(r => r.ImageId).Order());
        foreach (SinkRecord row in rows)
        {
            Assert.Equal(Flow, row.Flow);
            Assert.True(row.BitsPerPixel > 0);
            Assert.True(row.LatencySeconds >= 0);
            RgbImage image = ImageFile.Read(Path.Combine(sinkDirectory, Flow, $"{row.ImageId:D6}.png"));
            Assert.Equal(Expected(row.ImageId), image.Pixels.ToArray());
        }
    }

    public void Dispose()
    {
        _family.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A node still flushing; the temp folder is cleaned later.
        }
    }
}
