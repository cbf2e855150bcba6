namespace EdgeCascade.Topologies.Hocon;

/// <summary>
/// Self-references: a substitution naming the field being set (or something inside it) sees the
/// value that field had before this assignment, found here while parsing by looking through the
/// object literals that are still open.
/// </summary>
internal sealed partial class HoconParser
{
    private SubstitutionNode MakeSubstitution(HoconToken token, string[] fieldPath)
    {
        string[] path = token.Path!;
        string[] absolute = [.. _includePrefix, .. path];
        var position = PositionOf(token);
        if (absolute.Length >= fieldPath.Length && absolute.AsSpan(0, fieldPath.Length).SequenceEqual(fieldPath))
        {
            // Self-reference: it sees the value the field had before this assignment.
            HoconNode? prior = FindPrior(fieldPath);
            return new SubstitutionNode(position, path, token.Optional, _includePrefix, _keyPath)
            {
                SelfPath = fieldPath,
                SelfRemainder = absolute[fieldPath.Length..],
                Prior = prior,
                PriorBound = prior is not null,
            };
        }

        return new SubstitutionNode(position, path, token.Optional, _includePrefix, _keyPath);
    }

    private ConcatNode BuildAppend(string[] fieldPath, HoconNode element, HoconToken separator)
    {
        HoconNode? prior = FindPrior(fieldPath);
        var position = PositionOf(separator);
        var self = new SubstitutionNode(position, fieldPath, optional: true, [], _keyPath)
        {
            SelfPath = fieldPath,
            Prior = prior,
            PriorBound = prior is not null,
        };
        return new ConcatNode(position, [self, new ArrayNode(element.Position, [element])], _keyPath);
    }

    /// <summary>The value <paramref name="fieldPath"/> has so far, looking through the open object literals.</summary>
    private HoconNode? FindPrior(string[] fieldPath)
    {
        List<HoconNode>? found = null;
        for (int i = _context.Frames.Count - 1; i >= 0; i--)
        {
            HoconParseFrame frame = _context.Frames[i];
            if (frame.Prefix.Length >= fieldPath.Length || !fieldPath.AsSpan(0, frame.Prefix.Length).SequenceEqual(frame.Prefix))
            {
                continue;
            }

            HoconNode? candidate = Navigate(frame.Builder, fieldPath[frame.Prefix.Length..]);
            if (candidate is null)
            {
                continue;
            }

            found ??= [];
            found.Add(candidate);
            if (candidate is not ObjectNode)
            {
                break;
            }
        }

        if (found is null)
        {
            return null;
        }

        return found.Count == 1 ? found[0] : new MergeNode(found[0].Position, found);
    }

    private static HoconNode? Navigate(ObjectNode start, string[] path)
    {
        HoconNode current = start;
        for (int i = 0; i < path.Length; i++)
        {
            switch (current)
            {
                case ObjectNode obj:
                    if (!obj.Fields.TryGetValue(path[i], out HoconNode? child))
                    {
                        return null;
                    }

                    current = child;
                    break;
                case ScalarNode:
                case ArrayNode:
                    return null;
                default:
                    return new PathIntoNode(current, path[i..]);
            }
        }

        return current;
    }

    /// <summary>
    /// When a field's value is built from its own earlier value (<c>a = ${a} [x]</c>, <c>a += x</c>),
    /// marks it as superseding that value and, for appends to a known array, folds the append now
    /// so that long chains of <c>+=</c> neither nest nor recurse at resolution time.
    /// </summary>
    private static HoconNode FoldSelfReference(HoconNode value, string[] fieldPath)
    {
        SubstitutionNode? self = null;
        List<HoconNode>? appended = [];
        IEnumerable<HoconNode> parts = value is ConcatNode concat ? concat.Parts : [value];
        foreach (HoconNode part in parts)
        {
            if (part is ScalarNode { IsWhitespace: true })
            {
                continue;
            }

            if (self is null && part is SubstitutionNode { PriorBound: true, SelfRemainder.Length: 0, SelfPath: { } selfPath } substitution
                && selfPath.AsSpan().SequenceEqual(fieldPath))
            {
                self = substitution;
            }
            else if (self is not null && part is ArrayNode array && appended is not null)
            {
                appended.AddRange(array.Items);
            }
            else
            {
                appended = null;
            }
        }

        if (appended is not null && value is ConcatNode && self?.Prior is { } prior)
        {
            // Appending to an array the parser still owns: extend it in place (linear for long += chains).
            switch (prior)
            {
                case ArrayNode { Frozen: false } priorArray:
                    priorArray.Items.AddRange(appended);
                    return priorArray;
                case ConcatNode { Parts: [SubstitutionNode { SelfRemainder.Length: 0, SelfPath: { } innerPath }, ArrayNode { Frozen: false } tail] } priorConcat
                    when innerPath.AsSpan().SequenceEqual(fieldPath):
                    tail.Items.AddRange(appended);
                    return priorConcat;
                default:
                    break;
            }
        }

        // Everything that keeps a reference to an earlier value must see it unchanged from now on.
        FreezePriors(value);
        if (self?.Prior is not null)
        {
            value.Supersedes = self.Prior;
        }

        return value;
    }

    private static void FreezePriors(HoconNode value)
    {
        switch (value)
        {
            case SubstitutionNode { Prior: { } prior }:
                HoconMerger.Freeze(prior);
                break;
            case ConcatNode concat:
                foreach (HoconNode part in concat.Parts)
                {
                    FreezePriors(part);
                }

                break;
            default:
                break;
        }
    }
}
