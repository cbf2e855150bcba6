using EdgeCascade.Topologies.Hocon;

namespace EdgeCascade.Topologies.Tests.Hocon;

/// <summary>Includes against real temporary files: relative paths, forms, cycles, depth and missing files.</summary>
public sealed class HoconIncludeTests
{
    private static readonly HoconLoadOptions s_options = new() { Environment = _ => null };

    [Fact]
    public void LoadFile_IncludeForms_ResolveRelativeToIncludingFile()
    {
        using var dir = new TempDirectory();
        dir.Write("sub/a.conf", "a = 1\ninclude \"deeper/b.conf\"");
        dir.Write("sub/deeper/b.conf", "b = ${a}");
        dir.Write("c.json", "{ \"c\" : [1, 2] }");
        dir.Write("d.conf", "d = yes");
        string main = dir.Write("main.conf", "include \"sub/a.conf\"\ninclude file(\"c.json\")\nnested { include required(\"d.conf\") }\ninclude required(file(\"d.conf\"))");

        HoconObject config = HoconLoader.LoadFile(main, options: s_options);

        JsonTree.AssertEqual("""{"a":1,"b":1,"c":[1,2],"nested":{"d":"yes"},"d":"yes"}""", config.ToJson(), "includes");
        Assert.EndsWith("c.json", config["c"].Position.File, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadString_IncludeWithBaseDirectory_ReadsFromThatFolder()
    {
        using var dir = new TempDirectory();
        dir.Write("shared.conf", "x = 5");

        HoconObject config = HoconLoader.LoadString("include \"shared.conf\"\ny = ${x}", "inline", options: s_options, baseDirectory: dir.Path);

        Assert.Equal(5, config["y"].AsInt());
    }

    [Fact]
    public void LoadFile_IncludeWithoutExtension_MergesConfJsonAndProperties()
    {
        using var dir = new TempDirectory();
        dir.Write("layer.properties", "p.one=1\nshared=from-properties");
        dir.Write("layer.json", "{ \"j\" : true, \"shared\" : \"from-json\" }");
        dir.Write("layer.conf", "c = 1\nshared = from-conf");
        string main = dir.Write("main.conf", "include \"layer\"");

        HoconObject config = HoconLoader.LoadFile(main, options: s_options);

        JsonTree.AssertEqual("""{"p":{"one":"1"},"shared":"from-conf","j":true,"c":1}""", config.ToJson(), "layer");
    }

    [Fact]
    public void LoadFile_IncludedSubstitution_IsFixedUpRelativeToIncludePoint()
    {
        using var dir = new TempDirectory();
        dir.Write("foo.conf", "{ x : 10, y : ${x} }");
        string main = dir.Write("main.conf", "{\n  a : { include \"foo.conf\" }\n  a : { x : 42 }\n}");

        HoconObject config = HoconLoader.LoadFile(main, options: s_options);

        Assert.Equal(42, config.Find("a.y")!.AsInt());
    }

    [Theory]
    [InlineData("a=hello\na.b=world")]
    [InlineData("a.b=world\na=hello")]
    public void LoadFile_PropertiesKeyBothStringAndObject_ObjectWins(string properties)
    {
        using var dir = new TempDirectory();
        dir.Write("p.properties", properties);
        string main = dir.Write("main.conf", "include \"p.properties\"");

        JsonTree.AssertEqual("""{"a":{"b":"world"}}""", HoconLoader.LoadFile(main, options: s_options).ToJson(), properties);
    }

    [Fact]
    public void LoadFile_MissingOptionalInclude_IsIgnored()
    {
        using var dir = new TempDirectory();
        string main = dir.Write("main.conf", "include \"nothere\"\ninclude \"nothere.conf\"\ninclude file(\"x.json\")\na = 1");

        Assert.Equal(["a"], HoconLoader.LoadFile(main, options: s_options).Keys);
    }

    [Fact]
    public void LoadFile_IncludeCycle_ThrowsAtIncludeDirective()
    {
        using var dir = new TempDirectory();
        dir.Write("a.conf", "x = 1\ninclude \"b.conf\"");
        dir.Write("b.conf", "y = 2\n\n  include \"a.conf\"");
        string main = dir.Write("a.conf", "x = 1\ninclude \"b.conf\"");

        HoconException error = Assert.Throws<HoconException>(() => HoconLoader.LoadFile(main, options: s_options));

        Assert.Contains("include cycle: a.conf -> b.conf -> a.conf", error.Reason, StringComparison.Ordinal);
        Assert.EndsWith("b.conf", error.Position.File, StringComparison.Ordinal);
        Assert.Equal((3, 3), (error.Position.Line, error.Position.Column));
        Assert.NotEmpty(error.Hint);
    }

    [Fact]
    public void LoadFile_SelfInclude_ThrowsCycle()
    {
        using var dir = new TempDirectory();
        string main = dir.Write("self.conf", "include \"self.conf\"");

        HoconException error = Assert.Throws<HoconException>(() => HoconLoader.LoadFile(main, options: s_options));

        Assert.Contains("include cycle", error.Reason, StringComparison.Ordinal);
        Assert.Equal(new SourcePosition(main, 1, 1), error.Position);
    }

    [Fact]
    public void LoadFile_IncludeDeeperThanLimit_Throws()
    {
        using var dir = new TempDirectory();
        for (int i = 0; i < 6; i++)
        {
            dir.Write($"level{i}.conf", $"v{i} = {i}\ninclude \"level{i + 1}.conf\"");
        }

        dir.Write("level6.conf", "last = true");
        string main = Path.Combine(dir.Path, "level0.conf");

        HoconException error = Assert.Throws<HoconException>(() =>
            HoconLoader.LoadFile(main, options: s_options with { MaxIncludeDepth = 3 }));
        HoconObject within = HoconLoader.LoadFile(main, options: s_options with { MaxIncludeDepth = 6 });

        Assert.Contains("nested deeper than 3", error.Reason, StringComparison.Ordinal);
        // Tidied: the hint named HoconLoadOptions.MaxIncludeDepth, which a CLI user cannot set.
        Assert.DoesNotContain("HoconLoadOptions", error.Hint, StringComparison.Ordinal);
        Assert.EndsWith("level3.conf", error.Position.File, StringComparison.Ordinal);
        Assert.Equal(2, error.Position.Line);
        Assert.True(within["last"].AsBool());
    }

    [Fact]
    public void LoadFile_ErrorInIncludedFile_ReportsIncludedFilePosition()
    {
        using var dir = new TempDirectory();
        dir.Write("broken.conf", "ok = 1\nbad = [1, 2\n");
        string main = dir.Write("main.conf", "wrapper {\n  include \"broken.conf\"\n}");

        HoconException error = Assert.Throws<HoconException>(() => HoconLoader.LoadFile(main, options: s_options));

        Assert.EndsWith("broken.conf", error.Position.File, StringComparison.Ordinal);
        Assert.Equal((2, 7), (error.Position.Line, error.Position.Column));
        Assert.Equal("wrapper.bad", error.KeyPath);
    }

    [Fact]
    public void LoadFile_IncludedSelfReference_AppendsToIncludingFilesValue()
    {
        using var dir = new TempDirectory();
        dir.Write("more.conf", "list += c\nlist = ${list} [d]");
        string main = dir.Write("main.conf", "list = [a, b]\ninclude \"more.conf\"");

        HoconObject config = HoconLoader.LoadFile(main, options: s_options);

        Assert.Equal(["a", "b", "c", "d"], config["list"].AsList().Select(v => v.AsString()));
    }
}
