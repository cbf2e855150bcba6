using System.Globalization;
using System.Text.Json;

namespace EdgeCascade.Topologies.Tests.Hocon;

/// <summary>Structural JSON equality: object key order ignored, numbers compared numerically.</summary>
internal static class JsonTree
{
    public static void AssertEqual(string expectedJson, string actualJson, string because)
    {
        using JsonDocument expected = JsonDocument.Parse(expectedJson);
        using JsonDocument actual = JsonDocument.Parse(actualJson);
        string? difference = Compare(expected.RootElement, actual.RootElement, "$");
        Assert.True(difference is null, $"{because}: {difference}\nexpected: {expectedJson}\nactual:   {actualJson}");
    }

    private static string? Compare(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{path}: expected {expected.ValueKind} {expected.GetRawText()} but got {actual.ValueKind} {actual.GetRawText()}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedNames = expected.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
                var actualNames = actual.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
                if (!expectedNames.SequenceEqual(actualNames))
                {
                    return $"{path}: keys [{string.Join(",", expectedNames)}] vs [{string.Join(",", actualNames)}]";
                }

                foreach (string name in expectedNames)
                {
                    string? inner = Compare(expected.GetProperty(name), actual.GetProperty(name), $"{path}.{name}");
                    if (inner is not null)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Array:
                if (expected.GetArrayLength() != actual.GetArrayLength())
                {
                    return $"{path}: array lengths {expected.GetArrayLength()} vs {actual.GetArrayLength()}";
                }

                for (int i = 0; i < expected.GetArrayLength(); i++)
                {
                    string? inner = Compare(expected[i], actual[i], $"{path}[{i}]");
                    if (inner is not null)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Number:
                decimal e = decimal.Parse(expected.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
                decimal a = decimal.Parse(actual.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
                return e == a ? null : $"{path}: {e} vs {a}";
            case JsonValueKind.String:
                return expected.GetString() == actual.GetString() ? null : $"{path}: \"{expected.GetString()}\" vs \"{actual.GetString()}\"";
            default:
                return null;
        }
    }
}
