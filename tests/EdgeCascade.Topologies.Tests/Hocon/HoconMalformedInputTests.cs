using EdgeCascade.Topologies.Hocon;

namespace EdgeCascade.Topologies.Tests.Hocon;

/// <summary>
/// Hand-written broken inputs: each must fail with a <see cref="HoconException"/> that points at the
/// right line and column, names the key where there is one, and carries a hint.
/// </summary>
public sealed class HoconMalformedInputTests
{
    private static readonly HoconLoadOptions s_options = new() { Environment = _ => null };

    public static TheoryData<string, string, int, int, string, string> Cases() => new()
    {
        // name, input, line, column, fragment of the reason, key path
        { "unterminated quoted string", "a = \"abc", 1, 5, "unterminated quoted string", "a" },
        { "newline inside quoted string", "a = \"ab\ncd\"", 1, 5, "unterminated quoted string", "a" },
        { "unterminated triple quotes", "x = 1\nlong = \"\"\"abc\n def", 2, 8, "unterminated triple-quoted", "long" },
        { "unterminated nested object", "a {\n  b = 1\n", 1, 3, "unterminated object", "a" },
        { "unterminated root object", "{\n  a = 1\n", 1, 1, "unterminated object", "" },
        { "unterminated array", "a = [1, 2", 1, 5, "unterminated array", "a" },
        { "unterminated array across lines", "a = [\n 1\n 2\n", 1, 5, "unterminated array", "a" },
        { "unterminated substitution", "a = ${b", 1, 5, "unterminated substitution", "a" },
        { "empty substitution", "a = ${}", 1, 5, "empty substitution", "a" },
        { "empty optional substitution", "a = ${?  }", 1, 5, "empty substitution", "a" },
        { "double dot in substitution", "a = ${b..c}", 1, 5, "invalid substitution path", "a" },
        { "reserved char in substitution", "a = ${b:c}", 1, 8, "not allowed in a substitution", "a" },
        { "bad escape", "a = \"x\\qy\"", 1, 7, "invalid escape", "a" },
        { "short unicode escape", "a = \"\\u12\"", 1, 6, "invalid \\u escape", "a" },
        { "non-hex unicode escape", "a = \"\\uZZZZ\"", 1, 6, "invalid \\u escape", "a" },
        { "leading dot key", ".a = 1", 1, 1, "invalid key", "" },
        { "trailing dot key", "b = 2\na. = 1", 2, 1, "invalid key", "" },
        { "double dot key", "a..b = 1", 1, 1, "invalid key", "" },
        { "stray closing brace", "a = 1 }", 1, 7, "unexpected '}'", "a" },
        { "double comma between fields", "a = 1,, b = 2", 1, 7, "unexpected ','", "a" },
        { "double comma in array", "a = [1,,2]", 1, 8, "unexpected ','", "a" },
        { "leading comma in array", "a = [,1]", 1, 6, "unexpected ','", "a" },
        { "key without separator", "a\nb = 1", 2, 1, "expected ':', '=' or '{'", "a" },
        { "key at end of input", "a = 1\n  b", 2, 4, "expected ':', '=' or '{'", "b" },
        { "equals inside value", "a = b = c", 1, 7, "unexpected '='", "a" },
        { "colon inside value", "a = 1 : 2", 1, 7, "unexpected ':'", "a" },
        { "missing value at end", "a =", 1, 4, "expected a value", "a" },
        { "missing value before comma", "a = , b = 1", 1, 5, "expected a value", "a" },
        { "missing value after plus-equals", "a += ", 1, 6, "expected a value", "a" },
        { "substitution as key", "${x} = 1", 1, 1, "not allowed in keys", "" },
        { "triple-quoted key", "\"\"\"k\"\"\" = 1", 1, 1, "cannot be a key", "" },
        { "reserved at sign", "a = @foo", 1, 5, "reserved character '@'", "a" },
        { "lone plus", "a = foo+bar", 1, 8, "'+' is only valid", "a" },
        { "dollar without brace", "a = $foo", 1, 5, "'$' must start a substitution", "a" },
        { "backtick", "a = `x`", 1, 5, "reserved character '`'", "a" },
        { "root array", "[1, 2]", 1, 1, "must be an object", "" },
        { "content after root object", "{ a = 1 }\nb = 2", 2, 1, "after the closing", "" },
        { "array closed by brace", "a = [1 }", 1, 8, "expected ',' or ']'", "a" },
        { "object closed by bracket", "a { b = 1 ]", 1, 11, "expected ',' or a newline", "a.b" },
        { "value followed by garbage object", "a = 1\nb { c = 2 } ]", 2, 13, "expected ',' or a newline", "b" },
        { "unresolved substitution", "a = 1\nb = ${missing.key}", 2, 5, "unresolved substitution ${missing.key}", "b" },
        { "unresolved substitution in array", "a = [1, ${nope}]", 1, 9, "unresolved substitution", "a[1]" },
        { "unresolved in nested object", "x { y { z = ${q} } }", 1, 13, "unresolved substitution", "x.y.z" },
        { "two-step cycle", "a = ${b}\nb = ${a}", 2, 5, "substitution cycle", "b" },
        { "three-step cycle", "a = ${b}\nb = ${c}\nc = ${a}", 3, 5, "substitution cycle", "c" },
        { "object containing itself", "a { b = ${a} }", 1, 9, "substitution cycle", "a.b" },
        { "nested field refers to itself", "a = { b = 1 }\na = ${a} { c = ${a.c} }", 2, 16, "self-referential substitution ${a.c} has no earlier value", "a.c" },
        { "sibling cycle inside self-extended object", "a = { b = 1 }\na = ${a} { c = ${a.d}, d = ${a.c} }", 2, 28, "substitution cycle", "a.d" },
        { "self reference without prior", "a = ${a}", 1, 5, "self-referential substitution ${a}", "a" },
        { "self reference in concatenation without prior", "a = ${a} [1]", 1, 5, "self-referential", "a" },
        { "plus-equals on number", "a = 1\na += 2", 2, 3, "cannot concatenate number 1 with an array", "a" },
        { "plus-equals on object", "a { x = 1 }\na += 2", 2, 3, "cannot concatenate", "a" },
        { "array concatenated with string", "a = [1]\nb = ${a} foo", 2, 5, "cannot concatenate an array with string \"foo\"", "b" },
        { "object concatenated with array", "a = {x = 1}\nb = ${a} [2]", 2, 5, "cannot concatenate an object with an array", "b" },
        { "literal object and string", "a = { x = 1 } y", 1, 5, "cannot concatenate", "a" },
        { "required include missing", "a = 1\ninclude required(\"does-not-exist.conf\")", 2, 1, "required include", "" },
        { "url include", "include url(\"http://example.com/a.conf\")", 1, 9, "url() includes are not supported", "" },
        { "unknown include qualifier", "include foo(\"x.conf\")", 1, 9, "unknown include qualifier", "" },
        { "include missing closing parenthesis", "include file(\"x.conf\"\na = 1", 1, 22, "expected ')'", "" },
        { "include without quoted name", "include file(x.conf)", 1, 9, "expected a quoted file name", "" },
        { "include used as a key", "a { include = 5 }", 1, 13, "'include' must be followed by a quoted file name", "a" },
        { "include followed by unquoted name", "include foo.conf", 1, 9, "'include' must be followed by a quoted file name", "" },
        { "self reference inside array is a cycle", "a = [1]\na = [${a}]", 2, 6, "substitution cycle", "a[0]" },
        { "error key path inside array object", "a = [ { b = ${nope} } ]", 1, 13, "unresolved substitution", "a[0].b" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void LoadString_MalformedInput_ThrowsWithPositionKeyAndHint(string name, string input, int line, int column, string reason, string keyPath)
    {
        HoconException error = Assert.Throws<HoconException>(() =>
            HoconLoader.LoadString(input, "bad.conf", options: s_options, baseDirectory: Path.GetTempPath()));

        Assert.True(
            error.Position == new SourcePosition("bad.conf", line, column) && error.Reason.Contains(reason, StringComparison.Ordinal) && error.KeyPath == keyPath,
            $"{name}: expected bad.conf:{line}:{column} '{reason}' key '{keyPath}', got: {error.Message}");
        Assert.False(string.IsNullOrWhiteSpace(error.Hint), name);
        Assert.StartsWith($"bad.conf:{line}:{column}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(" Hint: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Cases_Count_IsAtLeastForty()
    {
        Assert.True(Cases().Count >= 40);
    }

    [Fact]
    public void LoadString_DeepNesting_ThrowsInsteadOfOverflowingTheStack()
    {
        string input = "a = " + new string('[', 5000) + new string(']', 5000);

        HoconException error = Assert.Throws<HoconException>(() => HoconLoader.LoadString(input, "deep.conf", options: s_options));

        Assert.Contains("nested deeper", error.Reason, StringComparison.Ordinal);
        Assert.Equal(1, error.Position.Line);
    }

    [Fact]
    public void LoadString_DeepPathKey_ThrowsInsteadOfOverflowingTheStack()
    {
        string input = string.Join('.', Enumerable.Repeat("k", 5000)) + " = 1";

        HoconException error = Assert.Throws<HoconException>(() => HoconLoader.LoadString(input, "deep.conf", options: s_options));

        Assert.Contains("nested deeper", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadString_LongSubstitutionChain_ThrowsInsteadOfOverflowingTheStack()
    {
        string input = string.Join('\n', Enumerable.Range(0, 5000).Select(i => $"k{i} = ${{k{i + 1}}}")) + "\nk5000 = end";

        HoconException error = Assert.Throws<HoconException>(() => HoconLoader.LoadString(input, "chain.conf", options: s_options));

        Assert.Contains("deeper than", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadString_ModerateSubstitutionChain_Resolves()
    {
        string input = string.Join('\n', Enumerable.Range(0, 200).Select(i => $"k{i} = ${{k{i + 1}}}")) + "\nk200 = end";

        Assert.Equal("end", HoconLoader.LoadString(input, "chain.conf", options: s_options)["k0"].AsString());
    }

    [Fact]
    public void LoadFile_MissingFile_ThrowsHoconException()
    {
        HoconException error = Assert.Throws<HoconException>(() => HoconLoader.LoadFile(Path.Combine(Path.GetTempPath(), "no-such-edgecascade.conf")));

        Assert.Contains("cannot read", error.Reason, StringComparison.Ordinal);
        Assert.NotEmpty(error.Hint);
    }
}
