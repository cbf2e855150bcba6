using EdgeCascade.Topologies.Hocon;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Topologies.Validation;

/// <summary>Turns the resolved HOCON tree (user file over reference.conf) into immutable topology records.</summary>
internal sealed class TopologyReader
{
    /// <summary>The base unit values are converted to, for range messages.</summary>
    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["bandwidth"] = "bps",
        ["peak"] = "FLOPS",
        ["memory"] = "bytes",
        ["rate"] = "images/s",
    };

    private readonly List<TopologyDiagnostic> _diagnostics = [];
    private readonly HoconObject _defaults;
    private readonly string _sourceFile;

    private TopologyReader(HoconObject defaults, string sourceFile)
    {
        _defaults = defaults;
        _sourceFile = sourceFile;
    }

    /// <summary>Reads and validates the whole catalog; throws with every problem found.</summary>
    public static TopologyCatalog Read(HoconObject root, string sourceFile)
    {
        var edgecascade = root["edgecascade"].AsObject();
        var reader = new TopologyReader(edgecascade["defaults"].AsObject(), sourceFile);
        var catalog = reader.ReadCatalog(edgecascade);
        if (reader._diagnostics.Count > 0)
        {
            throw new TopologyException(reader._diagnostics);
        }

        return catalog;
    }

    private TopologyCatalog ReadCatalog(HoconObject edgecascade)
    {
        CheckKeys(edgecascade, ["model-family", "gpu-profiles", "defaults", "vars", "topologies"], "top-level (edgecascade)");
        var familyObject = edgecascade["model-family"].AsObject();
        CheckKeys(familyObject, ["id", "levels"], "model-family");
        var family = new ModelFamilySpec(familyObject["id"].AsString(), familyObject["levels"].AsInt());
        if (family.Levels < 1)
        {
            Report(familyObject["levels"], "model-family.levels must be at least 1", "set levels to the number of quality levels of the model card");
        }

        var profiles = new Dictionary<string, GpuProfile>(StringComparer.Ordinal);
        var profileObject = edgecascade["gpu-profiles"].AsObject();
        foreach (var name in profileObject.Keys)
        {
            profiles[name] = ReadGpuProfile(name, Object(profileObject[name], "gpu profile"));
        }

        var topologies = new List<TopologySpec>();
        var topologyObject = edgecascade["topologies"].AsObject();
        foreach (var name in topologyObject.Keys)
        {
            var spec = ReadTopology(name, Object(topologyObject[name], "topology"), profiles, family);
            if (spec is not null)
            {
                topologies.Add(spec);
            }
        }

        return new TopologyCatalog(_sourceFile, family, profiles, topologies);
    }

    private GpuProfile ReadGpuProfile(string name, HoconObject element)
    {
        var reader = new ElementReader(element, _defaults["gpu-profile"].AsObject(), "gpu profile", _diagnostics);
        var peak = reader.Required("peak", v => v.AsFlops(), 1.0, "write e.g. peak = 1.3 TFLOPS");
        var memory = reader.Required("memory", v => v.AsBytes(), 1L, "write e.g. memory = 8 GiB");
        var efficiency = reader.Required("efficiency", v => v.AsDouble(), 1.0, "write a fraction such as 0.4");
        var concurrency = reader.Required("concurrency", v => v.AsInt(), 1, "write a whole number such as 1");
        InRange(reader, "peak", peak, PhysicalLimits.MinPeakFlops, PhysicalLimits.MaxPeakFlops, "1 GFLOPS", "1000000 TFLOPS", "write the device's FP32 peak, e.g. 1.3 TFLOPS");
        InRange(reader, "memory", memory, PhysicalLimits.MinMemoryBytes, PhysicalLimits.MaxMemoryBytes, "1 MiB", "1 PiB", "write the device memory, e.g. 8 GiB");
        InRange(reader, "efficiency", efficiency, PhysicalLimits.MinEfficiency, 1.0, "0.001", "1", "efficiency is the fraction of peak a codec job sustains, e.g. 0.4");
        InRange(reader, "concurrency", concurrency, 1, PhysicalLimits.MaxConcurrency, "1", "1024", "concurrency is the number of jobs running at once, e.g. 2");
        return new GpuProfile(name, peak, memory, efficiency, concurrency);
    }

    private TopologySpec? ReadTopology(string name, HoconObject element, Dictionary<string, GpuProfile> profiles, ModelFamilySpec family)
    {
        var before = _diagnostics.Count;
        var reader = new ElementReader(element, _defaults["topology"].AsObject(), "topology", _diagnostics);
        var description = reader.Value("description")?.AsString() ?? string.Empty;
        var nodes = ReadNodes(reader, profiles);
        var links = ReadLinks(reader, nodes);
        var graph = new TopologyGraph(nodes.Select(n => n.Name), links);
        var cycle = graph.FindCycle();
        if (cycle is not null)
        {
            Report(element, $"topology '{name}' has a cycle: {string.Join(" -> ", cycle)}", "flows need a DAG: remove or reverse one link of the cycle");
        }

        var flows = cycle is null ? ReadFlows(reader, nodes, graph, family) : [];
        var scenarios = ReadScenarios(reader);
        var defaultScenario = reader.Value("default-scenario")?.AsString() ?? "default";
        if (scenarios.Count > 0 && scenarios.All(s => s.Name != defaultScenario))
        {
            Report(reader.Value("default-scenario") ?? element, $"default-scenario '{defaultScenario}' is not a scenario of '{name}'",
                $"known scenarios: {string.Join(", ", scenarios.Select(s => s.Name))}");
        }

        if (scenarios.Count == 0)
        {
            scenarios = [ReadScenario("default", EmptyLike(element))];
        }

        // Give sources and destinations their roles implicitly so configs state each fact once.
        var roles = nodes.ToDictionary(n => n.Name, n => n.Roles);
        foreach (var flow in flows)
        {
            roles[flow.Source] |= NodeRoles.Source;
            roles[flow.Destination] |= NodeRoles.Sink;
            foreach (var middle in flow.Path.Skip(1).SkipLast(1))
            {
                roles[middle] |= NodeRoles.Relay;
            }
        }

        var finalNodes = nodes.Select(n => n with { Roles = roles[n.Name] == NodeRoles.None ? NodeRoles.Relay : roles[n.Name] }).ToList();
        return _diagnostics.Count > before ? null : new TopologySpec(name, description, finalNodes, links, flows, scenarios, defaultScenario);
    }

    private List<NodeSpec> ReadNodes(ElementReader topology, Dictionary<string, GpuProfile> profiles)
    {
        var result = new List<NodeSpec>();
        var nodesValue = topology.Value("nodes");
        if (nodesValue is null)
        {
            topology.Report(topology.Element, "missing required key 'nodes'", "add nodes { camera { gpu = camera-soc } ... }");
            return result;
        }

        var nodes = Object(nodesValue, "nodes");
        if (nodes.Keys.Count == 0)
        {
            Report(nodesValue, "a topology needs at least one node", "add nodes { camera { gpu = camera-soc } ... }");
        }

        foreach (var name in nodes.Keys)
        {
            var reader = new ElementReader(Object(nodes[name], "node"), _defaults["node"].AsObject(), "node", _diagnostics);
            var roles = NodeRoles.None;
            foreach (var roleValue in reader.Value("roles")?.AsList() ?? [])
            {
                var role = roleValue.AsString();
                roles |= role switch
                {
                    "source" => NodeRoles.Source,
                    "relay" => NodeRoles.Relay,
                    "sink" => NodeRoles.Sink,
                    _ => Invalid(roleValue, $"unknown role '{role}'", "roles are source, relay and sink"),
                };
            }

            var gpuName = reader.Value("gpu")?.AsString() ?? "jetson-orin-nano";
            if (!profiles.TryGetValue(gpuName, out var gpu))
            {
                var closest = NameSuggester.Closest(gpuName, profiles.Keys);
                Report(reader.Value("gpu")!, $"unknown gpu profile '{gpuName}'",
                    (closest is null ? string.Empty : $"did you mean '{closest}'? ") + $"known profiles: {string.Join(", ", profiles.Keys)}");
                gpu = new GpuProfile(gpuName, 1, 1, 1, 1);
            }

            var capacity = reader.Required("queue-capacity", v => v.AsInt(), 1, "write a whole number such as 64");
            InRange(reader, "queue-capacity", capacity, 1, PhysicalLimits.MaxQueueCapacity, "1", "1000000", "the number of jobs that may wait, e.g. 64");
            result.Add(new NodeSpec(name, roles, gpu, capacity));
        }

        return result;
    }

    private List<LinkSpec> ReadLinks(ElementReader topology, List<NodeSpec> nodes)
    {
        var result = new List<LinkSpec>();
        var linksValue = topology.Value("links");
        if (linksValue is null)
        {
            topology.Report(topology.Element, "missing required key 'links'", "add links = [ { from = a, to = b, bandwidth = 20 Mbps } ]");
            return result;
        }

        var names = nodes.Select(n => n.Name).ToList();
        foreach (var item in List(linksValue, "links"))
        {
            var reader = new ElementReader(Object(item, "link"), _defaults["link"].AsObject(), "link", _diagnostics);
            var from = reader.Required("from", v => v.AsString(), string.Empty, "name the sending node: from = camera");
            var to = reader.Required("to", v => v.AsString(), string.Empty, "name the receiving node: to = base-station");
            CheckNode(reader, "from", from, names);
            CheckNode(reader, "to", to, names);
            if (from.Length > 0 && from == to)
            {
                Report(item, $"link from '{from}' to itself", "a link joins two different nodes");
            }

            var bandwidth = reader.Required("bandwidth", v => v.AsBitsPerSecond(), 1.0, "write e.g. bandwidth = 20 Mbps");
            InRange(reader, "bandwidth", bandwidth, PhysicalLimits.MinBandwidthBitsPerSecond, PhysicalLimits.MaxBandwidthBitsPerSecond,
                "1 kbps", "10000 Gbps", "write the link's capacity, e.g. 20 Mbps");
            var latency = reader.Required("latency", v => v.AsDuration(), TimeSpan.Zero, "write e.g. latency = 10 ms");
            if (latency < TimeSpan.Zero)
            {
                Report(reader.Value("latency")!, "negative latency", "latency is a one-way delay such as 10 ms");
            }
            else if (latency > PhysicalLimits.MaxLatency && reader.Value("latency") is { } latencyAt)
            {
                Report(latencyAt, $"latency {latency} is above the 1 h maximum", "latency is a one-way delay such as 10 ms");
            }

            var loss = reader.Required("loss", v => v.AsDouble(), 0.0, "write a probability such as 0.01");
            if (loss is < 0 or >= 1)
            {
                Report(reader.Value("loss")!, $"loss {loss} is outside [0, 1)", "loss is the probability a transfer is lost, e.g. 0.01");
            }

            var sharingText = reader.Required("sharing", v => v.AsString(), "fifo", "write fifo or fair");
            var sharing = sharingText switch
            {
                "fifo" => LinkSharing.Fifo,
                "fair" => LinkSharing.Fair,
                _ => InvalidSharing(reader.Value("sharing")!, sharingText),
            };
            if (result.Any(l => l.From == from && l.To == to))
            {
                Report(item, $"duplicate link {from}->{to}", "keep one link per direction; raise its bandwidth instead");
            }

            result.Add(new LinkSpec(from, to, bandwidth, latency, loss, sharing));
        }

        return result;
    }

    private List<FlowSpec> ReadFlows(ElementReader topology, List<NodeSpec> nodes, TopologyGraph graph, ModelFamilySpec family)
    {
        var result = new List<FlowSpec>();
        var flowsValue = topology.Value("flows");
        if (flowsValue is null)
        {
            topology.Report(topology.Element, "missing required key 'flows'", "add flows { main { source = camera, destination = cloud, target-level = 2 } }");
            return result;
        }

        var names = nodes.Select(n => n.Name).ToList();
        var flows = Object(flowsValue, "flows");
        foreach (var name in flows.Keys)
        {
            var element = Object(flows[name], "flow");
            var reader = new ElementReader(element, _defaults["flow"].AsObject(), "flow", _diagnostics);
            var source = reader.Required("source", v => v.AsString(), string.Empty, "name the encoding node: source = camera");
            var destination = reader.Required("destination", v => v.AsString(), string.Empty, "name the decoding node: destination = cloud");
            var sourceOk = CheckNode(reader, "source", source, names);
            var destinationOk = CheckNode(reader, "destination", destination, names);
            if (sourceOk && destinationOk && string.Equals(source, destination, StringComparison.Ordinal))
            {
                // The codec needs at least one hop: an image coded and decoded on one node crosses no link to simulate.
                Report(reader.Value("destination")!, $"flow '{name}' starts and ends at '{source}'",
                    "a flow crosses at least one link: name another node as its destination");
                destinationOk = false;
            }

            var sourceLevel = reader.Optional("source-level", v => v.AsInt()) ?? family.Levels;
            var targetLevel = reader.Required("target-level", v => v.AsInt(), 1, $"write a level between 1 and {family.Levels}");
            if (sourceLevel < 1 || sourceLevel > family.Levels)
            {
                Report(reader.Value("source-level")!, $"source-level {sourceLevel} is outside the model family's levels 1..{family.Levels}",
                    $"family '{family.Id}' has {family.Levels} levels");
            }

            if (targetLevel < 1 || targetLevel > sourceLevel)
            {
                Report(reader.Value("target-level") ?? element, $"target-level {targetLevel} is outside 1..{sourceLevel}",
                    $"the target level must be between 1 and the source level ({sourceLevel}) of family '{family.Id}'");
            }

            var deadline = reader.Optional("deadline", v => v.AsDuration());
            if (deadline is TimeSpan limit && (limit <= TimeSpan.Zero || limit > PhysicalLimits.MaxDuration))
            {
                Report(reader.Value("deadline")!, $"deadline {limit} is outside (0, 365 d]", "write the end-to-end latency target, e.g. deadline = 500 ms");
            }

            var via = (reader.Value("via")?.AsList() ?? []).Select(v => v.AsString()).ToList();
            foreach (var stop in via)
            {
                CheckNode(reader, "via", stop, names);
            }

            IReadOnlyList<string>? path = null;
            if (sourceOk && destinationOk && via.All(names.Contains))
            {
                path = graph.ShortestPath([source, .. via, destination]);
                if (path is null)
                {
                    Report(element, $"flow '{name}' has no path from '{source}' to '{destination}'" + (via.Count > 0 ? $" via {string.Join(", ", via)}" : string.Empty),
                        $"add links that connect them; links leaving '{source}': {string.Join(", ", graph.Successors(source).DefaultIfEmpty("none"))}");
                }
            }

            result.Add(new FlowSpec(name, source, destination, sourceLevel, targetLevel, deadline, path ?? [source, destination]));
        }

        return result;
    }

    private List<ScenarioSpec> ReadScenarios(ElementReader topology)
    {
        var value = topology.Value("scenarios");
        if (value is null)
        {
            return [];
        }

        var scenarios = Object(value, "scenarios");
        return scenarios.Keys.Select(name => ReadScenario(name, Object(scenarios[name], "scenario"))).ToList();
    }

    private ScenarioSpec ReadScenario(string name, HoconObject element)
    {
        var reader = new ElementReader(element, _defaults["scenario"].AsObject(), "scenario", _diagnostics);
        var arrivalText = reader.Required("arrival", v => v.AsString(), "periodic", "write periodic, poisson or trace");
        var arrival = arrivalText switch
        {
            "periodic" => ArrivalProcess.Periodic,
            "poisson" => ArrivalProcess.Poisson,
            "trace" => ArrivalProcess.Trace,
            _ => InvalidArrival(reader.Value("arrival")!, arrivalText),
        };
        var rate = reader.Required("rate", v => v.AsDouble(), 1.0, "images per second per flow, e.g. rate = 10");
        InRange(reader, "rate", rate, PhysicalLimits.MinRatePerSecond, PhysicalLimits.MaxRatePerSecond, "0.000001", "1000000",
            "the arrival rate is images per second per flow, e.g. rate = 10");
        var images = reader.Required("images", v => v.AsString(), "eval", "write eval or a directory of images");
        var duration = reader.Optional("duration", v => v.AsDuration());
        if (duration is TimeSpan span && (span <= TimeSpan.Zero || span > PhysicalLimits.MaxDuration))
        {
            Report(reader.Value("duration")!, $"duration {span} is outside (0, 365 d]", "duration is the simulated time during which images arrive, e.g. 60 s");
        }

        var count = reader.Optional("count", v => v.AsInt());
        if (count is <= 0)
        {
            Report(reader.Value("count")!, $"count {count} must be positive", "count is the number of images per flow");
        }

        var seed = reader.Required("seed", v => v.AsLong(), 1L, "write a whole number such as 42");
        var trace = reader.OptionalRef("trace", v => v.AsString());
        if (arrival == ArrivalProcess.Trace && trace is null)
        {
            Report(element, $"scenario '{name}' uses arrival = trace but has no trace file", "add trace = \"arrivals.txt\" (one time in seconds per line)");
        }

        ImageResolution? resolution = null;
        string? resolutionText = reader.OptionalRef("resolution", v => v.AsString());
        if (resolutionText is not null && !ImageResolution.TryParse(resolutionText, out resolution))
        {
            Report(reader.Value("resolution")!, $"resolution '{resolutionText}' is not WIDTHxHEIGHT",
                $"write the camera's frame size in pixels, e.g. resolution = 1920x1080 (each side 1..{ImageResolution.MaxSide})");
        }

        return new ScenarioSpec(name, arrival, rate, images, duration, count, seed, trace, resolution);
    }

    private bool CheckNode(ElementReader reader, string key, string name, List<string> names)
    {
        if (name.Length == 0 || names.Contains(name))
        {
            return name.Length > 0;
        }

        var closest = NameSuggester.Closest(name, names);
        Report(reader.Value(key) ?? reader.Element, $"unknown node '{name}' in {key}",
            (closest is null ? string.Empty : $"did you mean '{closest}'? ") + $"nodes: {string.Join(", ", names)}");
        return false;
    }

    private void CheckKeys(HoconObject element, string[] allowed, string kind)
    {
        foreach (var key in element.Keys.Where(k => !allowed.Contains(k)))
        {
            var closest = NameSuggester.Closest(key, allowed);
            Report(element[key], $"unknown {kind} key '{key}'",
                (closest is null ? string.Empty : $"did you mean '{closest}'? ") + $"valid keys: {string.Join(", ", allowed)}");
        }
    }

    private HoconObject Object(HoconValue value, string kind)
    {
        if (value is HoconObject obj)
        {
            return obj;
        }

        Report(value, $"{kind} must be an object {{ ... }}", $"write {kind} as key {{ ... }}");
        return EmptyLike(value);
    }

    private IReadOnlyList<HoconValue> List(HoconValue value, string kind)
    {
        if (value is HoconArray array)
        {
            return array.Items;
        }

        Report(value, $"{kind} must be a list [ ... ]", $"write {kind} = [ {{ ... }}, {{ ... }} ]");
        return [];
    }

    private static HoconObject EmptyLike(HoconValue at) =>
        HoconLoader.LoadString("{}", at.Position.File);

    /// <summary>Reports <paramref name="value"/> outside [min, max] (the bounds also written for the user, in units).</summary>
    private void InRange(ElementReader reader, string key, double value, double min, double max, string minText, string maxText, string hint)
    {
        if ((value < min || value > max || double.IsNaN(value)) && reader.Value(key) is { } at)
        {
            string side = value < min ? $"below the minimum {minText}" : $"above the maximum {maxText}";
            string unit = Units.TryGetValue(key, out string? name) ? " " + name : string.Empty;
            Report(at, $"{key} {value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}{unit} is {side} that can be simulated", hint);
        }
    }

    private NodeRoles Invalid(HoconValue at, string message, string hint)
    {
        Report(at, message, hint);
        return NodeRoles.None;
    }

    private LinkSharing InvalidSharing(HoconValue at, string text)
    {
        Report(at, $"unknown sharing '{text}'", "sharing is fifo or fair");
        return LinkSharing.Fifo;
    }

    private ArrivalProcess InvalidArrival(HoconValue at, string text)
    {
        Report(at, $"unknown arrival process '{text}'", "arrival is periodic, poisson or trace");
        return ArrivalProcess.Periodic;
    }

    private void Report(HoconValue at, string message, string hint) =>
        _diagnostics.Add(new TopologyDiagnostic(at.Position.File, at.Position.Line, at.Position.Column, at.Path, message, hint));
}
