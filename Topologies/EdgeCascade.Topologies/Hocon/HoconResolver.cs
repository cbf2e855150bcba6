using System.Text;

namespace EdgeCascade.Topologies.Hocon;

/// <summary>
/// Resolves substitutions, concatenations and delayed merges of a merged tree into plain objects,
/// arrays and scalars. Results are memoised per node, a node re-entered while it is being resolved
/// is a cycle, and a missing optional value (<c>${?x}</c>) makes its field disappear.
/// </summary>
internal sealed class HoconResolver
{
    /// <summary>Deepest chain of nested resolutions accepted (guards the stack).</summary>
    private const int MaxDepth = 500;

    private readonly ObjectNode _root;
    private readonly Func<string, string?> _environment;
    private readonly Dictionary<HoconNode, HoconNode?> _memo = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<HoconNode> _active = new(ReferenceEqualityComparer.Instance);
    private readonly List<SubstitutionNode> _chain = [];
    private int _depth;

    private HoconResolver(ObjectNode root, HoconLoadOptions options)
    {
        _root = root;
        _environment = options.Environment;
    }

    public static ObjectNode Resolve(ObjectNode root, HoconLoadOptions options)
    {
        var resolver = new HoconResolver(root, options);
        var result = (ObjectNode)resolver.ResolveNode(root, string.Empty)!;
        HoconMerger.Freeze(result);
        return result;
    }

    /// <summary>Merges two resolved objects (top wins) into a new object.</summary>
    public static ObjectNode MergeResolved(ObjectNode top, ObjectNode bottom)
    {
        ObjectNode result = bottom.Copy();
        foreach (KeyValuePair<string, HoconNode> field in top.Fields)
        {
            result.Fields[field.Key] = result.Fields.TryGetValue(field.Key, out HoconNode? below)
                && field.Value is ObjectNode topChild && below is ObjectNode bottomChild
                ? MergeResolved(topChild, bottomChild)
                : field.Value;
        }

        return result;
    }

    /// <summary>Null means "undefined": an optional substitution that found nothing.</summary>
    private HoconNode? ResolveNode(HoconNode node, string path)
    {
        if (node is ScalarNode)
        {
            return node;
        }

        if (_memo.TryGetValue(node, out HoconNode? done))
        {
            return done;
        }

        if (!_active.Add(node))
        {
            throw CycleError(node, path);
        }

        if (++_depth > MaxDepth)
        {
            throw new HoconException(node.Position, path, $"substitutions or nesting deeper than {MaxDepth} levels", "simplify the chain of substitutions");
        }

        HoconNode? result = node switch
        {
            ObjectNode obj => ResolveObject(obj, path),
            ArrayNode array => ResolveArray(array, path),
            SubstitutionNode substitution => ResolveSubstitution(substitution),
            ConcatNode concat => ResolveConcat(concat),
            MergeNode merge => ResolveMerge(merge, path),
            PathIntoNode into => ResolvePathInto(into, path),
            _ => node,
        };

        _depth--;
        _active.Remove(node);
        _memo[node] = result;
        if (result is not null)
        {
            _memo.TryAdd(result, result);
        }

        return result;
    }

    private ObjectNode ResolveObject(ObjectNode obj, string path)
    {
        var result = new ObjectNode(obj.Position);
        foreach (KeyValuePair<string, HoconNode> field in obj.Fields)
        {
            HoconNode? value = ResolveNode(field.Value, HoconPaths.Append(path, field.Key));
            if (value is not null)
            {
                result.Fields.Add(field.Key, value);
            }
        }

        return result;
    }

    private ArrayNode ResolveArray(ArrayNode array, string path)
    {
        var items = new List<HoconNode>(array.Items.Count);
        for (int i = 0; i < array.Items.Count; i++)
        {
            HoconNode? value = ResolveNode(array.Items[i], HoconPaths.AppendIndex(path, i));
            if (value is not null)
            {
                items.Add(value);
            }
        }

        return new ArrayNode(array.Position, items);
    }

    private HoconNode? ResolveSubstitution(SubstitutionNode substitution)
    {
        _chain.Add(substitution);
        try
        {
            HoconNode? found = substitution.SelfPath is not null ? LookupSelf(substitution) : LookupNormal(substitution);
            if (found is not null)
            {
                return found;
            }

            string variable = HoconPaths.Render(substitution.Path);
            string? fromEnvironment = _environment(variable);
            if (!string.IsNullOrEmpty(fromEnvironment))
            {
                return new ScalarNode(substitution.Position, HoconScalarKind.String, fromEnvironment);
            }

            if (substitution.Optional)
            {
                return null;
            }

            string reason = substitution.SelfPath is not null
                ? $"self-referential substitution {substitution.DisplayText} has no earlier value to refer to"
                : $"unresolved substitution {substitution.DisplayText}";
            throw new HoconException(
                substitution.Position,
                substitution.KeyPath,
                reason,
                $"define '{variable}' in the configuration (or a fallback), set environment variable '{variable}', or write ${{?{variable}}} to make it optional");
        }
        finally
        {
            _chain.RemoveAt(_chain.Count - 1);
        }
    }

    private HoconNode? LookupSelf(SubstitutionNode substitution)
    {
        if (substitution.Prior is null)
        {
            return null;
        }

        HoconNode? prior = ResolveNode(substitution.Prior, substitution.KeyPath);
        return prior is null ? null : Descend(prior, substitution.SelfRemainder, 0, substitution.KeyPath);
    }

    private HoconNode? LookupNormal(SubstitutionNode substitution)
    {
        if (substitution.IncludePrefix.Length > 0)
        {
            HoconNode? local = Lookup([.. substitution.IncludePrefix, .. substitution.Path]);
            if (local is not null)
            {
                return local;
            }
        }

        return Lookup(substitution.Path);
    }

    /// <summary>Finds a path from the root, resolving only what lies on the way.</summary>
    private HoconNode? Lookup(string[] path) => Descend(_root, path, 0, string.Empty);

    private HoconNode? Descend(HoconNode start, string[] path, int from, string startPath)
    {
        HoconNode current = start;
        string currentPath = startPath;
        for (int i = from; i < path.Length; i++)
        {
            HoconNode? child;
            if (current is not ObjectNode && _active.Contains(current))
            {
                // Looking into a value that is being resolved (a field referring to a sibling inside
                // "a = ${a} { ... }"): find just that field instead of resolving the whole value.
                child = FindChildPartially(current, path[i], currentPath, 0);
            }
            else
            {
                ObjectNode? obj = current as ObjectNode ?? ResolveNode(current, currentPath) as ObjectNode;
                child = obj is not null && obj.Fields.TryGetValue(path[i], out HoconNode? found) ? found : null;
            }

            if (child is null)
            {
                return null;
            }

            current = child;
            currentPath = HoconPaths.Append(currentPath, path[i]);
        }

        return ResolveNode(current, currentPath);
    }

    /// <summary>
    /// The (possibly unresolved) value of <paramref name="key"/> inside an unresolved object-valued
    /// node, looking through its layers without resolving the node itself. Null when absent.
    /// </summary>
    private HoconNode? FindChildPartially(HoconNode node, string key, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new HoconException(node.Position, path, $"substitutions or nesting deeper than {MaxDepth} levels", "simplify the chain of substitutions");
        }

        IEnumerable<HoconNode> layers;
        switch (node)
        {
            case ObjectNode obj:
                return obj.Fields.TryGetValue(key, out HoconNode? child) ? child : null;
            case SubstitutionNode { SelfPath: not null, Prior: { } prior } self:
                HoconNode? start = self.SelfRemainder.Length == 0 ? prior : new PathIntoNode(prior, self.SelfRemainder);
                return FindChildPartially(start, key, path, depth + 1);
            case ConcatNode concat:
                layers = Enumerable.Reverse(concat.Parts);
                break;
            case MergeNode merge:
                layers = merge.Stack;
                break;
            default:
                if (_active.Contains(node))
                {
                    throw CycleError(node, path);
                }

                return ResolveNode(node, path) is ObjectNode resolved && resolved.Fields.TryGetValue(key, out HoconNode? value) ? value : null;
        }

        var candidates = new List<HoconNode>();
        foreach (HoconNode layer in layers)
        {
            if (layer is ScalarNode { IsWhitespace: true })
            {
                continue;
            }

            if (layer is ScalarNode or ArrayNode)
            {
                break;
            }

            HoconNode? found = FindChildPartially(layer, key, path, depth + 1);
            if (found is null)
            {
                continue;
            }

            candidates.Add(found);
            if (found is ScalarNode or ArrayNode)
            {
                break;
            }
        }

        return candidates.Count switch
        {
            0 => null,
            1 => candidates[0],
            _ => new MergeNode(candidates[0].Position, candidates),
        };
    }

    private HoconNode? ResolvePathInto(PathIntoNode into, string path)
    {
        HoconNode? baseValue = ResolveNode(into.Base, path);
        return baseValue is null ? null : Descend(baseValue, into.Rest, 0, path);
    }

    private HoconNode? ResolveMerge(MergeNode merge, string path)
    {
        ObjectNode? accumulated = null;
        foreach (HoconNode layer in merge.Stack)
        {
            HoconNode? value = ResolveNode(layer, path);
            if (value is null)
            {
                continue;
            }

            if (value is ObjectNode obj)
            {
                accumulated = accumulated is null ? obj : MergeResolved(accumulated, obj);
                continue;
            }

            return accumulated ?? value;
        }

        return accumulated;
    }

    private HoconNode? ResolveConcat(ConcatNode concat)
    {
        var values = new List<HoconNode?>(concat.Parts.Count);
        HoconNode? firstStructured = null;
        HoconNode? firstScalar = null;
        foreach (HoconNode part in concat.Parts)
        {
            HoconNode? value = part is ScalarNode { IsWhitespace: true } ? part : ResolveNode(part, concat.KeyPath);
            values.Add(value);
            if (value is ObjectNode or ArrayNode)
            {
                firstStructured ??= value;
            }
            else if (value is ScalarNode { IsWhitespace: false })
            {
                firstScalar ??= value;
            }
        }

        if (firstStructured is not null)
        {
            return ConcatStructured(concat, values, firstStructured, firstScalar);
        }

        if (firstScalar is null)
        {
            // Only whitespace and undefined optional substitutions: the field itself is undefined.
            return null;
        }

        var builder = new StringBuilder();
        foreach (HoconNode? value in values)
        {
            // The spec turns a substituted null into an empty string (a literal unquoted null stays text).
            if (value is ScalarNode { Kind: not HoconScalarKind.Null } scalar)
            {
                builder.Append(scalar.Text);
            }
        }

        return new ScalarNode(concat.Position, HoconScalarKind.String, builder.ToString());
    }

    private static HoconNode ConcatStructured(ConcatNode concat, List<HoconNode?> values, HoconNode firstStructured, HoconNode? firstScalar)
    {
        if (firstScalar is not null)
        {
            bool scalarFirst = values.IndexOf(firstScalar) < values.IndexOf(firstStructured);
            (HoconNode left, HoconNode right) = scalarFirst ? (firstScalar, firstStructured) : (firstStructured, firstScalar);
            throw new HoconException(
                concat.Position,
                concat.KeyPath,
                $"cannot concatenate {Describe(left)} with {Describe(right)}",
                "arrays concatenate only with arrays and objects only with objects; quote the whole value if it is text, and use '+=' only on arrays");
        }

        HoconNode? result = null;
        foreach (HoconNode? value in values)
        {
            if (value is null or ScalarNode)
            {
                continue;
            }

            if (result is null)
            {
                result = value;
            }
            else if (result is ArrayNode left && value is ArrayNode right)
            {
                result = new ArrayNode(left.Position, [.. left.Items, .. right.Items]);
            }
            else if (result is ObjectNode lower && value is ObjectNode upper)
            {
                result = MergeResolved(upper, lower);
            }
            else
            {
                throw new HoconException(
                    concat.Position,
                    concat.KeyPath,
                    $"cannot concatenate {Describe(result)} with {Describe(value)}",
                    "arrays concatenate only with arrays and objects only with objects; '+=' appends to an array");
            }
        }

        return result!;
    }

    private HoconException CycleError(HoconNode node, string path)
    {
        string chain = _chain.Count == 0
            ? "a value refers to itself"
            : string.Join(" -> ", _chain.Select(s => s.DisplayText));
        SourcePosition position = _chain.Count > 0 ? _chain[^1].Position : node.Position;
        string keyPath = _chain.Count > 0 ? _chain[^1].KeyPath : path;
        return new HoconException(position, keyPath, $"substitution cycle: {chain}", "break the cycle: one of these values must not depend on the others");
    }

    private static string Describe(HoconNode node) => node switch
    {
        ObjectNode => "an object",
        ArrayNode => "an array",
        ScalarNode { Kind: HoconScalarKind.Number } s => $"number {s.Text}",
        ScalarNode { Kind: HoconScalarKind.Boolean } s => $"boolean {s.Text}",
        ScalarNode { Kind: HoconScalarKind.Null } => "null",
        ScalarNode s => $"string \"{s.Text}\"",
        _ => "a value",
    };
}
