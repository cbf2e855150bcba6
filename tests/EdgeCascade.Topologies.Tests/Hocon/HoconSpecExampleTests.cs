using EdgeCascade.Topologies.Hocon;

namespace EdgeCascade.Topologies.Tests.Hocon;

/// <summary>Examples from the HOCON specification (HOCON.md in lightbend/config), one per test.</summary>
public sealed class HoconSpecExampleTests
{
    private static readonly HoconLoadOptions s_options = new()
    {
        Environment = name => name switch
        {
            "HOME" => "/home/tester",
            "PATH" => "/bin",
            "EDGE_PORT" => "8080",
            _ => null,
        },
    };

    private static HoconObject Load(string text) => HoconLoader.LoadString(text, "spec.conf", options: s_options);

    private static void AssertJson(string hocon, string expectedJson) =>
        JsonTree.AssertEqual(expectedJson, Load(hocon).ToJson(), hocon);

    [Fact]
    public void LoadString_DuplicateObjectKeys_MergeFields() =>
        AssertJson("""{ "foo" : { "a" : 42 }, "foo" : { "b" : 43 } }""", """{"foo":{"a":42,"b":43}}""");

    [Fact]
    public void LoadString_NullBetweenDuplicateObjects_ResetsMerge() =>
        AssertJson("""{ "foo" : { "a" : 42 }, "foo" : null, "foo" : { "b" : 43 } }""", """{"foo":{"b":43}}""");

    [Fact]
    public void LoadString_DuplicateScalarKeys_LaterWins() =>
        AssertJson("a = 1\na = 2", """{"a":2}""");

    [Fact]
    public void LoadString_PathKey_EqualsNestedObject() =>
        AssertJson("foo.bar.baz = 42\nfoo { qux = 1 }", """{"foo":{"bar":{"baz":42},"qux":1}}""");

    [Fact]
    public void LoadString_QuotedPathSegment_IsNotSplit() =>
        AssertJson("a.\"b.c\".d = 1\n\"x.y\" = 2", """{"a":{"b.c":{"d":1}},"x.y":2}""");

    [Fact]
    public void LoadString_NumericPathKey_SplitsOnDot() =>
        AssertJson("10.0foo = x", """{"10":{"0foo":"x"}}""");

    [Fact]
    public void LoadString_WhitespaceInsideKey_IsKept() =>
        AssertJson("foo bar : 1", """{"foo bar":1}""");

    [Fact]
    public void LoadString_SeparatorsEqualsColonAndBrace_AreEquivalent() =>
        AssertJson("a = 1\nb : 2\nc { d = 3 }", """{"a":1,"b":2,"c":{"d":3}}""");

    [Fact]
    public void LoadString_CommentsOfBothStyles_AreIgnored() =>
        AssertJson("# hash\na = 1 // slashes\n// whole line\nb = \"// not a comment\" # x", """{"a":1,"b":"// not a comment"}""");

    [Fact]
    public void LoadString_UnquotedStringWithSpaces_IsOneString() =>
        AssertJson("a = foo bar  baz", """{"a":"foo bar  baz"}""");

    [Fact]
    public void LoadString_NumberBooleanNull_KeepTheirTypes() =>
        AssertJson("a = 1.5e3\nb = true\nc = null\nd = -7\ne = yes", """{"a":1500,"b":true,"c":null,"d":-7,"e":"yes"}""");

    [Fact]
    public void LoadString_StringConcatenationWithSubstitution_KeepsInnerWhitespace() =>
        AssertJson("foo = abc\nkey = ${foo} bar   \"baz\"", """{"foo":"abc","key":"abc bar   baz"}""");

    [Fact]
    public void LoadString_ArrayConcatenation_JoinsArrays() =>
        AssertJson("a = [1, 2] [3, 4]\nb = ${a} [5]", """{"a":[1,2,3,4],"b":[1,2,3,4,5]}""");

    [Fact]
    public void LoadString_ObjectConcatenation_MergesObjects() =>
        AssertJson(
            "data-center-generic = { cluster-size = 6 }\ndata-center-east = ${data-center-generic} { name = \"east\" }",
            """{"data-center-generic":{"cluster-size":6},"data-center-east":{"cluster-size":6,"name":"east"}}""");

    [Fact]
    public void LoadString_SelfReferentialArray_AppendsToPriorValue() =>
        AssertJson("path : [ /bin ]\npath : ${path} [ /usr/bin ]", """{"path":["/bin","/usr/bin"]}""");

    [Fact]
    public void LoadString_SelfReferentialString_UsesPriorValue() =>
        AssertJson("a = foo\na = ${a}bar\na = ${a}baz", """{"a":"foobarbaz"}""");

    [Fact]
    public void LoadString_SelfReferenceWithoutPriorValue_FallsBackToEnvironment() =>
        AssertJson("PATH = ${PATH}\":/usr/local/bin\"", """{"PATH":"/bin:/usr/local/bin"}""");

    [Fact]
    public void LoadString_PlusEquals_AppendsAndCreatesArray() =>
        AssertJson("a += 1\na += 2\nb = [x]\nb += y", """{"a":[1,2],"b":["x","y"]}""");

    [Fact]
    public void LoadString_SubstitutionInsideObject_SeesLaterOverride() =>
        AssertJson(
            "bar : { foo : 42, baz : ${bar.foo} }\nbar : { foo : 43 }",
            """{"bar":{"foo":43,"baz":43}}""");

    [Fact]
    public void LoadString_SelfReferenceIntoPriorObject_MergesLikeSpec() =>
        AssertJson("foo : { a : { c : 1 } }\nfoo : ${foo.a}\nfoo : { a : 2 }", """{"foo":{"c":1,"a":2}}""");

    [Fact]
    public void LoadString_OptionalSubstitutionMissing_KeepsEarlierValue() =>
        AssertJson("foo = 10\nfoo = ${?NOT_SET_ANYWHERE}\nbar = ${?ALSO_NOT_SET}", """{"foo":10}""");

    [Fact]
    public void LoadString_EnvironmentSubstitution_ReadsInjectedEnvironment() =>
        AssertJson("home = ${HOME}\nport = ${?EDGE_PORT}", """{"home":"/home/tester","port":"8080"}""");

    [Fact]
    public void LoadString_ConfigValueBeatsEnvironment_ForSamePath() =>
        AssertJson("HOME = /config/home\nh = ${HOME}", """{"HOME":"/config/home","h":"/config/home"}""");

    [Fact]
    public void LoadString_TripleQuotedString_KeepsNewlinesAndQuotes() =>
        AssertJson("a = \"\"\"line \"one\"\nline\\two\"\"\"", """{"a":"line \"one\"\nline\\two"}""");

    [Fact]
    public void LoadString_QuotedStringEscapes_AreDecoded() =>
        AssertJson("""a = "tab\there\u00e9\n\"q\"\\/" """, """{"a":"tab\there\u00e9\n\"q\"\\/"}""");

    [Fact]
    public void LoadString_NoRootBracesAndCommas_ParsesAsObject() =>
        AssertJson("a = 1, b = 2,\nc = [1\n2\n3,]", """{"a":1,"b":2,"c":[1,2,3]}""");

    [Fact]
    public void LoadString_SubstitutionOfObject_CopiesWholeSubtree() =>
        AssertJson("a { x = 1, y { z = 2 } }\nb = ${a}\nb.y.w = 3", """{"a":{"x":1,"y":{"z":2}},"b":{"x":1,"y":{"z":2,"w":3}}}""");

    [Fact]
    public void LoadString_SubstitutionChain_ResolvesTransitively() =>
        AssertJson("a = ${b}\nb = ${c}\nc = done", """{"a":"done","b":"done","c":"done"}""");

    [Fact]
    public void LoadString_FallbackLayer_ResolvesUserSubstitutionsAgainstFallback()
    {
        HoconObject reference = HoconLoader.ParseString("defaults { bw = 20 Mbps, latency = 5ms }\nlist = [a]", "reference.conf");

        HoconObject config = HoconLoader.LoadString(
            "link { bandwidth = ${defaults.bw}, latency = ${defaults.latency} }\nlist += b\ndefaults.latency = 7ms",
            "user.conf",
            fallback: reference,
            options: s_options);

        Assert.Equal(20e6, config.Find("link.bandwidth")!.AsBitsPerSecond());
        Assert.Equal(TimeSpan.FromMilliseconds(7), config.Find("link.latency")!.AsDuration());
        Assert.Equal(["a", "b"], config["list"].AsList().Select(v => v.AsString()));
        Assert.Equal("reference.conf", config.Find("defaults.bw")!.Position.File);
    }

    [Fact]
    public void WithFallback_TwoResolvedObjects_MergesRecursively()
    {
        HoconObject user = Load("a { x = 1 }\nb = 2");
        HoconObject reference = Load("a { x = 0, y = 5 }\nc = 3");

        HoconObject merged = user.WithFallback(reference);

        JsonTree.AssertEqual("""{"a":{"x":1,"y":5},"b":2,"c":3}""", merged.ToJson(), "merged");
        Assert.Equal(5, merged.Find("a.y")!.AsInt());
    }

    [Fact]
    public void ParseString_Unresolved_ThrowsUntilResolved()
    {
        HoconObject parsed = HoconLoader.ParseString("a = ${b}\nb = 1\nc = plain", "p.conf");

        Assert.Equal("plain", parsed["c"].AsString());
        HoconException error = Assert.Throws<HoconException>(() => parsed["a"].AsInt());
        Assert.Equal(1, HoconLoader.Resolve(parsed, s_options)["a"].AsInt());
        Assert.Equal("a", error.KeyPath);
    }

    [Fact]
    public void Path_NestedValue_IsFullKeyPath()
    {
        HoconObject config = Load("topologies.two-stage.nodes.camera { gpu = jetson }\nlist = [ { a = 1 } ]");

        Assert.Equal("topologies.two-stage.nodes.camera", config.Find("topologies.two-stage.nodes.camera")!.Path);
        Assert.Equal("topologies.two-stage.nodes.camera.gpu", config.Find("topologies.two-stage.nodes.camera.gpu")!.Path);
        Assert.Equal("list[0].a", config["list"].AsList()[0].AsObject()["a"].Path);
        Assert.Equal(new SourcePosition("spec.conf", 1, 43), config.Find("topologies.two-stage.nodes.camera.gpu")!.Position);
    }

    [Fact]
    public void LoadString_SubstitutedNullInConcatenation_BecomesEmptyString() =>
        AssertJson("n = null\ns = a${n}b\nt = null x", """{"n":null,"s":"ab","t":"null x"}""");

    [Fact]
    public void LoadString_EmptyEnvironmentVariable_CountsAsMissing()
    {
        var options = new HoconLoadOptions { Environment = name => name == "EMPTY" ? string.Empty : null };

        HoconObject config = HoconLoader.LoadString("x = ${?EMPTY}\ny = 1", "env.conf", options: options);

        Assert.Equal(["y"], config.Keys);
    }

    [Fact]
    public void LoadString_NullValueInConfig_BlocksEnvironmentLookup() =>
        AssertJson("HOME = null\nh = ${HOME}", """{"HOME":null,"h":null}""");

    [Fact]
    public void LoadString_IncludeLaterInKeyOrAsValue_IsPlainText() =>
        AssertJson("foo include : 42\nbar : include\nbaz = [ include ]\n\"include\" = 1", """{"foo include":42,"bar":"include","baz":["include"],"include":1}""");

    [Fact]
    public void LoadString_ObjectFieldsReferringToSiblingsAfterMerge_DoNotCycle() =>
        AssertJson(
            "c: { q: { a: [2, 5] } }\nc: {\n  m: ${c.q} {p: 75}\n  m.a: ${c.q.a} [6]\n}",
            """{"c":{"q":{"a":[2,5]},"m":{"a":[2,5,6],"p":75}}}""");

    [Fact]
    public void LoadString_NestedSelfReference_UsesPriorNestedValue() =>
        AssertJson("a { list = [1] }\na { list = ${a.list} [2] }\na.list += 3", """{"a":{"list":[1,2,3]}}""");

    [Fact]
    public void LoadString_LongPlusEqualsChain_ResolvesWithoutDeepRecursion()
    {
        string text = string.Join('\n', Enumerable.Range(0, 5000).Select(i => $"list += {i}")) + "\nother = ${list}";

        HoconObject config = Load(text);

        Assert.Equal(Enumerable.Range(0, 5000), config["list"].AsList().Select(v => v.AsInt()));
        Assert.Equal(5000, config["other"].AsList().Count);
    }

    [Fact]
    public void LoadString_LongExplicitSelfReferenceChain_Resolves()
    {
        string text = "path = [start]\n" + string.Join('\n', Enumerable.Range(0, 3000).Select(i => $"path = ${{path}} [p{i}]"));

        HoconObject config = Load(text);

        Assert.Equal(3001, config["path"].AsList().Count);
        Assert.Equal("p2999", config["path"].AsList()[^1].AsString());
    }

    [Fact]
    public void LoadString_PlusEqualsAfterFallbackList_AppendsToFallback()
    {
        HoconObject reference = HoconLoader.ParseString("list = [a]\nnested { l = [x] }", "reference.conf");

        HoconObject config = HoconLoader.LoadString("list += b\nlist += c\nnested.l += y", "user.conf", fallback: reference, options: s_options);

        Assert.Equal(["a", "b", "c"], config["list"].AsList().Select(v => v.AsString()));
        Assert.Equal(["x", "y"], config.Find("nested.l")!.AsList().Select(v => v.AsString()));
    }

    [Fact]
    public void LoadString_PlusEqualsInsideRepeatedObjectLiteral_AppendsAcrossLiterals() =>
        AssertJson("a { l = [1] }\na { l += 2 }\na { l += 3, m = ${a.l} }", """{"a":{"l":[1,2,3],"m":[1,2,3]}}""");

    [Fact]
    public void LoadString_SelfReferenceCapturedThenAppended_KeepsCapturedValue() =>
        AssertJson("a = [1]\nb = ${a}\na = ${a} ${a}\na += 2", """{"a":[1,1,2],"b":[1,1,2]}""");

    [Fact]
    public void LoadString_ObjectExtendedBySelfReference_CanReferToItsOwnFields() =>
        AssertJson(
            "a { x = 1, y = ${a.x} }\na = ${a} { z = 2, w = ${a.z} }\nbar = { foo = 42 }\nbar = ${bar} { baz = ${bar.foo} }",
            """{"a":{"x":1,"y":1,"z":2,"w":2},"bar":{"foo":42,"baz":42}}""");

    [Fact]
    public void LoadString_ObjectOverSubstitutionReferringToItself_ResolvesFields() =>
        AssertJson(
            "base { p = 1 }\nc = ${base}\nc = { q = ${c.p}, r = ${c.q} }",
            """{"base":{"p":1},"c":{"p":1,"q":1,"r":1}}""");

    [Fact]
    public void LoadString_WindowsLineEndingsAndByteOrderMark_AreWhitespace() =>
        AssertJson("\uFEFFa = foo\r\nb = [1,\r\n2]\r\nc { d = \"x\" }\r\n", """{"a":"foo","b":[1,2],"c":{"d":"x"}}""");

    [Fact]
    public void Keys_ObjectWithOverrides_KeepsFirstInsertionOrder()
    {
        HoconObject config = Load("b = 1\na = 2\nc = 3\nb = 4");

        Assert.Equal(["b", "a", "c"], config.Keys);
    }

    [Fact]
    public void ToJson_LeadingDotNumber_WritesValidJson()
    {
        Assert.Equal("""{"a":0.5,"b":"x","c":[true,null]}""", Load("a = .5\nb = x\nc = [true, null]").ToJson());
    }
}
