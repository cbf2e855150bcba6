using EdgeCascade.Simulation.Engine;

namespace EdgeCascade.Simulation.Workloads;

/// <summary>An arrival trace file is missing or has a bad line; the message names file and line.</summary>
public sealed class TraceFileException : SimulationInputException
{
    public TraceFileException()
    {
    }

    public TraceFileException(string message)
        : base(message)
    {
    }

    public TraceFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
