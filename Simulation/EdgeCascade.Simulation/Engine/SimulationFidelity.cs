namespace EdgeCascade.Simulation.Engine;

/// <summary>How image rates, qualities and compute are obtained.</summary>
public enum SimulationFidelity
{
    /// <summary>Sampled from a measured <c>SimulationProfile</c>: no codec time, million-image scale.</summary>
    Profile,

    /// <summary>Every image runs through the real codec (<c>IExactCodec</c>): bits and PSNR measured.</summary>
    Exact,
}
