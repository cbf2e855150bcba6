using EdgeCascade.Experiments.Reports;

namespace EdgeCascade.Experiments.Tests.Reports;

public sealed class ReportHtmlTests
{
    [Fact]
    public void Finish_Sections_ListsThemAndEscapesText()
    {
        var html = new ReportHtml();
        html.Section("compare <x>", "runs/a&b.json");
        html.Table("t", ["a", "b"], [["1", "<2>"]]);
        html.EndSection();

        var text = html.Finish("R", ["runs/a&b.json"]);

        Assert.Equal(1, html.Sections);
        Assert.Contains("<li><a href=\"#s1\">compare &lt;x&gt;</a></li>", text, StringComparison.Ordinal);
        Assert.Contains("<code>runs/a&amp;b.json</code>", text, StringComparison.Ordinal);
        Assert.Contains("<td>&lt;2&gt;</td>", text, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", text, StringComparison.Ordinal);
    }
}
