using EdgeCascade.Actors.Policies;
using EdgeCascade.Actors.Scheduling;

namespace EdgeCascade.Actors.Tests.Scheduling;

/// <summary>Shared, hand-computable inputs for scheduler tests.</summary>
internal static class TestCostModels
{
    public const int Width = 100;
    public const int Height = 100;
    public const double Pixels = Width * Height;

    /// <summary>
    /// 0.1·k bits per pixel at level k, 2% less per earlier transmission in the prefix; per pixel
    /// g_a and g_s cost 100 kFLOP, each φ 10 kFLOP, coding 1 kFLOP; memory 10 B/px for g_a/g_s, 2 B/px otherwise.
    /// </summary>
    public static ProfileHopCostModel Simple() => new(
        prefix => 0.1 * prefix.TargetLevel * (1 - (0.02 * (prefix.NQ - 1))),
        op => op.Kind switch
        {
            StageOpKind.Analysis or StageOpKind.Synthesis => 100_000,
            StageOpKind.IntraTransform or StageOpKind.InterTransform => 10_000,
            _ => 1_000,
        },
        op => op.Kind is StageOpKind.Analysis or StageOpKind.Synthesis ? 10 : 2);

    public static string[] Path(int hops) => Enumerable.Range(0, hops + 1).Select(i => i == 0 ? "src" : i == hops ? "dst" : $"relay{i}").ToArray();

    public static SchedulingRequest Ample(int s, int d, int hops) => Request(s, d, hops, linkBitsPerSecond: 1e12, flopsPerSecond: 1e15, memoryBytes: 1L << 40);

    public static SchedulingRequest Request(int s, int d, int hops, double linkBitsPerSecond, double flopsPerSecond, long memoryBytes)
    {
        var path = Path(hops);
        return new SchedulingRequest(
            s,
            d,
            path,
            Enumerable.Repeat(linkBitsPerSecond, hops).ToArray(),
            path.Select(n => new NodeBudget(n, flopsPerSecond, memoryBytes)).ToArray(),
            SecondsPerImage: 1.0,
            Width,
            Height);
    }

    public static SchedulingRequest WithLink(this SchedulingRequest request, int hop, double bitsPerSecond)
    {
        var links = request.LinkBitsPerSecond.ToArray();
        links[hop] = bitsPerSecond;
        return request with { LinkBitsPerSecond = links };
    }

    public static SchedulingRequest WithNodeFlops(this SchedulingRequest request, int node, double flopsPerSecond)
    {
        var nodes = request.Nodes.ToArray();
        nodes[node] = nodes[node] with { EffectiveFlopsPerSecond = flopsPerSecond };
        return request with { Nodes = nodes };
    }
}
