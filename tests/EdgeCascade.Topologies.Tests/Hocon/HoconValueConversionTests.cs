using EdgeCascade.Topologies.Hocon;

namespace EdgeCascade.Topologies.Tests.Hocon;

/// <summary>The typed accessors: units, ranges and mismatch errors that name position, path and fix.</summary>
public sealed class HoconValueConversionTests
{
    private static HoconValue Value(string text) =>
        HoconLoader.LoadString("pad = 0\nv = " + text, "units.conf", options: new HoconLoadOptions { Environment = _ => null })["v"];

    [Theory]
    [InlineData("250", 250_000_000L)]
    [InlineData("250ms", 250_000_000L)]
    [InlineData("1.5 s", 1_500_000_000L)]
    [InlineData("2 seconds", 2_000_000_000L)]
    [InlineData("3min", 180_000_000_000L)]
    [InlineData("1 m", 60_000_000_000L)]
    [InlineData("2h", 7_200_000_000_000L)]
    [InlineData("1 d", 86_400_000_000_000L)]
    [InlineData("3 days", 259_200_000_000_000L)]
    [InlineData("500us", 500_000L)]
    [InlineData("700 ns", 700L)]
    [InlineData("10 micros", 10_000L)]
    [InlineData("\"-5 ms\"", -5_000_000L)]
    [InlineData("1e3 ms", 1_000_000_000L)]
    public void AsDuration_NumberWithUnit_ConvertsToNanoseconds(string text, long nanoseconds)
    {
        Assert.Equal(nanoseconds / 100, Value(text).AsDuration().Ticks);
    }

    [Theory]
    [InlineData("1024", 1024L)]
    [InlineData("10B", 10L)]
    [InlineData("1kB", 1000L)]
    [InlineData("1KB", 1000L)]
    [InlineData("1KiB", 1024L)]
    [InlineData("1 K", 1024L)]
    [InlineData("2MB", 2_000_000L)]
    [InlineData("2MiB", 2_097_152L)]
    [InlineData("1.5 GB", 1_500_000_000L)]
    [InlineData("1GiB", 1_073_741_824L)]
    [InlineData("3TB", 3_000_000_000_000L)]
    [InlineData("1TiB", 1_099_511_627_776L)]
    [InlineData("0.5M", 524_288L)]
    [InlineData("4 mebibytes", 4_194_304L)]
    public void AsBytes_NumberWithUnit_ConvertsToBytes(string text, long bytes)
    {
        Assert.Equal(bytes, Value(text).AsBytes());
    }

    [Theory]
    [InlineData("5000", 5000.0)]
    [InlineData("64 bps", 64.0)]
    [InlineData("100kbps", 1e5)]
    [InlineData("10 Mbps", 1e7)]
    [InlineData("2.5Gbps", 2.5e9)]
    [InlineData("1 B/s", 8.0)]
    [InlineData("1 kB/s", 8e3)]
    [InlineData("1 KiB/s", 8.0 * 1024)]
    [InlineData("1 MB/s", 8e6)]
    [InlineData("1 MiB/s", 8.0 * 1048576)]
    [InlineData("1 GB/s", 8e9)]
    [InlineData("2 GiB/s", 16.0 * 1073741824)]
    [InlineData("20e6", 20e6)]
    public void AsBitsPerSecond_NumberWithUnit_ConvertsToBitsPerSecond(string text, double bitsPerSecond)
    {
        Assert.Equal(bitsPerSecond, Value(text).AsBitsPerSecond(), 6);
    }

    [Theory]
    [InlineData("1e12", 1e12)]
    [InlineData("15", 15.0)]
    [InlineData("100 FLOPS", 100.0)]
    [InlineData("500 GFLOPS", 5e11)]
    [InlineData("5 TFLOPS", 5e12)]
    [InlineData("0.5TFLOPS", 5e11)]
    [InlineData("2 PFLOPS", 2e15)]
    public void AsFlops_NumberWithUnit_ConvertsToFlopsPerSecond(string text, double flops)
    {
        Assert.Equal(flops, Value(text).AsFlops(), 6);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("yes", true)]
    [InlineData("off", false)]
    [InlineData("\"on\"", true)]
    public void AsBool_BooleanLikeValue_Converts(string text, bool expected)
    {
        Assert.Equal(expected, Value(text).AsBool());
    }

    [Fact]
    public void AsNumbers_NumericStrings_Convert()
    {
        Assert.Equal(42, Value("\"42\"").AsInt());
        Assert.Equal(9_000_000_000L, Value("9000000000").AsLong());
        Assert.Equal(-1.25, Value("-1.25").AsDouble());
        Assert.Equal("3.10", Value("3.10").AsString());
        Assert.Equal(HoconScalarKind.Number, ((HoconScalar)Value("3.10")).Kind);
        Assert.Equal("3.10", ((HoconScalar)Value("3.10")).Text);
    }

    public static TheoryData<string, Func<HoconValue, object>, string> Mismatches() => new()
    {
        { "{ a = 1 }", v => v.AsInt(), "expected an integer but found an object" },
        { "[1, 2]", v => v.AsString(), "expected a string but found an array" },
        { "maybe", v => v.AsBool(), "expected a boolean" },
        { "1.5", v => v.AsInt(), "expected an integer but found 1.5" },
        { "3000000000", v => v.AsInt(), "outside the range of a 32-bit integer" },
        { "99999999999999999999", v => v.AsLong(), "outside the range of a 64-bit integer" },
        { "null", v => v.AsString(), "the value is null" },
        { "null", v => v.AsDuration(), "the value is null" },
        { "abc", v => v.AsDouble(), "expected a number" },
        { "5 parsecs", v => v.AsDuration(), "unknown unit 'parsecs'" },
        { "5 sec", v => v.AsDuration(), "unknown unit 'sec'" },
        { "3 weeks", v => v.AsDuration(), "unknown unit 'weeks'" },
        { "12 XB", v => v.AsBytes(), "unknown unit 'XB'" },
        { "1YB", v => v.AsBytes(), "out of range" },
        { "10 Mbpz", v => v.AsBitsPerSecond(), "did you mean 'Mbps'" },
        { "3 TFLOP", v => v.AsFlops(), "unknown unit 'TFLOP'" },
        { "fast", v => v.AsFlops(), "does not start with a number" },
        { "true", v => v.AsDuration(), "expected a duration but found boolean true" },
        { "1.2.3 s", v => v.AsDuration(), "not a valid number" },
        { "99999999999 days", v => v.AsDuration(), "out of range" },
        { "42", v => v.AsObject(), "expected an object but found number 42" },
        { "{ }", v => v.AsList(), "expected an array but found an empty object" },
        { "\"x\"", v => v.AsList(), "expected an array but found string \"x\"" },
    };

    [Theory]
    [MemberData(nameof(Mismatches))]
    public void As_MismatchedValue_ThrowsWithPositionPathAndHint(string text, Func<HoconValue, object> convert, string reason)
    {
        HoconValue value = Value(text);

        HoconException error = Assert.Throws<HoconException>(() => convert(value));

        Assert.Equal(new SourcePosition("units.conf", 2, 5), error.Position);
        Assert.Equal("v", error.KeyPath);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.Hint));
        Assert.StartsWith("units.conf:2:5: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Indexer_MissingKey_ThrowsWithClosestKeyHint()
    {
        HoconObject config = HoconLoader.LoadString("topologies {\n  nodes { camera = 1, cloud = 2 }\n}", "k.conf");
        HoconObject nodes = config.Find("topologies.nodes")!.AsObject();

        HoconException error = Assert.Throws<HoconException>(() => nodes["camra"]);

        Assert.Equal("topologies.nodes.camra", error.KeyPath);
        Assert.Equal(new SourcePosition("k.conf", 2, 9), error.Position);
        Assert.Contains("missing key 'camra'", error.Reason, StringComparison.Ordinal);
        Assert.Contains("did you mean 'camera'", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_MultiLineValue_StaysOnOneLine()
    {
        HoconValue value = Value("\"\"\"two\nlines\"\"\"");

        HoconException error = Assert.Throws<HoconException>(() => value.AsDuration());

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("two\\nlines", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_MissingOrInvalidPath_ReturnsNull()
    {
        HoconObject config = HoconLoader.LoadString("a { b = 1 }", "f.conf");

        Assert.Null(config.Find("a.c"));
        Assert.Null(config.Find("a.b.c"));
        Assert.Null(config.Find("a..b"));
        Assert.Equal(1, config.Find(" a.b ")!.AsInt());
        Assert.False(config.TryGetValue("a.b", out _));
    }
}
