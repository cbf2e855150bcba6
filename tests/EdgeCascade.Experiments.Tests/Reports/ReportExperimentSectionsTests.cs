using System.Text.Json.Nodes;
using EdgeCascade.Experiments.Reports;
using EdgeCascade.Experiments.Runners;

namespace EdgeCascade.Experiments.Tests.Reports;

public sealed class ReportExperimentSectionsTests
{
    private const string NodeCaption = "every level a node";
    private const string EdgeCaption = "edge policy n_q = 2";

    [Fact]
    public void Write_PathsSchema3_NodeReadingFromTheTopEdgeReadingFromEdgePolicy()
    {
        var document = Document(3, """
            "policy": "[1,...,1]", "curves": {}, "comparisons": [COMPARISON(-11.25)],
            "edge_policy": { "policy": "edge, n_q = 2", "curves": {}, "comparisons": [COMPARISON(4.5)] }
            """);

        var text = Render(document);

        AssertRowUnder(text, NodeCaption, "5-&gt;1 vs 6-&gt;1", "-11.25");
        AssertRowUnder(text, EdgeCaption, "5-&gt;d vs 6-&gt;d", "+4.50");
    }

    [Fact]
    public void Write_PathsSchema2_EdgeReadingFromTheTopNodeReadingFromEveryLevelANode()
    {
        var document = Document(2, """
            "curves": {}, "comparisons": [COMPARISON(4.5)],
            "every_level_a_node": { "policy": "[1,...,1]", "curves": {}, "comparisons": [COMPARISON(-11.25)] }
            """);

        var text = Render(document);

        AssertRowUnder(text, NodeCaption, "5-&gt;1 vs 6-&gt;1", "-11.25");
        AssertRowUnder(text, EdgeCaption, "5-&gt;d vs 6-&gt;d", "+4.50");
    }

    private static JsonObject Document(int schema, string body)
    {
        var comparisonsExpanded = System.Text.RegularExpressions.Regex.Replace(body, @"COMPARISON\(([-0-9.]+)\)",
            m => $$"""{ "shorter_source_level": 5, "longer_source_level": 6, "target_levels": [1, 2], "delta": { "bd_rate_psnr_percent_cubic": {{m.Groups[1].Value}} } }""");
        return JsonNode.Parse($$"""
            { "experiment": "paths", "schema_version": {{schema}}, "family_id": "f", "levels": 6, "seed": 1, "images": [], {{comparisonsExpanded}} }
            """)!.AsObject();
    }

    private static string Render(JsonObject document)
    {
        var html = new ReportHtml();
        ReportExperimentSections.Write(html, new ReportExperiment("paths.json", ExperimentKind.Paths, document));
        return html.Finish("R", ["paths.json"]);
    }

    /// <summary>The row (HTML-encoded) and its value appear in the table captioned <paramref name="caption"/>.</summary>
    private static void AssertRowUnder(string text, string caption, string row, string value)
    {
        var start = text.IndexOf(caption, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no table captioned '{caption}'");
        var end = text.IndexOf("</table>", start, StringComparison.Ordinal);
        var table = text[start..end];
        Assert.Contains($"<td>{row}</td>", table, StringComparison.Ordinal);
        Assert.Contains($"<td>{value}</td>", table, StringComparison.Ordinal);
    }
}
