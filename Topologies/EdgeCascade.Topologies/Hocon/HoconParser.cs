namespace EdgeCascade.Topologies.Hocon;

/// <summary>
/// Recursive-descent parser over a lazily lexed token stream. Fields are merged into their
/// enclosing object as they are read, so duplicate keys, path keys and includes all go through
/// <see cref="HoconMerger.Merge"/>; substitutions are kept as nodes and resolved later.
/// </summary>
internal sealed partial class HoconParser
{
    private const string ArrayElementSegment = "\0[]";

    private readonly HoconLexer _lexer;
    private readonly List<HoconToken> _tokens = [];
    private readonly string _file;
    private readonly string _baseDirectory;
    private readonly string[] _includePrefix;
    private readonly HoconParseContext _context;
    private int _index;
    private string _keyPath = string.Empty;

    private HoconParser(string text, string file, string baseDirectory, string[] includePrefix, HoconParseContext context, string keyPath = "")
    {
        _keyPath = keyPath;
        _file = file;
        _baseDirectory = baseDirectory;
        _includePrefix = includePrefix;
        _context = context;
        _lexer = new HoconLexer(text, file, _tokens);
    }

    /// <summary>Parses a whole document into a new, frozen, unresolved root object.</summary>
    public static ObjectNode ParseDocument(string text, string file, string baseDirectory, HoconLoadOptions options, string? fullPath)
    {
        var context = new HoconParseContext(options);
        if (fullPath is not null)
        {
            context.IncludeStack.Add(fullPath);
        }

        var root = new ObjectNode(new SourcePosition(file, 1, 1));
        context.Frames.Add(new HoconParseFrame([], root));
        new HoconParser(text, file, baseDirectory, [], context).ParseInto(root, []);
        HoconMerger.Freeze(root);
        return root;
    }

    private void ParseInto(ObjectNode target, string[] prefix)
    {
        SkipWhitespaceAndNewlines();
        HoconToken first = Peek();
        if (first.Kind == HoconTokenKind.OpenBrace)
        {
            Next();
            ParseObjectBody(target, prefix, first);
            SkipWhitespaceAndNewlines();
            HoconToken rest = Peek();
            if (rest.Kind != HoconTokenKind.EndOfFile)
            {
                _keyPath = string.Empty;
                throw ErrorAt(rest, $"unexpected {Describe(rest)} after the closing '}}' of the root object", "move it inside the braces, or drop the root braces");
            }
        }
        else if (first.Kind == HoconTokenKind.OpenBracket)
        {
            throw ErrorAt(first, "the root of a document must be an object, not an array", "wrap the array in a field, e.g. items = [ ... ]");
        }
        else
        {
            ParseObjectBody(target, prefix, open: null);
        }
    }

    private void ParseObjectBody(ObjectNode target, string[] prefix, HoconToken? open)
    {
        string outerKey = _keyPath;
        while (true)
        {
            SkipWhitespaceAndNewlines();
            HoconToken token = Peek();
            switch (token.Kind)
            {
                case HoconTokenKind.CloseBrace:
                    if (open is not null)
                    {
                        Next();
                        _keyPath = outerKey;
                        return;
                    }

                    throw ErrorAt(token, "unexpected '}' with no matching '{'", "remove it, or add the '{' that opens this object");
                case HoconTokenKind.EndOfFile:
                    if (open is { } o)
                    {
                        _keyPath = outerKey;
                        throw ErrorAt(o, "unterminated object: no '}' matches this '{'", "add '}' to close the object opened here");
                    }

                    return;
                case HoconTokenKind.Comma:
                    throw ErrorAt(token, "unexpected ','", "remove the extra comma; fields are separated by one ',' or a newline");
                default:
                    break;
            }

            if (IsIncludeKeyword())
            {
                _keyPath = outerKey;
                ParseInclude(target, prefix);
            }
            else
            {
                ParseField(target, prefix, outerKey);
            }

            SkipWhitespace();
            HoconToken after = Peek();
            switch (after.Kind)
            {
                case HoconTokenKind.Comma:
                    Next();
                    break;
                case HoconTokenKind.Newline:
                case HoconTokenKind.CloseBrace:
                case HoconTokenKind.EndOfFile:
                    break;
                default:
                    throw ErrorAt(after, $"expected ',' or a newline after the value, found {Describe(after)}", "put each field on its own line or separate fields with ','; quote values containing special characters");
            }
        }
    }

    private void ParseField(ObjectNode target, string[] prefix, string parentKeyPath)
    {
        _keyPath = parentKeyPath;
        string[] key = ParseKey();
        string[] full = [.. prefix, .. key];
        if (full.Length > HoconParseContext.MaxNesting)
        {
            throw ErrorAt(Peek(), $"key path nested deeper than {HoconParseContext.MaxNesting} levels", "flatten the configuration");
        }

        _keyPath = parentKeyPath;
        foreach (string segment in key)
        {
            _keyPath = HoconPaths.Append(_keyPath, segment);
        }

        SkipWhitespaceAndNewlines();
        HoconToken separator = Peek();
        HoconNode value;
        switch (separator.Kind)
        {
            case HoconTokenKind.OpenBrace:
                value = ParseValue(full);
                break;
            case HoconTokenKind.Colon:
            case HoconTokenKind.Equals:
                Next();
                SkipWhitespaceAndNewlines();
                value = ParseValue(full);
                break;
            case HoconTokenKind.PlusEquals:
                Next();
                SkipWhitespaceAndNewlines();
                value = BuildAppend(full, ParseValue(full), separator);
                break;
            default:
                throw ErrorAt(separator, $"expected ':', '=' or '{{' after the key, found {Describe(separator)}", "write fields as key = value, key : value or key { ... }");
        }

        Assign(target, prefix, key, FoldSelfReference(value, full));
    }

    private string[] ParseKey()
    {
        var builder = new PathExpressionBuilder();
        HoconToken first = Peek();
        bool any = false;
        string? pendingWhitespace = null;
        while (true)
        {
            HoconToken token = Peek();
            switch (token.Kind)
            {
                case HoconTokenKind.Unquoted:
                case HoconTokenKind.QuotedString:
                    if (pendingWhitespace is not null)
                    {
                        builder.AddWhitespace(pendingWhitespace);
                        pendingWhitespace = null;
                    }

                    if (token.Kind == HoconTokenKind.Unquoted)
                    {
                        builder.AddUnquoted(token.Text);
                    }
                    else
                    {
                        builder.AddQuoted(token.Text);
                    }

                    any = true;
                    Next();
                    continue;
                case HoconTokenKind.Whitespace when any:
                    pendingWhitespace = (pendingWhitespace ?? string.Empty) + token.Text;
                    Next();
                    continue;
                case HoconTokenKind.TripleQuotedString:
                    throw ErrorAt(token, "a triple-quoted string cannot be a key", "use a normal \"quoted\" key");
                case HoconTokenKind.Substitution:
                    throw ErrorAt(token, "substitutions are not allowed in keys", "write the key literally; substitutions only work in values");
                default:
                    break;
            }

            break;
        }

        if (!any)
        {
            HoconToken token = Peek();
            throw ErrorAt(token, $"expected a key, found {Describe(token)}", "fields look like key = value; quote keys with special characters");
        }

        string[] segments = builder.Finish();
        if (builder.Error is not null)
        {
            throw ErrorAt(first, "invalid key: " + builder.Error, "quote keys that contain dots, e.g. \"a.b\" = 1");
        }

        return segments;
    }

    private HoconNode ParseValue(string[] fieldPath)
    {
        var parts = new List<HoconNode>();
        HoconToken first = Peek();
        bool singleUnquoted = false;
        while (true)
        {
            HoconToken token = Peek();
            SourcePosition position = PositionOf(token);
            switch (token.Kind)
            {
                case HoconTokenKind.Whitespace:
                    if (parts.Count > 0)
                    {
                        parts.Add(new ScalarNode(position, HoconScalarKind.String, token.Text, isWhitespace: true));
                    }

                    Next();
                    continue;
                case HoconTokenKind.QuotedString:
                case HoconTokenKind.TripleQuotedString:
                    parts.Add(new ScalarNode(position, HoconScalarKind.String, token.Text));
                    Next();
                    continue;
                case HoconTokenKind.Unquoted:
                    singleUnquoted = parts.Count == 0;
                    parts.Add(new ScalarNode(position, HoconScalarKind.String, token.Text));
                    Next();
                    continue;
                case HoconTokenKind.Substitution:
                    parts.Add(MakeSubstitution(token, fieldPath));
                    Next();
                    continue;
                case HoconTokenKind.OpenBrace:
                    parts.Add(ParseObjectLiteral(fieldPath));
                    continue;
                case HoconTokenKind.OpenBracket:
                    parts.Add(ParseArray(fieldPath));
                    continue;
                case HoconTokenKind.Colon:
                case HoconTokenKind.Equals:
                case HoconTokenKind.PlusEquals:
                    throw ErrorAt(token, $"unexpected {Describe(token)} in a value", "quote values that contain ':' or '=', and separate fields with a newline or ','");
                default:
                    break;
            }

            break;
        }

        while (parts.Count > 0 && parts[^1] is ScalarNode { IsWhitespace: true })
        {
            parts.RemoveAt(parts.Count - 1);
        }

        if (parts.Count == 0)
        {
            HoconToken token = Peek();
            throw ErrorAt(token, $"expected a value, found {Describe(token)}", "write a value after the separator, e.g. key = 1 (use \"\" for an empty string)");
        }

        if (parts.Count == 1)
        {
            return singleUnquoted ? Classify((ScalarNode)parts[0]) : parts[0];
        }

        return new ConcatNode(PositionOf(first), parts, _keyPath);
    }

    private ObjectNode ParseObjectLiteral(string[] fieldPath)
    {
        HoconToken open = Next();
        EnterNesting(open);
        var node = new ObjectNode(PositionOf(open));
        _context.Frames.Add(new HoconParseFrame(fieldPath, node));
        ParseObjectBody(node, fieldPath, open);
        _context.Frames.RemoveAt(_context.Frames.Count - 1);
        _context.Nesting--;
        return node;
    }

    private ArrayNode ParseArray(string[] fieldPath)
    {
        HoconToken open = Next();
        EnterNesting(open);
        string keyPath = _keyPath;
        var items = new List<HoconNode>();

        // Array elements are not fields: a substitution inside one is never a self-reference, and
        // fields of objects inside the array live under a segment no substitution path can name.
        string[] elementPath = [.. fieldPath, ArrayElementSegment];
        while (true)
        {
            SkipWhitespaceAndNewlines();
            HoconToken token = Peek();
            if (token.Kind == HoconTokenKind.CloseBracket)
            {
                Next();
                break;
            }

            if (token.Kind == HoconTokenKind.EndOfFile)
            {
                throw ErrorAt(open, "unterminated array: no ']' matches this '['", "add ']' to close the array opened here");
            }

            if (token.Kind == HoconTokenKind.Comma)
            {
                throw ErrorAt(token, "unexpected ',' in array", "remove the extra comma; arrays look like [1, 2, 3]");
            }

            _keyPath = HoconPaths.AppendIndex(keyPath, items.Count);
            items.Add(ParseValue(elementPath));
            _keyPath = keyPath;
            SkipWhitespace();
            HoconToken after = Peek();
            switch (after.Kind)
            {
                case HoconTokenKind.Comma:
                    Next();
                    break;
                case HoconTokenKind.Newline:
                case HoconTokenKind.CloseBracket:
                case HoconTokenKind.EndOfFile:
                    break;
                default:
                    throw ErrorAt(after, $"expected ',' or ']' in array, found {Describe(after)}", "separate array elements with ',' or newlines and close the array with ']'");
            }
        }

        _context.Nesting--;
        return new ArrayNode(PositionOf(open), items);
    }

    private void EnterNesting(HoconToken token)
    {
        if (++_context.Nesting > HoconParseContext.MaxNesting)
        {
            throw ErrorAt(token, $"objects and arrays nested deeper than {HoconParseContext.MaxNesting} levels", "flatten the configuration");
        }
    }

    private static ScalarNode Classify(ScalarNode unquoted)
    {
        string text = unquoted.Text;
        HoconScalarKind kind = text switch
        {
            "true" or "false" => HoconScalarKind.Boolean,
            "null" => HoconScalarKind.Null,
            _ => HoconNumbers.IsNumber(text) ? HoconScalarKind.Number : HoconScalarKind.String,
        };
        return kind == HoconScalarKind.String ? unquoted : new ScalarNode(unquoted.Position, kind, text);
    }

    private static void Assign(ObjectNode target, string[] prefix, string[] key, HoconNode value)
    {
        HoconNode node = value;
        for (int j = key.Length - 1; j >= 1; j--)
        {
            var wrapper = new ObjectNode(value.Position);
            wrapper.Fields.Add(key[j], node);
            node = wrapper;
        }

        if (target.Fields.TryGetValue(key[0], out HoconNode? existing))
        {
            target.Fields[key[0]] = HoconMerger.Merge(node, existing, [.. prefix, key[0]]);
        }
        else
        {
            target.Fields.Add(key[0], node);
        }
    }

    private HoconToken Peek(int ahead = 0)
    {
        int target = _index + ahead;
        while (_tokens.Count <= target)
        {
            bool more;
            try
            {
                more = _lexer.Step();
            }
            catch (HoconException e) when (e.KeyPath.Length == 0 && _keyPath.Length > 0)
            {
                throw new HoconException(e.Position, _keyPath, e.Reason, e.Hint);
            }

            if (!more)
            {
                return _tokens[^1];
            }
        }

        return _tokens[target];
    }

    private HoconToken Next()
    {
        HoconToken token = Peek();
        if (token.Kind != HoconTokenKind.EndOfFile)
        {
            _index++;
        }

        return token;
    }

    private void SkipWhitespace()
    {
        while (Peek().Kind == HoconTokenKind.Whitespace)
        {
            Next();
        }
    }

    private void SkipWhitespaceAndNewlines()
    {
        while (Peek().Kind is HoconTokenKind.Whitespace or HoconTokenKind.Newline)
        {
            Next();
        }
    }

    private SourcePosition PositionOf(HoconToken token) => new(_file, token.Line, token.Column);

    private HoconException ErrorAt(HoconToken token, string message, string hint) =>
        new(PositionOf(token), _keyPath, message, hint);

    private static string Describe(HoconToken token) => token.Kind switch
    {
        HoconTokenKind.EndOfFile => "end of input",
        HoconTokenKind.Newline => "a newline",
        HoconTokenKind.QuotedString or HoconTokenKind.TripleQuotedString => $"string \"{Shorten(token.Text)}\"",
        HoconTokenKind.Substitution => "a substitution",
        HoconTokenKind.Whitespace => "whitespace",
        _ => $"'{Shorten(token.Text)}'",
    };

    private static string Shorten(string text) => text.Length <= 30 ? text : text[..27] + "...";
}
