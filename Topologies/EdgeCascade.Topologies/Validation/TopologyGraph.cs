using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Topologies.Validation;

/// <summary>The directed node graph of one topology: cycle detection and deterministic shortest paths.</summary>
internal sealed class TopologyGraph
{
    private readonly SortedDictionary<string, SortedSet<string>> _successors = new(StringComparer.Ordinal);

    public TopologyGraph(IEnumerable<string> nodes, IEnumerable<LinkSpec> links)
    {
        foreach (var node in nodes)
        {
            _successors[node] = new SortedSet<string>(StringComparer.Ordinal);
        }

        foreach (var link in links)
        {
            if (_successors.TryGetValue(link.From, out var next) && _successors.ContainsKey(link.To))
            {
                next.Add(link.To);
            }
        }
    }

    public IEnumerable<string> Successors(string node) =>
        _successors.TryGetValue(node, out var next) ? next : Enumerable.Empty<string>();

    /// <summary>One directed cycle as a node list (first node repeated at the end), or null for a DAG.</summary>
    public IReadOnlyList<string>? FindCycle()
    {
        var state = _successors.Keys.ToDictionary(k => k, _ => 0, StringComparer.Ordinal);
        var stack = new List<string>();
        foreach (var start in _successors.Keys)
        {
            var cycle = Visit(start, state, stack);
            if (cycle is not null)
            {
                return cycle;
            }
        }

        return null;
    }

    /// <summary>
    /// The fewest-hop path through the given waypoints (first = source, last = destination), ties broken by
    /// node names so every run picks the same path; null when a leg is unreachable.
    /// </summary>
    public IReadOnlyList<string>? ShortestPath(IReadOnlyList<string> waypoints)
    {
        var path = new List<string> { waypoints[0] };
        for (var i = 1; i < waypoints.Count; i++)
        {
            var leg = Bfs(waypoints[i - 1], waypoints[i]);
            if (leg is null)
            {
                return null;
            }

            path.AddRange(leg.Skip(1));
        }

        return path;
    }

    private List<string>? Bfs(string from, string to)
    {
        var previous = new Dictionary<string, string?>(StringComparer.Ordinal) { [from] = null };
        var queue = new Queue<string>();
        queue.Enqueue(from);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            if (node == to)
            {
                var result = new List<string>();
                for (string? at = to; at is not null; at = previous[at])
                {
                    result.Add(at);
                }

                result.Reverse();
                return result;
            }

            foreach (var next in Successors(node).Where(n => !previous.ContainsKey(n)))
            {
                previous[next] = node;
                queue.Enqueue(next);
            }
        }

        return null;
    }

    private List<string>? Visit(string node, Dictionary<string, int> state, List<string> stack)
    {
        if (state[node] == 2)
        {
            return null;
        }

        if (state[node] == 1)
        {
            var start = stack.IndexOf(node);
            return [.. stack.Skip(start), node];
        }

        state[node] = 1;
        stack.Add(node);
        foreach (var next in _successors[node])
        {
            var cycle = Visit(next, state, stack);
            if (cycle is not null)
            {
                return cycle;
            }
        }

        stack.RemoveAt(stack.Count - 1);
        state[node] = 2;
        return null;
    }
}
