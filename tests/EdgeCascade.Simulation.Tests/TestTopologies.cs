using EdgeCascade.Topologies;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Simulation.Tests;

/// <summary>Small topologies with round numbers for hand-computed expectations.</summary>
internal static class TestTopologies
{
    /// <summary>
    /// camera -> relay -> cloud; every GPU sustains exactly 1 GFLOP/s with one slot; both links are
    /// 1 Mbit/s with 10 ms latency; the flow goes from level 6 to level 3 with a 38 ms deadline.
    /// </summary>
    public const string Chain = """
        edgecascade {
          gpu-profiles {
            unit { peak = 1 GFLOPS, memory = 1 GiB, efficiency = 1.0, concurrency = 1 }
          }
          topologies {
            chain {
              nodes {
                camera { gpu = unit, queue-capacity = 1 }
                relay { gpu = unit }
                cloud { gpu = unit }
              }
              links = [
                { from = camera, to = relay, bandwidth = 1 Mbps, latency = 10 ms }
                { from = relay, to = cloud, bandwidth = 1 Mbps, latency = 10 ms }
              ]
              flows {
                f { source = camera, destination = cloud, source-level = 6, target-level = 3, deadline = 38 ms }
              }
              scenarios {
                default { arrival = periodic, rate = 1, count = 3, seed = 1 }
                wide { arrival = periodic, rate = 1, count = 3, seed = 1, resolution = 200x100 }
                burst { arrival = periodic, rate = 1000, count = 3, seed = 1 }
                random { arrival = poisson, rate = 20, count = 300, seed = 9 }
                traced { arrival = trace, trace = "arrivals.txt", count = 10 }
              }
            }
          }
        }
        """;

    /// <summary>
    /// <see cref="Chain"/>'s nodes with two flows from the camera: a monitor on the relay at level 5 and an archive on the
    /// cloud at level 3, both from level 6; links 1 Mbit/s, 10 ms.
    /// </summary>
    public const string Tree = """
        edgecascade {
          gpu-profiles {
            unit { peak = 1 GFLOPS, memory = 1 GiB, efficiency = 1.0, concurrency = 1 }
          }
          topologies {
            tree {
              nodes {
                camera { gpu = unit }
                relay { gpu = unit }
                cloud { gpu = unit }
              }
              links = [
                { from = camera, to = relay, bandwidth = 1 Mbps, latency = 10 ms }
                { from = relay, to = cloud, bandwidth = 1 Mbps, latency = 10 ms }
              ]
              flows {
                archive { source = camera, destination = cloud, source-level = 6, target-level = 3 }
                monitor { source = camera, destination = relay, source-level = 6, target-level = 5 }
              }
              scenarios {
                default { arrival = periodic, rate = 1, count = 3, seed = 1 }
              }
            }
          }
        }
        """;

    public static TopologyCatalog Load(string text) => TopologyLoader.LoadString(text, "test.conf");
}
