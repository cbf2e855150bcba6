using System.Net;
using System.Text;

namespace EdgeCascade.Experiments.Reports;

/// <summary>
/// A self-contained HTML document under construction: one inline stylesheet, tables and inline SVG, no scripts and
/// no external assets, so the file can be mailed or archived alone. Output depends only on the calls made.
/// </summary>
public sealed class ReportHtml
{
    private const string Style = """
        body { font-family: sans-serif; margin: 2em; color: #222; max-width: 1400px; }
        h1 { font-size: 1.6em; } h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 2em; } h3 { font-size: 1.05em; }
        table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; }
        th, td { border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: right; }
        th { background: #f2f2f2; } td:first-child, th:first-child { text-align: left; }
        caption { text-align: left; font-weight: bold; padding: 0.3em 0; }
        figure { display: inline-block; margin: 0.5em 1em 1em 0; vertical-align: top; } figcaption { font-size: 0.85em; color: #555; }
        .source, .note { color: #555; font-size: 0.9em; } code { background: #f6f6f6; }
        """;

    private readonly StringBuilder _body = new();
    private readonly List<(string Id, string Title)> _toc = [];

    public int Sections => _toc.Count;

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    public void Section(string title, string source)
    {
        var id = $"s{_toc.Count + 1}";
        _toc.Add((id, title));
        _body.Append("<section id=\"").Append(id).Append("\">\n<h2>").Append(Encode(title)).Append("</h2>\n")
            .Append("<p class=\"source\">from <code>").Append(Encode(source)).Append("</code></p>\n");
    }

    public void EndSection() => _body.Append("</section>\n");

    public void Heading(string text) => _body.Append("<h3>").Append(Encode(text)).Append("</h3>\n");

    public void Note(string text) => _body.Append("<p class=\"note\">").Append(Encode(text)).Append("</p>\n");

    public void Table(string caption, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        _body.Append("<table>\n<caption>").Append(Encode(caption)).Append("</caption>\n<thead><tr>");
        foreach (var header in headers)
        {
            _body.Append("<th>").Append(Encode(header)).Append("</th>");
        }

        _body.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            _body.Append("<tr>");
            foreach (var cell in row)
            {
                _body.Append("<td>").Append(Encode(cell)).Append("</td>");
            }

            _body.Append("</tr>\n");
        }

        _body.Append("</tbody>\n</table>\n");
    }

    /// <summary>An inline SVG (from <see cref="RdPlot"/> or <see cref="ReportCharts"/>) with a caption.</summary>
    public void Figure(string svg, string caption)
    {
        ArgumentNullException.ThrowIfNull(svg);
        _body.Append("<figure>\n").Append(svg.TrimEnd('\n')).Append("\n<figcaption>").Append(Encode(caption)).Append("</figcaption>\n</figure>\n");
    }

    /// <summary>The whole document: title, table of contents, sections.</summary>
    public string Finish(string title, IReadOnlyList<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(Encode(title)).Append("</title>\n")
            .Append("<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n<h1>").Append(Encode(title)).Append("</h1>\n")
            .Append("<p class=\"note\">").Append(_toc.Count).Append(" sections from ").Append(inputs.Count)
            .Append(" files. Tables and plots are computed from the result files only (edgecascade report).</p>\n<nav>\n<ol>\n");
        foreach (var (id, sectionTitle) in _toc)
        {
            html.Append("<li><a href=\"#").Append(id).Append("\">").Append(Encode(sectionTitle)).Append("</a></li>\n");
        }

        html.Append("</ol>\n</nav>\n").Append(_body).Append("</body>\n</html>\n");
        return html.ToString();
    }
}
