namespace EdgeCascade.Codec.Bitstreams;

/// <summary>Parses one container's fields (header included) from a reader positioned at its start.</summary>
internal delegate T PayloadParser<T>(ref PayloadReader reader);
