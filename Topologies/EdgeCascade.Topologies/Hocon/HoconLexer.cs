using System.Globalization;
using System.Text;

namespace EdgeCascade.Topologies.Hocon;

/// <summary>
/// Single-pass tokenizer. Comments are dropped (the newline that ends them is kept), inline
/// whitespace is kept as a token because it matters inside value concatenations.
/// </summary>
internal sealed class HoconLexer
{
    private const string ForbiddenCharacters = "$\"{}[]:=,+#`^?!@*&\\";

    private readonly string _text;
    private readonly string _file;
    private readonly List<HoconToken> _tokens = [];
    private bool _done;
    private int _pos;
    private int _line = 1;
    private int _column = 1;

    private HoconLexer(string text, string file)
    {
        _text = text;
        _file = file;
    }

    public HoconLexer(string text, string file, List<HoconToken> sink)
        : this(text, file) => _tokens = sink;

    public static List<HoconToken> Tokenize(string text, string file)
    {
        var lexer = new HoconLexer(text, file);
        while (lexer.Step())
        {
        }

        return lexer._tokens;
    }

    private static readonly bool[] s_forbidden = BuildForbiddenTable();

    public static bool IsForbidden(char c) => c < 128 && s_forbidden[c];

    public static bool IsWhitespace(char c) => c != '\n' && (char.IsWhiteSpace(c) || c == '\uFEFF');

    /// <summary>Lexes the next piece of input into the token list; false once end-of-file was added.</summary>
    public bool Step()
    {
        if (_done)
        {
            return false;
        }

        int before = _tokens.Count;
        while (_pos < _text.Length && _tokens.Count == before)
        {
            char c = _text[_pos];
            int line = _line;
            int column = _column;
            if (c == '\n')
            {
                Advance();
                Add(HoconTokenKind.Newline, "\n", line, column);
            }
            else if (IsWhitespace(c))
            {
                int start = _pos;
                while (_pos < _text.Length && IsWhitespace(_text[_pos]))
                {
                    Advance();
                }

                Add(HoconTokenKind.Whitespace, _text[start.._pos], line, column);
            }
            else if (c == '#' || (c == '/' && Peek(1) == '/'))
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    Advance();
                }
            }
            else
            {
                LexSignificant(c, line, column);
            }
        }

        if (_tokens.Count == before)
        {
            Add(HoconTokenKind.EndOfFile, string.Empty, _line, _column);
            _done = true;
        }

        return true;
    }

    private void LexSignificant(char c, int line, int column)
    {
        switch (c)
        {
            case '{':
                Single(HoconTokenKind.OpenBrace, line, column);
                break;
            case '}':
                Single(HoconTokenKind.CloseBrace, line, column);
                break;
            case '[':
                Single(HoconTokenKind.OpenBracket, line, column);
                break;
            case ']':
                Single(HoconTokenKind.CloseBracket, line, column);
                break;
            case ',':
                Single(HoconTokenKind.Comma, line, column);
                break;
            case ':':
                Single(HoconTokenKind.Colon, line, column);
                break;
            case '=':
                Single(HoconTokenKind.Equals, line, column);
                break;
            case '+':
                if (Peek(1) != '=')
                {
                    throw Error(line, column, "'+' is only valid as part of '+='", "quote the value if '+' belongs to it, e.g. \"a+b\"");
                }

                Advance();
                Advance();
                Add(HoconTokenKind.PlusEquals, "+=", line, column);
                break;
            case '"':
                if (Peek(1) == '"' && Peek(2) == '"')
                {
                    LexTripleQuoted(line, column);
                }
                else
                {
                    Add(HoconTokenKind.QuotedString, LexQuoted(line, column), line, column);
                }

                break;
            case '$':
                if (Peek(1) != '{')
                {
                    throw Error(line, column, "'$' must start a substitution such as ${path}", "quote the value if '$' belongs to it, e.g. \"$5\"");
                }

                LexSubstitution(line, column);
                break;
            default:
                if (IsForbidden(c))
                {
                    throw Error(line, column, $"reserved character '{c}' outside a quoted string", "put the value in double quotes");
                }

                Add(HoconTokenKind.Unquoted, LexUnquotedText(), line, column);
                break;
        }
    }

    private string LexUnquotedText()
    {
        int start = _pos;
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c == '\n' || IsWhitespace(c) || IsForbidden(c) || (c == '/' && Peek(1) == '/'))
            {
                break;
            }

            Advance();
        }

        return _text[start.._pos];
    }

    private string LexQuoted(int line, int column)
    {
        Advance();
        var builder = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
            {
                throw Error(line, column, "unterminated quoted string", "close the string with '\"' on the same line, or use \"\"\"triple quotes\"\"\" for multi-line text");
            }

            char c = _text[_pos];
            if (c == '"')
            {
                Advance();
                string value = builder.ToString();
                if (HasUnpairedSurrogate(value))
                {
                    throw Error(line, column, "string contains an unpaired UTF-16 surrogate (from a \\u escape)", "write characters outside the BMP as a surrogate pair, e.g. \\ud83d\\ude00");
                }

                return value;
            }

            if (c == '\\')
            {
                LexEscape(builder);
            }
            else
            {
                builder.Append(c);
                Advance();
            }
        }
    }

    private void LexEscape(StringBuilder builder)
    {
        int line = _line;
        int column = _column;
        Advance();
        if (_pos >= _text.Length)
        {
            throw Error(line, column, "backslash at end of input", "escape a backslash as \\\\");
        }

        char e = _text[_pos];
        Advance();
        switch (e)
        {
            case '"': builder.Append('"'); break;
            case '\\': builder.Append('\\'); break;
            case '/': builder.Append('/'); break;
            case 'b': builder.Append('\b'); break;
            case 'f': builder.Append('\f'); break;
            case 'n': builder.Append('\n'); break;
            case 'r': builder.Append('\r'); break;
            case 't': builder.Append('\t'); break;
            case 'u':
                if (_pos + 4 > _text.Length
                    || !int.TryParse(_text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                {
                    throw Error(line, column, "invalid \\u escape (needs four hex digits)", "write a code point as \\u00e9");
                }

                for (int i = 0; i < 4; i++)
                {
                    Advance();
                }

                builder.Append((char)code);
                break;
            default:
                string shown = e == '\n' ? "newline" : e.ToString();
                throw Error(line, column, $"invalid escape '\\{shown}'", "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX; use \"\"\"triple quotes\"\"\" for raw text");
        }
    }

    private void LexTripleQuoted(int line, int column)
    {
        Advance();
        Advance();
        Advance();
        var builder = new StringBuilder();
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c == '"')
            {
                int run = 0;
                while (_pos < _text.Length && _text[_pos] == '"')
                {
                    run++;
                    Advance();
                }

                if (run >= 3)
                {
                    // The last three quotes of a run close the string; any before them are content.
                    builder.Append('"', run - 3);
                    Add(HoconTokenKind.TripleQuotedString, builder.ToString(), line, column);
                    return;
                }

                builder.Append('"', run);
            }
            else
            {
                builder.Append(c);
                Advance();
            }
        }

        throw Error(line, column, "unterminated triple-quoted string", "close it with \"\"\"");
    }

    private void LexSubstitution(int line, int column)
    {
        Advance();
        Advance();
        bool optional = false;
        if (Peek(0) == '?')
        {
            optional = true;
            Advance();
        }

        var pieces = new List<(HoconTokenKind Kind, string Text)>();
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
            {
                throw Error(line, column, "unterminated substitution", "close it with '}', e.g. ${a.b}");
            }

            char c = _text[_pos];
            if (c == '}')
            {
                Advance();
                break;
            }

            if (IsWhitespace(c))
            {
                int start = _pos;
                while (_pos < _text.Length && IsWhitespace(_text[_pos]))
                {
                    Advance();
                }

                pieces.Add((HoconTokenKind.Whitespace, _text[start.._pos]));
            }
            else if (c == '"')
            {
                pieces.Add((HoconTokenKind.QuotedString, LexQuoted(_line, _column)));
            }
            else if (IsForbidden(c) || (c == '/' && Peek(1) == '/'))
            {
                throw Error(_line, _column, $"character '{c}' is not allowed in a substitution path", "quote path segments with special characters, e.g. ${\"a:b\".c}");
            }
            else
            {
                pieces.Add((HoconTokenKind.Unquoted, LexUnquotedText()));
            }
        }

        int first = 0;
        int last = pieces.Count - 1;
        while (first <= last && pieces[first].Kind == HoconTokenKind.Whitespace)
        {
            first++;
        }

        while (last >= first && pieces[last].Kind == HoconTokenKind.Whitespace)
        {
            last--;
        }

        if (first > last)
        {
            throw Error(line, column, "empty substitution", "name the path to substitute, e.g. ${a.b}");
        }

        var builder = new PathExpressionBuilder();
        for (int i = first; i <= last; i++)
        {
            (HoconTokenKind kind, string text) = pieces[i];
            switch (kind)
            {
                case HoconTokenKind.Whitespace: builder.AddWhitespace(text); break;
                case HoconTokenKind.QuotedString: builder.AddQuoted(text); break;
                default: builder.AddUnquoted(text); break;
            }
        }

        string[] path = builder.Finish();
        if (builder.Error is not null)
        {
            throw Error(line, column, "invalid substitution path: " + builder.Error, "write the path as dot-separated keys, e.g. ${a.b.c}");
        }

        Add(HoconTokenKind.Substitution, _text[(_pos - 1)..(_pos - 1)], line, column, path, optional);
    }

    private static bool[] BuildForbiddenTable()
    {
        var table = new bool[128];
        foreach (char c in ForbiddenCharacters)
        {
            table[c] = true;
        }

        return table;
    }

    public static bool HasUnpairedSurrogate(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    private char Peek(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private void Advance()
    {
        if (_text[_pos] == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }

        _pos++;
    }

    private void Single(HoconTokenKind kind, int line, int column)
    {
        Add(kind, _text[_pos].ToString(), line, column);
        Advance();
    }

    private void Add(HoconTokenKind kind, string text, int line, int column, string[]? path = null, bool optional = false) =>
        _tokens.Add(new HoconToken(kind, text, line, column, path, optional));

    private HoconException Error(int line, int column, string message, string hint) =>
        new(new SourcePosition(_file, line, column), string.Empty, message, hint);
}
