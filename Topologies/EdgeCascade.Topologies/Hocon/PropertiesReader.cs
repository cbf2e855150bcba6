using System.Globalization;
using System.Text;

namespace EdgeCascade.Topologies.Hocon;

/// <summary>
/// Minimal Java .properties reader for includes: <c>key=value</c>, <c>key:value</c> or
/// <c>key value</c> lines, <c>#</c>/<c>!</c> comments, backslash continuations and escapes.
/// Keys are split on '.' into paths; every value is a string.
/// </summary>
internal static class PropertiesReader
{
    public static void Read(string text, string file, Action<string[], HoconNode> assign)
    {
        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            int lineNumber = i + 1;
            string line = lines[i].TrimStart();
            if (line.Length == 0 || line[0] == '#' || line[0] == '!')
            {
                continue;
            }

            while (EndsWithContinuation(line) && i + 1 < lines.Length)
            {
                line = line[..^1] + lines[++i].TrimStart();
            }

            int separator = FindSeparator(line);
            string rawKey = separator < 0 ? line : line[..separator];
            string rawValue = separator < 0 ? string.Empty : line[(separator + 1)..].TrimStart();
            string key = Unescape(rawKey.TrimEnd());
            var position = new SourcePosition(file, lineNumber, 1);
            string[] path = key.Split('.');
            if (Array.Exists(path, segment => segment.Length == 0))
            {
                throw new HoconException(position, key, "invalid .properties key (empty path segment)", "remove the leading, trailing or doubled '.' from the key");
            }

            assign(path, new ScalarNode(position, HoconScalarKind.String, Unescape(rawValue)));
        }
    }

    private static bool EndsWithContinuation(string line)
    {
        int backslashes = 0;
        for (int i = line.Length - 1; i >= 0 && line[i] == '\\'; i--)
        {
            backslashes++;
        }

        return backslashes % 2 == 1;
    }

    private static int FindSeparator(string line)
    {
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (c == '\\')
            {
                i++;
            }
            else if (c is '=' or ':' || char.IsWhiteSpace(c))
            {
                if (char.IsWhiteSpace(c))
                {
                    int j = i;
                    while (j < line.Length && char.IsWhiteSpace(line[j]))
                    {
                        j++;
                    }

                    return j < line.Length && line[j] is '=' or ':' ? j : i;
                }

                return i;
            }
        }

        return -1;
    }

    private static string Unescape(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c != '\\' || i + 1 >= text.Length)
            {
                builder.Append(c);
                continue;
            }

            char e = text[++i];
            switch (e)
            {
                case 't': builder.Append('\t'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 'f': builder.Append('\f'); break;
                case 'u' when i + 4 < text.Length
                    && int.TryParse(text.AsSpan(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code):
                    builder.Append((char)code);
                    i += 4;
                    break;
                default: builder.Append(e); break;
            }
        }

        return builder.ToString();
    }
}
