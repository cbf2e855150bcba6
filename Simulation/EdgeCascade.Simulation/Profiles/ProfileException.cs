using EdgeCascade.Simulation.Engine;

namespace EdgeCascade.Simulation.Profiles;

/// <summary>A simulation profile is missing, malformed, for another model family, or lacks an entry a run needs.</summary>
public sealed class ProfileException : SimulationInputException
{
    public ProfileException()
    {
    }

    public ProfileException(string message)
        : base(message)
    {
    }

    public ProfileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
