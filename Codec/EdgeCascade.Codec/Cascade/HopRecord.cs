namespace EdgeCascade.Codec.Cascade;

/// <summary>One transmission of a cascade run: the level it carried and its size on the wire.</summary>
/// <param name="Hop">0-based hop index along the path.</param>
/// <param name="Level">Level whose entropy model coded the hop.</param>
/// <param name="Bytes">Bytes of the hyper and main streams.</param>
public readonly record struct HopRecord(int Hop, int Level, int Bytes);
