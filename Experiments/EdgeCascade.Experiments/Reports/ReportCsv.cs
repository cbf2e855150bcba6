using System.Globalization;

namespace EdgeCascade.Experiments.Reports;

/// <summary>
/// Reads the simulator's CSV files (Simulation/SCHEMA.md): the header must match exactly, every row must have as many
/// fields as the header (quoted fields as RFC 4180 says), and numbers are invariant culture. Any deviation is a <see cref="ReportInputException"/>
/// naming the file and line, because a report drawn from a misread file would look right and be wrong.
/// </summary>
public static class ReportCsv
{
    /// <summary>Streams the rows of <paramref name="path"/> (display name <paramref name="source"/>) as (line number, fields).</summary>
    public static IEnumerable<(int Line, string[] Fields)> Rows(string path, string source, string expectedHeader)
    {
        ArgumentNullException.ThrowIfNull(expectedHeader);
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var header = reader.ReadLine();
        if (header is null || header.TrimEnd('\r') != expectedHeader)
        {
            var found = header is null ? "an empty file" : $"header '{Shorten(header.TrimEnd('\r'))}'";
            throw new ReportInputException($"{source}: found {found}, expected '{expectedHeader}'; regenerate it with 'edgecascade simulate' or remove the folder from the report");
        }

        var columns = expectedHeader.Split(',').Length;
        var number = 1;
        var fields = new List<string>(columns);
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            number++;
            var first = number;
            line = line.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            // A quoted name may hold a line break (RFC 4180): the record then continues on the next line.
            while (!Split(line, fields))
            {
                var next = reader.ReadLine()
                    ?? throw new ReportInputException($"{source}:{first}: a quoted field is never closed; regenerate it with 'edgecascade simulate'");
                number++;
                line += "\n" + next.TrimEnd('\r');
            }

            if (fields.Count != columns)
            {
                throw new ReportInputException($"{source}:{first}: expected {columns} comma-separated fields, found {fields.Count}; regenerate it with 'edgecascade simulate'");
            }

            yield return (first, fields.ToArray());
        }
    }

    /// <summary>
    /// Splits one CSV record into <paramref name="fields"/> as RFC 4180 says (the simulator quotes names holding a
    /// comma, quote or line break); false when the text ends inside a quoted field.
    /// </summary>
    internal static bool Split(string record, List<string> fields)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(fields);
        fields.Clear();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < record.Length; i++)
        {
            var c = record[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < record.Length && record[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return !quoted;
    }

    /// <summary>An invariant-culture number, or null for an empty field.</summary>
    public static double? Number(string field, string source, int line, string column)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.Length == 0)
        {
            return null;
        }

        return double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new ReportInputException($"{source}:{line}: {column} '{Shorten(field)}' is not a number; regenerate it with 'edgecascade simulate'");
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "...";
}
