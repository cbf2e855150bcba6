namespace EdgeCascade.Actors.Policies;

/// <summary>One hop of a flow's path and the level whose bitstream travels over it.</summary>
/// <param name="Index">Hop index, 0 for the hop leaving the source.</param>
/// <param name="From">Sending node.</param>
/// <param name="To">Receiving node.</param>
/// <param name="Level">The quantized level sent (the Index-th transmit level of the policy).</param>
public sealed record HopTransmission(int Index, string From, string To, int Level);
