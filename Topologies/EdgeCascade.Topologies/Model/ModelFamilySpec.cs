namespace EdgeCascade.Topologies.Model;

/// <summary>The codec family a configuration is written for: flows may only ask for its levels.</summary>
/// <param name="Id">Family id, matched against model cards and profiles.</param>
/// <param name="Levels">Number of quality levels K (levels are 1..K).</param>
public sealed record ModelFamilySpec(string Id, int Levels);
