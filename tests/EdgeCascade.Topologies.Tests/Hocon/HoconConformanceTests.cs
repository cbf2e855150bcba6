using EdgeCascade.Topologies.Hocon;

namespace EdgeCascade.Topologies.Tests.Hocon;

/// <summary>
/// Lightbend config's own test resources (Apache-2.0, copied under Conformance/): every equivNN/*.conf
/// must load to its folder's original.json; the larger testNN.conf files are spot-checked.
/// </summary>
public sealed class HoconConformanceTests
{
    private static readonly HoconLoadOptions s_options = new()
    {
        Environment = name => name switch
        {
            "HOME" => "/home/tester",
            "PWD" => "/work",
            _ => null,
        },
    };

    public static TheoryData<string> EquivalenceFiles()
    {
        var data = new TheoryData<string>();
        foreach (string folder in Directory.GetDirectories(ConformanceFiles.Directory, "equiv*").Order(StringComparer.Ordinal))
        {
            foreach (string file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
            {
                string name = Path.GetFileName(file);
                if (name.EndsWith(".conf", StringComparison.Ordinal) || name == "no-whitespace.json")
                {
                    data.Add(Path.GetRelativePath(ConformanceFiles.Directory, file));
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EquivalenceFiles))]
    public void LoadFile_EquivalenceCase_EqualsOriginalJson(string relativePath)
    {
        string file = ConformanceFiles.PathOf(relativePath);
        string expected = File.ReadAllText(Path.Combine(Path.GetDirectoryName(file)!, "original.json"));

        HoconObject loaded = HoconLoader.LoadFile(file, options: s_options);

        JsonTree.AssertEqual(expected, loaded.ToJson(), relativePath);
    }

    [Fact]
    public void EquivalenceFiles_AllFolders_AreDiscovered()
    {
        Assert.True(EquivalenceFiles().Count >= 15, "expected every equivNN case to be found");
    }

    [Fact]
    public void LoadFile_Test01_ResolvesSubstitutionsAndConvertsUnits()
    {
        HoconObject config = HoconLoader.LoadFile(ConformanceFiles.PathOf("test01.conf"), options: s_options);

        Assert.Equal(42, config.Find("ints.fortyTwoAgain")!.AsInt());
        Assert.Equal(0.33, config.Find("floats.pointThirtyThreeAgain")!.AsDouble());
        Assert.Equal("abcd", config.Find("strings.abcdAgain")!.AsString());
        Assert.Equal("null bar 42 baz true 3.14 hi", config.Find("strings.concatenated")!.AsString());
        Assert.Equal(["a", "b", "c"], config.Find("arrays.ofArray")!.AsList()[2].AsList().Select(v => v.AsString()));
        Assert.True(config.Find("arrays.ofObject")!.AsList()[1].AsObject()["trueAgain"].AsBool());
        Assert.True(config.Find("nulls.nullAgain")!.IsNull);
        Assert.Equal(TimeSpan.FromSeconds(1), config.Find("durations.second")!.AsDuration());
        Assert.Equal(
            [1000.0, 2000, 3000, 4000],
            config.Find("durations.secondsList")!.AsList().Select(v => v.AsDuration().TotalMilliseconds));
        Assert.Equal(TimeSpan.FromMilliseconds(500), config.Find("durations.halfSecond")!.AsDuration());
        Assert.Equal(TimeSpan.FromMilliseconds(1), config.Find("durations.millis")!.AsDuration());
        Assert.Equal(TimeSpan.FromMilliseconds(2), config.Find("durations.micros")!.AsDuration());
        Assert.Equal(48_789_553_554_352_722L, config.Find("durations.largeNanos")!.AsDuration().Ticks);
        Assert.Equal(48_789_553_554_352_722L, config.Find("durations.plusLargeNanos")!.AsDuration().Ticks);
        Assert.Equal(-48_789_553_554_352_722L, config.Find("durations.minusLargeNanos")!.AsDuration().Ticks);
        Assert.Equal(1_048_576L, config.Find("memsizes.meg")!.AsBytes());
        Assert.Equal([1_048_576L, 1_048_576L, 1_048_576L], config.Find("memsizes.megsList")!.AsList().Select(v => v.AsBytes()));
        Assert.Equal(524_288L, config.Find("memsizes.halfMeg")!.AsBytes());
        Assert.Equal("/home/tester", config.Find("system.home")!.AsString());
        Assert.Null(config.Find("system.javaversion"));
        Assert.Null(config.Find("system.not_here"));
        Assert.Equal("Your Java version is  and your user.home is ", config.Find("system.concatenated")!.AsString());
    }

    [Fact]
    public void AsBytes_Test01Yottabyte_ThrowsOutOfRange()
    {
        HoconObject config = HoconLoader.LoadFile(ConformanceFiles.PathOf("test01.conf"), options: s_options);

        HoconException error = Assert.Throws<HoconException>(() => config.Find("memsizes.yottabyte")!.AsBytes());

        Assert.Contains("out of range", error.Reason, StringComparison.Ordinal);
        Assert.Equal("memsizes.yottabyte", error.KeyPath);
        Assert.Equal(81, error.Position.Line);
    }

    [Fact]
    public void LoadFile_Test02_ResolvesQuotedAndEmptyPathSegments()
    {
        HoconObject config = HoconLoader.LoadFile(ConformanceFiles.PathOf("test02.conf"), options: s_options);

        Assert.Equal(42, config["42_a"].AsInt());
        Assert.Equal(42, config["42_b"].AsInt());
        Assert.Equal(57, config["57_a"].AsInt());
        Assert.Equal(57, config["57_b"].AsInt());
        Assert.Equal(103, config["103_a"].AsInt());
        Assert.Equal(103, config["a.b.c"].AsInt());
        Assert.Equal(57, config.Find("a.b.c")!.AsInt());
        Assert.Equal(261, config["-"].AsInt());
        Assert.Equal(42, config.Find("\"\".\"\".\"\"")!.AsInt());
    }

    [Fact]
    public void LoadFile_Test03_IncludesMergeAndFallBackToIncludingFile()
    {
        HoconObject config = HoconLoader.LoadFile(ConformanceFiles.PathOf("test03.conf"), options: s_options);

        // test01 (conf + json + properties) is included after "ints" and before "booleans".
        Assert.Equal(42, config.Find("test01.ints.fortyTwo")!.AsInt());
        Assert.Equal(42, config.Find("test01.booleans")!.AsInt());
        Assert.Equal(1, config.Find("test01.fromJson1")!.AsInt());
        Assert.Equal("abc", config.Find("test01.fromProps.abc")!.AsString());
        Assert.Equal("hello^^", config.Find("test01.fromProps.specialChars")!.AsString());
        Assert.Equal(57, config.Find("test02.57_a")!.AsInt());
        Assert.Equal(42.1, config.Find("equiv01.floats.fortyTwoPointOne")!.AsDouble());
        Assert.Empty(config.Find("nonexistent")!.AsObject().Keys);
        Assert.Equal("This is in the included file", config["foo"].AsString());
        Assert.Equal("This is in the included file", config["a"].AsString());
        Assert.Equal("This is in the including file", config["b"].AsString());
        Assert.Equal("This is in the included file", config.Find("subtree.a")!.AsString());
        Assert.Equal("This is in the including file", config.Find("subtree.b")!.AsString());
    }

    [Fact]
    public void LoadFile_Test04AkkaReference_ReadsNestedSettings()
    {
        HoconObject config = HoconLoader.LoadFile(ConformanceFiles.PathOf("test04.conf"), options: s_options);

        Assert.Equal("2.0-SNAPSHOT", config.Find("akka.version")!.AsString());
        Assert.Empty(config.Find("akka.enabled-modules")!.AsList());
        Assert.Equal(8, config.Find("akka.event-handler-dispatcher.max-pool-size")!.AsInt());
        Assert.True(config.Find("akka.event-handler-dispatcher.allow-core-timeout")!.AsBool());
        Assert.True(config.Keys.Count >= 1);
    }

    [Fact]
    public void LoadFile_Test05PlayStyle_HandlesOptionalSubstitutionInConcatenation()
    {
        HoconObject config = HoconLoader.LoadFile(ConformanceFiles.PathOf("test05.conf"), options: s_options);

        Assert.Equal("Yet Another Blog Engine", config.Find("application.name")!.AsString());
        Assert.Equal("/modules/crud", config.Find("module.crud")!.AsString());
        Assert.Equal("prod", config.Find("%prod.application.mode")!.AsString());
        Assert.Equal("create-drop", config.Find("%test.jpa.ddl")!.AsString());
    }

    [Fact]
    public void LoadFile_Test06_MergesSubstitutedObjects()
    {
        HoconObject config = HoconLoader.LoadFile(ConformanceFiles.PathOf("test06.conf"), options: s_options);

        Assert.Equal(2, config["x"].AsInt());
        JsonTree.AssertEqual("""{"foo":10,"hello":"world"}""", config["y"].AsObject().ToJson(), "y");
    }

    [Theory]
    [InlineData("test07.conf")]
    [InlineData("test08.conf")]
    public void LoadFile_MissingClasspathStyleInclude_IsIgnored(string file)
    {
        HoconObject config = HoconLoader.LoadFile(ConformanceFiles.PathOf(file), options: s_options);

        Assert.Empty(config.Keys);
    }

    [Fact]
    public void LoadFile_Test09_ResolvesDelayedMerges()
    {
        HoconObject config = HoconLoader.LoadFile(ConformanceFiles.PathOf("test09.conf"), options: s_options);

        JsonTree.AssertEqual("""{"c":3,"q":10}""", config["a"].AsObject().ToJson(), "a");
        Assert.Equal(5, config["b"].AsInt());
        JsonTree.AssertEqual("""{"q":10,"d":600,"e":{"c":3,"q":10},"f":5}""", config["c"].AsObject().ToJson(), "c");
    }
}
