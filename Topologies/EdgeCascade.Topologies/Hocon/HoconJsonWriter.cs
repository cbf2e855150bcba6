using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EdgeCascade.Topologies.Hocon;

/// <summary>Writes resolved trees as JSON; numbers keep their source text where it is valid JSON.</summary>
internal static class HoconJsonWriter
{
    public static string Write(HoconNode node, string path, bool indented)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = indented,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = false,
        }))
        {
            WriteNode(writer, node, path);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Replaces unpaired surrogates (possible in text passed to LoadString) so the JSON stays valid.</summary>
    private static string Sanitize(string text)
    {
        if (!HoconLexer.HasUnpairedSurrogate(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(text, i, 2);
                i++;
            }
            else
            {
                builder.Append(char.IsSurrogate(text[i]) ? '\uFFFD' : text[i]);
            }
        }

        return builder.ToString();
    }

    private static void WriteNode(Utf8JsonWriter writer, HoconNode node, string path)
    {
        switch (node)
        {
            case ObjectNode obj:
                writer.WriteStartObject();
                foreach (KeyValuePair<string, HoconNode> field in obj.Fields)
                {
                    writer.WritePropertyName(Sanitize(field.Key));
                    WriteNode(writer, field.Value, HoconPaths.Append(path, field.Key));
                }

                writer.WriteEndObject();
                break;
            case ArrayNode array:
                writer.WriteStartArray();
                for (int i = 0; i < array.Items.Count; i++)
                {
                    WriteNode(writer, array.Items[i], HoconPaths.AppendIndex(path, i));
                }

                writer.WriteEndArray();
                break;
            case ScalarNode scalar:
                switch (scalar.Kind)
                {
                    case HoconScalarKind.Number:
                        writer.WriteRawValue(HoconNumbers.ToJsonNumber(scalar.Text));
                        break;
                    case HoconScalarKind.Boolean:
                        writer.WriteBooleanValue(scalar.Text == "true");
                        break;
                    case HoconScalarKind.Null:
                        writer.WriteNullValue();
                        break;
                    default:
                        writer.WriteStringValue(Sanitize(scalar.Text));
                        break;
                }

                break;
            default:
                throw new HoconException(node.Position, path, "cannot write an unresolved value as JSON", "resolve the configuration first (HoconLoader.Resolve)");
        }
    }
}
