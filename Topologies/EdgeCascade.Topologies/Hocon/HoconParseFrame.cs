namespace EdgeCascade.Topologies.Hocon;

/// <summary>An object literal being parsed: its absolute path and the object receiving its fields.</summary>
internal sealed record HoconParseFrame(string[] Prefix, ObjectNode Builder);
