using System.Text;

namespace EdgeCascade.Topologies.Hocon;

/// <summary>
/// Builds a key path from the pieces of a path expression: unquoted text is split on '.',
/// quoted text is taken literally, and whitespace between pieces is kept inside the segment.
/// Leading and trailing whitespace must not be added (callers trim it).
/// </summary>
internal sealed class PathExpressionBuilder
{
    private readonly List<string> _segments = [];
    private readonly StringBuilder _current = new();
    private bool _currentHasContent;

    /// <summary>Null while the expression is valid; otherwise why it is not.</summary>
    public string? Error { get; private set; }

    public void AddQuoted(string text)
    {
        _current.Append(text);
        _currentHasContent = true;
    }

    public void AddWhitespace(string text) => _current.Append(text);

    public void AddUnquoted(string text)
    {
        int start = 0;
        while (true)
        {
            int dot = text.IndexOf('.', start);
            if (dot < 0)
            {
                if (start < text.Length)
                {
                    _current.Append(text, start, text.Length - start);
                    _currentHasContent = true;
                }

                return;
            }

            if (dot > start)
            {
                _current.Append(text, start, dot - start);
                _currentHasContent = true;
            }

            FinishSegment();
            start = dot + 1;
        }
    }

    public string[] Finish()
    {
        FinishSegment();
        return [.. _segments];
    }

    private void FinishSegment()
    {
        if (!_currentHasContent)
        {
            Error ??= "empty path segment (two dots in a row, or a leading or trailing dot)";
        }

        _segments.Add(_current.ToString());
        _current.Clear();
        _currentHasContent = false;
    }
}
