using System.Text;

namespace EdgeCascade.Topologies.Hocon;

/// <summary>Rendering and parsing of dotted key paths such as <c>a."b.c".d</c>.</summary>
internal static class HoconPaths
{
    public static string Render(IReadOnlyList<string> segments)
    {
        var builder = new StringBuilder();
        for (int i = 0; i < segments.Count; i++)
        {
            if (i > 0)
            {
                builder.Append('.');
            }

            AppendSegment(builder, segments[i]);
        }

        return builder.ToString();
    }

    public static string Append(string parentPath, string key)
    {
        if (!NeedsQuotes(key))
        {
            return parentPath.Length == 0 ? key : string.Concat(parentPath, ".", key);
        }

        var builder = new StringBuilder(parentPath.Length + key.Length + 1);
        builder.Append(parentPath);
        if (parentPath.Length > 0)
        {
            builder.Append('.');
        }

        AppendSegment(builder, key);
        return builder.ToString();
    }

    public static string AppendIndex(string parentPath, int index) => $"{parentPath}[{index}]";

    /// <summary>Parses a path expression; null when it is not a valid path.</summary>
    public static string[]? TryParse(string path)
    {
        var builder = new PathExpressionBuilder();
        int i = 0;
        string text = path.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        while (i < text.Length)
        {
            char c = text[i];
            if (c == '"')
            {
                var value = new StringBuilder();
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }

                    value.Append(text[i]);
                    i++;
                }

                if (i >= text.Length)
                {
                    return null;
                }

                i++;
                builder.AddQuoted(value.ToString());
            }
            else
            {
                int start = i;
                while (i < text.Length && text[i] != '"')
                {
                    i++;
                }

                builder.AddUnquoted(text[start..i]);
            }
        }

        string[] segments = builder.Finish();
        return builder.Error is null ? segments : null;
    }

    private static void AppendSegment(StringBuilder builder, string segment)
    {
        if (NeedsQuotes(segment))
        {
            builder.Append('"');
            foreach (char c in segment)
            {
                if (c is '"' or '\\')
                {
                    builder.Append('\\');
                }

                builder.Append(c);
            }

            builder.Append('"');
        }
        else
        {
            builder.Append(segment);
        }
    }

    private static bool NeedsQuotes(string segment)
    {
        if (segment.Length == 0)
        {
            return true;
        }

        foreach (char c in segment)
        {
            if (c == '.' || c == '"' || char.IsWhiteSpace(c) || HoconLexer.IsForbidden(c))
            {
                return true;
            }
        }

        return false;
    }
}
