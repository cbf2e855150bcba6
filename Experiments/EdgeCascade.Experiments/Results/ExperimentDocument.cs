using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace EdgeCascade.Experiments.Results;

/// <summary>A compare document: the common head, then the experiment's own fields, as one JSON object.</summary>
internal static class ExperimentDocument
{
    public static JsonObject Compose<TBody>(ExperimentHeader header, TBody body, JsonTypeInfo<TBody> bodyType)
    {
        var document = JsonSerializer.SerializeToNode(header, ExperimentJsonContext.Default.ExperimentHeader)!.AsObject();
        var fields = JsonSerializer.SerializeToNode(body, bodyType)!.AsObject();
        foreach (var (key, value) in fields.ToList())
        {
            fields.Remove(key);
            document[key] = value;
        }

        return document;
    }
}
