using EdgeCascade.Topologies.Model;
using EdgeCascade.Topologies.Validation;

namespace EdgeCascade.Topologies.Tests.Validation;

public sealed class TopologyLoaderTests
{
    private const string Minimal = """
        edgecascade.topologies.t {
          nodes { a { gpu = camera-soc }, b { gpu = a100 } }
          links = [ { from = a, to = b, bandwidth = 20 Mbps, latency = 10 ms } ]
          flows { f { source = a, destination = b, target-level = 2 } }
        }
        """;

    private static TopologyDiagnostic Fails(string text)
    {
        var error = Assert.Throws<TopologyException>(() => TopologyLoader.LoadString(text, "test.hocon"));
        Assert.NotEmpty(error.Diagnostics);
        Assert.DoesNotContain('\n', error.Message);
        return error.Diagnostics[0];
    }

    [Fact]
    public void LoadString_MinimalTopology_AppliesReferenceDefaults()
    {
        var catalog = TopologyLoader.LoadString(Minimal, "test.hocon");

        var topology = catalog.Get("t");
        Assert.Equal("ec-mshp-v1", catalog.Family.Id);
        Assert.Equal(9, topology.Flows[0].SourceLevel);
        Assert.Equal(["a", "b"], topology.Flows[0].Path);
        Assert.Equal(20e6, topology.Links[0].BandwidthBitsPerSecond);
        Assert.Equal(TimeSpan.FromMilliseconds(10), topology.Links[0].Latency);
        Assert.Equal(LinkSharing.Fifo, topology.Links[0].Sharing);
        Assert.Equal(64, topology.Node("a").QueueCapacity);
        Assert.Equal(NodeRoles.Source, topology.Node("a").Roles);
        Assert.True(topology.Node("b").Roles.HasFlag(NodeRoles.Sink));
        Assert.Equal("default", topology.Scenario().Name);
        Assert.Equal(100, topology.Scenario().ImageCount);
    }

    [Fact]
    public void LoadFile_ShippedTopologies_AllValidWithRequiredNames()
    {
        var catalog = TopologyLoader.LoadFile(RepoFile("topologies.hocon"));

        Assert.Contains(catalog.Topologies, t => t.Name == "two-stage");
        var chain = catalog.Get("five-hop-chain");
        Assert.Equal(6, chain.Nodes.Count);
        Assert.Equal(5, chain.Links.Count);
        Assert.Equal(6, chain.Flows[0].Path.Count);
        var campus = catalog.Get("campus-tree");
        Assert.Equal(8, campus.Nodes.Count(n => n.Roles.HasFlag(NodeRoles.Source)));
        Assert.Equal(2, campus.Flows.Select(f => f.Destination).Distinct().Count());
        var dag = catalog.Get("mixed-dag");
        Assert.Equal(["kiosk", "hub", "cloud"], dag.Flows.Single(f => f.Name == "kiosk-sd").Path);
    }

    [Fact]
    public void Get_UnknownTopology_SuggestsClosest()
    {
        var catalog = TopologyLoader.LoadString(Minimal, "test.hocon");

        var error = Assert.Throws<TopologyException>(() => catalog.Get("u"));

        Assert.Contains("unknown topology 'u'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadString_UnknownNodeInLink_NamesClosestNodeAndPosition()
    {
        var diagnostic = Fails(Minimal.Replace("to = b, bandwidth", "to = bb, bandwidth", StringComparison.Ordinal));

        Assert.Equal("test.hocon", diagnostic.File);
        Assert.Equal(3, diagnostic.Line);
        Assert.Contains("unknown node 'bb'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'b'", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadString_TypoInLinkKey_NamesClosestValidKey()
    {
        var diagnostic = Fails(Minimal.Replace("latency = 10 ms", "latncy = 10 ms", StringComparison.Ordinal));

        Assert.Contains("unknown link key 'latncy'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'latency'", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadString_UnknownGpuProfile_ListsProfiles()
    {
        var diagnostic = Fails(Minimal.Replace("gpu = a100", "gpu = a101", StringComparison.Ordinal));

        Assert.Contains("unknown gpu profile 'a101'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("a100", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadString_LinkToItself_Fails()
    {
        var diagnostic = Fails(Minimal.Replace("links = [ {", "links = [ { from = a, to = a, bandwidth = 1 Mbps }, {", StringComparison.Ordinal));

        Assert.Contains("to itself", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bandwidth = 0 Mbps", "bandwidth 0 bps is below the minimum 1 kbps")]
    [InlineData("bandwidth = 20 parsecs", "")]
    [InlineData("latency = 10 ms", "")]
    public void LoadString_BadBandwidth_Fails(string replacement, string expected)
    {
        var text = Minimal.Replace("bandwidth = 20 Mbps", replacement, StringComparison.Ordinal);
        if (replacement.StartsWith("latency", StringComparison.Ordinal))
        {
            // Missing bandwidth entirely.
            text = Minimal.Replace("bandwidth = 20 Mbps, ", string.Empty, StringComparison.Ordinal);
            expected = "missing required key 'bandwidth'";
        }

        var diagnostic = Fails(text);

        Assert.Contains(expected, diagnostic.Message, StringComparison.Ordinal);
        Assert.NotEmpty(diagnostic.Hint);
    }

    // Issue 17, failure 6: these validated, and then simulate spun forever at simulated time 0.
    [Theory]
    [InlineData("bandwidth = 20 Mbps", "bandwidth = 0.000001 bps", "bandwidth 1E-06 bps is below the minimum 1 kbps")]
    [InlineData("bandwidth = 20 Mbps", "bandwidth = 100000 Gbps", "above the maximum 10000 Gbps")]
    [InlineData("latency = 10 ms", "latency = 2 d", "above the 1 h maximum")]
    [InlineData("gpu = a100", "gpu = slow", "peak 1 FLOPS is below the minimum 1 GFLOPS")]
    [InlineData("target-level = 2", "target-level = 2, deadline = 0 s", "deadline 00:00:00 is outside (0, 365 d]")]
    [InlineData("flows {", "scenarios { default { rate = 0.0000000001 } }\n flows {", "rate 1E-10 images/s is below the minimum")]
    [InlineData("flows {", "scenarios { default { rate = 5, duration = 1000 d } }\n flows {", "is outside (0, 365 d]")]
    public void LoadString_PhysicalValueOutOfRange_FailsNamingTheRange(string find, string replacement, string expected)
    {
        var text = Minimal.Replace(find, replacement, StringComparison.Ordinal)
            + (replacement.Contains("slow", StringComparison.Ordinal) ? "\nedgecascade.gpu-profiles.slow { peak = 1 FLOPS }\n" : string.Empty);

        var diagnostic = Fails(text);

        Assert.Contains(expected, diagnostic.Message, StringComparison.Ordinal);
        Assert.NotEmpty(diagnostic.Hint);
    }

    [Fact]
    public void LoadString_GpuEfficiencyTooSmall_Fails()
    {
        var diagnostic = Fails(Minimal + "\nedgecascade.gpu-profiles.a100.efficiency = 0.000000001\n");

        Assert.Contains("efficiency 1E-09 is below the minimum 0.001", diagnostic.Message, StringComparison.Ordinal);
    }

    // Issue 17, failure 5: a configuration file (or an include) on /dev/zero grew until out of memory.
    [Fact]
    public void LoadFile_DevZero_FailsAtOnce()
    {
        var error = Assert.Throws<TopologyException>(() => TopologyLoader.LoadFile("/dev/zero"));

        Assert.Contains("larger than 16 MiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadString_IncludeDevZero_FailsAtOnce()
    {
        var error = Assert.Throws<TopologyException>(() => TopologyLoader.LoadString("include file(\"/dev/zero\")\n" + Minimal, "test.hocon"));

        Assert.Contains("larger than 16 MiB", error.Message, StringComparison.Ordinal);
    }

    // Tidied: a directory gave "Access to the path is denied".
    [Fact]
    public void LoadFile_Directory_SaysDirectory()
    {
        var error = Assert.Throws<TopologyException>(() => TopologyLoader.LoadFile(Path.GetTempPath()));

        Assert.Contains("directory", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("denied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadString_DuplicateLink_Fails()
    {
        var diagnostic = Fails(Minimal.Replace("links = [ {", "links = [ { from = a, to = b, bandwidth = 1 Mbps }, {", StringComparison.Ordinal));

        Assert.Contains("duplicate link a->b", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadString_FlowWithoutPath_Fails()
    {
        var diagnostic = Fails(Minimal.Replace("source = a, destination = b", "source = b, destination = a", StringComparison.Ordinal));

        Assert.Contains("has no path from 'b' to 'a'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadString_Cycle_Fails()
    {
        var diagnostic = Fails(Minimal.Replace("links = [ {", "links = [ { from = b, to = a, bandwidth = 1 Mbps }, {", StringComparison.Ordinal));

        Assert.Contains("cycle", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("target-level = 10")]
    [InlineData("target-level = 0")]
    [InlineData("target-level = 2, source-level = 10")]
    public void LoadString_LevelOutsideFamily_Fails(string levels)
    {
        var diagnostic = Fails(Minimal.Replace("target-level = 2", levels, StringComparison.Ordinal));

        Assert.Contains("outside", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadString_MissingRequiredTargetLevel_Fails()
    {
        var diagnostic = Fails(Minimal.Replace(", target-level = 2", string.Empty, StringComparison.Ordinal));

        Assert.Contains("missing required key 'target-level'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadString_UnknownTopLevelKey_Fails()
    {
        var diagnostic = Fails(Minimal + "\nedgecascade.topologie { }\n");

        Assert.Contains("did you mean 'topologies'", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sharing = fifo", "sharing = round-robin", "unknown sharing")]
    [InlineData("gpu = camera-soc", "gpu = camera-soc, roles = [sauce]", "unknown role")]
    [InlineData("target-level = 2", "target-level = 2, deadline = soon", "")]
    [InlineData("target-level = 2", "target-level = 2, via = [nowhere]", "unknown node 'nowhere'")]
    public void LoadString_BadEnumValues_Fail(string from, string to, string expected)
    {
        var text = Minimal.Replace("latency = 10 ms", "latency = 10 ms, sharing = fifo", StringComparison.Ordinal)
            .Replace(from, to, StringComparison.Ordinal);

        var diagnostic = Fails(text);

        Assert.Contains(expected, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadString_ScenarioResolution_ReadAsWidthAndHeight()
    {
        var catalog = TopologyLoader.LoadString(
            Minimal.Replace("flows {", "scenarios { hd { resolution = 1920x1080 } }\n default-scenario = hd\n flows {", StringComparison.Ordinal), "test.hocon");

        Assert.Equal(new ImageResolution(1920, 1080), catalog.Get("t").Scenario().Resolution);
        Assert.Null(TopologyLoader.LoadString(Minimal, "test.hocon").Get("t").Scenario().Resolution);
    }

    [Theory]
    [InlineData("1920")]
    [InlineData("1920x")]
    [InlineData("0x1080")]
    [InlineData("1920x-5")]
    [InlineData("99999x99999")]
    public void LoadString_MalformedResolution_FailsNamingTheFormat(string value)
    {
        var diagnostic = Fails(Minimal.Replace("flows {", $"scenarios {{ hd {{ resolution = \"{value}\" }} }}\n default-scenario = hd\n flows {{", StringComparison.Ordinal));

        Assert.Contains("is not WIDTHxHEIGHT", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadString_FlowFromANodeToItself_FailsAtTheDestination()
    {
        var diagnostic = Fails(Minimal.Replace("destination = b", "destination = a", StringComparison.Ordinal));

        Assert.Contains("starts and ends at 'a'", diagnostic.Message, StringComparison.Ordinal);
        Assert.EndsWith(".destination", diagnostic.KeyPath, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadString_ScenarioWithTraceButNoFile_Fails()
    {
        var diagnostic = Fails(Minimal.Replace("flows {", "scenarios { s { arrival = trace } }\n default-scenario = s\n flows {", StringComparison.Ordinal));

        Assert.Contains("no trace file", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadString_MalformedHocon_ReportsLineAndColumn()
    {
        var diagnostic = Fails("edgecascade.topologies.t { nodes { a { gpu = \"unterminated } } }");

        Assert.Equal(1, diagnostic.Line);
        Assert.True(diagnostic.Column > 0);
    }

    [Fact]
    public void LoadFile_MissingFile_SaysHowToFix()
    {
        var error = Assert.Throws<TopologyException>(() => TopologyLoader.LoadFile("/nonexistent/topologies.hocon"));

        Assert.Contains("not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("--file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReferenceConfig_EveryDefaultKey_HasCommentAbove()
    {
        var lines = TopologyLoader.ReferenceConfig.Split('\n');
        var inDefaults = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            inDefaults |= line.StartsWith("defaults {", StringComparison.Ordinal);
            if (inDefaults && line.Contains(" = ", StringComparison.Ordinal))
            {
                Assert.StartsWith("#", lines[i - 1].Trim(), StringComparison.Ordinal);
            }
        }

        Assert.True(inDefaults);
    }

    internal static string RepoFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, name);
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "EdgeCascade.sln")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{name} not found above {AppContext.BaseDirectory}");
    }
}
