namespace EdgeCascade.Topologies.Hocon;

/// <summary>
/// <c>include "name"</c>, <c>include file("name")</c> and <c>include required(...)</c>. Names are
/// relative to the including file's folder. A name without a known extension loads every one of
/// name.properties, name.json and name.conf that exists, later ones taking precedence.
/// </summary>
internal sealed partial class HoconParser
{
    private static readonly string[] s_extensions = [".properties", ".json", ".conf"];

    /// <summary>An unquoted <c>include</c> starting a key is always an include statement (quote it to use it as a key).</summary>
    private bool IsIncludeKeyword()
    {
        HoconToken keyword = Peek();
        return keyword.Kind == HoconTokenKind.Unquoted && keyword.Text == "include";
    }

    private void ParseInclude(ObjectNode target, string[] prefix)
    {
        HoconToken keyword = Next();
        SkipWhitespaceAndNewlines();
        HoconToken argument = Next();
        bool required = false;
        string name;
        if (argument.Kind == HoconTokenKind.Unquoted && argument.Text.Contains('(', StringComparison.Ordinal))
        {
            if (!argument.Text.EndsWith('('))
            {
                throw ErrorAt(argument, $"expected a quoted file name in include, found '{argument.Text}'", "write include file(\"name.conf\")");
            }

            string[] qualifiers = argument.Text.Split('(');
            for (int i = 0; i < qualifiers.Length - 1; i++)
            {
                switch (qualifiers[i])
                {
                    case "required":
                        required = true;
                        break;
                    case "file":
                        break;
                    case "url":
                    case "classpath":
                        throw ErrorAt(argument, $"{qualifiers[i]}() includes are not supported", "include a file instead: include file(\"path/to/file.conf\")");
                    default:
                        throw ErrorAt(argument, $"unknown include qualifier '{qualifiers[i]}('", "use include \"f.conf\", include file(\"f.conf\") or include required(\"f.conf\")");
                }
            }

            SkipWhitespace();
            HoconToken quoted = Next();
            if (quoted.Kind != HoconTokenKind.QuotedString)
            {
                throw ErrorAt(quoted, $"expected a quoted file name in include, found {Describe(quoted)}", "write include file(\"name.conf\")");
            }

            name = quoted.Text;
            SkipWhitespace();
            HoconToken close = Next();
            string expected = new(')', qualifiers.Length - 1);
            if (close.Kind != HoconTokenKind.Unquoted || close.Text != expected)
            {
                throw ErrorAt(close, $"expected '{expected}' to close the include, found {Describe(close)}", "balance the parentheses, e.g. include required(file(\"a.conf\"))");
            }
        }
        else if (argument.Kind == HoconTokenKind.QuotedString)
        {
            name = argument.Text;
        }
        else
        {
            throw ErrorAt(argument, $"'include' must be followed by a quoted file name, found {Describe(argument)}", "write include \"file.conf\"; to use include as a key, quote it: \"include\" = ...");
        }

        IncludeFiles(name, required, target, prefix, keyword);
    }

    private void IncludeFiles(string name, bool required, ObjectNode target, string[] prefix, HoconToken keyword)
    {
        if (name.Length == 0)
        {
            throw ErrorAt(keyword, "include with an empty file name", "name the file to include, e.g. include \"common.conf\"");
        }

        string resolved = Path.IsPathRooted(name) ? name : Path.Combine(_baseDirectory, name);
        string extension = Path.GetExtension(resolved).ToLowerInvariant();
        var existing = new List<string>();
        if (Array.IndexOf(s_extensions, extension) >= 0)
        {
            if (File.Exists(resolved))
            {
                existing.Add(resolved);
            }
        }
        else
        {
            foreach (string candidate in s_extensions)
            {
                if (File.Exists(resolved + candidate))
                {
                    existing.Add(resolved + candidate);
                }
            }

            if (existing.Count == 0 && File.Exists(resolved))
            {
                existing.Add(resolved);
            }
        }

        if (existing.Count == 0)
        {
            if (required)
            {
                throw ErrorAt(keyword, $"required include '{name}' not found (looked for {resolved})", "check the path; it is relative to the including file's folder");
            }

            return;
        }

        foreach (string file in existing)
        {
            IncludeOne(file, target, prefix, keyword);
        }
    }

    /// <summary>Properties keep no order, so a key that is both a string and an object keeps the object.</summary>
    private static void AssignProperty(ObjectNode target, string[] prefix, string[] key, HoconNode value)
    {
        ObjectNode parent = target;
        for (int i = 0; i < key.Length; i++)
        {
            if (!parent.Fields.TryGetValue(key[i], out HoconNode? existing))
            {
                break;
            }

            if (existing is not ObjectNode obj)
            {
                break;
            }

            if (i == key.Length - 1)
            {
                return;
            }

            parent = obj;
        }

        Assign(target, prefix, key, value);
    }

    private void IncludeOne(string file, ObjectNode target, string[] prefix, HoconToken keyword)
    {
        string fullPath = Path.GetFullPath(file);
        if (_context.IncludeStack.Contains(fullPath))
        {
            string chain = string.Join(" -> ", _context.IncludeStack.Select(Path.GetFileName).Append(Path.GetFileName(fullPath)));
            throw ErrorAt(keyword, $"include cycle: {chain}", "remove one of the includes that form the cycle");
        }

        if (_context.IncludeDepth >= _context.Options.MaxIncludeDepth)
        {
            throw ErrorAt(keyword, $"includes nested deeper than {_context.Options.MaxIncludeDepth} files", "flatten the includes (a cycle-free chain of at most that many files)");
        }

        string text;
        try
        {
            text = HoconFileReader.Read(fullPath, _context.Options.MaxFileBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ErrorAt(keyword, $"cannot read included file '{file}': {HoconLoader.Reason(e)}", "check that the include names a readable configuration file");
        }

        _context.IncludeStack.Add(fullPath);
        _context.IncludeDepth++;
        string savedKey = _keyPath;
        if (Path.GetExtension(fullPath).Equals(".properties", StringComparison.OrdinalIgnoreCase))
        {
            PropertiesReader.Read(text, file, (key, value) => AssignProperty(target, prefix, key, value));
        }
        else
        {
            string directory = Path.GetDirectoryName(fullPath) ?? _baseDirectory;
            new HoconParser(text, file, directory, prefix, _context, _keyPath).ParseInto(target, prefix);
        }

        _keyPath = savedKey;
        _context.IncludeDepth--;
        _context.IncludeStack.RemoveAt(_context.IncludeStack.Count - 1);
    }
}
