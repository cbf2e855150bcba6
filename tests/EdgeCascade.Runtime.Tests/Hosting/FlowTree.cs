using EdgeCascade.Actors.Nodes;
using EdgeCascade.Actors.Policies;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Runtime.Hosting;
using EdgeCascade.Topologies;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Runtime.Tests.Hosting;

/// <summary>
/// The small tree the one-encode tests run: one camera, two flows that share the camera -> relay link and part at the
/// relay, to a monitor at level 4 and an archive at level 2 (the test bed's synthetic family, source level 6).
/// </summary>
internal static class FlowTree
{
    public const string Watch = "watch";

    public const string Keep = "keep";

    private const string TopologyText = """
        edgecascade.topologies {
          test-tree {
            nodes {
              camera { gpu = camera-soc, queue-capacity = 16 }
              relay { gpu = jetson-agx-orin, queue-capacity = 32 }
              monitor { gpu = t4 }
              archive { gpu = a100 }
            }
            links = [
              { from = camera, to = relay, bandwidth = 50 Mbps, latency = 2 ms }
              { from = relay, to = monitor, bandwidth = 200 Mbps, latency = 5 ms }
              { from = relay, to = archive, bandwidth = 200 Mbps, latency = 5 ms }
            ]
            flows {
              watch { source = camera, destination = monitor, source-level = 6, target-level = 4 }
              keep { source = camera, destination = archive, source-level = 6, target-level = 2 }
            }
          }
        }
        """;

    public static TopologySpec Topology { get; } = TopologyLoader.LoadString(TopologyText, "test-tree.hocon").Get("test-tree");

    /// <summary>The pixels the in-process HCF cascade gives image <paramref name="imageId"/> under <paramref name="flow"/>'s plan.</summary>
    public static byte[] Expected(ClusterTestBed bed, string flow, long imageId)
    {
        QuantizationPolicy policy = Route(flow).Plan.Policy;
        return new CascadeRunner(bed.Engine)
            .Hcf(bed.Images.ImageFor(imageId), policy.SourceLevel, policy.TargetLevel, policy.TransmitFlags)
            .Reconstruction.Pixels.ToArray();
    }

    /// <summary>The flow's route as every node plans it.</summary>
    public static FlowRoute Route(string flow) => RoutePlanner.Find(RoutePlanner.Routes(Topology), flow)!;
}
