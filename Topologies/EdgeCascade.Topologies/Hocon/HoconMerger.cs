namespace EdgeCascade.Topologies.Hocon;

/// <summary>
/// The spec's merge rules for two values of the same key: objects merge field by field, any other
/// concrete value hides what is below it, and anything unresolved becomes a delayed merge that
/// the resolver finishes. Self-references left unbound while parsing are bound to the lower value here.
/// </summary>
internal static class HoconMerger
{
    /// <summary>
    /// Merges <paramref name="top"/> over <paramref name="bottom"/> at <paramref name="path"/>.
    /// An unfrozen <paramref name="bottom"/> object is updated in place; frozen ones are copied.
    /// </summary>
    public static HoconNode Merge(HoconNode top, HoconNode bottom, string[] path)
    {
        if (ReferenceEquals(top, bottom) || ReferenceEquals(top.Supersedes, bottom))
        {
            return top;
        }

        switch (top)
        {
            case ObjectNode topObject when bottom is ObjectNode bottomObject:
                ObjectNode result = bottomObject.Frozen ? bottomObject.Copy() : bottomObject;
                foreach (KeyValuePair<string, HoconNode> field in topObject.Fields)
                {
                    result.Fields[field.Key] = result.Fields.TryGetValue(field.Key, out HoconNode? below)
                        ? Merge(field.Value, below, [.. path, field.Key])
                        : field.Value;
                }

                return result;
            case ObjectNode when bottom.IsConcrete:
                return top;
            case ObjectNode:
                return Stack(top, bottom);
            case ScalarNode:
            case ArrayNode:
                return Bind(top, path, bottom);
            default:
                return Stack(Bind(top, path, bottom), bottom);
        }
    }

    /// <summary>Marks every object reachable from <paramref name="node"/> as shared (never mutated again).</summary>
    public static void Freeze(HoconNode node)
    {
        switch (node)
        {
            case ObjectNode obj:
                if (obj.Frozen)
                {
                    return;
                }

                obj.Frozen = true;
                foreach (HoconNode child in obj.Fields.Values)
                {
                    Freeze(child);
                }

                break;
            case ArrayNode array:
                if (array.Frozen)
                {
                    return;
                }

                array.Frozen = true;
                foreach (HoconNode item in array.Items)
                {
                    Freeze(item);
                }

                break;
            case ConcatNode concat:
                foreach (HoconNode part in concat.Parts)
                {
                    Freeze(part);
                }

                break;
            case MergeNode merge:
                foreach (HoconNode layer in merge.Stack)
                {
                    Freeze(layer);
                }

                break;
            case PathIntoNode into:
                Freeze(into.Base);
                break;
            default:
                break;
        }
    }

    private static MergeNode Stack(HoconNode top, HoconNode bottom)
    {
        var stack = new List<HoconNode> { top };
        if (bottom is MergeNode lower)
        {
            stack.AddRange(lower.Stack);
        }
        else
        {
            stack.Add(bottom);
        }

        return new MergeNode(top.Position, stack);
    }

    /// <summary>Binds unbound self-references to <paramref name="path"/> inside <paramref name="node"/> to <paramref name="prior"/>.</summary>
    private static HoconNode Bind(HoconNode node, string[] path, HoconNode prior)
    {
        switch (node)
        {
            case SubstitutionNode { PriorBound: false, SelfPath: { } self } substitution when self.AsSpan().SequenceEqual(path):
                Freeze(prior);
                return substitution.BindPrior(prior);
            case ConcatNode concat:
                List<HoconNode>? parts = BindAll(concat.Parts, path, prior);
                return parts is null ? node : new ConcatNode(concat.Position, parts, concat.KeyPath);
            case ArrayNode array:
                List<HoconNode>? items = BindAll(array.Items, path, prior);
                return items is null ? node : new ArrayNode(array.Position, items);
            case MergeNode merge:
                List<HoconNode>? layers = BindAll(merge.Stack, path, prior);
                return layers is null ? node : new MergeNode(merge.Position, layers);
            default:
                return node;
        }
    }

    private static List<HoconNode>? BindAll(List<HoconNode> nodes, string[] path, HoconNode prior)
    {
        List<HoconNode>? changed = null;
        for (int i = 0; i < nodes.Count; i++)
        {
            HoconNode bound = Bind(nodes[i], path, prior);
            if (!ReferenceEquals(bound, nodes[i]))
            {
                changed ??= [.. nodes];
                changed[i] = bound;
            }
        }

        return changed;
    }
}
